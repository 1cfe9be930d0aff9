// The object format (Kafka Connect's "format"): how a record is measured for the cut rules and which
// object writer stores it. partition-writer.ts drives either through this one interface.
import type { KafkaMessage } from "kafkajs";
import type { BackupConfig } from "./config";
import type { ObjectStorage } from "./cos-storage";
import { JsonLinesEncoder } from "./json-lines-encoder";
import { JsonLinesObjectWriter, type ObjectStart, type ObjectWriter } from "./object-writer";
import { parquetRecordBytes } from "./parquet-format";
import { ParquetObjectWriter } from "./parquet-object-writer";

export interface ObjectFormat {
  /**
   * Readies `m` for the next `write` and returns its size as partition_max counts it; throws for a
   * record the format cannot hold. Synchronous; what it keeps is valid until the next call.
   */
  encode(partition: number, m: KafkaMessage): number;
  /** Opens a new object of `partition`. */
  open(storage: ObjectStorage, partition: number, start: ObjectStart): ObjectWriter;
}

export function objectFormat(config: Pick<BackupConfig, "format" | "compression" | "compressionLevel">): ObjectFormat {
  if (config.format === "parquet") {
    return {
      encode: (_partition, m) => parquetRecordBytes(m),
      open: (storage, partition, start) => new ParquetObjectWriter(storage, partition, start),
    };
  }
  // Encoding is synchronous, so one line buffer serves every partition.
  const encoder = new JsonLinesEncoder();
  return {
    encode: (partition, m) => encoder.encode(partition, m),
    open: (storage, _partition, start) => new JsonLinesObjectWriter(storage, encoder, config.compression, config.compressionLevel, start),
  };
}
