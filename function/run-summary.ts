// The run's summary log line: one JSON object whose fields CLS can index and alarm on. The backup
// history (the console's "Logs" view) and the alarms read these fields; the manifest has the details.
import type { RunManifest, RunReport } from "./backup-run";
import { countStopReasons } from "./stop-reasons";

/** `rejoinNotices`: kafkajs's lines about the group's ordinary rejoins, logged at info level (kafka-log.ts). */
export function runSummary(manifest: RunManifest, durationMs: number, rejoinNotices = 0) {
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
    stopReasons: countStopReasons(manifest.partitions),
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

/**
 * The run's one summary line over all its topics: the figures of runSummary summed (lag) or at their worst
 * (headroom), `topics` with each topic's own, and the topics that failed or a pattern that matched nothing.
 * With one topic the line is that topic's runSummary plus these fields, so single-topic queries and alarms read
 * it as before.
 */
export function reportSummary(report: RunReport, durationMs: number, rejoinNotices = 0) {
  const each = report.manifests.map((m) => runSummary(m, durationMs, rejoinNotices));
  const topics = each.map((s, i) => ({
    topic: s.topic,
    ...(report.manifests[i].kafkaTopic ? { kafkaTopic: report.manifests[i].kafkaTopic, recreated: report.manifests[i].recreated } : {}),
    ok: s.ok,
    records: s.records,
    objects: s.objects,
    storedBytes: s.storedBytes,
    failedPartitions: s.failedPartitions,
    lagRecords: s.lagRecords,
    retentionHeadroomMs: s.retentionHeadroomMs,
    stopReasons: s.stopReasons,
    lostRecords: s.lostRecords,
    manifestKey: s.manifestKey,
  }));
  const failedTopics = report.failedTopics;
  const extra = {
    ...(report.topicSelection.topicPattern !== undefined ? { topicPattern: report.topicSelection.topicPattern } : {}),
    ...(report.unmatchedPattern !== undefined ? { unmatchedPattern: report.unmatchedPattern } : {}),
    topicCount: topics.length,
    failedTopicCount: failedTopics.length,
    failedTopics,
    topics,
  };
  if (each.length === 1) return { ...each[0], ok: each[0].ok && !failedTopics.length, ...extra };
  const sum = (f: (s: (typeof each)[number]) => number) => each.reduce((n, s) => n + f(s), 0);
  const known = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  const headrooms = known(each.map((s) => s.retentionHeadroomMs));
  const lags = each.map((s) => s.lagRecords);
  return {
    runId: report.runId,
    groupId: report.groupId,
    slot: report.slot.slot,
    parallelism: report.slot.parallelism,
    ok: each.every((s) => s.ok) && !failedTopics.length,
    durationMs,
    records: sum((s) => s.records),
    encodedBytes: sum((s) => s.encodedBytes),
    storedBytes: sum((s) => s.storedBytes),
    objects: sum((s) => s.objects),
    failedPartitions: sum((s) => s.failedPartitions),
    // Unknown for the whole run when unknown for a topic.
    lagRecords: lags.some((l) => l === null) ? null : sum((s) => s.lagRecords!),
    retentionHeadroomMs: headrooms.length ? Math.min(...headrooms) : null,
    stopReasons: countStopReasons(report.manifests.flatMap((m) => m.partitions)),
    rejoinNotices,
    memoryMiB: report.memory.budgetMiB,
    peakRssMiB: report.memory.peakRssMiB,
    peakHeapUsedMiB: report.memory.peakHeapUsedMiB,
    heapLimitMiB: report.memory.heapLimitMiB,
    memoryThrottled: report.memory.throttled,
    gapCount: sum((s) => s.gapCount),
    lostRecords: sum((s) => s.lostRecords),
    snapshotProblems: each.flatMap((s) => s.snapshotProblems.map((p) => `${s.topic}: ${p}`)),
    ...extra,
  };
}
