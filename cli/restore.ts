// Replays a backup into a topic: each record with its key, value (tombstones stay tombstones), headers
// (null values too, see kafkajs-null-headers.ts; a repeated name keeps its values' order) and exact
// timestamp, in offset order, through idempotent producers. Each record goes to the partition it
// came from, or with `repartition` to where Kafka's Java client would put its key.
//
// Before any write, the preflight (restore-target.ts) checks the target cluster and topic (or creates it with the
// recorded partitions and settings), the consumer groups to position, and reads the selection once: every object
// against its run manifest (size, sha256) and every record against the target's max.message.bytes. Partitions are
// then restored concurrently, within one byte rate (throttle.ts) when asked.
//
// A checkpoint file records, before each send, the last source offset restored per partition, the target's end
// offsets after the acknowledged sends, and the sends in flight: the one under way and the next, written while the one
// under way is acknowledged (it is also written at the end). `resume` continues after the checkpoint: of the sends in
// flight when the restore stopped, those written (they land in order) are found by the target's end offsets, so
// nothing is sent twice. Without `resume`, an existing checkpoint refuses the restore.
// The target topic keeps the timestamps only with message.timestamp.type=CreateTime (Kafka's default).
//
// Consumer positions: each recorded group's committed source offset C maps to the target offset of the first
// restored record at or after C (compaction and transaction markers leave gaps in source offsets; the target's
// are dense), or to the partition's end when no restored record is at or after C. Each send knows, before it
// goes, which C it resolves and at which index; the acknowledgement (or, on --resume, the target's end offsets)
// gives the base offset, so the translation is exact across a resume too.
import { Partitioners, type Admin, type IHeaders, type Kafka, type Message, type PartitionMetadata, type Producer } from "kafkajs";
import { existsSync, readFileSync } from "node:fs";
import type { KafkaRecord } from "../function/formats/record";
import { manifestsFor, type BackupLocation, type BackupSource, type ManifestCheckOptions, type ManifestIndex, type SourceListing, type SourceObject, type StoredDigest } from "./backup-source";
import { kafkaCall } from "./calls";
import { CheckpointFile } from "./checkpoint-file";
import { IntegrityError, UsageError } from "./errors";
import { allowNullHeaderValues } from "./kafkajs-null-headers";
import { ProducerPool } from "./producer-pool";
import { quietProgress, type Progress } from "./progress";
import { EMPTY_DIGEST, addHashes, combine, readBackDigests, recordHash, type PartitionDigest } from "./restore-check";
import { activeGroups, createTargetTopic, planTarget, terraformTopic, type TargetPlan } from "./restore-target";
import { heldOffsets, recordBytes, selectObjects, selected, type HeldOffsets, type Selection } from "./selection";
import { topicOf } from "./topics";
import { Throttle } from "./throttle";
import type { GroupSnapshot, TopicSnapshot } from "../function/contracts";

/** Partitions restored at once by default: enough to keep a producer busy while the next objects download and decode (bench/README.md). */
export const DEFAULT_CONCURRENCY = 4;

/**
 * What a record batch of one record adds to the record's own bytes (batch header 61 bytes, the record's lengths
 * and varints): a record whose bytes plus this exceed the target's max.message.bytes is refused by the broker.
 */
const RECORD_OVERHEAD_BYTES = 100;

export interface RestoreOptions extends Selection, ManifestCheckOptions {
  targetTopic: string;
  /** Place records by key (murmur2, as Kafka's Java client) in a target with another partition count. @default false */
  repartition?: boolean;
  /** Check and read as the restore would, and report what it would create and send; write nothing. Without a Kafka client, connect to nothing. @default false */
  dryRun?: boolean;
  /** The checkpoint file. */
  checkpointPath: string;
  /** Continue the restore the checkpoint file records. @default false */
  resume?: boolean;
  /** Create the target topic when it does not exist, with the recorded partition count and settings. @default false */
  createTopic?: boolean;
  /** Replication factor of a created topic. @default the target cluster's default.replication.factor */
  replicationFactor?: number;
  /** Allow writing into the backed-up topic of the backed-up cluster (or, for backups that record no cluster id, into a topic of its name). @default false */
  intoSourceTopic?: boolean;
  /** Recorded consumer groups to position on the target after the restore: "all", or their names. @default none */
  consumerGroups?: "all" | string[];
  /** Partitions restored at once (1 with `repartition`). @default DEFAULT_CONCURRENCY */
  concurrency?: number;
  /** Record bytes per second across all partitions. @default no limit */
  maxBytesPerSecond?: number;
  /** Read the selection before any write (objects' digests, records' sizes). @default true */
  scan?: boolean;
  /** Read the target back after the restore and compare counts and digests. @default true */
  check?: boolean;
  /** Records sent per request. @default 500 */
  batchRecords?: number;
  /**
   * Record bytes (keys, values, headers) sent per request at most, unless one record alone is more: a request's
   * records form one record batch, which the broker refuses above the topic's max.message.bytes (1 MiB by
   * default; CKafka: 1 KB to 12 MB per topic). @default 512 KiB, or half the target's max.message.bytes when less
   */
  batchBytes?: number;
  /** Time limit of each Kafka call. @default 30_000 */
  timeoutMs?: number;
  progress?: Progress;
  /** Set when this topic is one of several restored in one command (restore-topics.ts). @default restored alone */
  shared?: SharedRestore;
}

/**
 * What the topics of one command share: one preflight gate, one throttle, one pool of producers (`--concurrency`),
 * one progress display and one stop. With it, a recorded group missing from this topic is no error (the command
 * checks each asked group is recorded by some topic).
 */
