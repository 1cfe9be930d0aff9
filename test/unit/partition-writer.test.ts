import type { KafkaMessage } from "kafkajs";
import { beforeAll, describe, expect, it } from "vitest";
import { JsonLinesEncoder } from "../../function/formats/jsonl/encoder";
import { ObjectBudget } from "../../function/object-budget";
import type { ObjectFormat } from "../../function/formats/object-writer";
import { objectFormat } from "../../function/formats/writers";
import { PartitionWriter, type WriterContext } from "../../function/partition-writer";
import type { PartitionPlan } from "../../function/run-plan";
import { MemoryStorage } from "../helpers/memory-storage";

const HOUR_MS = 3_600_000;
const T0 = Date.UTC(2026, 10, 25, 10); // 10:00 UTC

/** Offsets of every record in a stored object. */
function storedOffsets(storage: MemoryStorage): number[] {
  return [...storage.objects.values()].flatMap((b) =>
    b
      .toString("utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).offset as number),
  );
}

function message(offset: number, timestampMs = T0, value = "v"): KafkaMessage {
  return { offset: String(offset), timestamp: String(timestampMs), key: null, value: Buffer.from(value), headers: {}, attributes: 0 } as KafkaMessage;
}

function plan(startOffset: number, endOffset: number, partition = 3): PartitionPlan {
  return { partition, startOffset, endOffset, committedOffset: null };
}

let JSON_LINES: ObjectFormat;
beforeAll(async () => {
  JSON_LINES = await objectFormat({ format: "jsonl", compression: "none", compressionLevel: 0 });
});

function setup(opts: { partitionMaxBytes?: number; maxOpenObjects?: number } = {}) {
  const storage = new MemoryStorage();
  const commits: { partition: number; offset: number; storedThen: number[] }[] = [];
  const paused: number[] = [];
  const errors: object[] = [];
  const ctx: WriterContext = {
    config: { prefix: "backup/", instanceId: "ckafka-1", topic: "orders", format: "jsonl", compression: "none", partitionMaxBytes: opts.partitionMaxBytes ?? 1024 * 1024 },
    storage,
    budget: new ObjectBudget(opts.maxOpenObjects ?? 10, () => undefined),
    format: JSON_LINES,
    // What was durable when each commit was made.
    commit: async (partition, offset) => {
      commits.push({ partition, offset, storedThen: storedOffsets(storage) });
    },
    pause: (partition) => paused.push(partition),
    log: { info: () => undefined, warn: () => undefined, error: (_msg, fields) => errors.push(fields ?? {}) },
  };
  return { storage, commits, paused, errors, ctx };
}

async function appendAll(w: PartitionWriter, messages: KafkaMessage[]): Promise<void> {
  for (const m of messages) expect(await w.append(m, Number(m.offset))).toBe(true);
}

/** Every offset below each committed offset was in a stored object when the commit was made. */
function expectCommitsAfterDurable(commits: { offset: number; storedThen: number[] }[], from: number): void {
  for (const c of commits) {
    for (let o = from; o < c.offset; o++) expect(c.storedThen).toContain(o);
  }
}

describe("PartitionWriter", () => {
  it("cuts an object before a record that would take it past partition_max, and commits each once stored", async () => {
    const line = new JsonLinesEncoder().encode(3, message(100));
    const { storage, commits, ctx } = setup({ partitionMaxBytes: 2 * line });
    const w = new PartitionWriter(plan(100, 105), ctx);
    w.assigned();
    await appendAll(w, [100, 101, 102, 103, 104].map((o) => message(o)));
    await w.finish("caught-up");

    expect([...storage.objects.keys()]).toEqual([
      "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+3+00000000000000000100.jsonl",
      "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+3+00000000000000000102.jsonl",
      "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+3+00000000000000000104.jsonl",
    ]);
    expect(commits.map((c) => c.offset)).toEqual([102, 104, 105]);
    expectCommitsAfterDurable(commits, 100);
    expect(w.result).toMatchObject({ records: 5, committedOffset: 105, lastOffsetWritten: 104, stopReason: "caught-up", slotWaits: 0 });
    expect(w.result.objects.map((o) => [o.firstOffset, o.lastOffset])).toEqual([
      [100, 101],
      [102, 103],
      [104, 104],
    ]);
  });

  it("cuts an object where the records' time folder changes, whatever the size", async () => {
    const { storage, commits, ctx } = setup();
    const w = new PartitionWriter(plan(0, 3), ctx);
    w.assigned();
    await appendAll(w, [message(0, T0 + HOUR_MS - 1), message(1, T0 + HOUR_MS), message(2, T0 + HOUR_MS + 1)]);
    await w.finish("caught-up");
    expect([...storage.objects.keys()]).toEqual([
      "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+3+00000000000000000000.jsonl",
      "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+3+00000000000000000001.jsonl",
    ]);
    expect(commits.map((c) => c.offset)).toEqual([1, 3]);
  });

  it("commits only once the store has confirmed the object, and not at all when it fails", async () => {
    const { storage, commits, errors, ctx } = setup();
    const w = new PartitionWriter(plan(7, 9), ctx);
    w.assigned();
    await appendAll(w, [message(7), message(8)]);
    let letThrough!: () => void;
    storage.gate = new Promise((r) => (letThrough = r));
    const finished = w.finish("caught-up");
    await new Promise((r) => setTimeout(r, 20));
    expect(commits).toEqual([]);
    letThrough();
    await finished;
    expect(commits.map((c) => c.offset)).toEqual([9]);
    expectCommitsAfterDurable(commits, 7);

    const failing = setup();
    failing.storage.failWith = new Error("503 Slow Down");
    const f = new PartitionWriter(plan(7, 9), failing.ctx);
    f.assigned();
    await appendAll(f, [message(7), message(8)]);
    const err = await f.finish("caught-up").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(failing.commits).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("fails naming the partition and the first offset not backed up, and gives back its slot", async () => {
    const line = new JsonLinesEncoder().encode(3, message(10));
    const { storage, commits, paused, errors, ctx } = setup({ partitionMaxBytes: 2 * line, maxOpenObjects: 1 });
    const w = new PartitionWriter(plan(10, 20), ctx);
    w.assigned();
    await appendAll(w, [10, 11, 12].map((o) => message(o)));
    expect(commits.map((c) => c.offset)).toEqual([12]);
    storage.failWith = new Error("503 Slow Down");
    const err = await Promise.resolve(w.append(message(13), 13))
      .then(() => w.append(message(14), 14))
      .catch((e: unknown) => e);
    await w.fail(err);

    expect(w.done).toBe(true);
    expect(w.result).toMatchObject({ stopReason: "error", error: "503 Slow Down", errorOffset: 12, committedOffset: 12 });
    expect(errors).toEqual([{ topic: "orders", partition: 3, offset: 12, error: "503 Slow Down" }]);
    expect(paused).toEqual([3]);
    // The slot came back: another partition can open an object.
    expect(ctx.budget.acquire(4)).toBe(true);
  });

  it("drops its open object when revoked: nothing stored, nothing committed, the slot freed", async () => {
    const { storage, commits, ctx } = setup({ maxOpenObjects: 1 });
    const w = new PartitionWriter(plan(0, 10), ctx);
    w.assigned();
    await appendAll(w, [message(0), message(1)]);
    w.revoked();
    await w.drop();
    expect(w.done).toBe(true);
    expect(w.result.stopReason).toBe("revoked");
    expect(storage.objects.size).toBe(0);
    expect(commits).toEqual([]);
    expect(ctx.budget.acquire(4)).toBe(true);
  });

  it("waits for a slot when every object allowed is open, and pauses its partition", async () => {
    const { paused, ctx } = setup({ maxOpenObjects: 1 });
    const a = new PartitionWriter(plan(0, 10, 0), ctx);
    const b = new PartitionWriter(plan(0, 10, 1), ctx);
    await appendAll(a, [message(0)]);
    expect(await b.append(message(0), 0)).toBe(false);
    b.waitForSlot();
    expect(b.result.slotWaits).toBe(1);
    expect(b.nextOffset).toBe(0);
    expect(paused).toEqual([1]);
  });

  it("commits past records kafkajs filtered out at the end of its plan", async () => {
    const { commits, ctx } = setup();
    const w = new PartitionWriter(plan(0, 5), ctx);
    w.assigned();
    await appendAll(w, [message(0), message(1)]);
    w.passed(4); // 2..4: an aborted transaction and its marker
    expect(w.reachedPlan).toBe(true);
    await w.finish("caught-up");
    expect(commits.map((c) => c.offset)).toEqual([2, 5]);
  });

  it("records a gap when a fetch skipped offsets retention deleted, not when it skipped filtered records", () => {
    const { ctx } = setup();
    const w = new PartitionWriter(plan(0, 100), ctx);
    w.skippedTo(10, 0);
    expect(w.result.gaps).toEqual([]);
    w.skippedTo(50, 40);
    expect(w.result.gaps).toEqual([{ from: 10, to: 40 }]);
    expect(w.nextOffset).toBe(50);
  });

  it("has nothing to do when assigned with an empty plan", () => {
    const { ctx } = setup();
    const w = new PartitionWriter(plan(5, 5), ctx);
    expect(w.result.stopReason).toBe("not-assigned");
    w.assigned();
    expect(w.done).toBe(true);
    expect(w.result.stopReason).toBe("caught-up");
  });
});
