import { afterEach, describe, expect, it, vi } from "vitest";
import { beatingWhile, GROUP, isRebalance } from "../../function/run-loop";

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
