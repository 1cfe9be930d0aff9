// The CLI's reader of each format (formats/<id>/reader.ts), by id. Only the CLI imports this list, so the
// handler's zip holds no reader (nor fzstd and hyparquet's reader).
import type { FormatReader } from "./format";
import { readJsonLines } from "./jsonl/reader";
import { readParquet } from "./parquet/reader";
import type { Format } from "./registry";

export const READERS: Record<Format, FormatReader> = { jsonl: readJsonLines, parquet: readParquet };
