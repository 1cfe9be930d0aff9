// parquet-wasm: the Rust parquet crate in WebAssembly, fed an Arrow table (apache-arrow) as IPC; zstd and snappy.
import { Binary, Field, Int32, Int64, List, Struct, Table, Utf8, tableToIPC, vectorFromArray } from "apache-arrow";
import { Compression, Table as WasmTable, WriterPropertiesBuilder, writeParquet as write } from "parquet-wasm/node";
import { writeFileSync } from "node:fs";

const HEADER = new Struct([new Field("name", new Utf8(), false), new Field("value", new Binary(), true)]);

/** Writes records ({partition, offset: bigint, timestamp: bigint, key, value, headers: [name, value][]}) to `file`. */
export async function writeParquet(records, file, rowGroupRows, codec = "SNAPPY") {
  const table = new Table({
    partition: vectorFromArray(records.map((r) => r.partition), new Int32()),
    offset: vectorFromArray(records.map((r) => r.offset), new Int64()),
    timestamp: vectorFromArray(records.map((r) => r.timestamp), new Int64()),
    key: vectorFromArray(records.map((r) => r.key), new Binary()),
    value: vectorFromArray(records.map((r) => r.value), new Binary()),
    headers: vectorFromArray(records.map((r) => r.headers.map(([name, value]) => ({ name, value }))), new List(new Field("element", HEADER, false))),
  });
  const props = new WriterPropertiesBuilder().setCompression(Compression[codec]).setMaxRowGroupSize(rowGroupRows).build();
  const bytes = write(WasmTable.fromIPCStream(tableToIPC(table, "stream")), props);
  writeFileSync(file, bytes);
  return bytes.length;
}
