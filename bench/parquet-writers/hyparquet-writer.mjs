// hyparquet-writer: pure JavaScript, whole columns in, one buffer out; snappy built in.
import { ByteWriter, parquetWrite } from "hyparquet-writer";
import { writeFileSync } from "node:fs";

const SCHEMA = [
  { name: "root", num_children: 6 },
  { name: "partition", type: "INT32", repetition_type: "REQUIRED" },
  { name: "offset", type: "INT64", repetition_type: "REQUIRED" },
  { name: "timestamp", type: "INT64", repetition_type: "REQUIRED" },
  { name: "key", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
  { name: "value", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
  { name: "headers", repetition_type: "REQUIRED", converted_type: "LIST", num_children: 1 },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", repetition_type: "REQUIRED", num_children: 2 },
  { name: "name", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "value", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
];

/** Writes records ({partition, offset: bigint, timestamp: bigint, key, value, headers: [name, value][]}) to `file`. */
export async function writeParquet(records, file, rowGroupRows) {
  const writer = new ByteWriter();
  parquetWrite({
    writer,
    schema: SCHEMA,
    codec: "SNAPPY",
    rowGroupSize: rowGroupRows,
    columnData: [
      { name: "partition", data: records.map((r) => r.partition) },
      { name: "offset", data: records.map((r) => r.offset) },
      { name: "timestamp", data: records.map((r) => r.timestamp) },
      { name: "key", data: records.map((r) => r.key) },
      { name: "value", data: records.map((r) => r.value) },
      { name: "headers", data: records.map((r) => r.headers.map(([name, value]) => ({ name, value }))) },
    ],
  });
  const bytes = new Uint8Array(writer.getBuffer());
  writeFileSync(file, bytes);
  return bytes.length;
}
