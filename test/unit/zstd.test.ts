import type { KafkaMessage } from "kafkajs";
import { randomBytes } from "node:crypto";
import { decompress } from "fzstd";
import { parquetMetadata } from "hyparquet";
import { describe, expect, it } from "vitest";
import { readObject } from "../../cli/object-reader";
import { ConfigError, fromEnvironment } from "../../function/config";
import type { Compression } from "../../function/formats/format";
import type { Format } from "../../function/formats/registry";
import { objectFormat } from "../../function/formats/writers";
import { JsonLinesEncoder } from "../../function/formats/jsonl/encoder";
import { COMPRESS_CHUNK_BYTES, JsonLinesObjectWriter } from "../../function/formats/jsonl/writer";
import { objectKey, parseObjectKey } from "../../function/object-keys";
import type { KafkaRecord } from "../../function/formats/record";
import { zstdFrames } from "../../function/formats/zstd";
import { MemoryStorage } from "../helpers/memory-storage";
import { message } from "../helpers/kafka-message";

const T = "1764064800000"; // 2025-11-25T10:00:00Z
const PARTS = { prefix: "p/", instanceId: "ckafka-1", topic: "t" };

/** Every shape a record can take: nulls, empty and binary bytes, text with escapes, any int64 timestamp, headers of every kind. */
const SHAPES: KafkaMessage[] = [
  message(0, T, null, null),
  message(1, T, Buffer.alloc(0), Buffer.alloc(0)),
  message(2, "-1", Buffer.from([0, 1, 2, 255]), Buffer.from([0xff, 0xfe, 0x80, 0x00])),
  message(3, "0", Buffer.from("ключ"), Buffer.from('{"a":"\u2028\\n"} 😀 café')),
  message(4, "9007199254740993", Buffer.from("k"), Buffer.from("v")),
  message(5, "9223372036854775807", null, Buffer.from("max")),
  message(6, "-9223372036854775808", null, Buffer.from("min")),
  message(7, T, Buffer.from("k"), Buffer.from("v"), { a: Buffer.from("1"), n: null as unknown as Buffer, bin: Buffer.from([0xc3, 0x28]), e: Buffer.alloc(0), rep: [Buffer.from("x"), Buffer.from("y")] }),
  message(8, T, null, Buffer.alloc(300 * 1024, 7)),
];

/** The record kafkajs's message stands for, as the CLI gives it back. */
function expected(m: KafkaMessage, partition: number): KafkaRecord {
  const headers: Array<[string, Buffer | null]> = [];
  for (const [name, v] of Object.entries(m.headers ?? {})) for (const x of Array.isArray(v) ? v : [v]) headers.push([name, (x as Buffer | null) ?? null]);
  return { partition, offset: Number(m.offset), timestamp: m.timestamp, key: m.key ?? null, value: m.value ?? null, headers };
}

/** Writes `messages` of partition 3 as one object through the handler's own format and writer. */
async function write(messages: KafkaMessage[], config: { format: Format; compression: Compression; compressionLevel: number }) {
  const format = await objectFormat(config);
  const storage = new MemoryStorage();
  const key = objectKey({ ...PARTS, ...config }, 3, Number(messages[0].offset), messages[0].timestamp);
  const w = format.open(storage, 3, { key, offset: Number(messages[0].offset), timestamp: messages[0].timestamp });
  for (const m of messages) await w.write(m, Number(m.offset), format.encode(3, m));
  const written = await w.finish();
  return { key, written, stored: storage.objects.get(key)!, storage };
}

async function readBack(key: string, stored: Buffer): Promise<KafkaRecord[]> {
  const out: KafkaRecord[] = [];
  for await (const r of readObject({ key, ...parseObjectKey(PARTS, key)! }, stored)) out.push(r.record);
  return out;
}

/** A `.jsonl.zst` object of `messages` in parts of `partBytes`. */
async function writeZstdParts(messages: KafkaMessage[], level: number, partBytes: number) {
  const storage = new MemoryStorage();
  const encoder = new JsonLinesEncoder();
  const key = objectKey({ ...PARTS, format: "jsonl", compression: "zstd" }, 3, Number(messages[0].offset), messages[0].timestamp);
  const w = new JsonLinesObjectWriter(storage, encoder, { codec: "zstd", frame: await zstdFrames(level) }, { key, offset: Number(messages[0].offset), timestamp: messages[0].timestamp }, partBytes);
  for (const m of messages) await w.write(m, Number(m.offset), encoder.encode(3, m));
  const written = await w.finish();
  return { key, written, stored: storage.objects.get(key)!, storage };
}

/** Many records of event-like JSON, several compression chunks of lines. */
const MANY = Array.from({ length: 4000 }, (_, i) =>
  message(i, String(Number(T) + i), Buffer.from(`user-${i % 97}`), Buffer.from(JSON.stringify({ id: i, kind: ["click", "view", "buy"][i % 3], note: "x".repeat(i % 200) }))),
);

