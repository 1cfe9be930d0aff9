// Replays a backup into a topic: each record with its key, value (tombstones stay tombstones), headers
// (null values too, see kafkajs-null-headers.ts; a repeated name keeps its values' order) and exact
// timestamp, in offset order, through an idempotent producer. Each record goes to the partition it
// came from, or with `repartition` to where Kafka's Java client would put its key.
//
// A checkpoint file records, after every acknowledged send, the last source offset restored per partition
// and the target's end offsets; before each send it records the send in flight. `resume` continues after
// the checkpoint: a send in flight when the restore stopped is found written or not by the target's end
// offsets, so nothing is sent twice. Without `resume`, an existing checkpoint refuses the restore.
// The target topic keeps the timestamps only with message.timestamp.type=CreateTime (Kafka's default).
// Every object is checked against the run manifests (size, sha256) before any of its records is sent: a damaged
// object can still decode, into other records (backup-source.ts, ManifestIndex).
import { ConfigResourceTypes, Partitioners, type Kafka, type Message, type IHeaders, type PartitionMetadata } from "kafkajs";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { KafkaRecord } from "../function/record-format";
import { manifestsFor, type BackupSource, type ManifestCheckOptions, type StoredDigest } from "./backup-source";
import { kafkaCall, kafkaRead } from "./calls";
import { IntegrityError, UsageError } from "./errors";
import { allowNullHeaderValues } from "./kafkajs-null-headers";
import { quietProgress, type Progress } from "./progress";
import { recordBytes, selectObjects, selected, type Selection } from "./selection";

export interface RestoreOptions extends Selection, ManifestCheckOptions {
  targetTopic: string;
  /** Place records by key (murmur2, as Kafka's Java client) in a target with another partition count. @default false */
  repartition?: boolean;
  /** Read and count what would be sent; connect to nothing, send nothing, write no checkpoint. @default false */
  dryRun?: boolean;
  /** The checkpoint file. */
  checkpointPath: string;
  /** Continue the restore the checkpoint file records. @default false */
  resume?: boolean;
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
}

export interface PartitionRestore {
  records: number;
  bytes: number;
  firstOffset: number | null;
  lastOffset: number | null;
}

export interface RestoreReport {
  dryRun: boolean;
  records: number;
  bytes: number;
  objects: number;
  /** By source partition. */
  byPartition: Map<number, PartitionRestore>;
}

interface InFlight {
  /** Source partition and the last source offset the send holds. */
  partition: number;
  lastOffset: number;
  /** Records per target partition in the send. */
  counts: Record<string, number>;
}

interface Checkpoint {
  source: { bucket: string; prefix: string; instanceId: string; topic: string };
  targetTopic: string;
  selection: Selection & { repartition: boolean };
  /** Source partition -> last offset restored. */
  restored: Record<string, number>;
  /** Target partition -> its end offset after the last acknowledged send. */
  targetEnds: Record<string, string>;
  inFlight?: InFlight;
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
  if (!isObject(c) || !isObject(c!.source) || typeof c!.targetTopic !== "string" || !isObject(c!.selection) || !isObject(c!.restored) || !isObject(c!.targetEnds)) {
    throw new UsageError(`--checkpoint: ${path} is not a restore checkpoint (one holds the source, target topic, selection and offsets restored); give the checkpoint file of the stopped restore`);
  }
  return c as Checkpoint;
}

