import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ObjectBudget } from "../../function/object-budget";
import { objectFormat } from "../../function/formats/writers";
import { PartitionWriter, type WriterContext } from "../../function/partition-writer";
import { applyAssignment, beatingWhile, GROUP, isRebalance } from "../../function/run-loop";

describe("beatingWhile", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("heartbeats every interval while an upload or commit waits, and stops when it is done", async () => {
    vi.useFakeTimers();
    const heartbeat = vi.fn(async () => undefined);
    let done!: (v: string) => void;
    const waiting = beatingWhile(new Promise<string>((r) => (done = r)), heartbeat);
    await vi.advanceTimersByTimeAsync(3.5 * GROUP.heartbeatInterval);
    expect(heartbeat).toHaveBeenCalledTimes(3);
    done("stored");
    expect(await waiting).toBe("stored");
    await vi.advanceTimersByTimeAsync(3 * GROUP.heartbeatInterval);
    expect(heartbeat).toHaveBeenCalledTimes(3);
  });

  it("stops beating after a heartbeat fails (a rebalance), and still waits for the work", async () => {
    vi.useFakeTimers();
    const heartbeat = vi.fn(async () => {
      throw new Error("The group is rebalancing");
    });
    let done!: () => void;
    const waiting = beatingWhile(new Promise<void>((r) => (done = r)), heartbeat);
    await vi.advanceTimersByTimeAsync(5 * GROUP.heartbeatInterval);
    expect(heartbeat).toHaveBeenCalledTimes(1);
    done();
    await waiting;
  });

  it("returns what needs no waiting as it is, without a heartbeat", async () => {
    const heartbeat = vi.fn(async () => undefined);
    expect(await beatingWhile(true, heartbeat)).toBe(true);
    expect(heartbeat).not.toHaveBeenCalled();
  });
});

describe("isRebalance", () => {
  it("tells a rebalance, also wrapped by kafkajs, from a failure of the partition", () => {
    expect(isRebalance({ type: "REBALANCE_IN_PROGRESS" })).toBe(true);
    expect(isRebalance({ type: "KAFKAJS_ERROR", cause: { type: "ILLEGAL_GENERATION" } })).toBe(true);
    expect(isRebalance(new Error("503 Slow Down"))).toBe(false);
    expect(isRebalance(undefined)).toBe(false);
  });
});

describe("applyAssignment", () => {
  let ctx: WriterContext;
  // objectFormat is async: zstd loads its WebAssembly.
  beforeAll(async () => {
    ctx = {
      config: { prefix: "", instanceId: "ckafka-1", topic: "orders", format: "jsonl", compression: "none", partitionMaxBytes: 1024 * 1024 },
      storage: {} as WriterContext["storage"],
      budget: new ObjectBudget(4, () => undefined),
      format: await objectFormat({ format: "jsonl", compression: "none", compressionLevel: 6 }),
      commit: async () => undefined,
      pause: () => undefined,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    };
  });
  const writers = () => [0, 1, 2].map((partition) => new PartitionWriter({ partition, startOffset: 0, endOffset: 10, committedOffset: null }, ctx));

  it("gives the run the partitions of its assignment and revokes those it lost", () => {
    const ws = writers();
    const assigned = new Set<number>();
    applyAssignment(ws, assigned, new Set([0, 1]), false);
    expect([...assigned]).toEqual([0, 1]);
    expect(ws.map((w) => w.result.stopReason)).toEqual(["deadline", "deadline", "not-assigned"]);
    applyAssignment(ws, assigned, new Set([1]), false);
    expect([...assigned]).toEqual([1]);
    expect(ws.map((w) => w.result.stopReason)).toEqual(["revoked", "deadline", "not-assigned"]);
  });

  it("after the run stopped reading, a late rejoin (during disconnect) assigns nothing: a partition never read stays not-assigned", () => {
    const ws = writers();
    const assigned = new Set<number>();
    applyAssignment(ws, assigned, new Set([0]), false);
    applyAssignment(ws, assigned, new Set([0, 1, 2]), true);
    expect([...assigned]).toEqual([0]);
    expect(ws.map((w) => w.result.stopReason)).toEqual(["deadline", "not-assigned", "not-assigned"]);
    // A partition lost then is still revoked: its open object must not be committed by this run.
    applyAssignment(ws, assigned, new Set([1]), true);
    expect(ws.map((w) => w.result.stopReason)).toEqual(["revoked", "not-assigned", "not-assigned"]);
  });
});
