// Parquet objects: CPU per record and stored bytes of the handler's own Parquet object writer
// (function/formats/parquet/writer.ts) for each page codec and row-group bound, on the benchmark's
// event-like records. No services: objects go to a storage that only counts bytes. The variants run
// in one process, in rotating order, `repeats` times (after one warm-up pass each); CPU = user +
// system of the process over the writes, the records built before.
import { gzipSync } from "node:zlib";
import type { KafkaMessage } from "kafkajs";
import { parquetRecordBytes } from "../function/formats/parquet/rows";
import { ParquetObjectWriter, PAGE_COMPRESSION, ROW_GROUP, type ParquetObjectOptions } from "../function/formats/parquet/writer";
import { eventValue } from "./backlog";
import { MiB, fmt, spread, table } from "./stats";
import type { ObjectStorage } from "../function/contracts";

export interface ParquetObjectsOptions {
  records: number;
  valueBytes: number;
  repeats: number;
}

/** Counts what would be stored. */
class CountingStorage implements ObjectStorage {
  bytes = 0;
  async putObject(_key: string, body: Buffer): Promise<void> {
    this.bytes += body.length;
  }
  async initMultipart(): Promise<string> {
    return "upload";
  }
  async uploadPart(_key: string, _id: string, partNumber: number, body: Buffer) {
    this.bytes += body.length;
    return { PartNumber: partNumber, ETag: "" };
  }
  async completeMultipart(): Promise<void> {}
  async abortMultipart(): Promise<void> {}
  async headObject(): Promise<undefined> {
    return undefined; // nothing is stored, so nothing is there already
  }
  async sha256Of(): Promise<string> {
    throw new Error("nothing is stored");
  }
}

const OBJECT_BYTES = 64 * MiB; // partition_max's default

async function writeAll(messages: KafkaMessage[], options: ParquetObjectOptions): Promise<number> {
  const storage = new CountingStorage();
  let w: ParquetObjectWriter | undefined;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    const bytes = parquetRecordBytes(m);
    if (w && w.encodedBytes + bytes > OBJECT_BYTES) {
      await w.finish();
      w = undefined;
    }
    w ??= new ParquetObjectWriter(storage, 0, { key: `k${i}`, offset: i, timestamp: m.timestamp }, options);
    await w.write(m, i, bytes);
  }
  await w?.finish();
  return storage.bytes;
}

export async function parquetObjects(o: ParquetObjectsOptions): Promise<string> {
  const messages = Array.from(
    { length: o.records },
    (_, i) => ({ offset: String(i), timestamp: String(1_764_000_000_000 + i), attributes: 0, key: Buffer.from(`user-${i % 10_000}`), value: eventValue(i, o.valueBytes), headers: { source: Buffer.from("bench") } }) as unknown as KafkaMessage,
  );
  const recordBytes = messages.reduce((n, m) => n + parquetRecordBytes(m), 0);
  const gzip = (level: number) => ({ codec: "GZIP" as const, compressor: (b: Uint8Array) => gzipSync(b, { level }) });
  const variants: Array<{ label: string; options: ParquetObjectOptions }> = [
    { label: `gzip 1 (node:zlib), row groups ${ROW_GROUP.bytes / MiB} MiB / ${ROW_GROUP.rows} rows (default)`, options: {} },
    { label: "snappy (hyparquet-writer's own)", options: { pages: { codec: "SNAPPY" } } },
    { label: "uncompressed", options: { pages: { codec: "UNCOMPRESSED" } } },
    { label: "gzip 6 (node:zlib)", options: { pages: gzip(6) } },
    { label: "gzip 1, row groups 8 MiB", options: { rowGroup: { bytes: 8 * MiB, rows: ROW_GROUP.rows }, pages: PAGE_COMPRESSION } },
    { label: "gzip 1, row groups 32 MiB", options: { rowGroup: { bytes: 32 * MiB, rows: 1 << 20 }, pages: PAGE_COMPRESSION } },
  ];
  const cpu = variants.map(() => [] as number[]);
  const stored = variants.map(() => 0);
  for (const v of variants) await writeAll(messages.slice(0, 10_000), v.options); // warm-up
  for (let r = 0; r < o.repeats; r++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (k + r) % variants.length;
      const before = process.cpuUsage();
      stored[i] = await writeAll(messages, variants[i].options);
      const used = process.cpuUsage(before);
      cpu[i].push(((used.user + used.system) / 1e6 / o.records) * 1e6);
      console.log(`${variants[i].label}: rep ${r + 1}: ${cpu[i].at(-1)!.toFixed(2)} CPU-s per million, ${(stored[i] / MiB).toFixed(1)} MiB`);
    }
  }
  return [
    `${o.records.toLocaleString("en")} records (${o.valueBytes} B event-like values, a key, one header: ${(recordBytes / MiB).toFixed(0)} MiB of record bytes), ` +
      `objects cut at 64 MiB of record bytes; ${o.repeats} repetitions in rotating order; median (min–max).`,
    "",
    table(
      ["pages", "CPU-s per million records", "stored MiB", "stored ÷ record bytes"],
      variants.map((v, i) => [v.label, fmt(spread(cpu[i]), 2), (stored[i] / MiB).toFixed(1), (stored[i] / recordBytes).toFixed(3)]),
    ),
  ].join("\n");
}
