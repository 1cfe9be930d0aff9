// The object format (Kafka Connect's "format"): how a record is measured for the cut rules and which
// object writer stores it. partition-writer.ts drives either through this one interface.
import type { KafkaMessage } from "kafkajs";
import type { BackupConfig } from "../config";
import type { ObjectStorage } from "../cos-storage";
import { JsonLinesEncoder } from "./jsonl/encoder";
import { JsonLinesObjectWriter, type JsonLinesCompression, type ObjectStart, type ObjectWriter } from "./object-writer";
import { parquetRecordBytes } from "./parquet/rows";
import { ParquetObjectWriter, pageCompression } from "./parquet/writer";
import { zstdFrames } from "./zstd";

export interface ObjectFormat {
  /**
   * Readies `m` for the next `write` and returns its size as partition_max counts it; throws for a
   * record the format cannot hold. Synchronous; what it keeps is valid until the next call.
   */
  encode(partition: number, m: KafkaMessage): number;
  /** Opens a new object of `partition`. */
  open(storage: ObjectStorage, partition: number, start: ObjectStart): ObjectWriter;
}

/** The configured format; asynchronous because zstd's WebAssembly module is compiled on first use. */
export async function objectFormat(config: Pick<BackupConfig, "format" | "compression" | "compressionLevel">): Promise<ObjectFormat> {
  const { compression: codec, compressionLevel: level } = config;
  if (config.format === "parquet") {
    if (codec === "none") throw new Error(`compression "none" does not apply to Parquet objects, whose pages are always compressed`);
    const pages = await pageCompression(codec, level);
    return {
      encode: (_partition, m) => parquetRecordBytes(m),
      open: (storage, partition, start) => new ParquetObjectWriter(storage, partition, start, { pages }),
    };
  }
  // Encoding is synchronous, so one line buffer serves every partition.
  const encoder = new JsonLinesEncoder();
  const compression: JsonLinesCompression =
    codec === "gzip" ? { codec, level } : codec === "zstd" ? { codec, frame: await zstdFrames(level) } : { codec };
  return {
    encode: (partition, m) => encoder.encode(partition, m),
    open: (storage, _partition, start) => new JsonLinesObjectWriter(storage, encoder, compression, start),
  };
}
