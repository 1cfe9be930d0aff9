// The handler's writer of each format (formats/<id>/writer.ts), by id: partition-writer.ts writes every object
// through the one it returns. Only the handler imports this list, so the construct loads no writer.
import { jsonLinesFormat } from "./jsonl/writer";
import type { ObjectFormat, WriterSettings } from "./object-writer";
import { parquetFormat } from "./parquet/writer";
import type { Format } from "./registry";

const WRITERS: Record<Format, (settings: WriterSettings) => Promise<ObjectFormat>> = { jsonl: jsonLinesFormat, parquet: parquetFormat };

/** The configured format's writer; asynchronous because zstd's WebAssembly module is compiled on first use. */
export function objectFormat(config: WriterSettings & { format: Format }): Promise<ObjectFormat> {
  return WRITERS[config.format](config);
}
