// The Parquet record format, the one schema the writer writes and the reader checks: one row per Kafka record,
// in offset order, lossless. `timestamp` is Kafka's exact int64, plain (with a TIMESTAMP annotation
// DuckDB reads the int64 maximum as `infinity`); `time` is the same instant, annotated, for queries,
// where the record has a time folder. Key, value and header values are bytes as they are (null stays
// null); header names are text, in record order, repeated names kept.
import type { SchemaElement } from "hyparquet";

export const PARQUET_SCHEMA: SchemaElement[] = [
  { name: "root", num_children: 7 },
  { name: "partition", type: "INT32", repetition_type: "REQUIRED" },
  { name: "offset", type: "INT64", repetition_type: "REQUIRED" },
  { name: "timestamp", type: "INT64", repetition_type: "REQUIRED" },
  {
    name: "time",
    type: "INT64",
    repetition_type: "OPTIONAL",
    converted_type: "TIMESTAMP_MILLIS",
    logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" },
  },
  { name: "key", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
  { name: "value", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
  { name: "headers", repetition_type: "REQUIRED", converted_type: "LIST", num_children: 1 },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", repetition_type: "REQUIRED", num_children: 2 },
  { name: "name", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
  { name: "value", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
];