export interface SharedRestore {
  /**
   * Called once this topic's preflight passed, with what it will send (progress units: record bytes, or bytes of
   * objects without the scan) and the groups it positions of those recorded; resolves once every topic's preflight
   * passed, throws when one failed: nothing is written before.
   */
  ready(plan: { units: number; records: number; groups: string[]; recorded: string[] }): Promise<void>;
  throttle: Throttle;
  pool: ProducerPool;
  /** This topic starts sending (its topic created, when asked): the command's send time starts with the first. */
  sending(): void;
  /** Progress units (see `ready`) and records this topic sent since its last call. */
  progressed(units: number, records: number): void;
  /** Set by the first topic that fails: the others stop at their next send. */
  stopped: boolean;
}

export interface PartitionRestore {
  records: number;
  bytes: number;
  firstOffset: number | null;
  lastOffset: number | null;
  /** When the preflight read selected none of the partition's records: what the backup holds of it. */
  held?: HeldOffsets;
}

/** One recorded group's position on one partition: where it was on the source, where it is (or would be) on the target. */
export interface GroupPosition {
  groupId: string;
  partition: number;
  sourceOffset: string;
  /** null in a dry run without a target to count from. */
  targetOffset: string | null;
}

export interface PartitionCheck {
  partition: number;
  sent: PartitionDigest;
  found: PartitionDigest;
  ok: boolean;
}

export interface RestoreReport {
  dryRun: boolean;
  records: number;
  bytes: number;
  objects: number;
  /** By source partition. */
  byPartition: Map<number, PartitionRestore>;
  /** The target cluster's id, when one was reached. */
  targetClusterId?: string;
  /** The topic created (or, in a dry run, that would be), and the same as a Terraform resource. */
  created?: { partitions: number; replicationFactor: number; configs: Record<string, string>; terraform: string };
  /** The largest record of the selection (record bytes), when the selection was read before writing. */
  largestRecord?: { partition: number; offset: number; bytes: number };
  /** Positions committed (or, in a dry run, that would be) for the groups asked for. */
  positions: GroupPosition[];
  /** The read-back of the target after the restore. */
  check?: { partitions: PartitionCheck[]; ok: boolean };
  /** Seconds spent sending (the preflight excluded) and the record bytes per second that makes. */
  sendSeconds?: number;
}

export interface InFlight {
  /** The last source offset the send holds. */
  lastOffset: number;
  /** Records per target partition in the send. */
  counts: Record<string, number>;
  /** Target partition -> the send's records' digest, at their places. */
  digests: Record<string, PartitionDigest>;
  /** Recorded source offset -> index in the send of the first record at or after it (target partition = source partition). */
  resolves: Record<string, number>;
}

export interface Checkpoint {
  source: { bucket: string; prefix: string; instanceId: string; topic: string };
  targetTopic: string;
  selection: Selection & { repartition: boolean };
  /** Source partition -> last offset restored. */
  restored: Record<string, number>;
  /** Target partition -> its end offset after the last acknowledged send. */
  targetEnds: Record<string, string>;
  /** Target partition -> its end offset before the restore's first send: where the read-back starts. */
  targetStarts: Record<string, string>;
  /**
   * Source partition -> the sends in flight, in order: the one sent and the next, written while the one before it
   * is acknowledged. They land in order (one producer per partition, idempotent, one request at a time).
   */
  inFlight: Record<string, InFlight[]>;
  /** The recorded groups the restore translates (from the newest snapshot when it started). */
  groups: GroupSnapshot[];
  /** Source partition -> recorded source offset -> target offset of the first restored record at or after it. */
  positions: Record<string, Record<string, string>>;
  /** Target partition -> count and digest of the records sent. */
  sent: Record<string, PartitionDigest>;
  complete: boolean;
}

/** Thrown when a restore stops after sending: says what was written and how to continue. */
export class RestoreStopped extends Error {
  override name = "RestoreStopped";
}

/** A timestamp kafkajs carries exactly: it subtracts a batch's timestamps as JavaScript numbers. */
function exactInBatch(timestamp: string): boolean {
  const n = Number(timestamp);
  return Number.isSafeInteger(n) && Math.abs(n) <= 2 ** 52;
}

function toMessage(r: KafkaRecord, partition: number): Message {
  // No prototype: a header named "__proto__" or "constructor" is a header like any other.
  const headers: IHeaders = Object.create(null);
  for (const [name, value] of r.headers) {
    const prev = headers[name];
    const v = value as Buffer; // null included: kafkajs-null-headers.ts
    headers[name] = prev === undefined ? v : ([] as Buffer[]).concat(prev as Buffer | Buffer[], v);
  }
  // A timestamp string: kafkajs writes it as an int64 without going through a JavaScript number.
  return { partition, key: r.key, value: r.value, headers, timestamp: String(r.timestamp) };
}

function describeWritten(restored: Record<string, number>, partitions: number[]): string {
  return partitions.map((p) => `partition ${p} → ${restored[p] !== undefined ? `offset ${restored[p]}` : "nothing"}`).join(", ");
}

/** The checkpoint a file holds; anything else (not JSON, another JSON document) is refused, naming the file. */
function readCheckpoint(path: string): Checkpoint {
  let c: Partial<Checkpoint> | null = null;
  try {
    c = JSON.parse(readFileSync(path, "utf8")) as Partial<Checkpoint> | null;
  } catch {
    // refused below
  }
  const isObject = (v: unknown) => typeof v === "object" && v !== null;
  const fields = ["source", "selection", "restored", "targetEnds", "targetStarts", "inFlight", "groups", "positions", "sent"] as const;
  if (!isObject(c) || typeof c!.targetTopic !== "string" || fields.some((f) => !isObject(c![f]))) {
    throw new UsageError(`--checkpoint: ${path} is not a restore checkpoint (one holds the source, target topic, selection and offsets restored); give the checkpoint file of the stopped restore`);
  }
  // Written before sends were listed (one send in flight per partition): the same, as a list.
  for (const [p, f] of Object.entries(c!.inFlight!)) if (!Array.isArray(f)) c!.inFlight![p] = [f as InFlight];
  return c as Checkpoint;
}

