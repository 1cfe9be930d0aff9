// What the CLI's reader leaves out of a Parquet backup object: the `time` column and the row groups.
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { DECOMPRESSORS } from "../../function/formats/parquet/reader";

const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** The `time` column, epoch ms or null, row by row. */
export async function timeColumn(stored: Buffer): Promise<Array<number | null>> {
  const rows = await parquetReadObjects({ file: arrayBuffer(stored), columns: ["time"], compressors: DECOMPRESSORS });
  return rows.map((r) => (r.time === null ? null : (r.time as Date).getTime()));
}

/** Row counts of the object's row groups. */
export function rowGroupRows(stored: Buffer): number[] {
  return parquetMetadata(arrayBuffer(stored)).row_groups.map((g) => Number(g.num_rows));
}
