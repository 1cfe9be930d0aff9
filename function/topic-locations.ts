// Which topics a run backs up, and where each one's objects go. The topics are resolved at every run: the
// config's list, or every topic of the cluster whose whole name matches the pattern (Kafka's internal `__…`
// topics never), so a topic created between ticks is backed up from the next one on.
//
// A topic deleted and created again under the same name starts its offsets again; its records must never go
// into the old topic's objects (their keys hold offsets). Kafka removes a group's committed offsets of a deleted
// topic's partitions, so the group alone cannot tell a recreated topic from a new one. The rule, from the store:
// when none of the run's partitions of a topic has a committed offset AND the topic's location already holds run
// manifests, the newest manifests recording each of those partitions are compared with the log: the topic was
// recreated if a partition's recorded next offset is past the log's end offset now, or a recorded partition is
// gone. A first run (no manifest) is never taken for one, nor is a retention gap (offsets only grow, and a
// committed offset exists), nor offsets the group let expire (the log continues where the manifest stopped).
// A recreated topic that has already received more records than the old one held cannot be told by offsets.
//
// The new incarnation is backed up under its own location `<topic>~<n>` (n = 2, 3…; "~" is not allowed in a
// Kafka topic name, so no real topic collides with it), with its own manifests. Every offset committed for it
// carries the location as its metadata, so later runs, and the tick's other instances, read the location with the
// committed offsets: an ordinary run reads nothing from the store here. Only a topic without any committed offset
// (its first run, after a recreation, after the group's offsets expired) is looked up in the store: its locations
// (manifest folders), and the newest one's last manifests.
import type { Admin } from "kafkajs";
import { inSlot } from "./partition-assigner";
import { topicMatcher } from "./config";
import type { PartitionPlan } from "./run-plan";
import type { BackupConfig, InstanceSlot, Logger, Recreation, StoreReader } from "./contracts";

/** The topics a run reads, and what it could not. */
export interface TopicResolution {
  topics: string[];
  /** Topics named in the config that the cluster does not have. */
  missing: string[];
  /** The pattern matched no topic of the cluster (a warning each run, not an error). */
  unmatchedPattern?: string;
}

/** The cluster's topics this run backs up. */
export async function resolveTopics(admin: Admin, config: Pick<BackupConfig, "topics" | "topicPattern">, log: Logger): Promise<TopicResolution> {
  const existing = new Set((await admin.listTopics()).filter((t) => !t.startsWith("__")));
  return selectTopics(existing, config, log);
}

/** The topics of `existing` that `config` names; split out of resolveTopics for its unit tests. */
export function selectTopics(existing: ReadonlySet<string>, config: Pick<BackupConfig, "topics" | "topicPattern">, log: Logger): TopicResolution {
  if (config.topicPattern === undefined) {
    const missing = config.topics.filter((t) => !existing.has(t));
    for (const topic of missing) log.error("topic not found", { topic, error: `the cluster has no topic "${topic}"` });
    return { topics: config.topics.filter((t) => existing.has(t)), missing };
  }
  const matches = topicMatcher(config.topicPattern);
  const topics = [...existing].filter((t) => !t.startsWith("__") && matches(t)).sort();
  if (!topics.length) {
    log.warn("the topic pattern matches no topic of the cluster; nothing to back up", { topicPattern: config.topicPattern, topicsInCluster: existing.size });
    return { topics, missing: [], unmatchedPattern: config.topicPattern };
  }
  return { topics, missing: [] };
}

const manifestFolders = (c: Pick<BackupConfig, "prefix" | "instanceId">) => `${c.prefix}_manifests/${c.instanceId}/`;

/** The location name of incarnation `n` of `topic` (1: the topic's own name). */
export function locationName(topic: string, n: number): string {
  return n === 1 ? topic : `${topic}~${n}`;
}

/** `orders~2` → { topic: "orders", incarnation: 2 }; a topic's own name → incarnation 1. The one parser of locations (the CLI's too). */
export function parseLocation(location: string): { topic: string; incarnation: number } {
  const m = /^(.+)~([1-9]\d*)$/.exec(location);
  return m ? { topic: m[1], incarnation: Number(m[2]) } : { topic: location, incarnation: 1 };
}

/** Which incarnation of `topic` a location is (1: the topic's own name), or undefined for another topic's. */
export function incarnationOf(topic: string, location: string): number | undefined {
  const l = parseLocation(location);
  return l.topic === topic ? l.incarnation : undefined;
}