/** The newest snapshot the run manifests hold (the topic as it was last seen), of those `which` accepts. */
function newestSnapshot(manifests: Array<{ manifest: { topicSnapshot?: TopicSnapshot } }>, which: (s: TopicSnapshot) => boolean = () => true): TopicSnapshot | undefined {
  return manifests
    .map((m) => m.manifest.topicSnapshot)
    .filter((s): s is TopicSnapshot => s !== undefined && which(s))
    .sort((a, b) => a.readAt.localeCompare(b.readAt))
    .at(-1);
}

/** The recorded groups the options ask to position; unknown names are refused, naming the recorded ones. */
function groupsAsked(asked: RestoreOptions["consumerGroups"], recorded: GroupSnapshot[], snapshot: TopicSnapshot | undefined, oneOfSeveral: boolean): GroupSnapshot[] {
  if (asked === undefined) return [];
  // One topic of several: it positions the asked groups it records (restore-topics.ts checks each is recorded somewhere).
  if (oneOfSeveral) return recorded.filter((r) => asked === "all" || asked.includes(r.groupId));
  if (!snapshot || snapshot.groups === null || (asked === "all" && recorded.length === 0)) {
    const why = !snapshot
      ? "no run manifest of this backup records consumer groups (they were written before it did)"
      : snapshot.groups === null
        ? `the newest run could not read them (${snapshot.problems.join("; ")})`
        : snapshot.groupSelection.length === 0
          ? "the construct's consumerGroups is [] (none recorded)"
          : `no group matching ${JSON.stringify(snapshot.groupSelection)} had a committed offset on the topic when the newest run read them (${snapshot.readAt})`;
    throw new UsageError(`--consumer-groups: ${why}; nothing to position`);
  }
  if (asked === "all") return recorded;
  const unknown = asked.filter((g) => !recorded.some((r) => r.groupId === g));
  if (unknown.length) {
    throw new UsageError(`--consumer-groups: ${unknown.map((g) => `"${g}"`).join(", ")} ${unknown.length === 1 ? "is" : "are"} not recorded; the backup records ${recorded.map((r) => `"${r.groupId}"`).join(", ") || "no group"} (as of ${snapshot.readAt}); give "all" or some of those`);
  }
  return recorded.filter((r) => asked.includes(r.groupId));
}

/** Groups can be positioned only where records keep their partitions. */
export function checkGroupsPlaceable(options: Pick<RestoreOptions, "repartition" | "consumerGroups">): void {
  if (options.repartition && options.consumerGroups !== undefined) {
    throw new UsageError("--consumer-groups cannot be combined with --repartition: a group's position is per partition, and --repartition moves records between partitions");
  }
}

