import { describe, expect, it } from "vitest";
import { planPartition } from "../../function/run-plan";

// A partition whose log holds offsets 100..199 (log start 100, end 200).
const log = { partition: 2, low: 100, high: 200 };

describe("planPartition", () => {
  it("starts at the committed offset and ends at the end offset read now", () => {
    expect(planPartition({ ...log, committed: 150 }, "latest")).toEqual({
      partition: 2,
      startOffset: 150,
      endOffset: 200,
      committedOffset: 150,
      logStartOffset: 100,
      gap: undefined,
    });
  });

  it("starts at the log start after retention deleted committed-but-unread offsets, and names the gap", () => {
    expect(planPartition({ ...log, committed: 40 }, "earliest")).toMatchObject({ startOffset: 100, gap: { from: 40, to: 100 } });
  });

  it("never starts past the end offset", () => {
    expect(planPartition({ ...log, committed: 250 }, "earliest")).toMatchObject({ startOffset: 200, endOffset: 200 });
  });

  it("without a committed offset (none, or Kafka's -1), starts at the start position", () => {
    expect(planPartition({ ...log }, "earliest").startOffset).toBe(100);
    expect(planPartition({ ...log, committed: -1 }, "latest")).toMatchObject({ startOffset: 200, committedOffset: null });
    expect(planPartition({ ...log, byTime: 170 }, { timestampMs: 1 }).startOffset).toBe(170);
    // A timestamp past every record (-1): nothing to read yet; before the log start: the log start.
    expect(planPartition({ ...log, byTime: -1 }, { timestampMs: 1 }).startOffset).toBe(200);
    expect(planPartition({ ...log, byTime: 20 }, { timestampMs: 1 }).startOffset).toBe(100);
  });
});
