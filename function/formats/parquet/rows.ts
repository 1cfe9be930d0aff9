// A record as a Parquet row (schema.ts): its size as partition_max counts it, and ParquetRowGroup, which buffers
// the rows of one row group as columns for hyparquet-writer; the object writer (writer.ts) decides when a row
// group is full and writes it.
import type { KafkaMessage } from "kafkajs";
import type { ColumnSource } from "hyparquet-writer";
import { timestampInt64 } from "../../int64";
import { folderMs } from "../../object-keys";

/** partition (4), offset, timestamp and time (8 each): what a row costs before its bytes. */
const FIXED_ROW_BYTES = 28;

type HeaderValue = Buffer | string | null | undefined;

/** Header values as kafkajs gives them: one value, or an array for a name the record repeats. */
function eachHeader(m: KafkaMessage, fn: (name: string, value: HeaderValue) => void): void {
  const headers = m.headers;
  if (!headers) return;
  for (const name in headers) {
    const value = headers[name] as HeaderValue | HeaderValue[];
    if (Array.isArray(value)) for (const v of value) fn(name, v);
    else fn(name, value);
  }
}

const headerBytes = (v: HeaderValue): number => (v === null || v === undefined ? 0 : Buffer.isBuffer(v) ? v.length : Buffer.byteLength(v));

/**
 * A record's size as partition_max and the row-group bound count it for Parquet: its key, value,
 * header names and values, plus 28 bytes for the fixed columns. Close to its uncompressed column
 * data, and independent of how well pages compress, so cuts depend on the records only.
 * Throws for a timestamp that is no int64 (nothing is written then).
 */
export function parquetRecordBytes(m: KafkaMessage): number {
  timestampInt64(m.timestamp);
  let n = FIXED_ROW_BYTES + (m.key?.length ?? 0) + (m.value?.length ?? 0);
  eachHeader(m, (name, value) => {
    n += Buffer.byteLength(name) + headerBytes(value);
  });
  return n;
}

/**
 * Record bytes are copied into slabs of this size (a larger one gets its own), reused from one row group
 * to the next: one allocation per slab and object, not per field and row group (garbage that external
 * memory, hence RSS, grows with).
 */
const SLAB_BYTES = 1024 * 1024;
const EMPTY = new Uint8Array(0);

/** The rows of one row group, as the columns hyparquet-writer takes. Every byte is copied in. */
export class ParquetRowGroup {
  rows = 0;
  /** parquetRecordBytes of the rows. */
  bytes = 0;
  private partition: number[] = [];
  private offset: bigint[] = [];
  private timestamp: bigint[] = [];
  private time: (bigint | null)[] = [];
  private key: (Uint8Array | null)[] = [];
  private value: (Uint8Array | null)[] = [];
  private headers: { name: string; value: Uint8Array | null }[][] = [];
  private readonly slabs: Buffer[] = [];
  /** The slab being filled: slabs[slab], up to slabUsed. */
  private slab = -1;
  private slabUsed = SLAB_BYTES;

  /** Adds record `m` of `partition`, `bytes` being its parquetRecordBytes (which checked its timestamp). */
  add(partition: number, m: KafkaMessage, bytes: number): void {
    const ts = m.timestamp;
    const ms = folderMs(ts);
    const headers: { name: string; value: Uint8Array | null }[] = [];
    eachHeader(m, (name, v) => {
      headers.push({ name, value: v === null || v === undefined ? null : this.copy(Buffer.isBuffer(v) ? v : Buffer.from(v)) });
    });
    this.partition.push(partition);
    this.offset.push(BigInt(m.offset));
    this.timestamp.push(BigInt(ts));
    this.time.push(ms === undefined ? null : BigInt(ms));
    this.key.push(m.key ? this.copy(m.key) : null);
    this.value.push(m.value ? this.copy(m.value) : null);
    this.headers.push(headers);
    this.rows++;
    this.bytes += bytes;
  }

  /** The rows as hyparquet-writer's columns, in PARQUET_SCHEMA's order. */
  columns(): ColumnSource[] {
    return [
      // Offsets and timestamps mostly grow by small steps: delta encoding stores them in a few bits each.
      { name: "partition", data: this.partition },
      { name: "offset", data: this.offset, encoding: "DELTA_BINARY_PACKED" },
      { name: "timestamp", data: this.timestamp, encoding: "DELTA_BINARY_PACKED" },
      { name: "time", data: this.time, encoding: "DELTA_BINARY_PACKED" },
      // Min/max of payload bytes would prune little: no statistics, less CPU, and nothing of the
      // slabs (reused for the next row group) is kept for the footer.
      { name: "key", data: this.key, statistics: false },
      { name: "value", data: this.value, statistics: false },
      { name: "headers", data: this.headers, statistics: false },
    ];
  }

  /** Empties the row group; the bytes of its columns are overwritten by the next rows. */
  clear(): void {
    this.rows = 0;
    this.bytes = 0;
    this.partition = [];
    this.offset = [];
    this.timestamp = [];
    this.time = [];
    this.key = [];
    this.value = [];
    this.headers = [];
    this.slab = -1;
    this.slabUsed = SLAB_BYTES;
  }

  private copy(src: Buffer): Uint8Array {
    if (src.length === 0) return EMPTY;
    if (src.length > SLAB_BYTES - this.slabUsed) {
      if (src.length > SLAB_BYTES / 4) return Buffer.from(src);
      this.slab++;
      if (this.slab === this.slabs.length) this.slabs.push(Buffer.allocUnsafeSlow(SLAB_BYTES));
      this.slabUsed = 0;
    }
    const out = this.slabs[this.slab].subarray(this.slabUsed, this.slabUsed + src.length);
    src.copy(out);
    this.slabUsed += src.length;
    return out;
  }
}
