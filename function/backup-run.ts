// One backup run: the plan (run-plan.ts), the run loop (run-loop.ts) that hands records to each
// partition's writer (partition-writer.ts), then the manifest. Invariant: a partition's offset is
// committed only after every record before it is in an object the store has confirmed. Object keys
// depend only on the records, so a retried run rewrites the same keys.
import type { Kafka } from "kafkajs";
import { SINGLE_INSTANCE, type BackupConfig, type Format, type InstanceSlot } from "./config";
import type { ObjectStorage } from "./cos-storage";
import { MemoryGuard, type MemoryProbe, type MemoryReport } from "./memory-guard";
import type { PartitionResult } from "./partition-writer";
import { measureRetentionHeadroom, type RetentionHeadroom } from "./retention-headroom";
import { consume } from "./run-loop";
import { planRun } from "./run-plan";
import { readTopicSnapshot, type TopicSnapshot } from "./topic-snapshot";

export interface RunManifest {
  runId: string;
  topic: string;
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

export interface Logger {
  info(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
  error(msg: string, fields?: object): void;
}

export interface RunOptions {
  config: BackupConfig;
  kafka: Kafka;
  storage: ObjectStorage;
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

export async function runBackup(opts: RunOptions): Promise<RunManifest> {
  const startedAt = new Date();
  const slot = opts.slot ?? SINGLE_INSTANCE;
  const guard = new MemoryGuard(opts.memoryMiB, opts.memoryProbe);
  const plans = await planRun(opts.kafka, opts.config, opts.log, slot);
  // Read beside the run, which it never fails or delays past its own few requests.
  const snapshot = slot.slot === 0 ? readTopicSnapshot(opts.kafka, opts.config, opts.log) : undefined;
  const results = await consume({ ...opts, slot }, plans, guard);
  return writeManifest({ ...opts, slot }, startedAt, results, guard, await snapshot);
}

/** The run's manifest, stored beside the objects; a failure to store it is reported in it, not thrown. */
async function writeManifest(opts: RunOptions & { slot: InstanceSlot }, startedAt: Date, results: PartitionResult[], guard: MemoryGuard, topicSnapshot?: TopicSnapshot): Promise<RunManifest> {
  const { config, kafka, storage, log } = opts;
  const totals = {
    records: results.reduce((n, r) => n + r.records, 0),
    encodedBytes: results.reduce((n, r) => n + r.encodedBytes, 0),
    storedBytes: results.reduce((n, r) => n + r.storedBytes, 0),
    objects: results.reduce((n, r) => n + r.objects.length, 0),
    failedPartitions: results.filter((r) => r.stopReason === "error").length,
  };
  const manifestKey = `${config.prefix}_manifests/${config.instanceId}/${config.topic}/${startedAt.toISOString().replace(/[:.]/g, "-")}_${opts.runId}.json`;
  const manifest: RunManifest = {
    runId: opts.runId,
    topic: config.topic,
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
    retention: await measureRetentionHeadroom(kafka, config, log, opts.slot),
    topicSnapshot,
    memory: guard.report(),
  };
  try {
    await storage.putObject(manifestKey, Buffer.from(JSON.stringify(manifest, null, 2) + "\n"));
  } catch (err) {
    manifest.manifestError = (err as Error).message;
    log.error("manifest not written", { manifestKey, error: manifest.manifestError });
  }
  return manifest;
}
