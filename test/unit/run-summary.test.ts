import { describe, expect, it } from "vitest";
import { reportSummary, topicSummary } from "../../function/run-summary";
import type { PartitionResult, RunManifest, RunReport } from "../../function/contracts";

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

describe("topicSummary", () => {
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
    expect(topicSummary(manifest, 1234, 3)).toMatchObject({
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
    expect(topicSummary({ ...manifest, manifestError: "denied" }, 1).ok).toBe(false);
  });
});

describe("reportSummary", () => {
  const manifest = (topic: string, lagRecords: number, headroomMs: number, stop: PartitionResult["stopReason"]): RunManifest => ({
    runId: "r1",
    topic,
    instanceId: "ckafka-1",
    groupId: "g",
    slot: { slot: 0, parallelism: 1 },
    format: "jsonl",
    startedAt: "",
    endedAt: "",
    deadlineAt: "",
    partitions: [partition(0, stop)],
    totals: { records: 10, encodedBytes: 1000, storedBytes: 300, objects: 1, failedPartitions: stop === "error" ? 1 : 0 },
    manifestKey: `_manifests/${topic}.json`,
    retention: { headroomMs, retentionMs: 3_600_000, lagRecords },
    memory: { budgetMiB: 256, heapLimitMiB: 176, peakRssMiB: 150, peakHeapUsedMiB: 60, collections: 4, throttled: 0 },
  });
  const report = (manifests: RunManifest[], failedTopics: RunReport["failedTopics"] = []): RunReport => ({
    runId: "r1",
    instanceId: "ckafka-1",
    groupId: "g",
    slot: { slot: 0, parallelism: 1 },
    startedAt: "",
    endedAt: "",
    topicSelection: { topics: [], topicPattern: "o.*" },
    manifests,
    failedTopics,
    memory: manifests[0]?.memory ?? { budgetMiB: 256, heapLimitMiB: 176, peakRssMiB: 150, peakHeapUsedMiB: 60, collections: 4, throttled: 0 },
  });

  it("one line over all topics: totals, lag summed, the least headroom, stop reasons counted, each topic's own figures", () => {
    const line = reportSummary(report([manifest("orders", 5, 600_000, "caught-up"), manifest("billing", 7, 60_000, "error")], [{ topic: "gone", error: "not found" }]), 99);
    expect(line).toMatchObject({
      ok: false,
      records: 20,
      objects: 2,
      failedPartitions: 1,
      lagRecords: 12,
      retentionHeadroomMs: 60_000,
      stopReasons: { "caught-up": 1, error: 1 },
      topicPattern: "o.*",
      topicCount: 2,
      failedTopicCount: 1,
      failedTopics: [{ topic: "gone", error: "not found" }],
    });
    expect(line.topics.map((t) => [t.topic, t.ok, t.records, t.lagRecords])).toEqual([["orders", true, 10, 5], ["billing", false, 10, 7]]);
  });

  it("with one topic: that topic's topicSummary fields, plus the per-topic ones", () => {
    const m = manifest("orders", 5, 600_000, "caught-up");
    expect(reportSummary(report([m]), 99)).toMatchObject({ ...topicSummary(m, 99), topicCount: 1, failedTopics: [] });
  });

  it("a pattern matching nothing: said in the line, and still ok", () => {
    expect(reportSummary({ ...report([]), unmatchedPattern: "o.*" }, 1)).toMatchObject({ ok: true, records: 0, topicCount: 0, unmatchedPattern: "o.*" });
  });
});
