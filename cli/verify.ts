// Checks a backup the way a restore relies on it, and reconciles it with the run manifests:
// - every object a manifest lists exists, with the size and sha256 a manifest recorded for it;
// - every object decodes (JSON Lines or Parquet, by its key; a backup may hold both); its records sit under the key their first record gives (partition, first
//   offset, time folder); offsets rise within an object and never overlap between objects;
// - every hole in offsets between objects is explained: a retention gap a manifest recorded, or offsets
//   a run read (from its start to the offset it committed) without the consumer receiving a record there
//   (transaction markers, aborted records, or records compaction removed: the bucket alone cannot tell these
//   three apart). Any other hole is a problem; with a broker, the topic is asked whether it holds records there;
// - keys under the topic's folder outside the documented layout are problems (restore would not read them).
// With a broker, it also compares the backup with the consumer group's committed offsets and the topic's end.
import type { Kafka } from "kafkajs";
import { committedOffsets } from "../function/kafka-offsets";
import { timeFolder } from "../function/object-keys";
import { ManifestIndex, type BackupSource, type ListedObject, type SourceObject, type StoredDigest } from "./backup-source";
import { kafkaCall, kafkaRead } from "./calls";
import { IntegrityError } from "./errors";
import { quietProgress, type Progress } from "./progress";
import { topicOf } from "./topics";

export interface Hole {
  /** Offsets [from, to) between two objects with no record in the backup. */
  from: number;
  to: number;
  /** What explains it; undefined when nothing does (then it is also a problem). */
  explained?: "retention gap" | "read, no record delivered" | "the topic holds no record there";
  /** A missing object a manifest lists in the hole (reported as a problem of its own). */
  missingObject?: string;
}

export interface PartitionReport {
  partition: number;
  objects: number;
  records: number;
  firstOffset: number | null;
  lastOffset: number | null;
  holes: Hole[];
  /** Every offset below this is in an object, or was read by a run without a record there (manifests); null when nothing is. */
  coveredTo: number | null;
  /** With a broker: the group's committed offset, and the topic's end (high watermark). */
  committedOffset?: number | null;
  topicEnd?: number;
  /** With a broker: offsets in the topic past what the backup holds (topic end - backup end). */
  trailingOffsets?: number;
}

export interface VerifyReport {
  location: string;
  partitions: PartitionReport[];
  /** What is wrong, one sentence each, naming the object key where there is one; empty when the backup is sound. */
  problems: string[];
  /** Objects whose size and sha256 a manifest recorded and that were checked against it. */
  checkedDigests: number;
  manifests: number;
  /** Objects no manifest lists (their run could not write its manifest): read and checked, without a digest. */
  unlisted: number;
}

export interface BrokerCheck {
  kafka: Kafka;
  brokers: string;
  /** @default the group id the newest manifest records */
  groupId?: string;
  timeoutMs: number;
}

const range = (from: number, to: number) => (to - 1 > from ? `offsets ${from}–${to - 1}` : `offset ${from}`);