export async function restoreBackup(source: BackupSource, kafka: Kafka | undefined, brokers: string, options: RestoreOptions): Promise<RestoreReport> {
  const { targetTopic, batchRecords = 500, timeoutMs = 30_000, progress = quietProgress } = options;
  const selection: Checkpoint["selection"] = {
    partitions: options.partitions,
    fromOffset: options.fromOffset,
    toOffset: options.toOffset,
    fromTimeMs: options.fromTimeMs,
    toTimeMs: options.toTimeMs,
    repartition: options.repartition ?? false,
  };
  if (targetTopic === source.options.topic) {
    throw new UsageError(`--target-topic: "${targetTopic}" is the backed-up topic: restoring into it would add every record a second time; restore into another topic`);
  }
  const { bucket, prefix, instanceId, topic } = source.options;
  const sourceId = { bucket, prefix, instanceId, topic };
  let checkpoint: Checkpoint = { source: sourceId, targetTopic, selection, restored: {}, targetEnds: {}, complete: false };
  if (!options.dryRun) {
    if (existsSync(options.checkpointPath)) {
      if (!options.resume) {
        throw new UsageError(`${options.checkpointPath} records an earlier restore into "${targetTopic}": add --resume to continue it, or remove the file to restore again from the start (the records it restored would then be in the target twice)`);
      }
      checkpoint = readCheckpoint(options.checkpointPath);
      const same = JSON.stringify([checkpoint.source, checkpoint.targetTopic, checkpoint.selection]) === JSON.stringify([sourceId, targetTopic, selection]);
      if (!same) {
        throw new UsageError(`--resume: ${options.checkpointPath} records a restore of ${JSON.stringify({ ...checkpoint.source, targetTopic: checkpoint.targetTopic, ...checkpoint.selection })}; --resume needs the same source, target and selection`);
      }
    } else if (options.resume) {
      throw new UsageError(`--resume: there is no checkpoint ${options.checkpointPath} to resume from; give the --checkpoint of the stopped restore, or drop --resume to start one`);
    }
  }
  const after = new Map(Object.entries(checkpoint.restored).map(([p, o]) => [Number(p), o]));
  const plan = selectObjects(await source.objectsToRead(), selection, after);
  const sourcePartitions = [...plan.keys()];
  const manifests = await manifestsFor(source, [...plan.values()].flat(), options);
  const report: RestoreReport = { dryRun: options.dryRun ?? false, records: 0, bytes: 0, objects: 0, byPartition: new Map() };
  for (const p of sourcePartitions) report.byPartition.set(p, { records: 0, bytes: 0, firstOffset: null, lastOffset: null });

  // Written before and after every send (never before the first: a restore that sent nothing leaves no checkpoint).
  const save = () => {
    writeFileSync(`${options.checkpointPath}.tmp`, JSON.stringify(checkpoint, null, 2) + "\n");
    renameSync(`${options.checkpointPath}.tmp`, options.checkpointPath);
  };
  let batchBytes = options.batchBytes ?? 512 * 1024;
  let send: ((partition: number, records: KafkaRecord[]) => Promise<void>) | undefined;
  let close = async () => {};
  if (!options.dryRun) {
    if (!kafka) throw new Error("restore needs --brokers");
    allowNullHeaderValues();
    const admin = kafka.admin();
    await kafkaCall(timeoutMs, brokers, "connect", admin.connect());
    let targetMeta: PartitionMetadata[];
    let ends: Map<number, string>;
    try {
      try {
        targetMeta = (await kafkaRead(timeoutMs, brokers, `metadata of "${targetTopic}"`, () => admin.fetchTopicMetadata({ topics: [targetTopic] }))).topics[0].partitions;
      } catch (err) {
        if (/does not host this topic-partition|UNKNOWN_TOPIC/i.test((err as Error).message)) {
          throw new Error(`target topic "${targetTopic}" does not exist; create it first, with at least as many partitions as the backup (or any count with --repartition)`);
        }
        throw err;
      }
      ends = new Map((await kafkaRead(timeoutMs, brokers, `end offsets of "${targetTopic}"`, () => admin.fetchTopicOffsets(targetTopic))).map((o) => [o.partition, o.high]));
      // Half the topic's limit leaves room for the batch's and each record's own bytes. Without permission to
      // read the topic's configuration (a CKafka ACL), the default stands.
      const limit = await kafkaRead(timeoutMs, brokers, `max.message.bytes of "${targetTopic}"`, () =>
        admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: targetTopic, configNames: ["max.message.bytes"] }], includeSynonyms: false }),
      ).then((d) => Number(d.resources[0]?.configEntries.find((e) => e.configName === "max.message.bytes")?.configValue), () => NaN);
      if (limit > 0 && options.batchBytes === undefined) batchBytes = Math.min(batchBytes, Math.floor(limit / 2));
    } finally {
      await kafkaCall(timeoutMs, brokers, "disconnect", admin.disconnect()).catch(() => undefined);
    }
    const targetPartitions = targetMeta.length;
    if (!selection.repartition) {
      const tooHigh = sourcePartitions.filter((p) => p >= targetPartitions);
      if (tooHigh.length) {
        throw new Error(`target topic "${targetTopic}" has ${targetPartitions} partition(s); the backup has partition(s) ${tooHigh.join(", ")}: give the topic at least ${Math.max(...tooHigh) + 1}, or add --repartition to place records by key`);
      }
    }
    if (Object.keys(checkpoint.targetEnds).length) {
      // Resuming: the target must be as the checkpoint left it, but for the send in flight when the
      // restore stopped, which is written if and only if the target's ends moved by its counts.
      const expected = new Map(Object.entries(checkpoint.targetEnds).map(([tp, e]) => [Number(tp), BigInt(e)]));
      const f = checkpoint.inFlight;
      if (f) {
        const now = (tp: string) => BigInt(ends.get(Number(tp)) ?? "0");
        const was = (tp: string) => expected.get(Number(tp)) ?? 0n;
        if (Object.entries(f.counts).every(([tp, n]) => now(tp) === was(tp) + BigInt(n))) {
          checkpoint.restored[f.partition] = f.lastOffset;
          after.set(f.partition, f.lastOffset);
          for (const [tp, n] of Object.entries(f.counts)) expected.set(Number(tp), was(tp) + BigInt(n));
        } else if (!Object.keys(f.counts).every((tp) => now(tp) === was(tp))) {
          throw new Error(`cannot resume exactly: target partition(s) ${Object.keys(f.counts).join(", ")} of "${targetTopic}" moved by neither 0 nor the ${Object.values(f.counts).join("+")} record(s) of the send in flight: something else writes to "${targetTopic}"`);
        }
        checkpoint.inFlight = undefined;
      }
      const moved = [...expected].filter(([tp, e]) => BigInt(ends.get(tp) ?? "0") !== e);
      if (moved.length) {
        throw new Error(`cannot resume exactly: ${moved.map(([tp, e]) => `partition ${tp} of "${targetTopic}" ends at ${ends.get(tp)}, the checkpoint says ${e}`).join("; ")}: something else wrote to "${targetTopic}"`);
      }
    }
    for (const [p, end] of ends) checkpoint.targetEnds[p] = end;

    const partitioner = Partitioners.DefaultPartitioner();
    const place = (r: KafkaRecord): number => {
      if (!selection.repartition) return r.partition;
      // Keyed: murmur2 of the key, as the Java client. No key: the source partition modulo the target's count (documented).
      if (r.key === null) return r.partition % targetPartitions;
      return partitioner({ topic: targetTopic, partitionMetadata: targetMeta, message: { key: r.key, value: null } });
    };
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await kafkaCall(timeoutMs, brokers, "connect the producer", producer.connect());
    close = () => kafkaCall(timeoutMs, brokers, "disconnect", producer.disconnect()).catch(() => undefined);
    send = async (partition, records) => {
      const messages = records.map((r) => toMessage(r, place(r)));
      const counts: Record<string, number> = {};
      for (const m of messages) counts[m.partition!] = (counts[m.partition!] ?? 0) + 1;
      checkpoint.inFlight = { partition, lastOffset: records[records.length - 1].offset, counts };
      save();
      const acks = await kafkaCall(timeoutMs, brokers, `send to "${targetTopic}"`, producer.send({ topic: targetTopic, acks: -1, timeout: timeoutMs, messages }));
      for (const a of acks) checkpoint.targetEnds[a.partition] = String(BigInt(a.baseOffset ?? "0") + BigInt(counts[a.partition] ?? 0));
      checkpoint.restored[partition] = checkpoint.inFlight.lastOffset;
      checkpoint.inFlight = undefined;
      save();
    };
  }

  const totalBytes = [...plan.values()].flat().reduce((n, o) => n + o.storedBytes, 0);
  let readBytes = 0;
  progress.start(options.dryRun ? "reading" : "restoring", totalBytes, "bytes of objects");
  try {
    for (const [partition, objects] of plan) {
      const counts = report.byPartition.get(partition)!;
      const from = after.get(partition) ?? -1;
      let batch: KafkaRecord[] = [];
      let bytesInBatch = 0;
      const flush = async () => {
        if (batch.length && send) await send(partition, batch);
        batch = [];
        bytesInBatch = 0;
      };
      // A damaged object stops the restore before any of its records; those of the objects before it are sent
      // first, so the checkpoint ends right before it and --resume continues there once it is repaired.
      const check = async (key: string, stored: StoredDigest) => {
        try {
          manifests.check(key, stored);
        } catch (err) {
          await flush();
          throw err;
        }
      };
      for (const object of objects) {
        report.objects++;
        for await (const { record: r } of source.records(object, (stored) => check(object.key, stored))) {
          if (!selected(r, selection, from)) continue;
          counts.records++;
          counts.bytes += recordBytes(r);
          counts.firstOffset ??= r.offset;
          counts.lastOffset = r.offset;
          if (!send) continue;
          if (!exactInBatch(String(r.timestamp))) {
            await flush(); // alone in its batch, its timestamp is the batch's base: exact
            batch.push(r);
            await flush();
            continue;
          }
          const size = recordBytes(r);
          if (batch.length && bytesInBatch + size > batchBytes) await flush();
          batch.push(r);
          bytesInBatch += size;
          if (batch.length >= batchRecords) await flush();
        }
        readBytes += object.storedBytes;
        progress.update(readBytes);
      }
      await flush();
    }
    checkpoint.complete = true;
  } catch (err) {
    if (!send) throw err;
    // A damaged object exits 1 like verify's problems (none of its records was sent); anything else 4.
    const damaged = err instanceof IntegrityError;
    const Stopped = damaged ? IntegrityError : RestoreStopped;
    const once = damaged ? "once the object is repaired (README \"Operating a backup\"), " : "";
    if (!existsSync(options.checkpointPath)) throw new Stopped(`restore stopped: ${(err as Error).message}\nnothing was written into "${targetTopic}"; ${once}run the same command again`);
    throw new Stopped(
      `restore stopped: ${(err as Error).message}\nwritten into "${targetTopic}" (last source offset restored): ${describeWritten(checkpoint.restored, sourcePartitions)}` +
        `${checkpoint.inFlight ? `; one send of partition ${checkpoint.inFlight.partition} up to offset ${checkpoint.inFlight.lastOffset} may or may not be written (--resume finds out)` : ""}` +
        `\n${once}run the same command with --resume to continue from there (checkpoint ${options.checkpointPath})`,
    );
  } finally {
    progress.stop();
    await close();
    if (send && (checkpoint.complete || existsSync(options.checkpointPath))) save();
  }
  for (const c of report.byPartition.values()) {
    report.records += c.records;
    report.bytes += c.bytes;
  }
  return report;
}
