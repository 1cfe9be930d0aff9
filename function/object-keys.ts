// Object keys, time folders and the cut rule: where a record goes and where one object ends and the next begins.
// Every decision comes from the records (offsets, sizes, timestamps), never from the wall clock,
// so a rerun over the same offsets writes the same keys.
import type { Compression } from "./formats/format";
import { EXTENSIONS, extensionOf, type Format } from "./formats/registry";

export interface KeyParts {
  prefix: string;
  instanceId: string;
  topic: string;
  format: Format;
  /** The setting: the extension says it for a format that compresses whole objects (`.jsonl.gz`), not for one that compresses pages (`.parquet`). */
  compression: Compression;
}

/** 9999-12-31T23:59:59.999Z: the last instant whose year has four digits. */
const LAST_FOLDER_MS = 253_402_300_799_999;

/**
 * The folder of records whose timestamp is no instant from 1970 to year 9999: -1 (Kafka's "no
 * timestamp"), any other negative value, and values past year 9999 (a producer that wrote micro- or
 * nanoseconds, say). Such records keep their exact timestamp in the line; only their folder is this one.
 */
export const NO_TIME_FOLDER = "dt=none/hour=none";

/**
 * A Kafka timestamp (its exact int64 decimal digits) as epoch milliseconds when it has a time folder,
 * else undefined. Up to 15 digits without a sign is both exact as a number and at most LAST_FOLDER_MS's size.
 */
export function folderMs(timestamp: string): number | undefined {
  // Digits read in a loop, not a regular expression and Number(): the cut rule asks this for every record.
  const n = timestamp.length;
  if (n === 0 || n > 15) return undefined;
  let ms = 0;
  for (let i = 0; i < n; i++) {
    const digit = timestamp.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    ms = ms * 10 + digit;
  }
  return ms <= LAST_FOLDER_MS ? ms : undefined;
}

/** `dt=YYYY-MM-DD/hour=HH` of a timestamp, UTC, or NO_TIME_FOLDER for one outside 1970 to year 9999. */
export function timeFolder(timestamp: string): string {
  const ms = folderMs(timestamp);
  if (ms === undefined) return NO_TIME_FOLDER;
  const iso = new Date(ms).toISOString();
  return `dt=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}`;
}

/**
 * Hours since the epoch, -1 for NO_TIME_FOLDER: equal exactly when two timestamps share a time folder
 * (UTC hours are whole hours since the epoch).
 */
function utcHour(timestamp: string): number {
  const ms = folderMs(timestamp);
  return ms === undefined ? -1 : Math.floor(ms / 3_600_000);
}

/** 20 digits hold any Kafka offset (a signed 64-bit number), so keys sort in offset order. */
export function paddedOffset(offset: number): string {
  return String(offset).padStart(20, "0");
}

export function objectKey(parts: KeyParts, partition: number, firstOffset: number, firstTimestamp: string): string {
  const ext = extensionOf(parts.format, parts.compression);
  return `${parts.prefix}${parts.instanceId}/${parts.topic}/${timeFolder(firstTimestamp)}/${parts.topic}+${partition}+${paddedOffset(firstOffset)}.${ext}`;
}

/** What an object key says, or undefined for a key that is not a backup object (a manifest, say). */
export interface ParsedKey {
  partition: number;
  firstOffset: number;
  /** `dt=YYYY-MM-DD/hour=HH`, or NO_TIME_FOLDER */
  timeFolder: string;
  /** By the extension (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`, `.parquet`: formats/registry.ts); a backup may hold any mix. */
  format: Format;
  /** The whole object's compression, by its extension: "none" for a format that compresses its pages (Parquet), whose pages say their own codec. */
  compression: Compression;
}

/** `<folder>/<topic>+<partition>+<offset>.<extension>`, with any extension of formats/registry.ts. */
const KEY_AFTER_TOPIC = new RegExp(
  `^(dt=\\d{4}-\\d{2}-\\d{2}\\/hour=\\d{2}|dt=none\\/hour=none)\\/(.+)\\+(\\d+)\\+(\\d{20})\\.(${[...EXTENSIONS.keys()].map((e) => e.replaceAll(".", "\\.")).join("|")})$`,
);

export function parseObjectKey(parts: Pick<KeyParts, "prefix" | "instanceId" | "topic">, key: string): ParsedKey | undefined {
  const base = `${parts.prefix}${parts.instanceId}/${parts.topic}/`;
  if (!key.startsWith(base)) return undefined;
  const m = KEY_AFTER_TOPIC.exec(key.slice(base.length));
  if (!m || m[2] !== parts.topic) return undefined;
  return { timeFolder: m[1], partition: Number(m[3]), firstOffset: Number(m[4]), ...EXTENSIONS.get(m[5])! };
}

/**
 * Whether the next record starts a new object: it falls in another time folder than the object's
 * first record, or adding it would take the object's encoded bytes past `partitionMaxBytes`.
 * An object always holds at least one record, so a record larger than the cap is an object alone.
 */
export function startsNewObject(
  current: { firstTimestamp: string; encodedBytes: number } | undefined,
  next: { timestamp: string; encodedBytes: number },
  partitionMaxBytes: number,
): boolean {
  if (!current) return true;
  if (current.firstTimestamp !== openHour.timestamp) openHour = { timestamp: current.firstTimestamp, hour: utcHour(current.firstTimestamp) };
  if (openHour.hour !== utcHour(next.timestamp)) return true;
  return current.encodedBytes + next.encodedBytes > partitionMaxBytes;
}

/** The hour of the open object's first record, asked for every record that may join it: kept for the next. */
let openHour = { timestamp: "", hour: -1 };
