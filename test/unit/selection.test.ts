// Which objects restore and export read for a selection, and which records they take from them.
import { describe, expect, it } from "vitest";
import { UsageError } from "../../cli/errors";
import { selectObjects, selected } from "../../cli/selection";
import { MemoryBackup, T0 } from "../helpers/memory-backup";

const HOUR = 3_600_000;

/** Partition 0: objects at offsets 0-9, 10-19 (08:00), 20-29 (09:00) and one without a time folder (30); partition 1: 0-4. */
async function listing() {
  const b = new MemoryBackup();
  const run = (from: number, to: number, timestamp: number) => Array.from({ length: to - from }, (_, i) => ({ offset: from + i, timestamp }));
  b.object(0, run(0, 10, T0));
  b.object(0, run(10, 20, T0 + 10 * 60_000));
  b.object(0, run(20, 30, T0 + HOUR));
  b.object(0, run(30, 31, -1));
  b.object(1, run(0, 5, T0));
  return b.source().objects();
}
const firstOffsets = (m: Map<number, Array<{ firstOffset: number }>>) => Object.fromEntries([...m].map(([p, os]) => [p, os.map((o) => o.firstOffset)]));

describe("selectObjects", () => {
  it("reads every object of every partition without a selection", async () => {
    expect(firstOffsets(selectObjects(await listing(), {}))).toEqual({ 0: [0, 10, 20, 30], 1: [0] });
  });

  it("keeps the partitions asked for, and refuses one the backup lacks, naming those it has", async () => {
    const l = await listing();
    expect(firstOffsets(selectObjects(l, { partitions: [1] }))).toEqual({ 1: [0] });
    // A selection the backup cannot serve is a usage error (exit 2), not a failed call (exit 3).
    expect(() => selectObjects(l, { partitions: [1, 7] })).toThrow(new UsageError("--partition: the backup has no partition 7; it has partitions 0, 1"));
    expect(() => selectObjects(l, { partitions: [7] })).toThrow(UsageError);
    const one = new Map([...l.partitions].filter(([p]) => p === 0));
    expect(() => selectObjects({ ...l, partitions: one }, { partitions: [1] })).toThrow("--partition: the backup has no partition 1; it has partition 0");
  });

  it("by offset: skips objects wholly before the range and from its end on", async () => {
    const l = await listing();
    expect(firstOffsets(selectObjects(l, { partitions: [0], fromOffset: 10, toOffset: 20 }))).toEqual({ 0: [10] });
    // Offset 15 is inside the second object; offset 20 starts the third, which is then not read.
    expect(firstOffsets(selectObjects(l, { partitions: [0], fromOffset: 15, toOffset: 21 }))).toEqual({ 0: [10, 20] });
    expect(firstOffsets(selectObjects(l, { partitions: [0], fromOffset: 9, toOffset: 10 }))).toEqual({ 0: [0] });
  });

  it("by time: skips objects whose hour folder is wholly outside the range, and always reads those without one", async () => {
    const l = await listing();
    expect(firstOffsets(selectObjects(l, { partitions: [0], fromTimeMs: T0 + HOUR }))).toEqual({ 0: [20, 30] });
    expect(firstOffsets(selectObjects(l, { partitions: [0], fromTimeMs: T0 + HOUR - 1 }))).toEqual({ 0: [0, 10, 20, 30] });
    expect(firstOffsets(selectObjects(l, { partitions: [0], toTimeMs: T0 + HOUR }))).toEqual({ 0: [0, 10, 30] });
    expect(firstOffsets(selectObjects(l, { partitions: [0], toTimeMs: T0 }))).toEqual({ 0: [30] });
  });

  it("resuming: skips what a checkpoint says is restored, per partition", async () => {
    const l = await listing();
    expect(firstOffsets(selectObjects(l, {}, new Map([[0, 19]])))).toEqual({ 0: [20, 30], 1: [0] });
    // The larger of --from-offset and the restored offset counts. A partition's last object is read whatever the
    // offsets asked: its key gives its first offset only.
    expect(firstOffsets(selectObjects(l, { fromOffset: 25 }, new Map([[0, 3]])))).toEqual({ 0: [20, 30], 1: [0] });
    expect(firstOffsets(selectObjects(l, { fromOffset: 3 }, new Map([[0, 25]])))).toEqual({ 0: [20, 30], 1: [0] });
  });
});

describe("selected", () => {
  const record = (offset: number, timestamp: string) => ({ partition: 0, offset, timestamp, key: null, value: null, headers: [] });

  it("takes offsets in [fromOffset, toOffset) after the restored one", () => {
    const s = { fromOffset: 5, toOffset: 8 };
    expect([4, 5, 7, 8].map((o) => selected(record(o, "0"), s))).toEqual([false, true, true, false]);
    expect([5, 6].map((o) => selected(record(o, "0"), s, 5))).toEqual([false, true]);
  });

  it("takes timestamps in [fromTimeMs, toTimeMs), compared exactly past 2^53, and none without a timestamp when a bound is set", () => {
    const s = { fromTimeMs: 2 ** 53, toTimeMs: 2 ** 53 + 2 };
    expect(["9007199254740991", "9007199254740992", "9007199254740993", "9007199254740994"].map((t) => selected(record(0, t), s))).toEqual([false, true, true, false]);
    expect(selected(record(0, "-1"), { fromTimeMs: 0 })).toBe(false);
    expect(selected(record(0, "-1"), {})).toBe(true);
  });
});
