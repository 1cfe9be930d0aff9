// One backup run: the topics (topic-locations.ts), the plan (run-plan.ts), the run loop (run-loop.ts) that
// hands records to each partition's writer (partition-writer.ts), then a manifest per topic. Invariant: a partition's offset is
// committed only after every record before it is in an object the store has confirmed. Object keys
// depend only on the records, so a retried run rewrites the same keys.
import type { Kafka } from "kafkajs";
import { SINGLE_INSTANCE, type BackupConfig, type InstanceSlot } from "./config";
import type { Format } from "./formats/registry";
import { locateTopics, resolveTopics, type Recreation } from "./topic-locations";
import type { ObjectStorage, StoreReader } from "./cos-storage";
import { MemoryGuard, type MemoryProbe, type MemoryReport } from "./memory-guard";
import { initialResult, type PartitionResult } from "./partition-writer";
import { measureRetentionHeadroom, type RetentionHeadroom } from "./retention-headroom";
import { consume, type TopicWork } from "./run-loop";
import { planRun, type TopicPlan } from "./run-plan";
import { readTopicSnapshot, type TopicSnapshot } from "./topic-snapshot";

/** One topic's part of a run, stored under `_manifests/<instance>/<topic>/` as it always was. */
export interface RunManifest {
  runId: string;
  /** Where the topic's objects and manifests are: its name, or `<name>~<n>` once it was recreated (topic-locations.ts). */
  topic: string;
  /** The Kafka topic, when `topic` is a location other than its name. */
  kafkaTopic?: string;
  /** Set by the run that found the topic deleted and created again, and moved it to this location. */
  recreated?: Recreation;
  instanceId: string;
  groupId: string;
  /** Which instance of its tick this run was (`slot` of `parallelism`). */
  slot: InstanceSlot;
  /** The format of this run's objects (each object also names its own: a backup may hold both). */
  format: Format;
  startedAt: string;
  endedAt: string;
  deadlineAt: string;
  partitions: PartitionResult[];
  totals: { records: number; encodedBytes: number; storedBytes: number; objects: number; failedPartitions: number };
  manifestKey: string;
  /** Lag after the run and how long until retention may delete records not backed up. */
  retention: RetentionHeadroom;
  /**
   * The topic's partitions, settings and application groups' offsets, for a restore (topic-snapshot.ts). Recorded
   * by instance 0 of a tick only; absent in manifests written before it existed and in the other instances'.
   */
  topicSnapshot?: TopicSnapshot;
  /** The run's memory: the function's, the peak the handler saw, and whether it held back for it. */
  memory: MemoryReport;
  /** Set when the manifest could not be stored (the objects and commits above still stand). */
  manifestError?: string;
}

/** What one run did over all its topics: the handler's return value and its summary line (run-summary.ts). */
export interface RunReport {
  runId: string;
  instanceId: string;
  groupId: string;
  slot: InstanceSlot;
  startedAt: string;
  endedAt: string;
  /** The config's topics: names, or a pattern. */
  topicSelection: { topics: readonly string[]; topicPattern?: string };
  /** A manifest per topic read, by location. */
  manifests: RunManifest[];
  /** Topics that could not be read at all this run (not found, not planned), with why. */
  failedTopics: { topic: string; error: string }[];
  /** Set when the pattern matched no topic of the cluster (warned, not an error). */
  unmatchedPattern?: string;
  memory: MemoryReport;
}

export interface Logger {
  info(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
  error(msg: string, fields?: object): void;
}

export interface RunOptions {
  config: BackupConfig;
  kafka: Kafka;
  storage: ObjectStorage & StoreReader;
  runId: string;
  /** Epoch ms at which consuming stops so the last uploads and commits fit in the invocation. */
  deadlineAt: number;
  log: Logger;
  /** A partition with no new record for this long counts as caught up. @default 3000 */
  idleMs?: number;
  /** This invocation's share of the partitions (the timer trigger's argument). @default slot 0 of 1 */
  slot?: InstanceSlot;
  /** The function's memory in MiB, which the run keeps under (memory-guard.ts). @default unknown: peaks are only recorded */
  memoryMiB?: number;
  /** How the run reads its memory. Tests only. @default this process's (processMemoryProbe) */
  memoryProbe?: MemoryProbe;
}

/** At most this many topics' snapshots, headrooms and manifests are read or written at once. */
const TOPICS_AT_ONCE = 4;

async function eachLimited<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(TOPICS_AT_ONCE, items.length) }, worker));
  return out;
}

