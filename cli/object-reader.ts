// Turns a backup object's stored bytes into its records, whatever its format: the key's extension says which
// (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`: one JSON line per record, record-format.ts; `.parquet`: one row per record, the schema
// below). A backup may hold both, e.g. a topic switched from JSON Lines to Parquet: verify, restore and export
// read every object through readObject. Anything that does not decode, or whose records disagree with the key
// (partition, first offset), throws an error naming the object's key.
import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import { createGunzip, gunzipSync } from "node:zlib";
import { Decompress as ZstdDecompress, decompress as zstdDecompress } from "fzstd";
import type { Compressors, FileMetaData, SchemaElement } from "hyparquet";
import type { ParsedKey } from "../function/object-keys";
import { UnreadableObject } from "./errors";
import { decodeRecord, INT64, type BackupRecord, type KafkaRecord } from "../function/formats/record";

export interface ObjectToRead extends ParsedKey {
  key: string;
}

export interface ObjectRecord {
  record: KafkaRecord;
  /** The object's own line, without its newline (JSON Lines objects only). */
  line?: string;
}

/** The records of an object, in the object's order, from its stored bytes. */
export async function* readObject(object: ObjectToRead, stored: Buffer): AsyncGenerator<ObjectRecord> {
  for await (const chunk of readObjectChunks(object, stored)) yield* chunk;
}

/**
 * The same records in runs of consecutive records (as many as a slice of decompressed text or a row group holds):
 * one await per run instead of one per record, for readers that go through every record (restore).
 */
export async function* readObjectChunks(object: ObjectToRead, stored: Buffer): AsyncGenerator<ObjectRecord[]> {
  let first = true;
  for await (const chunk of object.format === "parquet" ? parquetRecords(object.key, stored) : jsonLinesRecords(object, stored)) {
    for (const r of chunk) {
      const { partition, offset } = r.record;
      if (partition !== object.partition) throw new UnreadableObject(`${object.key}: offset ${offset} says partition ${partition}, the key says partition ${object.partition}`);
      if (first && offset !== object.firstOffset) throw new UnreadableObject(`${object.key}: the key says first offset ${object.firstOffset}, the first record has ${offset}`);
      first = false;
    }
    if (chunk.length) yield chunk;
  }
}

/** Chunks of compressed bytes fed to the zstd decoder at a time: its output per step stays near a few MiB. */
const ZSTD_INPUT_BYTES = 64 * 1024;

/**
 * A `.jsonl.zst` object's text, decoded a slice at a time as the lines are read. fzstd (JavaScript, for Node.js
 * 20 and 22 alike: node:zlib has zstd only from 22.15) reads concatenated frames, which is how the handler
 * writes them, as one stream.
 */
async function* zstdText(stored: Buffer): AsyncGenerator<Buffer> {
  const out: Buffer[] = [];
  const decoder = new ZstdDecompress((chunk) => out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  for (let at = 0; at < stored.length; at += ZSTD_INPUT_BYTES) {
    decoder.push(stored.subarray(at, at + ZSTD_INPUT_BYTES), at + ZSTD_INPUT_BYTES >= stored.length);
    yield* out.splice(0);
  }
}

/** Bytes of decompressed text per gunzip step: large steps keep the per-step costs (a thread-pool round trip, a callback) off each line. */
const GUNZIP_CHUNK_BYTES = 256 * 1024;

function decompressed(object: ObjectToRead, stored: Buffer): Readable {
  if (object.compression === "gzip") return Readable.from([stored]).pipe(createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }));
  if (object.compression === "zstd") return Readable.from(zstdText(stored));
  return Readable.from([stored]);
}

/**
 * The object's lines, split as Node's readline splits them (at \n, \r\n and a lone \r), from the decompressed
 * bytes: each line is cut at its newline byte, which is never part of a multi-byte UTF-8 character, then decoded.
 */
