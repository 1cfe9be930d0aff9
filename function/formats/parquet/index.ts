// Parquet: one row per Kafka record (schema.ts), pages compressed with gzip or zstd (Parquet's GZIP and ZSTD codecs).
import type { FormatDescriptor } from "../format";

export const PARQUET = {
  id: "parquet",
  compresses: "pages",
  compressions: ["gzip", "zstd"],
  extensions: { none: "parquet" },
  /** Pages have always been gzip level 1 (bench/README.md "Parquet objects"). */
  defaultLevels: { gzip: 1, zstd: 1 },
} as const satisfies FormatDescriptor;
