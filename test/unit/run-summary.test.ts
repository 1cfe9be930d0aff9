import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../function/backup-run";
import type { PartitionResult } from "../../function/partition-writer";
import { runSummary } from "../../function/run-summary";

const partition = (p: number, stopReason: PartitionResult["stopReason"], gaps: PartitionResult["gaps"] = []): PartitionResult => ({
  partition: p,
  planned: { start: 0, end: 10 },
  lastOffsetWritten: 9,
  committedOffset: 10,
  records: 10,
  encodedBytes: 1000,
  storedBytes: 300,
  objects: [],
  stopReason,
  gaps,
  slotWaits: 0,
});

describe("runSummary", () => {
  it("carries records, bytes, lag, retention headroom, stop reasons and gaps as fields", () => {
    const manifest: RunManifest = {
      runId: "r1",
      topic: "orders",
      instanceId: "ckafka-1",
      groupId: "g",
      slot: { slot: 1, parallelism: 3 },
      format: "jsonl",
      startedAt: "",
      endedAt: "",
      deadlineAt: "",
      partitions: [partition(0, "caught-up"), partition(1, "deadline", [{ from: 3, to: 8 }]), partition(2, "deadline")],
      totals: { records: 30, encodedBytes: 3000, storedBytes: 900, objects: 3, failedPartitions: 0 },
      manifestKey: "_manifests/x.json",
      retention: { headroomMs: 600_000, partition: 1, retentionMs: 3_600_000, lagRecords: 77 },
      memory: { budgetMiB: 256, heapLimitMiB: 176, peakRssMiB: 150, peakHeapUsedMiB: 60, collections: 4, throttled: 1 },
    };
    expect(runSummary(manifest, 1234, 3)).toMatchObject({
      runId: "r1",
      slot: 1,
      parallelism: 3,
      ok: true,
      durationMs: 1234,
      records: 30,
      storedBytes: 900,
      lagRecords: 77,
      retentionHeadroomMs: 600_000,
      retentionMs: 3_600_000,
      stopReasons: { "caught-up": 1, deadline: 2 },
      gapCount: 1,
      lostRecords: 5,
      gaps: [{ p: 1, from: 3, to: 8 }],
      rejoinNotices: 3,
      memoryMiB: 256,
      peakRssMiB: 150,
      peakHeapUsedMiB: 60,
      heapLimitMiB: 176,
      memoryThrottled: 1,
    });
    expect(runSummary({ ...manifest, manifestError: "denied" }, 1).ok).toBe(false);
  });
});