/** `requireManifest`: an object no run manifest lists is a problem, and is not decoded. */
export async function verifyBackup(source: BackupSource, broker?: BrokerCheck, progress: Progress = quietProgress, requireManifest = false): Promise<VerifyReport> {
  const manifests = await source.manifests(progress);
  const index = new ManifestIndex(manifests);
  const listing = await source.objects();
  const location = source.location;
  const report: VerifyReport = { location, partitions: [], problems: [], checkedDigests: 0, manifests: manifests.length, unlisted: 0 };
  const problems = report.problems;
  if (listing.partitions.size === 0 && manifests.length === 0) {
    problems.push(`no backup object and no run manifest under ${location}: check --bucket, --region, --prefix, --instance and --topic`);
    if (listing.outside.length === 0) return report;
  }

  // What the manifests say: each object (ManifestIndex), the offsets each run read, and the retention gaps.
  const readRanges = new Map<number, Array<{ from: number; to: number }>>();
  const retentionGaps = new Map<number, Array<{ from: number; to: number }>>();
  const push = <T>(m: Map<number, T[]>, p: number, v: T) => m.set(p, [...(m.get(p) ?? []), v]);
  for (const { manifest } of manifests) {
    for (const p of manifest.partitions) {
      if (p.committedOffset !== null && p.committedOffset > p.planned.start) push(readRanges, p.partition, { from: p.planned.start, to: p.committedOffset });
      for (const g of p.gaps ?? []) push(retentionGaps, p.partition, g);
    }
  }
  const present = new Set([...listing.partitions.values()].flat().map((o) => o.key));
  const missing: ListedObject[] = [];
  for (const [key, versions] of index.objects) {
    if (present.has(key)) continue;
    const v = versions[versions.length - 1];
    missing.push(v);
    problems.push(`${key}: missing; manifest ${v.manifestKey} lists it (partition ${v.partition}, ${range(v.firstOffset, v.lastOffset + 1)}, ${v.records} records)`);
  }
  for (const key of listing.outside) {
    problems.push(`${key}: not a backup object key in the documented layout (prefix/instance/topic/dt=YYYY-MM-DD/hour=HH/topic+partition+offset.jsonl[.gz] or .parquet); restore does not read it`);
  }

  const covered = (ranges: Array<{ from: number; to: number }> | undefined, hole: { from: number; to: number }) =>
    (ranges ?? []).some((g) => g.from <= hole.from && hole.to <= g.to);
  const total = [...listing.partitions.values()].reduce((n, l) => n + l.length, 0);
  let done = 0;
  progress.start("verifying", total, "objects");
  for (const [partition, objects] of listing.partitions) {
    const pr: PartitionReport = { partition, objects: objects.length, records: 0, firstOffset: null, lastOffset: null, holes: [], coveredTo: null };
    let previous: { object: SourceObject; last: number } | undefined;
    for (const object of objects) {
      if (requireManifest && !index.lists(object.key)) {
        problems.push(`${object.key}: no run manifest lists it, so its bytes cannot be checked (--require-manifest)`);
        report.unlisted++;
        previous = undefined;
        progress.update(++done);
        continue;
      }
      let stored: StoredDigest | undefined;
      let first: number | undefined;
      let last: number | undefined;
      let records = 0;
      let unreadable = false;
      // Bytes a manifest recorded otherwise are damaged: named, and not decoded (a damaged Parquet object can make
      // the decoder allocate without bound or loop).
      let wrongDigest: string | undefined;
      try {
        // The reader refuses records whose partition or first offset disagrees with the key.
        const fetched = (s: StoredDigest) => {
          stored = s;
          wrongDigest = index.lists(object.key) ? index.mismatch(object.key, s) : undefined;
          if (wrongDigest) throw new IntegrityError(wrongDigest);
        };
        for await (const { record: r } of source.records(object, fetched)) {
          if (first === undefined) {
            first = r.offset;
            if (timeFolder(r.timestamp) !== object.timeFolder) problems.push(`${object.key}: the key's folder is ${object.timeFolder}, the first record's timestamp gives ${timeFolder(r.timestamp)}`);
          }
          if (last !== undefined && r.offset <= last) problems.push(`${object.key}: offset ${r.offset} follows ${last}; offsets must rise`);
          last = r.offset;
          records++;
        }
      } catch (err) {
        if (!wrongDigest) problems.push((err as Error).message);
        unreadable = true;
        first = undefined;
        previous = undefined; // its offsets are unknown: no hole or overlap is judged across it
      }
      progress.update(++done);
      if (!index.lists(object.key)) report.unlisted++;
      else if (stored) {
        report.checkedDigests++;
        if (wrongDigest) problems.push(wrongDigest);
      }
      if (first === undefined || last === undefined) {
        if (stored && records === 0 && !unreadable) problems.push(`${object.key}: holds no record`);
        continue;
      }
      pr.records += records;
      if (previous) {
        if (first <= previous.last) {
          problems.push(`${object.key} overlaps ${previous.object.key}: ${range(first, previous.last + 1)} are in both`);
        } else if (first > previous.last + 1) {
          const hole: Hole = { from: previous.last + 1, to: first };
          const lost = missing.find((m) => m.partition === partition && m.firstOffset <= hole.to - 1 && m.lastOffset >= hole.from);
          if (lost) hole.missingObject = lost.key;
          else if (covered(retentionGaps.get(partition), hole)) hole.explained = "retention gap";
          else if (covered(readRanges.get(partition), hole)) hole.explained = "read, no record delivered";
          pr.holes.push(hole);
        }
      }
      pr.firstOffset ??= first;
      pr.lastOffset = Math.max(pr.lastOffset ?? last, last);
      previous = { object, last: Math.max(previous?.last ?? last, last) };
    }
    const ends = [...(readRanges.get(partition) ?? []).map((r) => r.to), ...(pr.lastOffset === null ? [] : [pr.lastOffset + 1])];
    pr.coveredTo = ends.length ? Math.max(...ends) : null;
    report.partitions.push(pr);
  }
  progress.stop();

  if (broker) await checkAgainstBroker(source, broker, report, manifests.at(-1)?.manifest.groupId);
  for (const pr of report.partitions) {
    for (const h of pr.holes.filter((h) => !h.explained && !h.missingObject)) {
      problems.push(
        `partition ${pr.partition}: no record at ${range(h.from, h.to)} and nothing explains it (no manifest records a retention gap there or a run that read there)` +
          (broker ? "" : "; --brokers asks the topic whether it holds records there"),
      );
    }
  }
  return report;
}

