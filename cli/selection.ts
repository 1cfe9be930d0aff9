// Which records of a backup a command takes: partitions, an offset range and a time range, and which
// objects it must read for them. Shared by restore and export so both select the same records.
import type { KafkaRecord } from "../function/formats/record";
import type { SourceListing, SourceObject } from "./backup-source";
import { UsageError } from "./errors";

export interface Selection {
  /** Only these partitions. @default all in the backup */
  partitions?: number[];
  /** Records from this offset on (per partition). @default 0 */
  fromOffset?: number;
  /** Records before this offset (per partition). @default no limit */
  toOffset?: number;
  /** Records whose timestamp is at or after this (epoch ms). @default no limit */
  fromTimeMs?: number;
  /** Records whose timestamp is before this (epoch ms). @default no limit */
  toTimeMs?: number;
}

const HOUR_MS = 3_600_000;

/** The hour a `dt=YYYY-MM-DD/hour=HH` folder covers, or undefined for any other folder (read it, whatever it holds). */
function folderHour(folder: string): number | undefined {
  const m = /^dt=(\d{4}-\d{2}-\d{2})\/hour=(\d{2})$/.exec(folder);
  return m ? Date.parse(`${m[1]}T${m[2]}:00:00Z`) : undefined;
}

/** The partitions asked for, each with the objects that may hold selected records (offsets at or after `after` too). */
export function selectObjects(listing: SourceListing, s: Selection, after: Map<number, number> = new Map()): Map<number, SourceObject[]> {
  const wanted = s.partitions ?? [...listing.partitions.keys()];
  const missing = wanted.filter((p) => !listing.partitions.has(p));
  if (missing.length) throw new UsageError(`--partition: the backup has no partition ${missing.join(", ")}; ${partitionsText([...listing.partitions.keys()])}`);
  const out = new Map<number, SourceObject[]>();
  for (const p of wanted) {
    const objects = listing.partitions.get(p)!;
    const from = Math.max(s.fromOffset ?? 0, (after.get(p) ?? -1) + 1);
    out.set(
      p,
      objects.filter((o, i) => {
        const next = objects[i + 1];
        if (next && next.firstOffset <= from) return false; // every record is before `from`
        if (s.toOffset !== undefined && o.firstOffset >= s.toOffset) return false;
        // An object's records share the hour of its folder (objects are cut at hour boundaries).
        const hour = folderHour(o.timeFolder);
        if (hour !== undefined && s.fromTimeMs !== undefined && hour + HOUR_MS <= s.fromTimeMs) return false;
        if (hour !== undefined && s.toTimeMs !== undefined && hour >= s.toTimeMs) return false;
        return true;
      }),
    );
  }
  return out;
}

/** What a backup holds of one partition, told when a selection takes none of its records. */
export interface HeldOffsets {
  /** The offset its first object begins at. */
  firstOffset: number;
  /** The last record's offset, once its last object was read; null when it was not. */
  lastOffset: number | null;
}

/** What the backup holds of `partition`, given the objects read for it and the last offset they held. */
export function heldOffsets(listing: SourceListing, partition: number, read: SourceObject[], lastRead: number | undefined): HeldOffsets {
  const objects = listing.partitions.get(partition)!;
  const readLast = read.includes(objects[objects.length - 1]) && lastRead !== undefined;
  return { firstOffset: objects[0].firstOffset, lastOffset: readLast ? lastRead : null };
}

/** A partition of which nothing is selected, and what the backup holds of it: "no record selected; the backup holds offsets 0–4 of partition 0". */
export function nothingSelectedText(partition: number, held: HeldOffsets): string {
  const { firstOffset: first, lastOffset: last } = held;
  const range = last === null ? `offsets from ${first} on` : first === last ? `only offset ${first}` : `offsets ${first}–${last}`;
  return `no record selected; the backup holds ${range} of partition ${partition}`;
}

/** "it has partition 0", "it has partitions 0, 2", "it has no partition": what a backup holds, for messages. */
const partitionsText = (partitions: number[]) => (partitions.length === 0 ? "it has no partition" : `it has partition${partitions.length > 1 ? "s" : ""} ${partitions.join(", ")}`);

/** Whether a record is selected; the timestamp is compared exactly (it may be beyond 2^53). */
export function selected(r: KafkaRecord, s: Selection, after = -1): boolean {
  if (r.offset <= after || r.offset < (s.fromOffset ?? 0)) return false;
  if (s.toOffset !== undefined && r.offset >= s.toOffset) return false;
  if (s.fromTimeMs === undefined && s.toTimeMs === undefined) return true;
  const ts = BigInt(String(r.timestamp));
  if (s.fromTimeMs !== undefined && ts < BigInt(s.fromTimeMs)) return false;
  if (s.toTimeMs !== undefined && ts >= BigInt(s.toTimeMs)) return false;
  return true;
}

/** Bytes of a record's key, value and headers (names and values): what a restore sends, what an export writes. */
export function recordBytes(r: KafkaRecord): number {
  let n = (r.key?.length ?? 0) + (r.value?.length ?? 0);
  for (const [name, value] of r.headers) n += Buffer.byteLength(name) + (value?.length ?? 0);
  return n;
}
