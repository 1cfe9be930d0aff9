import type { KafkaMessage } from "kafkajs";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parquetRecordBytes } from "../../function/formats/parquet/rows";
import { ParquetObjectWriter } from "../../function/formats/parquet/writer";
import { readObject } from "../../cli/object-reader";
import type { KafkaRecord } from "../../function/formats/record";
import { MemoryStorage } from "../helpers/memory-storage";
import { rowGroupRows, timeColumn } from "../helpers/parquet-records";
import { message } from "../helpers/kafka-message";

const KEY = "p/ckafka-1/t/dt=2025-11-25/hour=10/t+3+00000000000000000000.parquet";

/** The object's records as the CLI reads them (which also checks the schema). */
async function readParquetRecords(stored: Buffer): Promise<KafkaRecord[]> {
  const records: KafkaRecord[] = [];
  const object = { key: KEY, partition: 3, firstOffset: 0, timeFolder: "dt=2025-11-25/hour=10", format: "parquet" as const, compression: "none" as const };
  for await (const r of readObject(object, stored)) records.push(r.record);
  return records;
}

type Headers = Record<string, Buffer | Buffer[] | null | undefined>;
const INT64_MAX = "9223372036854775807";
const INT64_MIN = "-9223372036854775808";
const T = "1764064800000"; // 2025-11-25T10:00:00Z

/** Every record shape the format must keep, with what `time` must say for it. */
const SHAPES: { m: KafkaMessage; time: number | null }[] = [
  { m: message(0, T, null, null), time: Number(T) }, // no key, tombstone
  { m: message(1, T, Buffer.alloc(0), Buffer.alloc(0)), time: Number(T) }, // empty key and value
  { m: message(2, "-1", Buffer.from([0, 1, 2, 255]), Buffer.from([0xff, 0xfe, 0x80, 0x00])), time: null }, // binary, not UTF-8; no timestamp
  { m: message(3, "0", Buffer.from("ключ"), Buffer.from('{"a":"\u2028\\n"}')), time: 0 }, // UTF-8 text with escapes
  { m: message(4, "9007199254740993", Buffer.from("k"), Buffer.from("v")), time: null }, // 2^53 + 1: beyond a JS number
  { m: message(5, INT64_MAX, null, Buffer.from("max")), time: null },
  { m: message(6, INT64_MIN, null, Buffer.from("min")), time: null },
  { m: message(7, "1764064800000000", null, Buffer.from("µs")), time: null }, // a producer that wrote microseconds
  { m: message(8, "1764064800000000000", null, Buffer.from("ns")), time: null }, // nanoseconds
  { m: message(9, "253402300799999", null, Buffer.from("last instant with a folder")), time: 253402300799999 },
  {
    // A null header value, an empty one, binary ones, and a repeated name, in record order.
    m: message(10, T, Buffer.from("k"), Buffer.from("v"), { a: Buffer.from("1"), n: null, "x-bin": Buffer.from([0xc3, 0x28]), e: Buffer.alloc(0), rep: [Buffer.from("first"), Buffer.from("second")] }),
    time: Number(T),
  },
  { m: message(11, T, null, Buffer.alloc(300 * 1024, 7)), time: Number(T) }, // larger than a copy slab's quarter
];

const expectedHeaders = (h: Headers): Array<[string, Buffer | null]> =>
  Object.entries(h).flatMap(([name, v]) => (Array.isArray(v) ? v.map((b) => [name, b] as [string, Buffer]) : [[name, v ?? null] as [string, Buffer | null]]));

async function writeObject(messages: KafkaMessage[], opts: { rowGroup?: { bytes: number; rows: number }; partBytes?: number } = {}) {
  const storage = new MemoryStorage();
  const key = KEY;
  const w = new ParquetObjectWriter(storage, 3, { key, offset: Number(messages[0].offset), timestamp: messages[0].timestamp }, opts);
  for (const m of messages) await w.write(m, Number(m.offset), parquetRecordBytes(m));
  const written = await w.finish();
  return { written, stored: storage.objects.get(key)!, storage };
}