export async function restoreBackup(source: BackupSource, kafka: Kafka | undefined, brokers: string, options: RestoreOptions): Promise<RestoreReport> {
  const { targetTopic, timeoutMs = 30_000 } = options;
  const selection: Checkpoint["selection"] = {
    partitions: options.partitions,
    fromOffset: options.fromOffset,
    toOffset: options.toOffset,
    fromTimeMs: options.fromTimeMs,
    toTimeMs: options.toTimeMs,
    repartition: options.repartition ?? false,
  };
  checkGroupsPlaceable(options);
  const { checkpoint, resuming } = startCheckpoint(source.options, selection, options);
  const after = new Map(Object.entries(checkpoint.restored).map(([p, o]) => [Number(p), o]));
  const listing = await source.objectsToRead();
  const plan = selectObjects(listing, selection, after);
  const manifests = await manifestsFor(source, [...plan.values()].flat(), options);
  const snapshot = newestSnapshot(manifests.manifests);
  // Groups from the newest run that could read them (a run denied them records none).
  const groupSnapshot = newestSnapshot(manifests.manifests, (s) => s.groups !== null) ?? snapshot;
  // A resumed restore translates the groups it started with, whatever runs recorded since.
  if (!resuming) checkpoint.groups = groupSnapshot?.groups ?? [];
  const positioned = groupsAsked(options.consumerGroups, checkpoint.groups, groupSnapshot, options.shared !== undefined);
  const report: RestoreReport = { dryRun: options.dryRun ?? false, records: 0, bytes: 0, objects: 0, byPartition: new Map(), positions: [] };
  for (const p of plan.keys()) report.byPartition.set(p, { records: 0, bytes: 0, firstOffset: null, lastOffset: null });
  const tracked = selection.repartition ? new Map<number, bigint[]>() : trackedOffsets(checkpoint.groups, plan);

  let admin: Admin | undefined;
  const call = <T>(what: string, promise: Promise<T>) => kafkaCall(timeoutMs, brokers, what, promise);
  try {
    // ---- Preflight: nothing below writes until the selection has been read and the target checked.
    let target: TargetPlan | undefined;
    if (kafka) {
      admin = kafka.admin();
      await call("connect", admin.connect());
      target = await checkTarget(admin, brokers, source.options.topic, [...plan.keys()], snapshot, positioned, checkpoint, after, options);
      report.targetClusterId = target.clusterId;
    } else if (!options.dryRun) {
      throw new Error("restore needs --brokers");
    }
    if (target?.create) {
      const { partitions, replicationFactor, configs } = target.create;
      const replicas = replicationFactor > 0 ? replicationFactor : Math.min(snapshot?.replicationFactor ?? 2, 3);
      report.created = { partitions, replicationFactor, configs, terraform: terraformTopic(targetTopic, partitions, replicas, configs) };
    }
    const scan = options.dryRun || options.scan !== false;
    // Source partition -> records selected before each tracked offset (for a dry run's predicted positions).
    const before = scan ? await readSelection(source, listing, plan, manifests, selection, after, tracked, report, options) : new Map<number, Map<bigint, number>>();
    const limit = target?.maxMessageBytes;
    const big = report.largestRecord;
    if (limit && big && big.bytes + RECORD_OVERHEAD_BYTES > limit) {
      throw new Error(
        `the record at partition ${big.partition} offset ${big.offset} holds ${big.bytes} bytes (key, value, headers), more than the ${limit} bytes of max.message.bytes ${target?.create ? "the topic would be created with" : `of "${targetTopic}"`} allows with its batch's own bytes: raise max.message.bytes (CKafka: max_message_bytes) to at least ${big.bytes + RECORD_OVERHEAD_BYTES}, or leave the record out (--to-offset/--from-offset); nothing was written`,
      );
    }
    const selected = [...report.byPartition.values()];
    const totalRecords = selected.reduce((n, c) => n + c.records, 0);
    const units = scan ? selected.reduce((n, c) => n + c.bytes, 0) : [...plan.values()].flat().reduce((n, o) => n + o.storedBytes, 0);
    await options.shared?.ready({ units, records: totalRecords, groups: positioned.map((g) => g.groupId), recorded: checkpoint.groups.map((g) => g.groupId) });

    if (options.dryRun) {
      report.positions = predictedPositions(positioned, plan, target, before);
      return finish(report);
    }

    // ---- The restore.
    let targetMeta: PartitionMetadata[];
    if (target!.create) {
      targetMeta = await createTargetTopic(admin!, brokers, timeoutMs, targetTopic, target!.create);
      report.created!.replicationFactor = targetMeta[0]?.replicas.length ?? report.created!.replicationFactor;
    } else {
      targetMeta = target!.existing!;
    }
    const batchBytes = options.batchBytes ?? Math.min(512 * 1024, limit ? Math.floor(limit / 2) : Infinity);
    await new RestoreSends(source, kafka!, call, options, checkpoint, manifests, report, tracked, targetMeta, { batchBytes, scan, units, totalRecords }).run(plan, after);

    // ---- Consumer positions, then the read-back.
    for (const g of positioned) {
      const partitions = Object.entries(g.offsets)
        .filter(([p]) => plan.has(Number(p)))
        .map(([p, o]) => ({ partition: Number(p), offset: checkpoint.positions[p][String(BigInt(o))] }));
      for (const { partition, offset } of partitions) report.positions.push({ groupId: g.groupId, partition, sourceOffset: g.offsets[partition], targetOffset: offset });
      if (partitions.length) await call(`set the offsets of group "${g.groupId}" on "${targetTopic}"`, admin!.setOffsets({ groupId: g.groupId, topic: targetTopic, partitions: partitions.map((p) => ({ partition: p.partition, offset: p.offset })) }));
    }
    if (options.check !== false) report.check = await readBack(kafka!, brokers, timeoutMs, targetTopic, checkpoint);
  } finally {
    if (admin) await call("disconnect", admin.disconnect()).catch(() => undefined);
  }
  return finish(report);
}

/**
 * The restore's checkpoint: a new one, or with `resume` the one the file holds, which must record this source,
 * target and selection. An existing file without `resume` is refused (its records would be sent twice). A dry
 * run reads and writes no file.
 */
function startCheckpoint(location: BackupLocation, selection: Checkpoint["selection"], options: RestoreOptions): { checkpoint: Checkpoint; resuming: boolean } {
  const { targetTopic, checkpointPath } = options;
  const { bucket, prefix, instanceId, topic } = location;
  const sourceId = { bucket, prefix, instanceId, topic };
  const fresh: Checkpoint = { source: sourceId, targetTopic, selection, restored: {}, targetEnds: {}, targetStarts: {}, inFlight: {}, groups: [], positions: {}, sent: {}, complete: false };
  if (options.dryRun) return { checkpoint: fresh, resuming: false };
  if (!existsSync(checkpointPath)) {
    if (options.resume) throw new UsageError(`--resume: there is no checkpoint ${checkpointPath} to resume from; give the --checkpoint of the stopped restore, or drop --resume to start one`);
    return { checkpoint: fresh, resuming: false };
  }
  if (!options.resume) {
    throw new UsageError(`${checkpointPath} records an earlier restore into "${targetTopic}": add --resume to continue it, or remove the file to restore again from the start (the records it restored would then be in the target twice)`);
  }
  const checkpoint = readCheckpoint(checkpointPath);
  const same = JSON.stringify([checkpoint.source, checkpoint.targetTopic, checkpoint.selection]) === JSON.stringify([sourceId, targetTopic, selection]);
  if (!same) {
    throw new UsageError(`--resume: ${checkpointPath} records a restore of ${JSON.stringify({ ...checkpoint.source, targetTopic: checkpoint.targetTopic, ...checkpoint.selection })}; --resume needs the same source, target and selection`);
  }
  return { checkpoint, resuming: true };
}

