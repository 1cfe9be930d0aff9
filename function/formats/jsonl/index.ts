// JSON Lines: one Kafka record per line (line.ts), the whole object compressed with gzip or zstd, or not at all.
import type { FormatDescriptor } from "../format";

export const JSON_LINES = {
  id: "jsonl",
  compresses: "object",
  compressions: ["gzip", "zstd", "none"],
  extensions: { gzip: "jsonl.gz", zstd: "jsonl.zst", none: "jsonl" },
  /**
   * gzip: on event-like JSON, level 1 saves 5–15% of the handler's CPU and stores 3–5% more bytes than 6; at COS and
   * SCF prices those bytes cost more than that CPU once kept longer than about a week (README, "Memory and speed").
   * zstd: level 1 stores fewer bytes than gzip 6 for a fraction of its CPU (bench/README.md "zstd").
   */
  defaultLevels: { gzip: 6, zstd: 1 },
} as const satisfies FormatDescriptor;
