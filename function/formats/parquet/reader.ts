// Reads a Parquet object's stored bytes (`.parquet`) back into its records, one row group at a time, after
// checking its schema against the one the writer writes (schema.ts): the CLI's side of the format.
import { gunzipSync } from "node:zlib";
import { decompress as zstdDecompress } from "fzstd";
import type { Compressors, FileMetaData, SchemaElement } from "hyparquet";
import { UnreadableObject, type ObjectRecord, type StoredObject } from "../format";
import { PARQUET_SCHEMA } from "./schema";

/**
 * The Parquet schema of backup objects (schema.ts), element by element in schema order (depth first, without
 * the root), each as `name physical-type repetition annotation children`. `timestamp` is plain INT64: Kafka's exact timestamp,
 * any int64; `time` is the same instant for queries (null outside 1970 to year 9999) and is not read back.
 */
const SCHEMA = PARQUET_SCHEMA.slice(1).map(describeElement);
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

export async function* readParquet({ key }: StoredObject, stored: Buffer): AsyncGenerator<ObjectRecord[]> {
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