/** Source partition -> the recorded groups' offsets to translate there, ascending. */
function trackedOffsets(groups: GroupSnapshot[], plan: Map<number, SourceObject[]>): Map<number, bigint[]> {
  const tracked = new Map<number, bigint[]>();
  for (const g of groups) {
    for (const [p, o] of Object.entries(g.offsets)) {
      if (!plan.has(Number(p))) continue;
      const list = tracked.get(Number(p)) ?? [];
      if (!list.includes(BigInt(o))) list.push(BigInt(o));
      tracked.set(Number(p), list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  }
  return tracked;
}

/**
 * The target checked (restore-target.ts) and, for a restore, the checkpoint brought up to the target's ends (sends in
 * flight when a restore stopped found written or not; only the checkpoint in memory changes); the groups to position
 * must have no members there.
 */
async function checkTarget(admin: Admin, brokers: string, sourceTopic: string, sourcePartitions: number[], snapshot: TopicSnapshot | undefined, positioned: GroupSnapshot[], checkpoint: Checkpoint, after: Map<number, number>, options: RestoreOptions): Promise<TargetPlan> {
  const { targetTopic, timeoutMs = 30_000 } = options;
  const target = await planTarget({
    admin,
    brokers,
    timeoutMs,
    // A recreated topic's location (`orders~2`) is the topic of its name: restoring into that topic there adds its records twice.
    sourceTopic: topicOf(sourceTopic),
    targetTopic,
    snapshot,
    sourcePartitions,
    repartition: checkpoint.selection.repartition,
    createTopic: options.createTopic ?? false,
    replicationFactor: options.replicationFactor,
    intoSourceTopic: options.intoSourceTopic ?? false,
  });
  if (!options.dryRun) {
    resumeInFlight(checkpoint, target.ends, targetTopic, after);
    for (const [p, end] of target.ends) {
      checkpoint.targetEnds[p] = end;
      checkpoint.targetStarts[p] ??= end;
    }
  }
  const busy = await activeGroups(admin, brokers, timeoutMs, positioned.map((g) => g.groupId));
  if (busy.length) {
    throw new Error(`consumer group(s) ${busy.join("; ")} have members on the target: their positions cannot be set while they consume; stop them (or restore without --consumer-groups) and run again. Nothing was written`);
  }
  return target;
}

/**
 * The preflight's read of the selection: every object checked against its manifest before any write, the selected
 * records counted per partition into the report (and the largest noted). Returns, per source partition, the records
 * selected before each tracked offset (a dry run's predicted positions).
 */
async function readSelection(
  source: BackupSource,
  listing: SourceListing,
  plan: Map<number, SourceObject[]>,
  manifests: ManifestIndex,
  selection: Selection,
  after: Map<number, number>,
  tracked: Map<number, bigint[]>,
  report: RestoreReport,
  options: RestoreOptions,
): Promise<Map<number, Map<bigint, number>>> {
  const { progress = quietProgress } = options;
  const before = new Map<number, Map<bigint, number>>();
  progress.start("preflight: reading the backup", [...plan.values()].flat().reduce((n, o) => n + o.storedBytes, 0), "bytes of objects");
  let read = 0;
  for (const [partition, objects] of plan) {
    const counts = report.byPartition.get(partition)!;
    const marks = tracked.get(partition) ?? [];
    const below = new Map(marks.map((m) => [m, 0]));
    before.set(partition, below);
    let lastRead: number | undefined;
    for (const object of objects) {
      report.objects++;
      const check = (stored: StoredDigest) => {
        try {
          manifests.check(object.key, stored);
        } catch (err) {
          if (!(err instanceof IntegrityError) || options.dryRun) throw err;
          throw new IntegrityError(`${err.message}\nnothing was written into "${options.targetTopic}"; once the object is repaired (README "Operating a backup"), run the same command again`);
        }
      };
      for await (const chunk of source.recordChunks(object, check)) {
        for (const { record: r } of chunk) {
          lastRead = r.offset;
          if (!selected(r, selection, after.get(partition) ?? -1)) continue;
          const bytes = recordBytes(r);
          counts.records++;
          counts.bytes += bytes;
          counts.firstOffset ??= r.offset;
          counts.lastOffset = r.offset;
          for (const m of marks) if (BigInt(r.offset) < m) below.set(m, below.get(m)! + 1);
          if (!report.largestRecord || bytes > report.largestRecord.bytes) report.largestRecord = { partition, offset: r.offset, bytes };
        }
      }
      read += object.storedBytes;
      progress.update(read);
    }
    if (counts.records === 0) counts.held = heldOffsets(listing, partition, objects, lastRead);
  }
  progress.stop();
  return before;
}

/** A dry run's positions: the target's end now plus the records selected before each group's offset (unknown without a target). */
function predictedPositions(positioned: GroupSnapshot[], plan: Map<number, SourceObject[]>, target: TargetPlan | undefined, before: Map<number, Map<bigint, number>>): GroupPosition[] {
  const positions: GroupPosition[] = [];
  for (const g of positioned) {
    for (const [p, o] of Object.entries(g.offsets)) {
      const partition = Number(p);
      if (!plan.has(partition)) continue;
      const start = target?.ends.get(partition);
      const n = before.get(partition)?.get(BigInt(o));
      positions.push({ groupId: g.groupId, partition, sourceOffset: o, targetOffset: start === undefined || n === undefined ? null : String(BigInt(start) + BigInt(n)) });
    }
  }
  return positions;
}

/** Reads back what the restore sent into each target partition and compares counts and digests. */
async function readBack(kafka: Kafka, brokers: string, timeoutMs: number, targetTopic: string, checkpoint: Checkpoint): Promise<NonNullable<RestoreReport["check"]>> {
  const ranges = new Map(Object.keys(checkpoint.sent).map((tp) => [Number(tp), { from: BigInt(checkpoint.targetStarts[tp] ?? "0"), to: BigInt(checkpoint.targetEnds[tp]) }]));
  const found = await readBackDigests(kafka, brokers, timeoutMs, targetTopic, ranges);
  const partitions = [...ranges.keys()].sort((a, b) => a - b).map((p) => {
    const sent = checkpoint.sent[p];
    const got = found.get(p) ?? EMPTY_DIGEST;
    return { partition: p, sent, found: got, ok: sent.records === got.records && sent.digest === got.digest };
  });
  return { partitions, ok: partitions.every((p) => p.ok) };
}

/** A send made ready (messages and digests) while the partition's previous send is in flight. */
interface PreparedSend {
  partition: number;
  records: KafkaRecord[];
  bytes: number;
  messages: Message[];
  f: InFlight;
}

/**
 * The sends of one restore: partitions restored concurrently through a pool of producers, one send under way per
 * partition, each recorded in the checkpoint file before it goes. A failure stops every partition at its next send
 * and throws what was written and how to continue.
 */
class RestoreSends {
  private readonly file: CheckpointFile;
  private readonly throttle: Throttle;
  private readonly pool: ProducerPool;
  private readonly place: (r: KafkaRecord) => number;
  private readonly concurrency: number;
  private readonly progress: Progress;
  private sendStarted = Date.now();
  private sentBytes = 0;
  private sentRecords = 0;
  private objectBytesRead = 0;
  private stopped = false;
  /**
   * Records placed so far per target partition, the batch being prepared included: its records' places (the n-th
   * record restored into the partition, over every session of the restore) for the read-back digest.
   */
  private readonly placed: Record<string, number> = {};
  /** Source partition -> the recorded offsets a send, sent or prepared, resolves: each is resolved by one send only. */
  private readonly claimed = new Map<number, Set<string>>();

  constructor(
    private readonly source: BackupSource,
    kafka: Kafka,
    private readonly call: <T>(what: string, promise: Promise<T>) => Promise<T>,
    private readonly options: RestoreOptions,
    private readonly checkpoint: Checkpoint,
    private readonly manifests: ManifestIndex,
    private readonly report: RestoreReport,
    private readonly tracked: Map<number, bigint[]>,
    targetMeta: PartitionMetadata[],
    private readonly sizes: { batchBytes: number; scan: boolean; units: number; totalRecords: number },
  ) {
    allowNullHeaderValues();
    const { targetTopic, shared } = options;
    this.concurrency = checkpoint.selection.repartition ? 1 : (options.concurrency ?? DEFAULT_CONCURRENCY);
    this.progress = options.progress ?? quietProgress;
    const partitioner = Partitioners.DefaultPartitioner();
    this.place = (r) => {
      if (!checkpoint.selection.repartition) return r.partition;
      // Keyed: murmur2 of the key, as the Java client. No key: the source partition modulo the target's count (documented).
      if (r.key === null) return r.partition % targetMeta.length;
      return partitioner({ topic: targetTopic, partitionMetadata: targetMeta, message: { key: r.key, value: null } });
    };
    // Written before every send (one write for the partitions asking at once) and at the end (never before the first
    // send: a restore that sent nothing leaves no checkpoint).
    this.file = new CheckpointFile(options.checkpointPath, () => JSON.stringify(checkpoint, null, 2) + "\n");
    this.throttle = shared?.throttle ?? new Throttle(options.maxBytesPerSecond);
    this.pool = shared?.pool ?? new ProducerPool(kafka, Math.max(1, Math.min(this.concurrency, this.report.byPartition.size)), call);
  }

  private get isStopped(): boolean {
    return this.stopped || (this.options.shared?.stopped ?? false);
  }

  private stop(): void {
    this.stopped = true;
    if (this.options.shared) this.options.shared.stopped = true;
  }

  /** One display for the whole restore: record bytes sent of those the preflight counted (bytes of objects read without it). */
  private note(): string {
    const seconds = Math.max(0.001, (Date.now() - this.sendStarted) / 1000);
    return `${this.sentRecords}${this.sizes.scan ? `/${this.sizes.totalRecords}` : ""} records, ${(this.sentBytes / 1048576 / seconds).toFixed(1)} MiB/s`;
  }

  /** Restores every partition of the plan; on failure, throws what was written and how to continue. */
  async run(plan: Map<number, SourceObject[]>, after: Map<number, number>): Promise<void> {
    const { shared } = this.options;
    const { checkpoint, report } = this;
    // Several topics: one display for all of them (restore-topics.ts), told what each sends.
    if (!shared) this.progress.start("restoring", this.sizes.units, this.sizes.scan ? "record bytes" : "bytes of objects");
    try {
      const queue = [...plan];
      if (!shared) await this.pool.connect();
      this.sendStarted = Date.now();
      shared?.sending();
      // Each worker restores one partition at a time, through a producer of the pool (shared by the topics of one command).
      const worker = async () => {
        try {
          for (let next = queue.shift(); next && !this.isStopped; next = queue.shift()) {
            const producer = await this.pool.acquire();
            try {
              await this.restorePartition(producer, next[0], next[1], after.get(next[0]) ?? -1);
            } finally {
              this.pool.release(producer);
            }
          }
        } catch (err) {
          this.stop();
          throw err;
        }
      };
      // The first failure stops the others at their next send: what they sent is in the checkpoint.
      const workers = Array.from({ length: Math.max(1, Math.min(this.concurrency, plan.size)) }, () => worker());
      const results = await Promise.allSettled(workers);
      // The first failure is the cause; the others only stopped for it.
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected" && !/^stopped: another partition failed/.test((r.reason as Error)?.message)) ?? results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
      report.sendSeconds = (Date.now() - this.sendStarted) / 1000;
      // Offsets no restored record is at or after map to the partition's end.
      for (const [p, list] of this.tracked) {
        for (const c of list) (checkpoint.positions[p] ??= {})[String(c)] ??= checkpoint.targetEnds[p];
      }
      checkpoint.complete = true;
    } catch (err) {
      throw this.stoppedError(err, [...plan.keys()]);
    } finally {
      if (!shared) {
        this.progress.stop();
        await this.pool.disconnect();
      }
      if (checkpoint.complete || existsSync(this.options.checkpointPath)) this.file.saveNow();
    }
  }

  /** What a stopped restore throws: what it wrote, what may be written, and how to continue. */
  private stoppedError(err: unknown, sourcePartitions: number[]): Error {
    const { targetTopic, checkpointPath } = this.options;
    // A damaged object exits 1 like verify's problems (none of its records was sent); anything else 4.
    const damaged = err instanceof IntegrityError;
    const Stopped = damaged ? IntegrityError : RestoreStopped;
    const once = damaged ? "once the object is repaired (README \"Operating a backup\"), " : "";
    if (!existsSync(checkpointPath)) return new Stopped(`restore stopped: ${(err as Error).message}\nnothing was written into "${targetTopic}"; ${once}run the same command again`);
    const inFlight = Object.entries(this.checkpoint.inFlight);
    return new Stopped(
      `restore stopped: ${(err as Error).message}\nwritten into "${targetTopic}" (last source offset restored): ${describeWritten(this.checkpoint.restored, sourcePartitions)}` +
        `${inFlight.map(([p, list]) => `; ${list.length === 1 ? "one send" : `${list.length} sends`} of partition ${p} up to offset ${list[list.length - 1].lastOffset} may or may not be written (--resume finds out)`).join("")}` +
        `\n${once}run the same command with --resume to continue from there (checkpoint ${checkpointPath})`,
    );
  }

  /** A batch's messages, its records' digests at their places, and the recorded offsets it resolves. */
  private prepare(partition: number, records: KafkaRecord[], bytes: number): PreparedSend {
    const { checkpoint } = this;
    const messages = records.map((r) => toMessage(r, this.place(r)));
    const counts: Record<string, number> = {};
    const hashes: Record<string, Buffer[]> = {};
    messages.forEach((m, i) => {
      const tp = String(m.partition);
      const n = (this.placed[tp] ??= checkpoint.sent[tp]?.records ?? 0);
      this.placed[tp] = n + 1;
      counts[tp] = (counts[tp] ?? 0) + 1;
      const r = records[i];
      (hashes[tp] ??= []).push(recordHash(n, String(r.timestamp), r.key, r.value, r.headers));
    });
    const digests = Object.fromEntries(Object.entries(hashes).map(([tp, h]) => [tp, addHashes(EMPTY_DIGEST, h)]));
    const resolves: Record<string, number> = {};
    const mine = this.claimed.get(partition) ?? new Set(Object.keys(checkpoint.positions[partition] ?? {}));
    this.claimed.set(partition, mine);
    for (const c of this.tracked.get(partition) ?? []) {
      if (mine.has(String(c))) continue;
      const i = records.findIndex((r) => BigInt(r.offset) >= c);
      if (i >= 0) {
        resolves[String(c)] = i;
        mine.add(String(c));
      }
    }
    const f: InFlight = { lastOffset: records[records.length - 1].offset, counts, digests, resolves };
    return { partition, records, bytes, messages, f };
  }

  private async send(producer: Producer, { partition, records, bytes, messages, f }: PreparedSend): Promise<void> {
    const { targetTopic, timeoutMs = 30_000, shared } = this.options;
    const acks = await this.call(`send to "${targetTopic}"`, producer.send({ topic: targetTopic, acks: -1, timeout: timeoutMs, messages }));
    const bases = new Map(acks.map((a) => [String(a.partition), BigInt(a.baseOffset ?? "0")]));
    // Saved with the next send's: a restore that stops before it finds this send written by the target's ends.
    landed(this.checkpoint, partition, f, bases);
    this.sentBytes += bytes;
    this.sentRecords += records.length;
    if (this.sizes.scan) shared ? shared.progressed(bytes, records.length) : this.progress.update(this.sentBytes, this.note());
    else shared?.progressed(0, records.length);
  }

  /** One partition's selected records after `from`, in batches, each sent once the one before it is acknowledged. */
  private async restorePartition(producer: Producer, partition: number, objects: SourceObject[], from: number): Promise<void> {
    const { batchRecords = 500, shared } = this.options;
    const { batchBytes, scan } = this.sizes;
    const counts = this.report.byPartition.get(partition)!;
    let batch: KafkaRecord[] = [];
    let bytesInBatch = 0;
    // One send under way per partition (the idempotent producer's order). Meanwhile the next batch is read, decoded,
    // digested, paid for (throttle) and written into the checkpoint as in flight; it goes once the one before it
    // is acknowledged.
    let inFlight: Promise<void> | undefined;
    const flush = async () => {
      if (!batch.length) return;
      const ready = this.prepare(partition, batch, bytesInBatch);
      batch = [];
      bytesInBatch = 0;
      await this.throttle.take(ready.bytes);
      const list = (this.checkpoint.inFlight[partition] ??= []);
      list.push(ready.f);
      const saved = this.file.save();
      try {
        await inFlight;
        await saved;
        if (this.isStopped) throw new Error("stopped: another partition failed");
      } catch (err) {
        // Not sent: the checkpoint written at the end says so (after this write, which may be under way).
        await saved.catch(() => undefined);
        dropInFlight(this.checkpoint, partition, ready.f);
        throw err;
      }
      inFlight = this.send(producer, ready);
      inFlight.catch(() => undefined); // awaited by the next flush or at the end
    };
    // A damaged object stops the restore before any of its records (found by the preflight unless --no-scan);
    // those of the objects before it are sent first, so the checkpoint ends right before it.
    const check = async (key: string, stored: StoredDigest) => {
      try {
        this.manifests.check(key, stored);
      } catch (err) {
        await flush();
        throw err;
      }
    };
    try {
      for (const object of objects) {
        if (!scan) this.report.objects++;
        for await (const chunk of this.source.recordChunks(object, (stored) => check(object.key, stored))) {
          for (const { record: r } of chunk) {
            if (!selected(r, this.checkpoint.selection, from)) continue;
            const size = recordBytes(r);
            if (!scan) {
              counts.records++;
              counts.bytes += size;
              counts.firstOffset ??= r.offset;
              counts.lastOffset = r.offset;
            }
            if (!exactInBatch(String(r.timestamp))) {
              await flush(); // alone in its batch, its timestamp is the batch's base: exact
              batch.push(r);
              bytesInBatch = size;
              await flush();
              continue;
            }
            if (batch.length && bytesInBatch + size > batchBytes) await flush();
            batch.push(r);
            bytesInBatch += size;
            if (batch.length >= batchRecords) await flush();
          }
        }
        if (!scan) {
          this.objectBytesRead += object.storedBytes;
          shared ? shared.progressed(object.storedBytes, 0) : this.progress.update(this.objectBytesRead, this.note());
        }
      }
      await flush();
      await inFlight;
    } catch (err) {
      // What was sent is acknowledged (or failed) before the restore reports it: the checkpoint then says which.
      await inFlight?.catch(() => undefined);
      throw err;
    }
  }
}

function finish(report: RestoreReport): RestoreReport {
  for (const c of report.byPartition.values()) {
    report.records += c.records;
    report.bytes += c.bytes;
  }
  return report;
}

/** Records an acknowledged (or, on resume, found written) send: offsets restored, target ends, positions it resolves, digests. */
function landed(checkpoint: Checkpoint, partition: number, f: InFlight, bases: Map<string, bigint>): void {
  for (const [tp, n] of Object.entries(f.counts)) {
    const base = bases.get(tp) ?? 0n;
    checkpoint.targetEnds[tp] = String(base + BigInt(n));
    checkpoint.sent[tp] = combine(checkpoint.sent[tp] ?? EMPTY_DIGEST, f.digests[tp]);
  }
  const base = bases.get(String(partition)) ?? 0n;
  for (const [c, i] of Object.entries(f.resolves)) (checkpoint.positions[partition] ??= {})[c] = String(base + BigInt(i));
  checkpoint.restored[partition] = f.lastOffset;
  dropInFlight(checkpoint, partition, f);
}

/** Takes a send off its partition's sends in flight. */
function dropInFlight(checkpoint: Checkpoint, partition: number, f: InFlight): void {
  const list = checkpoint.inFlight[partition] ?? [];
  const i = list.indexOf(f);
  if (i >= 0) list.splice(i, 1);
  if (!list.length) delete checkpoint.inFlight[partition];
}

/**
 * Resuming: the target must be as the checkpoint left it, but for the sends in flight when the restore stopped,
 * of which the first k (k from 0 to all: they land in order) are written if and only if the target's ends moved
 * by their counts.
 */
export function resumeInFlight(checkpoint: Checkpoint, ends: Map<number, string>, targetTopic: string, after: Map<number, number>): void {
  if (!Object.keys(checkpoint.targetEnds).length) return;
  const now = (tp: string) => BigInt(ends.get(Number(tp)) ?? "0");
  for (const [p, list] of Object.entries(checkpoint.inFlight)) {
    const sends = [...list];
    const was = (tp: string) => BigInt(checkpoint.targetEnds[tp] ?? "0");
    const tps = [...new Set(sends.flatMap((f) => Object.keys(f.counts)))];
    // moves[k]: how far each target partition moved with the first k sends written.
    const moves = [new Map(tps.map((tp) => [tp, 0n]))];
    for (const f of sends) moves.push(new Map(tps.map((tp) => [tp, moves[moves.length - 1].get(tp)! + BigInt(f.counts[tp] ?? 0)])));
    const k = moves.findIndex((m) => tps.every((tp) => now(tp) === was(tp) + m.get(tp)!));
    if (k === -1) {
      const by = (m: Map<string, bigint>) => tps.map((tp) => m.get(tp)).join("/");
      throw new Error(
        `cannot resume exactly: target partition(s) ${tps.join(", ")} of "${targetTopic}" moved by ${tps.map((tp) => now(tp) - was(tp)).join("/")} record(s), ` +
          `while the ${sends.length === 1 ? "send" : `${sends.length} sends`} in flight, written in order, would move ${tps.length === 1 ? "it" : "them"} by ${moves.map(by).join(" or ")}: something else writes to "${targetTopic}"`,
      );
    }
    for (const f of sends.slice(0, k)) {
      landed(checkpoint, Number(p), f, new Map(Object.keys(f.counts).map((tp) => [tp, was(tp)])));
      after.set(Number(p), f.lastOffset);
    }
    delete checkpoint.inFlight[p];
  }
  const moved = Object.entries(checkpoint.targetEnds).filter(([tp, e]) => now(tp) !== BigInt(e));
  if (moved.length) {
    throw new Error(`cannot resume exactly: ${moved.map(([tp, e]) => `partition ${tp} of "${targetTopic}" ends at ${ends.get(Number(tp))}, the checkpoint says ${e}`).join("; ")}: something else wrote to "${targetTopic}"`);
  }
}