describe("Parquet objects", () => {
  it("keep every record shape byte for byte, as hyparquet reads them back", async () => {
    const { written, stored } = await writeObject(SHAPES.map((s) => s.m));
    expect(stored.subarray(0, 4).toString()).toBe("PAR1");
    const rows = await readParquetRecords(stored);
    expect(rows).toHaveLength(SHAPES.length);
    expect(await timeColumn(stored)).toEqual(SHAPES.map((s) => s.time));
    rows.forEach((row, i) => {
      const m = SHAPES[i].m;
      expect(row).toEqual({
        partition: 3,
        offset: Number(m.offset),
        timestamp: m.timestamp,
        key: m.key,
        value: m.value,
        headers: expectedHeaders(m.headers as Headers),
      });
    });
    expect(written).toMatchObject({ format: "parquet", records: SHAPES.length, firstOffset: 0, lastOffset: 11, storedBytes: stored.length, parts: 1 });
    expect(written.encodedBytes).toBe(SHAPES.reduce((n, s) => n + parquetRecordBytes(s.m), 0));
  });

  it("count a record's key, value, header names and values, plus 28 bytes, towards partition_max", () => {
    expect(parquetRecordBytes(message(0, T, null, null))).toBe(28);
    expect(parquetRecordBytes(message(0, T, Buffer.from("ab"), Buffer.from("cde"), { hé: Buffer.from("x"), r: [Buffer.from("1"), Buffer.from("2")], n: null }))).toBe(28 + 2 + 3 + 3 + 1 + 1 + 1 + 1 + 1 + 1);
    expect(() => parquetRecordBytes(message(0, "1.5", null, null))).toThrow('timestamp "1.5" is not a decimal int64');
  });

  it("are the same bytes for the same records, and cut row groups at their row and byte bounds", async () => {
    const many = Array.from({ length: 1000 }, (_, i) => message(i, String(Number(T) + i), Buffer.from(`k${i % 7}`), Buffer.from(`value ${i} `.repeat(i % 13)), { h: Buffer.from(String(i)) }));
    const a = await writeObject(many, { rowGroup: { bytes: 1 << 30, rows: 300 } });
    const b = await writeObject(many, { rowGroup: { bytes: 1 << 30, rows: 300 } });
    expect(a.stored.equals(b.stored)).toBe(true);
    expect(a.written.sha256).toBe(b.written.sha256);
    expect(rowGroupRows(a.stored)).toEqual([300, 300, 300, 100]);
    const bytes = many.map(parquetRecordBytes);
    const byBytes = await writeObject(many, { rowGroup: { bytes: 10_000, rows: 1 << 20 } });
    const groups = rowGroupRows(byBytes.stored);
    // Each group is as many records as fit in 10,000 bytes, in order.
    let i = 0;
    for (const n of groups) {
      const sum = bytes.slice(i, i + n).reduce((x, y) => x + y, 0);
      expect(sum).toBeLessThanOrEqual(10_000);
      if (i + n < bytes.length) expect(sum + bytes[i + n]).toBeGreaterThan(10_000);
      i += n;
    }
    expect(i).toBe(1000);
    expect((await readParquetRecords(byBytes.stored)).map((r) => r.offset)).toEqual(many.map((m) => Number(m.offset)));
  });

  it("go out in parts of the part size as row groups complete, the footer with the last", async () => {
    // Bytes gzip cannot shrink, so that the stored object is several parts.
    const big = Array.from({ length: 40 }, (_, i) => message(i, T, null, randomBytes(64 * 1024)));
    const { written, stored, storage } = await writeObject(big, { rowGroup: { bytes: 256 * 1024, rows: 1000 }, partBytes: 512 * 1024 });
    expect(written.parts).toBeGreaterThan(2);
    expect(storage.partSizes.slice(0, -1).every((n) => n === 512 * 1024)).toBe(true);
    expect((await readParquetRecords(stored)).map((r) => r.value)).toEqual(big.map((m) => m.value));
  });
});
