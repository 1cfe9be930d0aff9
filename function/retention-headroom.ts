// Retention headroom: how long until Kafka's time-based retention may delete the oldest record this
// backup has not stored yet. It is the one loss a backup cannot undo, so each run measures it and
// reports it (manifest and summary log line), and the handler can fail the run when it is short.
//
// Retention deletes a record once its timestamp is older than the topic's `retention.ms` (whole segments
// at a time, so never earlier than that). The oldest record not backed up is the first offset past the
// group's committed offset (or the log start offset, if retention already passed the commit). Its
// timestamp is found without reading it: Kafka's ListOffsets answers "the first offset whose timestamp is
// at or after t", so a binary search over t finds when that record was written, for all partitions at once.
import { ConfigResourceTypes, type Admin, type Kafka } from "kafkajs";
import type { BackupConfig, InstanceSlot, TopicConfig } from "./config";
import { committedOffsets, offsetsAtTime, type Commit } from "./kafka-offsets";
import { inSlot } from "./partition-assigner";
import { partitionOffsets, planPartition } from "./run-plan";
import type { Logger } from "./backup-run";

export interface RetentionHeadroom {
  /**
   * Milliseconds until retention may delete the oldest record not backed up; 0 when it may do so now.
   * null when no record is waiting, retention is unlimited, or it could not be measured (see `error`).
   */
  headroomMs: number | null;
  /** The partition holding that record. */
  partition?: number;
  /** The topic's `retention.ms`; null when unlimited (-1) or unreadable. */
  retentionMs: number | null;
  /** Records in the topic not backed up yet (end offset minus the first offset not backed up, summed): the lag after the run. */
  lagRecords: number | null;
  /** Why the headroom or the lag could not be measured. */
  error?: string;
}

export interface PartitionPosition {
  partition: number;
  /** The first offset not backed up. */
  firstUnbacked: number;
  /** The log end offset. */
  end: number;
}

/** Per partition, the first offset whose timestamp is at or after t, or the log end offset when there is none. */
export type OffsetsAtTime = (timestampMs: number) => Promise<Map<number, number>>;

/** Search precision: one second is finer than any retention or alarm threshold, and costs ~20 lookups for a week. */
export const PRECISION_MS = 1_000;

/**
 * The timestamp of the oldest record not backed up, to within `precisionMs` (rounded down, so the
 * headroom derived from it errs short), searched in [fromMs, toMs]. `fromMs` when the record is older
 * than that; null when no partition has a record waiting.
 */
export async function oldestUnbackedTimestamp(
  positions: PartitionPosition[],
  offsetsAt: OffsetsAtTime,
  fromMs: number,
  toMs: number,
  precisionMs = PRECISION_MS,
): Promise<{ timestampMs: number; partition: number } | null> {
  const waiting = positions.filter((p) => p.firstUnbacked < p.end);
  if (!waiting.length) return null;
  // Partitions whose oldest waiting record was written before t.
  const olderThan = async (t: number) => {
    const offsets = await offsetsAt(t);
    return waiting.filter((p) => (offsets.get(p.partition) ?? p.end) > p.firstUnbacked).map((p) => p.partition);
  };
  let older = await olderThan(fromMs);
  if (older.length) return { timestampMs: fromMs, partition: older[0] };
  let lo = fromMs;
  let hi = toMs + 1;
  older = await olderThan(hi);
  // Timestamps in the future (a producer's clock ahead): count the record as written now.
  if (!older.length) return { timestampMs: toMs, partition: waiting[0].partition };
  while (hi - lo > precisionMs) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const found = await olderThan(mid);
    if (found.length) {
      hi = mid;
      older = found;
    } else {
      lo = mid;
    }
  }
  return { timestampMs: lo, partition: older[0] };
}

/**
 * The first offset not backed up, per partition: where a run would start (planPartition), so without a commit
 * the start position decides, as the run that pins it does. `byTime`: the offsets at a timestamp start position.
 */
