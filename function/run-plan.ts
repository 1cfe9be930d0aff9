// The plan of one run: where each partition starts (committed offset, start position, or the log
// start after retention deleted records not backed up) and where it ends (the end offset now).
import type { Admin, GroupDescription, Kafka } from "kafkajs";
import type { BackupConfig, InstanceSlot, StartPosition } from "./config";
import type { Logger } from "./backup-run";
import { committedOffsets, offsetsAtTime, type Commit } from "./kafka-offsets";
import { inSlot, mayHold } from "./partition-assigner";

export interface Gap {
  /** First offset lost. */
  from: number;
  /** First offset kept: the log start offset when the loss was seen. */
  to: number;
}

export interface PartitionPlan {
  partition: number;
  /** Where this run starts: the committed offset, the start position, or the log start after a gap. */
  startOffset: number;
  /** The end offset when the run began; the run never reads at or past it. */
  endOffset: number;
  committedOffset: number | null;
  logStartOffset: number;
  /** Offsets deleted by retention before they were backed up, seen when planning. */
  gap?: Gap;
  /** Whether this run commits startOffset when it joins the group (see planRun). */
  pin?: boolean;
}

export function warnGap(log: Logger, topic: string, partition: number, gap: Gap): void {
  log.warn("retention deleted records before they were backed up", {
    topic,
    partition,
    lostFrom: gap.from,
    lostTo: gap.to,
    lostCount: gap.to - gap.from,
  });
}

/** The offsets planRun reads for one partition: log start, end, committed (negative: none), by start time. */
export interface PartitionOffsets {
  partition: number;
  low: number;
  high: number;
  committed?: number;
  byTime?: number;
}

/** A partition's offsets as kafkajs lists them, with its commit and its offset at the start time, if any. */
export function partitionOffsets(o: { partition: number; low: string; high: string }, commit?: Commit, byTime?: number): PartitionOffsets {
  return { partition: o.partition, low: Number(o.low), high: Number(o.high), committed: commit?.offset, byTime };
}

/**
 * Where one partition starts and ends, from its offsets alone: the one start-offset rule (the retention
 * headroom's first offset not backed up is this start too).
 */
export function planPartition(o: PartitionOffsets, start: StartPosition): PartitionPlan {
  const { low, high } = o;
  const committedOffset = o.committed !== undefined && o.committed >= 0 ? o.committed : null;
  let startOffset: number;
  let gap: Gap | undefined;
  if (committedOffset !== null) {
    startOffset = committedOffset;
    if (committedOffset < low) {
      gap = { from: committedOffset, to: low };
      startOffset = low;
    }
    startOffset = Math.min(startOffset, high);
  } else if (start === "earliest") {
    startOffset = low;
  } else if (start === "latest") {
    startOffset = high;
  } else {
    const t = o.byTime;
    startOffset = t === undefined || t < 0 ? high : Math.max(t, low);
  }
  return { partition: o.partition, startOffset, endOffset: high, committedOffset, logStartOffset: low, gap };
}

/** A partition whose start is still to be decided: no committed offset, or one retention has passed. */
const unstarted = (p: PartitionPlan) => p.committedOffset === null || p.gap !== undefined;

/** How long planning waits for a rebalancing group to settle before it decides which starts to pin. */
export const SETTLE_MS = 10_000;

/**
 * The backup's group once it is not rebalancing. While it rebalances, Kafka describes its members without
 * their join metadata, so which partitions they may hold cannot be told; N instances of a tick starting
 * together find it so. Past SETTLE_MS the group is returned as it is (and its members may hold anything).
 */
async function settledGroup(admin: Admin, groupId: string): Promise<GroupDescription> {
  for (const until = Date.now() + SETTLE_MS; ; ) {
    const group = (await admin.describeGroups([groupId])).groups[0];
    if (!["PreparingRebalance", "CompletingRebalance"].includes(group.state) || Date.now() >= until) return group;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * What planning a topic came to: its partitions' plans and the metadata of every committed offset of the topic
 * (all partitions, not only the slot's: where the topic's objects go, topic-locations.ts), or why the topic
 * cannot be read this run.
 */
export type TopicPlan = { plans: PartitionPlan[]; commitMetadata: (string | null)[] } | Error;

/**
 * Reads where each partition of the instance's slot stands in each topic, and where this run starts and ends,
 * with one admin client and one look at the group for all of them. A topic that cannot be read (deleted since
 * it was listed, say) is an Error in the result; the others are planned.
 */
export async function planRun(kafka: Kafka, config: BackupConfig, topics: readonly string[], log: Logger, slot: InstanceSlot): Promise<Map<string, TopicPlan>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const result = new Map<string, TopicPlan>();
    const start = config.startPosition;
    const read = new Map<string, { offsets: Awaited<ReturnType<Admin["fetchTopicOffsets"]>>; byTime?: Map<number, number> }>();
    for (const topic of topics) {
      try {
        const offsets = await admin.fetchTopicOffsets(topic);
        const byTime = typeof start === "object" ? await offsetsAtTime(admin, topic, start.timestampMs) : undefined;
        read.set(topic, { offsets, byTime });
      } catch (err) {
        result.set(topic, err as Error);
      }
    }
    // The group's offsets are read last, as with one topic: records deleted after this read are a gap the run sees.
    const committed = read.size ? await committedOffsets(admin, config.groupId, [...read.keys()]) : new Map<string, Map<number, Commit>>();
    for (const [topic, { offsets, byTime }] of read) {
      const commits = committed.get(topic) ?? new Map<number, Commit>();
      const plans = offsets
        .filter((o) => inSlot(slot, o.partition))
        .map((o) => planPartition(partitionOffsets(o, commits.get(o.partition), byTime?.get(o.partition)), start))
        .sort((a, b) => a.partition - b.partition);
      for (const p of plans) if (p.gap) warnGap(log, topic, p.partition, p.gap);
      result.set(topic, { plans, commitMetadata: [...commits.values()].map((c) => c.metadata) });
    }
    // Partitions without a usable committed offset get their start pinned (committed) as soon as this
    // run joins the group, so that a start position or a gap is decided once, here, and not again by
    // the consumer's reset policy. Not when a run already in the group may hold the partition: it has pinned it.
    const planned = [...result.values()].flatMap((p) => (p instanceof Error ? [] : p.plans));
    const group = planned.some(unstarted) ? await settledGroup(admin, config.groupId) : undefined;
    const running = group && group.state !== "Empty" && group.state !== "Dead" ? group : undefined;
    let held = 0;
    for (const p of planned) {
      const elsewhere = running !== undefined && mayHold(running, p.partition);
      if (unstarted(p) && elsewhere) held++;
      p.pin = unstarted(p) && !elsewhere;
    }
    if (held) log.warn("another run in the group may hold partitions without a committed offset; their start offsets are the ones it pinned", { groupState: running!.state, partitions: held });
    return result;
  } finally {
    await admin.disconnect();
  }
}
