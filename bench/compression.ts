// Compression levels: CPU per record and stored bytes of each codec and level on the benchmark's
// event-like records, encoded exactly as the handler encodes them. No services: the lines are written
// to a file and each codec/level compresses it in its own process (raw-compress.cjs), in rotating
// order, `repeats` times. zstd runs under the Node.js binary named by BENCH_ZSTD_NODE (>= 22.15).
import { mkdtempSync, openSync, closeSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KafkaMessage } from "kafkajs";
import { JsonLinesEncoder } from "../function/formats/jsonl/encoder";
import { COMPRESS_CHUNK_BYTES } from "../function/formats/jsonl/writer";
import { eventValue } from "./backlog";
import { MiB, fmt, spread, table } from "./stats";
import { runRaw } from "./throughput";

export interface CompressionOptions {
  records: number;
  valueBytes: number;
  repeats: number;
  /** A Node.js >= 22.15 binary for zstd; without it zstd is left out. */
  zstdNode?: string;
}

/** Writes `records` bench records as the handler's JSON Lines; returns the bytes written. */
function writeLines(file: string, records: number, valueBytes: number): number {
  const encoder = new JsonLinesEncoder();
  const fd = openSync(file, "w");
  let bytes = 0;
  try {
    for (let i = 0; i < records; i++) {
      const m = { offset: String(i), timestamp: String(1_764_000_000_000 + i), attributes: 0, key: Buffer.from(`user-${i % 10_000}`), value: eventValue(i, valueBytes), headers: { source: Buffer.from("bench") } } as KafkaMessage;
      const n = encoder.encode(i % 12, m);
      writeSync(fd, encoder.bytes, 0, n);
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

export async function compression(o: CompressionOptions): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "ckb-bench-compression-"));
  const file = join(dir, "lines.jsonl");
  try {
    const lineBytes = writeLines(file, o.records, o.valueBytes);
    const codecs: Array<{ codec: "gzip" | "zstd"; level: number; node?: string }> = [1, 3, 6, 9].map((level) => ({ codec: "gzip" as const, level }));
    if (o.zstdNode) for (const level of [1, 3, 6]) codecs.push({ codec: "zstd", level, node: o.zstdNode });
    const cpu = codecs.map(() => [] as number[]);
    const stored = codecs.map(() => 0);
    let zstdNodeVersion = "";
    for (let r = 0; r < o.repeats; r++) {
      for (let k = 0; k < codecs.length; k++) {
        const i = (k + r) % codecs.length;
        const c = codecs[i];
        const run = await runRaw("raw-compress.cjs", [file, c.codec, String(c.level), String(COMPRESS_CHUNK_BYTES)], c.node);
        cpu[i].push(run.out.cpuMicros / o.records);
        stored[i] = run.out.storedBytes!;
        if (c.codec === "zstd") zstdNodeVersion = (run.out as { node?: string }).node ?? "";
      }
    }
    const rows = codecs.map((c, i) => [
      `${c.codec} ${c.level}`,
      fmt(spread(cpu[i]), 2),
      fmt(spread(cpu[i].map((us) => (lineBytes / o.records) / us)), 0),
      (stored[i] / MiB).toFixed(1),
      (lineBytes / stored[i]).toFixed(2),
      ((stored[i] / o.records) * 1e6 / MiB).toFixed(1),
    ]);
    return [
      `${o.records.toLocaleString("en")} bench records (${o.valueBytes} B event-like values) as the handler's JSON Lines: ${(lineBytes / MiB).toFixed(1)} MiB. ` +
        `Each codec compresses the file in ${COMPRESS_CHUNK_BYTES / 1024} KiB chunks through a node:zlib stream in its own process, ${o.repeats} times in rotating order; ` +
        `CPU = user + system of the compression, thread pool included; median (min–max).` +
        (o.zstdNode ? ` zstd ran under Node ${zstdNodeVersion}.` : " zstd left out (set BENCH_ZSTD_NODE to a Node.js >= 22.15 binary)."),
      "",
      table(["codec", "CPU-s per million records", "MB/s per CPU-second (input)", "stored MiB", "ratio", "stored MiB per million records"], rows),
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
