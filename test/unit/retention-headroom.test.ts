import { describe, expect, it } from "vitest";
import type { Kafka } from "kafkajs";
import { SINGLE_INSTANCE, fromEnvironment } from "../../function/config";
import { headroomShortfall, measureRetentionHeadroom, oldestUnbackedTimestamp, positionsOf, type OffsetsAtTime } from "../../function/retention-headroom";

const MIN = 60_000;
const NOW = Date.UTC(2026, 0, 1, 12);

/** Kafka's ListOffsets by time over in-memory partitions (record timestamps by offset, from offset 0), counting lookups. */
function listOffsets(partitions: Record<number, number[]>) {
  const calls = { n: 0 };
  const offsetsAt: OffsetsAtTime = async (t) => {
    calls.n++;
    return new Map(
      Object.entries(partitions).map(([p, ts]) => {
        const i = ts.findIndex((x) => x >= t);
        return [Number(p), i < 0 ? ts.length : i];
      }),
    );
  };
  return { offsetsAt, calls };
}

describe("oldestUnbackedTimestamp", () => {
  it("finds the oldest waiting record across partitions, to the second, rounded down", async () => {
    const { offsetsAt, calls } = listOffsets({
      0: [NOW - 50 * MIN, NOW - 40 * MIN, NOW - 30 * MIN],
      1: [NOW - 55 * MIN + 12_345, NOW - 20 * MIN],
    });
    // Partition 1 backed up through offset 0: its oldest waiting record is NOW-20min; partition 0 waits from offset 1 (NOW-40min).
    const oldest = await oldestUnbackedTimestamp(
      [
        { partition: 0, firstUnbacked: 1, end: 3 },
        { partition: 1, firstUnbacked: 1, end: 2 },
      ],
      offsetsAt,
      NOW - 60 * MIN,
      NOW,
    );
    expect(oldest!.partition).toBe(0);
    expect(NOW - 40 * MIN - oldest!.timestampMs).toBeGreaterThanOrEqual(0);
    expect(NOW - 40 * MIN - oldest!.timestampMs).toBeLessThan(1_000);
    expect(calls.n).toBeLessThanOrEqual(2 + Math.ceil(Math.log2((60 * MIN) / 1_000)) + 1);
  });

  it("is null when every partition is backed up to its end", async () => {
    const { offsetsAt, calls } = listOffsets({ 0: [NOW - MIN] });
    expect(await oldestUnbackedTimestamp([{ partition: 0, firstUnbacked: 1, end: 1 }], offsetsAt, NOW - 60 * MIN, NOW)).toBeNull();
    expect(calls.n).toBe(0);
  });

  it("returns the window's start when the record is already past retention", async () => {
    const { offsetsAt } = listOffsets({ 0: [NOW - 90 * MIN, NOW - MIN] });
    expect(await oldestUnbackedTimestamp([{ partition: 0, firstUnbacked: 0, end: 2 }], offsetsAt, NOW - 60 * MIN, NOW)).toEqual({
      timestampMs: NOW - 60 * MIN,
      partition: 0,
    });
  });

  it("counts a record stamped in the future as written now", async () => {
    const { offsetsAt } = listOffsets({ 0: [NOW + 10 * MIN] });
    expect(await oldestUnbackedTimestamp([{ partition: 0, firstUnbacked: 0, end: 1 }], offsetsAt, NOW - 60 * MIN, NOW)).toEqual({ timestampMs: NOW, partition: 0 });
  });
});

describe("positionsOf", () => {
  const offsets = [
    { partition: 0, low: "10", high: "20" },
    { partition: 1, low: "0", high: "5" },
    { partition: 2, low: "30", high: "40" },
  ];
  it("starts at the committed offset, at the log start when retention passed it, and where the run would start without one", () => {
    const commits = new Map([[0, 15], [2, 25]].map(([p, offset]) => [p, { offset, metadata: null }]));
    expect(positionsOf(offsets, commits, "earliest")).toEqual([
      { partition: 0, firstUnbacked: 15, end: 20 },
      { partition: 1, firstUnbacked: 0, end: 5 },
      { partition: 2, firstUnbacked: 30, end: 40 },
    ]);
    expect(positionsOf(offsets, new Map(), "latest").map((p) => p.firstUnbacked)).toEqual([20, 5, 40]);
    // A timestamp start: the offsets at that time, within the log (none there: the end).
    const byTime = new Map([[0, 12], [1, 5], [2, 25]]);
    expect(positionsOf(offsets, new Map(), { timestampMs: 1 }, byTime).map((p) => p.firstUnbacked)).toEqual([12, 5, 30]);
  });
});

describe("headroomShortfall", () => {
  const r = { headroomMs: 9 * MIN, partition: 3, retentionMs: 60 * MIN, lagRecords: 42 };
  it("names the partition, the headroom, the threshold and the waiting records when headroom is short", () => {
    expect(headroomShortfall(r, 20 * MIN)).toBe(
      "retention may delete records not backed up yet (partition 3) in 9 min, less than the alarm threshold of 20 min; 42 records are waiting",
    );
  });
  it("is silent without a threshold, with enough headroom, or when nothing is waiting", () => {
    expect(headroomShortfall(r, undefined)).toBeUndefined();
    expect(headroomShortfall(r, 5 * MIN)).toBeUndefined();
    expect(headroomShortfall({ ...r, headroomMs: null }, 20 * MIN)).toBeUndefined();
  });
});

describe("measureRetentionHeadroom", () => {
  it("gives up after its time budget, reports why, and never throws", async () => {
    let disconnected = false;
    const hanging = { admin: () => ({ connect: () => new Promise(() => undefined), disconnect: async () => void (disconnected = true) }) } as unknown as Kafka;
    const config = { ...fromEnvironment({ CKB_BROKERS: "127.0.0.1:9092", CKB_TOPIC: "t", CKB_INSTANCE_ID: "ckafka-1", CKB_BUCKET: "b-1250000000", CKB_REGION: "ap-guangzhou", CKB_GROUP_ID: "g" }), topic: "t" };
    const warnings: string[] = [];
    const log = { info: () => undefined, error: () => undefined, warn: (msg: string) => void warnings.push(msg) };
    const r = await measureRetentionHeadroom(hanging, config, log, SINGLE_INSTANCE, NOW, 50);
    expect(r).toEqual({ headroomMs: null, retentionMs: null, lagRecords: null, error: "timed out after 50 ms" });
    expect(disconnected).toBe(true);
    expect(warnings).toEqual(["retention headroom not measured"]);
  });
});
