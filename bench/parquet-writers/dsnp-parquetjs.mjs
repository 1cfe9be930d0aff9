// @dsnp/parquetjs: pure JavaScript, row by row into buffered row groups, streamed to a file; snappy (snappyjs).
import parquet from "@dsnp/parquetjs";
import { statSync } from "node:fs";

const SNAPPY = { compression: "SNAPPY" };
const SCHEMA = new parquet.ParquetSchema({
  partition: { type: "INT32", ...SNAPPY },
  offset: { type: "INT64", ...SNAPPY },
  timestamp: { type: "INT64", ...SNAPPY },
  key: { type: "BYTE_ARRAY", optional: true, ...SNAPPY },
  value: { type: "BYTE_ARRAY", optional: true, ...SNAPPY },
  headers: { repeated: true, fields: { name: { type: "UTF8", ...SNAPPY }, value: { type: "BYTE_ARRAY", optional: true, ...SNAPPY } } },
});

/** Writes records ({partition, offset: bigint, timestamp: bigint, key, value, headers: [name, value][]}) to `file`. */
export async function writeParquet(records, file, rowGroupRows) {
  const writer = await parquet.ParquetWriter.openFile(SCHEMA, file);
  writer.setRowGroupSize(rowGroupRows);
  for (const r of records) {
    await writer.appendRow({
      partition: r.partition,
      offset: r.offset,
      timestamp: r.timestamp,
      key: r.key ?? undefined,
      value: r.value ?? undefined,
      headers: r.headers.map(([name, value]) => ({ name, value: value ?? undefined })),
    });
  }
  await writer.close();
  return statSync(file).size;
}