/** The newest incarnation among `locations` of `topic` (1 when none is one of its). */
export function newestIncarnation(topic: string, locations: readonly (string | null)[]): number {
  return Math.max(1, ...locations.map((l) => incarnationOf(topic, l ?? topic) ?? 1));
}

/** What the newest manifests recorded for one partition: where the next run was to start. */
interface Recorded {
  nextOffset: number;
}

/**
 * Whether the topic behind `plans` was recreated since the manifests `recorded`: see the rule at the top. `slot`
 * limits the recorded partitions to this run's.
 */
export function recreatedEvidence(plans: readonly PartitionPlan[], recorded: ReadonlyMap<number, Recorded>, slot: InstanceSlot): string | undefined {
  if (plans.some((p) => p.committedOffset !== null) || recorded.size === 0) return undefined;
  const now = new Map(plans.map((p) => [p.partition, p]));
  for (const [partition, r] of [...recorded].sort((a, b) => a[0] - b[0])) {
    if (!inSlot(slot, partition)) continue;
    const plan = now.get(partition);
    if (!plan) return `partition ${partition} is in the manifests but not in the topic now`;
    if (r.nextOffset > plan.endOffset) return `partition ${partition}: the manifests' next offset ${r.nextOffset} is past the end offset ${plan.endOffset} now`;
  }
  return undefined;
}

/** How many of a location's newest manifests are read to find each partition's last record (one per instance). */
const MANIFESTS_READ = 20;

/** Each partition's next offset in the newest of the location's last manifests that records it. */
async function recordedOffsets(storage: StoreReader, config: Pick<BackupConfig, "prefix" | "instanceId">, location: string): Promise<Map<number, Recorded>> {
  const keys = (await storage.listKeys(`${manifestFolders(config)}${location}/`)).filter((k) => k.endsWith(".json"));
  const out = new Map<number, Recorded>();
  for (const key of keys.slice(-MANIFESTS_READ).reverse()) {
    const manifest = JSON.parse((await storage.getObject(key)).toString("utf8")) as { partitions?: { partition: number; committedOffset: number | null; planned: { start: number } }[] };
    for (const p of manifest.partitions ?? []) {
      if (!out.has(p.partition)) out.set(p.partition, { nextOffset: p.committedOffset ?? p.planned.start });
    }
  }
  return out;
}

/** Where a topic's objects go this run, and whether it moved there now. */
export interface TopicLocation {
  location: string;
  recreated?: Recreation;
}

/**
 * Where each topic's objects go this run (see the top); an Error for a topic whose store could not be read when
 * it had to be: that topic is not read this run, so nothing of it can land in the wrong place.
 */
export async function locateTopics(
  topics: ReadonlyMap<string, { plans: readonly PartitionPlan[]; commitMetadata: readonly (string | null)[] }>,
  config: Pick<BackupConfig, "prefix" | "instanceId">,
  storage: StoreReader,
  slot: InstanceSlot,
  log: Logger,
): Promise<Map<string, TopicLocation | Error>> {
  const out = new Map<string, TopicLocation | Error>();
  for (const [topic, { plans, commitMetadata }] of topics) {
    if (commitMetadata.length) {
      out.set(topic, { location: locationName(topic, newestIncarnation(topic, commitMetadata)) });
      continue;
    }
    try {
      const folder = manifestFolders(config);
      const locations = (await storage.listFolders(folder, topic)).map((f) => f.slice(folder.length, -1));
      const n = newestIncarnation(topic, locations);
      const location = locationName(topic, n);
      const evidence = locations.length ? recreatedEvidence(plans, await recordedOffsets(storage, config, location), slot) : undefined;
      if (!evidence) {
        out.set(topic, { location });
        continue;
      }
      const next = locationName(topic, n + 1);
      log.warn("topic was deleted and created again: its new records are backed up under a new location, apart from the old ones", { topic, location: next, previousLocation: location, evidence });
      out.set(topic, { location: next, recreated: { previousLocation: location, evidence } });
    } catch (err) {
      const message = `could not tell from the bucket whether topic ${topic}, which has no committed offset, was deleted and created again, so it is not read this run: ${(err as Error).message}`;
      log.error("topic not located", { topic, error: message });
      out.set(topic, new Error(message));
    }
  }
  return out;
}
