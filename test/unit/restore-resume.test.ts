// --resume with sends in flight: of the sends a partition had in flight (they land in order), the first k are
// written exactly when the target's end moved by their counts; any other move is refused.
import { describe, expect, it } from "vitest";
import { resumeInFlight, type Checkpoint, type InFlight } from "../../cli/restore";
import { EMPTY_DIGEST, addHashes, combine, recordHash } from "../../cli/restore-check";

const digest = (from: number, n: number) => addHashes(EMPTY_DIGEST, Array.from({ length: n }, (_, i) => recordHash(from + i, "0", null, Buffer.from(`v${from + i}`), [])));
// Partition 0 restored up to source offset 99 (10 records at target offsets 0-9); two sends in flight:
// source 100-101 (2 records, resolving a group at 101) and 102-104 (3 records, resolving a group at 103).
const sends = (): InFlight[] => [
  { lastOffset: 101, counts: { 0: 2 }, digests: { 0: digest(10, 2) }, resolves: { "101": 1 } },
  { lastOffset: 104, counts: { 0: 3 }, digests: { 0: digest(12, 3) }, resolves: { "103": 1 } },
];
const checkpoint = (): Checkpoint => ({
  source: { bucket: "b", prefix: "", instanceId: "i", topic: "t" },
  targetTopic: "target",
  selection: { repartition: false },
  restored: { 0: 99 },
  targetEnds: { 0: "10" },
  targetStarts: { 0: "0" },
  inFlight: { 0: sends() },
  groups: [],
  positions: {},
  sent: { 0: digest(0, 10) },
  complete: false,
});
const resume = (end: number) => {
  const c = checkpoint();
  const after = new Map([[0, 99]]);
  resumeInFlight(c, new Map([[0, String(end)]]), "target", after);
  return { c, after: after.get(0) };
};

describe("resumeInFlight", () => {
  it("counts none, the first or both of two sends in flight as written, by how far the target moved", () => {
    const none = resume(10);
    expect(none.c).toMatchObject({ restored: { 0: 99 }, targetEnds: { 0: "10" }, inFlight: {}, positions: {}, sent: { 0: digest(0, 10) } });
    expect(none.after).toBe(99);

    const first = resume(12);
    expect(first.c).toMatchObject({ restored: { 0: 101 }, targetEnds: { 0: "12" }, inFlight: {}, positions: { 0: { "101": "11" } }, sent: { 0: digest(0, 12) } });
    expect(first.after).toBe(101);

    const both = resume(15);
    expect(both.c).toMatchObject({ restored: { 0: 104 }, targetEnds: { 0: "15" }, inFlight: {}, positions: { 0: { "101": "11", "103": "13" } }, sent: { 0: digest(0, 15) } });
    expect(both.after).toBe(104);
    expect(combine(digest(0, 10), combine(digest(10, 2), digest(12, 3)))).toEqual(digest(0, 15));
  });

  it("refuses a move no number of the sends in flight makes, naming the moves they would make", () => {
    expect(() => resume(13)).toThrow('cannot resume exactly: target partition(s) 0 of "target" moved by 3 record(s), while the 2 sends in flight, written in order, would move it by 0 or 2 or 5: something else writes to "target"');
    expect(() => resume(16)).toThrow("moved by 6 record(s)");
  });
});
