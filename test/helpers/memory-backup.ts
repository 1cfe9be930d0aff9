// A backup in memory for the CLI's unit tests: the commands read it through the same BucketSource as a COS
// bucket (key layout, manifests, digests, decoding), from a map of keys to bytes (MemoryStorage's objects, where
// the handler's writers put them, or objects a test writes or damages itself).
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { BucketSource, type BackupLocation, type BackupSource, type BucketListing, type BucketReads } from "../../cli/backup-source";
import { objectKey } from "../../function/object-keys";
import type { PartitionResult, RunManifest, WrittenObject } from "../../function/contracts";

/** The reads a BackupSource makes, answered from `objects` as a bucket would (keys sorted, folders by delimiter). */
export function memoryReads(objects: Map<string, Buffer>): BucketReads {
  return {
    async listing(prefix: string, delimiter?: string): Promise<BucketListing> {
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      if (!delimiter) return { contents: keys.map((key) => ({ key, bytes: objects.get(key)!.length })), folders: [] };
      const folder = (k: string) => k.indexOf(delimiter, prefix.length);
      return {
        contents: keys.filter((k) => folder(k) < 0).map((key) => ({ key, bytes: objects.get(key)!.length })),
        folders: [...new Set(keys.filter((k) => folder(k) >= 0).map((k) => k.slice(0, folder(k) + delimiter.length)))],
      };
    },
    async bytes(key: string): Promise<Buffer> {
      const body = objects.get(key);
      if (!body) throw Object.assign(new Error(`NoSuchKey: ${key}`), { statusCode: 404 });
      return body;
    },
  };
}

/** A record of a test backup: offset and timestamp (epoch ms), a text value, optionally a text key. */
export interface TestRecord {
  offset: number;
  timestamp?: number;
  key?: string;
  value?: string;
}

/** One partition of a run manifest: the offsets it planned and committed, its objects and retention gaps. */
export interface TestRun {
  partition: number;
  start: number;
  /** The offset committed after the run; @default the last object's last offset + 1 */
  committed?: number | null;
  objects?: WrittenObject[];
  gaps?: Array<{ from: number; to: number }>;
}

export const T0 = Date.parse("2026-11-25T08:00:00Z");

/**
 * A backup in memory, written as the handler writes one: JSON Lines objects (one JSON.stringify'd BackupRecord a
 * line) under their keys, and run manifests listing them with their sizes and sha256.
 */
export class MemoryBackup {
  readonly objects = new Map<string, Buffer>();
  readonly location: BackupLocation;
  private runs = 0;

  constructor(location: Partial<BackupLocation> = {}) {
    this.location = { bucket: "backup-1250000000", prefix: "", instanceId: "ckafka-1", topic: "orders", ...location };
  }

  source(): BackupSource {
    return new BucketSource(this.location, memoryReads(this.objects));
  }

  /** Stores an object of `records` of `partition` (its key from the first record) and returns what a manifest lists of it. */
  object(partition: number, records: TestRecord[], compression: "none" | "gzip" = "none"): WrittenObject {
    const lines = records.map(({ offset, timestamp = T0 + offset, key, value = `v${offset}` }) => JSON.stringify({ partition, offset, timestamp, key: key ?? null, value, headers: [] }) + "\n");
    const encoded = Buffer.from(lines.join(""));
    const stored = compression === "gzip" ? gzipSync(encoded) : encoded;
    const first = records[0];
    const key = objectKey({ ...this.location, format: "jsonl", compression }, partition, first.offset, String(first.timestamp ?? T0 + first.offset));
    this.objects.set(key, stored);
    const sha256 = createHash("sha256").update(stored).digest("hex");
    return { key, format: "jsonl", firstOffset: first.offset, lastOffset: records[records.length - 1].offset, records: records.length, encodedBytes: encoded.length, storedBytes: stored.length, sha256, parts: 1 };
  }

  /** Stores the manifest of a run that read `partitions`, one second after the previous run; returns its key. */
  manifest(partitions: TestRun[], more: Partial<RunManifest> = {}): string {
    const startedAt = new Date(T0 + 1000 * this.runs++).toISOString();
    const { prefix, instanceId, topic } = this.location;
    const manifestKey = `${prefix}_manifests/${instanceId}/${topic}/${startedAt}-${this.runs}.json`;
    const results: PartitionResult[] = partitions.map(({ partition, start, committed, objects = [], gaps = [] }) => {
      const end = committed === undefined ? (objects.at(-1)?.lastOffset ?? start - 1) + 1 : committed;
      const records = objects.reduce((n, o) => n + o.records, 0);
      return { partition, planned: { start, end: end ?? start }, lastOffsetWritten: objects.at(-1)?.lastOffset ?? null, committedOffset: end, records, encodedBytes: 0, storedBytes: 0, objects, stopReason: "caught-up", gaps, slotWaits: 0 };
    });
    const manifest = {
      runId: `run-${this.runs}`,
      topic,
      instanceId,
      groupId: "ckafka-cos-backup",
      slot: { slot: 0, parallelism: 1 },
      format: "jsonl",
      startedAt,
      endedAt: startedAt,
      deadlineAt: startedAt,
      partitions: results,
      totals: { records: 0, encodedBytes: 0, storedBytes: 0, objects: 0, failedPartitions: 0 },
      manifestKey,
      ...more,
    } as RunManifest;
    this.objects.set(manifestKey, Buffer.from(JSON.stringify(manifest)));
    return manifestKey;
  }
}