export async function runBackup(opts: RunOptions): Promise<RunReport> {
  const startedAt = new Date();
  const { config, kafka, log } = opts;
  const slot = opts.slot ?? SINGLE_INSTANCE;
  const guard = new MemoryGuard(opts.memoryMiB, opts.memoryProbe);
  const admin = kafka.admin();
  await admin.connect();
  const resolution = await resolveTopics(admin, config, log).finally(() => admin.disconnect());
  const failedTopics = resolution.missing.map((topic) => ({ topic, error: `the cluster has no topic "${topic}": create it, or remove it from the backup's topics` }));
  const planned = new Map<string, Exclude<TopicPlan, Error>>();
  for (const [topic, plan] of await planRun(kafka, config, resolution.topics, log, slot)) {
    if (!(plan instanceof Error)) planned.set(topic, plan);
    else {
      failedTopics.push({ topic, error: `planning failed: ${plan.message}` });
      log.error("topic not planned", { topic, error: plan.message });
    }
  }
  const locations = await locateTopics(planned, config, opts.storage, slot, log);
  // A topic whose location is unknown is not read: its partitions fail with the reason, its lag and headroom are
  // still measured, and its manifest is not stored (it would record offsets that may not be the location's).
  const work: (TopicWork & { recreated?: Recreation; unlocated?: Error })[] = [];
  for (const [topic, { plans }] of planned) {
    const where = locations.get(topic)!;
    work.push(where instanceof Error ? { topic, location: topic, plans, unlocated: where } : { topic, plans, ...where });
  }
  // Read beside the run, which they never fail or delay past their own few requests; instance 0 of a tick only.
  const snapshots = slot.slot === 0 ? eachLimited(work, (t) => readTopicSnapshot(kafka, { ...config, topic: t.topic }, log)) : undefined;
  const results = await consume({ ...opts, slot }, work.filter((t) => !t.unlocated), guard);
  for (const t of work) {
    if (t.unlocated) results.set(t.topic, t.plans.map((p) => ({ ...initialResult(p), stopReason: "error", error: t.unlocated!.message, errorOffset: p.startOffset })));
  }
  const snapshotOf = await snapshots;
  const manifests = await eachLimited(work, (t) =>
    writeManifest({ ...opts, slot }, t, startedAt, results.get(t.topic)!, guard, snapshotOf?.[work.indexOf(t)]),
  );
  return {
    runId: opts.runId,
    instanceId: config.instanceId,
    groupId: config.groupId,
    slot,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    topicSelection: { topics: config.topics, topicPattern: config.topicPattern },
    manifests,
    failedTopics,
    unmatchedPattern: resolution.unmatchedPattern,
    memory: guard.report(),
  };
}

/** The run's manifest, stored beside the objects; a failure to store it is reported in it, not thrown. */
async function writeManifest(
  opts: RunOptions & { slot: InstanceSlot },
  work: TopicWork & { recreated?: Recreation; unlocated?: Error },
  startedAt: Date,
  results: PartitionResult[],
  guard: MemoryGuard,
  topicSnapshot?: TopicSnapshot,
): Promise<RunManifest> {
  const { config, kafka, storage, log } = opts;
  const totals = {
    records: results.reduce((n, r) => n + r.records, 0),
    encodedBytes: results.reduce((n, r) => n + r.encodedBytes, 0),
    storedBytes: results.reduce((n, r) => n + r.storedBytes, 0),
    objects: results.reduce((n, r) => n + r.objects.length, 0),
    failedPartitions: results.filter((r) => r.stopReason === "error").length,
  };
  const manifestKey = `${config.prefix}_manifests/${config.instanceId}/${work.location}/${startedAt.toISOString().replace(/[:.]/g, "-")}_${opts.runId}.json`;
  const manifest: RunManifest = {
    runId: opts.runId,
    topic: work.location,
    ...(work.location !== work.topic ? { kafkaTopic: work.topic } : {}),
    ...(work.recreated ? { recreated: work.recreated } : {}),
    instanceId: config.instanceId,
    groupId: config.groupId,
    slot: opts.slot,
    format: config.format,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    deadlineAt: new Date(opts.deadlineAt).toISOString(),
    partitions: results,
    totals,
    manifestKey,
    retention: await measureRetentionHeadroom(kafka, { ...config, topic: work.topic }, log, opts.slot),
    topicSnapshot,
    memory: guard.report(),
  };
  if (work.unlocated) {
    manifest.manifestError = "not stored: the topic's location is unknown this run (see its partitions' error)";
    return manifest;
  }
  try {
    await storage.putObject(manifestKey, Buffer.from(JSON.stringify(manifest, null, 2) + "\n"));
  } catch (err) {
    manifest.manifestError = (err as Error).message;
    log.error("manifest not written", { manifestKey, error: manifest.manifestError });
  }
  return manifest;
}