async function* jsonLinesRecords(object: ObjectToRead, stored: Buffer): AsyncGenerator<ObjectRecord[]> {
  let n = 0;
  // The start of a line the slices so far have not ended (copied: a decoder may reuse its output).
  const pending: Buffer[] = [];
  const decode = (text: string, out: ObjectRecord[]) => {
    for (const line of text.includes("\r") ? (text.endsWith("\r") ? text.slice(0, -1) : text).split("\r") : [text]) {
      n++;
      if (line === "") continue;
      try {
        out.push({ record: decodeRecord(line), line });
      } catch (err) {
        throw new UnreadableObject(`${object.key}, line ${n}: not a backup record (${(err as Error).message})`);
      }
    }
  };
  const input = decompressed(object, stored)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await input.next();
    } catch (err) {
      throw new UnreadableObject(`${object.key}: ${object.compression === "none" ? "read" : object.compression} error after line ${n}: ${(err as Error).message}`);
    }
    if (next.done) break;
    const slice = next.value;
    const out: ObjectRecord[] = [];
    let start = 0;
    for (let end = slice.indexOf(10); end !== -1; end = slice.indexOf(10, start)) {
      decode(pending.length ? Buffer.concat([...pending.splice(0), slice.subarray(start, end)]).toString("utf8") : slice.toString("utf8", start, end), out);
      start = end + 1;
    }
    if (start < slice.length) pending.push(Buffer.from(slice.subarray(start)));
    yield out;
  }
  if (pending.length) {
    const out: ObjectRecord[] = [];
    decode(Buffer.concat(pending).toString("utf8"), out);
    yield out;
  }
}

/**
 * The Parquet schema of backup objects, element by element in schema order (depth first), each as
 * `name physical-type repetition annotation children`. `timestamp` is plain INT64: Kafka's exact timestamp,
 * any int64; `time` is the same instant for queries (null outside 1970 to year 9999) and is not read back.
 */
const SCHEMA = [
  "partition INT32 REQUIRED",
  "offset INT64 REQUIRED",
  "timestamp INT64 REQUIRED",
  "time INT64 OPTIONAL TIMESTAMP(MILLIS,UTC)",
  "key BYTE_ARRAY OPTIONAL",
  "value BYTE_ARRAY OPTIONAL",
  "headers group REQUIRED LIST 1",
  "list group REPEATED 1",
  "element group REQUIRED 2",
  "name BYTE_ARRAY REQUIRED STRING",
  "value BYTE_ARRAY OPTIONAL",
];
/** The columns a record is made of (`time` only repeats `timestamp`). */
const RECORD_COLUMNS = ["partition", "offset", "timestamp", "key", "value", "headers"];

/** An element as SCHEMA writes it; the legacy converted types count as the logical types they stand for. */
function describeElement(e: SchemaElement): string {
  const l = e.logical_type;
  let annotation: string | undefined;
  if (l?.type === "TIMESTAMP") annotation = `TIMESTAMP(${l.unit},${l.isAdjustedToUTC ? "UTC" : "local"})`;
  else if (l) annotation = l.type;
  else if (e.converted_type === "TIMESTAMP_MILLIS") annotation = "TIMESTAMP(MILLIS,UTC)";
  else if (e.converted_type === "UTF8") annotation = "STRING";
  else annotation = e.converted_type;
  return [e.name, e.type ?? "group", e.repetition_type ?? "REQUIRED", annotation, e.num_children].filter((x) => x !== undefined).join(" ");
}

function checkSchema(key: string, metadata: FileMetaData): void {
  const [, ...elements] = metadata.schema; // the first element is the root
  const found = elements.map(describeElement);
  const wrong = SCHEMA.findIndex((want, i) => found[i] !== want);
  if (wrong === -1 && found.length === SCHEMA.length) return;
  const at = wrong === -1 ? SCHEMA.length : wrong;
  throw new UnreadableObject(
    `${key}: not a backup Parquet object: schema element ${at + 1} is ${found[at] === undefined ? "missing" : `"${found[at]}"`}` +
      `${at < SCHEMA.length ? `, the backup format has "${SCHEMA[at]}"` : ", the backup format has no more"} (README "Record format")`,
  );
}

type Hyparquet = typeof import("hyparquet");
let hyparquet: Promise<Hyparquet> | undefined;

/**
 * hyparquet is an ES module: this CommonJS code loads it with require() (TypeScript's output for import()), which
 * loads ES modules from Node.js 20.19 and 22.12 on: hence package.json's engines. A real import() would need a
 * Function to hide it from TypeScript, which the test runner's module loader does not support.
 */
function loadHyparquet(): Promise<Hyparquet> {
  hyparquet ??= import("hyparquet").catch((err: Error) => {
    hyparquet = undefined;
    throw new Error(`reading Parquet objects needs Node.js 20.19 or newer, 22.12 or newer on Node.js 22 (this is ${process.version}): ${err.message}`);
  });
  return hyparquet;
}