/** The group's committed offsets and the topic's ends against the backup; unexplained holes the topic can still answer for. */
async function checkAgainstBroker(source: BackupSource, b: BrokerCheck, report: VerifyReport, manifestGroup: string | undefined): Promise<void> {
  // A recreated topic's location (`orders~2`) is compared with the topic it backs up, as it is now.
  const topic = topicOf(source.options.topic);
  const groupId = b.groupId ?? manifestGroup;
  const admin = b.kafka.admin();
  await kafkaCall(b.timeoutMs, b.brokers, "connect", admin.connect());
  try {
    const ends = await kafkaRead(b.timeoutMs, b.brokers, `end offsets of "${topic}"`, () => admin.fetchTopicOffsets(topic));
    let committed = new Map<number, { offset: number }>();
    if (groupId) {
      const got = await kafkaRead(b.timeoutMs, b.brokers, `offsets of group "${groupId}"`, () => committedOffsets(admin, groupId, [topic]));
      committed = got.get(topic) ?? committed;
    } else {
      report.problems.push(`no manifest records the consumer group and --group is not given: committed offsets not checked`);
    }
    for (const end of ends) {
      let pr = report.partitions.find((p) => p.partition === end.partition);
      if (!pr) {
        pr = { partition: end.partition, objects: 0, records: 0, firstOffset: null, lastOffset: null, holes: [], coveredTo: null };
        report.partitions.push(pr);
      }
      const high = Number(end.high);
      const low = Number(end.low);
      let backupEnd = pr.coveredTo ?? low;
      pr.topicEnd = high;
      pr.committedOffset = committed.get(end.partition)?.offset ?? null;
      const c = pr.committedOffset;
      // Committed past what the backup covers: fine only if the topic holds no record there (markers, aborted records).
      if (c !== null && c > backupEnd) {
        const n = backupEnd >= low ? await recordsIn(b, topic, end.partition, backupEnd, c) : -1;
        if (n === 0) backupEnd = c;
        else report.problems.push(`partition ${end.partition}: group "${groupId}" committed offset ${c}, but the backup ends at ${backupEnd}: ${range(backupEnd, c)} are committed and not in the backup`);
      }
      pr.trailingOffsets = Math.max(0, high - backupEnd);
      // A hole the manifests do not explain, still in the topic's log: does the topic hold records there?
      for (const h of pr.holes.filter((h) => !h.explained && !h.missingObject && h.from >= low)) {
        const n = await recordsIn(b, topic, end.partition, h.from, h.to);
        if (n === 0) h.explained = "the topic holds no record there";
        else report.problems.push(`partition ${end.partition}: the topic holds ${n} record(s) at ${range(h.from, h.to)} that the backup lacks`);
      }
    }
    report.partitions.sort((x, y) => x.partition - y.partition);
  } finally {
    await kafkaCall(b.timeoutMs, b.brokers, "disconnect", admin.disconnect()).catch(() => undefined);
  }
}

/** Committed records the topic holds in [from, to) of a partition (read_committed: markers and aborted records do not count). */
async function recordsIn(b: BrokerCheck, topic: string, partition: number, from: number, to: number): Promise<number> {
  const consumer = b.kafka.consumer({ groupId: `ckafka-cos-backup-verify-${process.pid}-${Date.now()}`, readUncommitted: false, maxWaitTimeInMs: 300 });
  await kafkaCall(b.timeoutMs, b.brokers, "connect a consumer", consumer.connect());
  let count = 0;
  try {
    await kafkaCall(b.timeoutMs, b.brokers, `subscribe to "${topic}"`, consumer.subscribe({ topics: [topic] }));
    await kafkaCall(
      b.timeoutMs,
      b.brokers,
      `read "${topic}" partition ${partition} ${range(from, to)}`,
      new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              if (batch.partition !== partition) return;
              for (const m of batch.messages) if (Number(m.offset) >= from && Number(m.offset) < to) count++;
              if (Number(batch.highWatermark) <= to || Number(batch.lastOffset()) >= to - 1) resolve();
            },
          })
          .catch(reject);
        // A range of only markers or aborted records yields no batch: after a few fetches from `from`, there is nothing.
        let fetches = -1;
        consumer.on(consumer.events.GROUP_JOIN, () => {
          consumer.seek({ topic, partition, offset: String(from) });
          fetches = 0;
        });
        consumer.on(consumer.events.FETCH, () => {
          if (fetches >= 0 && ++fetches >= 4) resolve();
        });
      }),
    );
  } finally {
    await kafkaCall(b.timeoutMs, b.brokers, "disconnect", consumer.disconnect()).catch(() => undefined);
  }
  return count;
}