export function positionsOf(
  offsets: Array<{ partition: number; low: string; high: string }>,
  commits: ReadonlyMap<number, Commit>,
  startPosition: BackupConfig["startPosition"],
  byTime?: ReadonlyMap<number, number>,
): PartitionPosition[] {
  return offsets.map((o) => {
    const plan = planPartition(partitionOffsets(o, commits.get(o.partition), byTime?.get(o.partition)), startPosition);
    return { partition: o.partition, firstUnbacked: Math.min(plan.startOffset, plan.endOffset), end: plan.endOffset };
  });
}

async function topicRetentionMs(admin: Admin, topic: string): Promise<number | null> {
  const described = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ["retention.ms"] }],
    includeSynonyms: false,
  });
  const value = described.resources[0]?.configEntries.find((e) => e.configName === "retention.ms")?.configValue;
  if (value === undefined || value === null) throw new Error(`the broker did not return retention.ms of topic ${topic}`);
  const ms = Number(value);
  return ms < 0 ? null : ms;
}

/**
 * At most this long is spent measuring: it runs after the last commit, within the deadline margin, and the
 * manifest is written after it. About 20 lookups for a week's retention take milliseconds in a VPC.
 */
export const MEASURE_TIMEOUT_MS = 5_000;

/**
 * Measures lag and retention headroom of the instance's partitions after a run (with several instances per
 * tick, each reports its own, so a short headroom fails only the instance that owns the partition).
 * Never throws: what cannot be read is null, with `error`.
 */
export async function measureRetentionHeadroom(
  kafka: Kafka,
  config: TopicConfig,
  log: Logger,
  slot: InstanceSlot,
  nowMs = Date.now(),
  timeoutMs = MEASURE_TIMEOUT_MS,
): Promise<RetentionHeadroom> {
  const result: RetentionHeadroom = { headroomMs: null, retentionMs: null, lagRecords: null };
  const admin = kafka.admin();
  const measure = async () => {
    await admin.connect();
    const offsets = (await admin.fetchTopicOffsets(config.topic)).filter((o) => inSlot(slot, o.partition));
    const commits = (await committedOffsets(admin, config.groupId, [config.topic])).get(config.topic) ?? new Map<number, Commit>();
    const start = config.startPosition;
    const byTime = typeof start === "object" && offsets.some((o) => !commits.has(o.partition)) ? await offsetsAtTime(admin, config.topic, start.timestampMs) : undefined;
    const positions = positionsOf(offsets, commits, start, byTime);
    result.lagRecords = positions.reduce((n, p) => n + (p.end - p.firstUnbacked), 0);
    // Without DescribeConfigs permission on the topic (a CKafka ACL), only the lag is reported.
    result.retentionMs = await topicRetentionMs(admin, config.topic);
    if (result.retentionMs === null) return;
    const offsetsAt: OffsetsAtTime = (t) => offsetsAtTime(admin, config.topic, t);
    const oldest = await oldestUnbackedTimestamp(positions, offsetsAt, nowMs - result.retentionMs, nowMs);
    if (oldest) {
      result.headroomMs = Math.max(0, oldest.timestampMs + result.retentionMs - nowMs);
      result.partition = oldest.partition;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([measure(), timeout]);
  } catch (err) {
    // What was read before the failure stays; the rest is unknown.
    result.error = (err as Error).message ?? String(err);
    log.warn("retention headroom not measured", { topic: config.topic, error: result.error });
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
  return { ...result };
}

/** Why the run must alarm, or undefined: the oldest record not backed up may be deleted within `thresholdMs`. */
export function headroomShortfall(r: RetentionHeadroom, thresholdMs: number | undefined): string | undefined {
  if (thresholdMs === undefined || r.headroomMs === null || r.headroomMs >= thresholdMs) return undefined;
  const minutes = (ms: number) => `${Math.floor(ms / 60_000)} min`;
  return (
    `retention may delete records not backed up yet (partition ${r.partition}) in ${minutes(r.headroomMs)}, ` +
    `less than the alarm threshold of ${minutes(thresholdMs)}; ${r.lagRecords} records are waiting`
  );
}