describe("zstd objects", () => {
  it("JSON Lines (.jsonl.zst): every record shape comes back byte for byte through the CLI, the lines the same as uncompressed", async () => {
    const zst = await write(SHAPES, { format: "jsonl", compression: "zstd", compressionLevel: 3 });
    expect(zst.key).toMatch(/\.jsonl\.zst$/);
    expect(await readBack(zst.key, zst.stored)).toEqual(SHAPES.map((m) => expected(m, 3)));
    const plain = await write(SHAPES, { format: "jsonl", compression: "none", compressionLevel: 0 });
    expect(Buffer.from(decompress(zst.stored)).equals(plain.stored)).toBe(true);
  });

  it("JSON Lines: one zstd frame per chunk of lines, the same bytes for the same records, in several parts", async () => {
    const plain = await write(MANY, { format: "jsonl", compression: "none", compressionLevel: 0 });
    expect(plain.stored.length).toBeGreaterThan(3 * COMPRESS_CHUNK_BYTES);
    const a = await writeZstdParts(MANY, 1, 8 * 1024);
    const b = await writeZstdParts(MANY, 1, 8 * 1024);
    expect(a.stored.equals(b.stored)).toBe(true);
    expect(a.written.sha256).toBe(b.written.sha256);
    expect(a.written.parts).toBeGreaterThan(1);
    expect(a.storage.partSizes.slice(0, -1).every((n) => n === 8 * 1024)).toBe(true);
    expect(a.stored.equals((await write(MANY, { format: "jsonl", compression: "zstd", compressionLevel: 1 })).stored)).toBe(true);
    // The object is exactly its chunks, each compressed alone, one after another.
    const frame = await zstdFrames(1);
    const chunks: Buffer[] = [];
    for (let at = 0; at < plain.stored.length; at += COMPRESS_CHUNK_BYTES) chunks.push(frame(plain.stored.subarray(at, at + COMPRESS_CHUNK_BYTES)));
    expect(chunks.length).toBeGreaterThan(3);
    expect(a.stored.equals(Buffer.concat(chunks))).toBe(true);
    expect((await readBack(a.key, a.stored)).map((r) => r.offset)).toEqual(MANY.map((m) => Number(m.offset)));
    // A higher level stores fewer bytes.
    const level9 = await write(MANY, { format: "jsonl", compression: "zstd", compressionLevel: 9 });
    expect(level9.stored.length).toBeLessThan(a.stored.length);
  });

  it("Parquet: zstd pages (Parquet's ZSTD codec) keep every record shape, the same bytes for the same records", async () => {
    const a = await write(SHAPES, { format: "parquet", compression: "zstd", compressionLevel: 3 });
    expect(a.key).toMatch(/\.parquet$/);
    expect(await readBack(a.key, a.stored)).toEqual(SHAPES.map((m) => expected(m, 3)));
    const b = await write(SHAPES, { format: "parquet", compression: "zstd", compressionLevel: 3 });
    expect(a.stored.equals(b.stored)).toBe(true);
    const codecs = new Set(parquetMetadata(a.stored.buffer.slice(a.stored.byteOffset, a.stored.byteOffset + a.stored.length) as ArrayBuffer).row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)));
    expect([...codecs]).toEqual(["ZSTD"]);
    const gzip = await write(SHAPES, { format: "parquet", compression: "gzip", compressionLevel: 1 });
    expect(await readBack(gzip.key, gzip.stored)).toEqual(SHAPES.map((m) => expected(m, 3)));
  });

  it("a damaged .jsonl.zst object is refused, naming its key", async () => {
    const { key, stored } = await write(MANY.slice(0, 500), { format: "jsonl", compression: "zstd", compressionLevel: 1 });
    await expect(readBack(key, stored.subarray(0, stored.length - 7))).rejects.toThrow(`${key}: zstd error after line`);
  });

  it("compresses inputs larger than its WebAssembly memory started with, and refuses levels outside 1 to 19 at configuration", async () => {
    const big = randomBytes(24 * 1024 * 1024);
    const frame = await zstdFrames(1);
    expect(Buffer.from(decompress(frame(big))).equals(big)).toBe(true);
    const env = { CKB_BROKERS: "b:9092", CKB_TOPIC: "t", CKB_INSTANCE_ID: "ckafka-1", CKB_BUCKET: "b-1250000000", CKB_REGION: "ap-guangzhou", CKB_GROUP_ID: "g" };
    expect(fromEnvironment({ ...env, CKB_COMPRESSION: "zstd" })).toMatchObject({ compression: "zstd", compressionLevel: 1 });
    expect(fromEnvironment({ ...env, CKB_COMPRESSION: "zstd", CKB_COMPRESSION_LEVEL: "19" }).compressionLevel).toBe(19);
    expect(fromEnvironment({ ...env, CKB_FORMAT: "parquet" })).toMatchObject({ compression: "gzip", compressionLevel: 1 });
    expect(fromEnvironment({ ...env })).toMatchObject({ compression: "gzip", compressionLevel: 6 });
    expect(() => fromEnvironment({ ...env, CKB_COMPRESSION: "zstd", CKB_COMPRESSION_LEVEL: "20" })).toThrow(new ConfigError('CKB_COMPRESSION_LEVEL: "20": 20 must be a whole number from 1 to 19 (zstd levels)'));
    expect(() => fromEnvironment({ ...env, CKB_COMPRESSION_LEVEL: "12" })).toThrow('CKB_COMPRESSION_LEVEL: "12": 12 must be a whole number from 1 to 9 (gzip levels)');
    expect(() => fromEnvironment({ ...env, CKB_FORMAT: "parquet", CKB_COMPRESSION: "none" })).toThrow('CKB_COMPRESSION: "none" is not allowed with format "parquet"');
    expect(() => fromEnvironment({ ...env, CKB_COMPRESSION: "lz4" })).toThrow('CKB_COMPRESSION: "lz4" is not allowed; expected one of gzip, zstd, none');
  });
});