const bytes = (v: Uint8Array | null | undefined): Buffer | null => (v === null || v === undefined ? null : Buffer.from(v.buffer, v.byteOffset, v.byteLength));

/**
 * A Parquet object's rows, one row group at a time. Memory: the object's bytes are held whole (a Parquet
 * file's footer, which says where its row groups are, is at its end; the handler cuts objects at
 * partition_max bytes, or one larger record alone), plus one row group: its column chunks, copied out of
 * those bytes, and its decoded rows (the handler bounds a row group's record bytes).
 */
/** The handler writes gzip or zstd pages (Parquet's GZIP, ZSTD); hyparquet has snappy built in and takes the others from here. */
export const DECOMPRESSORS: Compressors = {
  GZIP: (input) => new Uint8Array(gunzipSync(input)),
  ZSTD: (input, outputLength) => zstdDecompress(input, new Uint8Array(outputLength)),
};

async function* parquetRecords(key: string, stored: Buffer): AsyncGenerator<ObjectRecord[]> {
  const { parquetMetadataAsync, parquetReadObjects } = await loadHyparquet();
  // Row groups are read as slices of the stored bytes: no copy of the whole object.
  const file = { byteLength: stored.byteLength, slice: (start: number, end = stored.byteLength) => stored.buffer.slice(stored.byteOffset + start, stored.byteOffset + end) as ArrayBuffer };
  const unreadable = (err: unknown) => new UnreadableObject(`${key}: not a readable Parquet object (${(err as Error).message})`);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    throw unreadable(err);
  }
  checkSchema(key, metadata);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Array<Record<string, unknown>>;
    try {
      rows = await parquetReadObjects({ file, metadata, columns: RECORD_COLUMNS, rowStart, rowEnd, utf8: false, compressors: DECOMPRESSORS });
    } catch (err) {
      throw unreadable(err);
    }
    if (rows.length !== rowEnd - rowStart) throw unreadable(new Error(`rows ${rowStart}–${rowEnd - 1}: ${rows.length} rows decoded`));
    yield rows.map((row, i) => {
      const offset = Number(row.offset as bigint);
      if (!Number.isSafeInteger(offset)) throw new UnreadableObject(`${key}, row ${rowStart + i}: offset ${row.offset} is beyond what a backup holds`);
      return {
        record: {
          partition: row.partition as number,
          offset,
          timestamp: (row.timestamp as bigint).toString(),
          key: bytes(row.key as Uint8Array | null),
          value: bytes(row.value as Uint8Array | null),
          headers: (row.headers as Array<{ name: string; value: Uint8Array | null }>).map((h) => [h.name, bytes(h.value)]),
        },
      };
    });
    rowStart = rowEnd;
  }
}

function text(bytes: Buffer | null): { text: string | null; base64: boolean } {
  if (bytes === null) return { text: null, base64: false };
  return isUtf8(bytes) ? { text: bytes.toString("utf8"), base64: false } : { text: bytes.toString("base64"), base64: true };
}

/**
 * A record's JSON line with its newline, byte for byte as the handler writes it (json-lines-encoder.ts, whose
 * unit test holds it to this function): JSON.stringify of its BackupRecord, the timestamp's digits as they are,
 * headers in the record's order.
 */
export function jsonLine(r: KafkaRecord): string {
  // The timestamp's digits go into the line as they are: a JS number would round values past 2^53.
  if (!INT64.test(r.timestamp)) throw new Error(`timestamp ${JSON.stringify(r.timestamp)} is not a decimal int64`);
  const key = text(r.key);
  const value = text(r.value);
  const rest: Omit<BackupRecord, "partition" | "offset" | "timestamp"> = {
    key: key.text,
    ...(key.base64 ? { keyEncoding: "base64" as const } : {}),
    value: value.text,
    ...(value.base64 ? { valueEncoding: "base64" as const } : {}),
    headers: r.headers.map(([name, bytes]) => {
      const v = text(bytes);
      return v.base64 ? { name, value: v.text, encoding: "base64" as const } : { name, value: v.text };
    }),
  };
  return `{"partition":${r.partition},"offset":${r.offset},"timestamp":${r.timestamp},${JSON.stringify(rest).slice(1)}\n`;
}
