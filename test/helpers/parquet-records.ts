// Reads a Parquet backup object back with hyparquet (the reader PARQUET.md names), into records.
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import type { KafkaRecord } from "../../function/record-format";

const bytes = (v: Uint8Array | null): Buffer | null => (v === null ? null : Buffer.from(v));

export interface ParquetRow extends KafkaRecord {
  /** The `time` column: epoch ms, or null. */
  time: number | null;
}

export async function readParquetRecords(stored: Buffer): Promise<ParquetRow[]> {
  const file = stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength) as ArrayBuffer;
  const rows = await parquetReadObjects({ file, utf8: false });
  return rows.map((row) => ({
    partition: row.partition as number,
    offset: Number(row.offset as bigint),
    timestamp: (row.timestamp as bigint).toString(),
    time: row.time === null ? null : (row.time as Date).getTime(),
    key: bytes(row.key as Uint8Array | null),
    value: bytes(row.value as Uint8Array | null),
    headers: (row.headers as Array<{ name: string; value: Uint8Array | null }>).map((h) => [h.name, bytes(h.value)]),
  }));
}

/** Row counts of the object's row groups. */
export function rowGroupRows(stored: Buffer): number[] {
  const file = stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength) as ArrayBuffer;
  return parquetMetadata(file).row_groups.map((g) => Number(g.num_rows));
}
