// Parquet backup objects for tests of the readers: records written with hyparquet-writer in exactly the schema of
// the backup format (README "Record format"), as the handler writes them with `format: "parquet"`.
import { ByteWriter, parquetWrite } from "hyparquet-writer";
import type { SchemaElement } from "hyparquet";
import { PARQUET_SCHEMA } from "../../function/formats/parquet/schema";
import type { KafkaRecord } from "../../function/formats/record";

/** The backup format's Parquet schema, the root first: the handler's own. */
export { PARQUET_SCHEMA };

/** 9999-12-31T23:59:59.999Z: `time` is the timestamp up to here (the rule of the `dt=` folders), else null. */
const LAST_FOLDER_MS = 253_402_300_799_999n;

export interface ParquetObjectOptions {
  /** Rows per row group. @default 1000 */
  rowGroupRows?: number;
  /** Another schema (for refusals); columns whose name it lacks are left out. @default PARQUET_SCHEMA */
  schema?: SchemaElement[];
}

/** The bytes of a Parquet object holding `records`, one row each, in order. */
export function parquetObject(records: KafkaRecord[], options: ParquetObjectOptions = {}): Buffer {
  const { rowGroupRows = 1000, schema = PARQUET_SCHEMA } = options;
  const columns: Record<string, unknown[]> = {
    partition: records.map((r) => r.partition),
    offset: records.map((r) => BigInt(r.offset)),
    timestamp: records.map((r) => BigInt(r.timestamp)),
    time: records.map((r) => (BigInt(r.timestamp) >= 0n && BigInt(r.timestamp) <= LAST_FOLDER_MS ? BigInt(r.timestamp) : null)),
    key: records.map((r) => r.key),
    value: records.map((r) => r.value),
    headers: records.map((r) => r.headers.map(([name, value]) => ({ name, value }))),
  };
  // The root's direct children, skipping each one's descendants.
  const top: string[] = [];
  const skip = (i: number): number => {
    let next = i + 1;
    for (let c = 0; c < (schema[i].num_children ?? 0); c++) next = skip(next);
    return next;
  };
  for (let i = 1; i < schema.length; i = skip(i)) top.push(schema[i].name);
  const writer = new ByteWriter();
  parquetWrite({ writer, schema, columnData: top.map((name) => ({ name, data: columns[name] as never })), rowGroupSize: rowGroupRows });
  return Buffer.from(writer.getBuffer());
}
