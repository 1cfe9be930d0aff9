// The run's summary log line: one JSON object whose fields CLS can index and alarm on. The backup
// history (the console's "Logs" view) and the alarms read these fields; the manifest has the details.
import type { RunManifest } from "./backup-run";
import type { StopReason } from "./partition-writer";

/** `rejoinNotices`: kafkajs's lines about the group's ordinary rejoins, logged at info level (kafka-log.ts). */
export function runSummary(manifest: RunManifest, durationMs: number, rejoinNotices = 0) {
  const stopReasons: Partial<Record<StopReason, number>> = {};
  for (const p of manifest.partitions) stopReasons[p.stopReason] = (stopReasons[p.stopReason] ?? 0) + 1;
  const gaps = manifest.partitions.flatMap((p) => p.gaps.map((g) => ({ p: p.partition, from: g.from, to: g.to })));
  return {
    runId: manifest.runId,
    topic: manifest.topic,
    groupId: manifest.groupId,
    slot: manifest.slot.slot,
    parallelism: manifest.slot.parallelism,
    ok: manifest.totals.failedPartitions === 0 && !manifest.manifestError,
    durationMs,
    ...manifest.totals,
    lagRecords: manifest.retention.lagRecords,
    retentionHeadroomMs: manifest.retention.headroomMs,
    retentionMs: manifest.retention.retentionMs,
    stopReasons,
    rejoinNotices,
    memoryMiB: manifest.memory.budgetMiB,
    peakRssMiB: manifest.memory.peakRssMiB,
    peakHeapUsedMiB: manifest.memory.peakHeapUsedMiB,
    heapLimitMiB: manifest.memory.heapLimitMiB,
    memoryThrottled: manifest.memory.throttled,
    gapCount: gaps.length,
    lostRecords: gaps.reduce((n, g) => n + (g.to - g.from), 0),
    gaps,
    manifestKey: manifest.manifestKey,
    snapshotProblems: manifest.topicSnapshot?.problems ?? [],
    partitions: manifest.partitions.map((p) => ({ p: p.partition, stop: p.stopReason, records: p.records, committed: p.committedOffset })),
  };
}
