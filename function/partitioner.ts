// Where a record goes: object keys and the points where one object ends and the next begins.
// Every decision comes from the records (offsets, sizes, timestamps), never from the wall clock,
// so a rerun over the same offsets writes the same keys.
import type { Compression } from "./config";

export interface KeyParts {
  prefix: string;
  instanceId: string;
  topic: string;
  compression: Compression;
}

/** `dt=YYYY-MM-DD/hour=HH` of a timestamp, UTC. */
export function timeFolder(timestampMs: number): string {
  const iso = new Date(timestampMs).toISOString();
  return `dt=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}`;
}

/** Hours since the epoch: equal exactly when two timestamps share a time folder (UTC hours are whole hours since the epoch). */
function utcHour(timestampMs: number): number {
  return Math.floor(timestampMs / 3_600_000);
}

/** 20 digits hold any Kafka offset (a signed 64-bit number), so keys sort in offset order. */
export function paddedOffset(offset: number): string {
  return String(offset).padStart(20, "0");
}

export function objectKey(parts: KeyParts, partition: number, firstOffset: number, firstTimestampMs: number): string {
  const ext = parts.compression === "gzip" ? "jsonl.gz" : "jsonl";
  return `${parts.prefix}${parts.instanceId}/${parts.topic}/${timeFolder(firstTimestampMs)}/${parts.topic}+${partition}+${paddedOffset(firstOffset)}.${ext}`;
}

/** What an object key says, or undefined for a key that is not a backup object (a manifest, say). */
export interface ParsedKey {
  partition: number;
  firstOffset: number;
  /** `dt=YYYY-MM-DD/hour=HH` */
  timeFolder: string;
  gzip: boolean;
}

export function parseObjectKey(parts: Omit<KeyParts, "compression">, key: string): ParsedKey | undefined {
  const base = `${parts.prefix}${parts.instanceId}/${parts.topic}/`;
  if (!key.startsWith(base)) return undefined;
  const m = /^(dt=\d{4}-\d{2}-\d{2}\/hour=\d{2})\/(.+)\+(\d+)\+(\d{20})\.jsonl(\.gz)?$/.exec(key.slice(base.length));
  if (!m || m[2] !== parts.topic) return undefined;
  return { timeFolder: m[1], partition: Number(m[3]), firstOffset: Number(m[4]), gzip: m[5] !== undefined };
}

/**
 * Whether the next record starts a new object: it falls in another time folder than the object's
 * first record, or adding it would take the object's encoded bytes past `partitionMaxBytes`.
 * An object always holds at least one record, so a record larger than the cap is an object alone.
 */
export function startsNewObject(
  current: { firstTimestampMs: number; encodedBytes: number } | undefined,
  next: { timestampMs: number; encodedBytes: number },
  partitionMaxBytes: number,
): boolean {
  if (!current) return true;
  if (utcHour(current.firstTimestampMs) !== utcHour(next.timestampMs)) return true;
  return current.encodedBytes + next.encodedBytes > partitionMaxBytes;
}
