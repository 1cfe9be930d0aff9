import type { IHeaders } from "kafkajs";
import { describe, expect, it } from "vitest";
import { JsonLinesEncoder } from "../../function/formats/jsonl/encoder";
import { decodeRecord } from "../../function/formats/jsonl/line";
import { recordTimestamp, type KafkaRecord } from "../../function/formats/record";
import { FORMATS } from "../../function/formats/registry";
import { NO_TIME_FOLDER, objectKey, parseObjectKey, startsNewObject, timeFolder } from "../../function/object-keys";

/** The line the handler writes for a record (kafkajs hands over a repeated header as an array). */
function encodeRecord(r: KafkaRecord): string {
  const headers: IHeaders = {};
  for (const [name, value] of r.headers) {
    const prev = headers[name];
    headers[name] = (prev === undefined ? value : ([] as Array<Buffer | null>).concat(prev as Buffer, value)) as Buffer;
  }
  const encoder = new JsonLinesEncoder();
  const n = encoder.encode(r.partition, { offset: String(r.offset), timestamp: r.timestamp, attributes: 0, key: r.key, value: r.value, headers });
  return encoder.bytes.subarray(0, n).toString();
}

describe("record format", () => {
  it("keeps text readable, flags non-UTF-8 as base64, keeps tombstones null, and round-trips bytes", () => {
    const r: KafkaRecord = {
      partition: 3,
      offset: 42,
      timestamp: "1700000000123",
      key: Buffer.from([0xc3, 0x28]),
      value: null,
      headers: [["h", Buffer.from("ü")], ["h", Buffer.from([0xff])], ["n", null]],
    };
    const line = encodeRecord(r);
    expect(line.endsWith("\n")).toBe(true);
    const json = {
      partition: 3,
      offset: 42,
      timestamp: 1_700_000_000_123,
      key: "wyg=",
      keyEncoding: "base64",
      value: null,
      headers: [{ name: "h", value: "ü" }, { name: "h", value: "/w==", encoding: "base64" }, { name: "n", value: null }],
    };
    expect(JSON.parse(line)).toEqual(json);
    // Byte for byte what JSON.stringify writes when the timestamp is a number it holds exactly.
    expect(line).toBe(JSON.stringify(json) + "\n");
    expect(decodeRecord(line)).toEqual(r);
  });

  it("writes and reads any int64 timestamp exactly, as a JSON number", () => {
    for (const timestamp of ["-1", "-9223372036854775808", "0", "9007199254740993", "1700000000123456789", "9223372036854775807"]) {
      const r: KafkaRecord = { partition: 0, offset: 1, timestamp, key: null, value: Buffer.from(`"timestamp":5,`), headers: [["timestamp", null]] };
      const line = encodeRecord(r);
      expect(line).toContain(`"timestamp":${timestamp},`);
      expect(decodeRecord(line).timestamp).toBe(timestamp);
    }
    expect(() => encodeRecord({ partition: 0, offset: 1, timestamp: "1e3", key: null, value: null, headers: [] })).toThrow(/timestamp "1e3" is not a decimal int64/);
    expect(() => decodeRecord('{"partition":0,"offset":1,"timestamp":1.5e3,"key":null,"value":null,"headers":[]}')).toThrow(/timestamp 1500 is not an integer/);
  });
});

describe("record timestamps from kafkajs", () => {
  it("wraps a batch-relative sum that left the int64 range back to the record's own value", () => {
    // A batch whose first timestamp is -1 holding the int64 maximum: the producer's delta wrapped around.
    const first = -1n;
    const delta = BigInt.asIntN(64, 9223372036854775807n - first);
    expect(recordTimestamp((first + delta).toString())).toBe("9223372036854775807");
    expect(recordTimestamp((9223372036854775807n + BigInt.asIntN(64, -1n - 9223372036854775807n)).toString())).toBe("-1");
    for (const t of ["-1", "0", "1700000000000", "1700000000000123456", "9223372036854775807", "-9223372036854775808"]) expect(recordTimestamp(t)).toBe(t);
  });
});

describe("object keys", () => {
  const parts = { prefix: "p/", instanceId: "ckafka-1", topic: "orders", format: "jsonl" as const, compression: "gzip" as const };
  const ms = (t: number) => String(t);
  it("keys objects by UTC hour folder and zero-padded first offset", () => {
    expect(objectKey(parts, 2, 1234, ms(Date.UTC(2024, 0, 31, 23, 59)))).toBe("p/ckafka-1/orders/dt=2024-01-31/hour=23/orders+2+00000000000000001234.jsonl.gz");
    expect(objectKey({ ...parts, prefix: "", compression: "none" }, 0, 0, "0")).toBe("ckafka-1/orders/dt=1970-01-01/hour=00/orders+0+00000000000000000000.jsonl");
    const zst = objectKey({ ...parts, compression: "zstd" }, 2, 1234, ms(Date.UTC(2024, 0, 31, 23, 59)));
    expect(zst).toBe("p/ckafka-1/orders/dt=2024-01-31/hour=23/orders+2+00000000000000001234.jsonl.zst");
    expect(parseObjectKey(parts, zst)).toEqual({ timeFolder: "dt=2024-01-31/hour=23", partition: 2, firstOffset: 1234, format: "jsonl", compression: "zstd" });
    expect(parseObjectKey(parts, zst.replace(".jsonl.zst", ".jsonl.zstd"))).toBeUndefined();
    expect(objectKey({ ...parts, format: "parquet", compression: "zstd" }, 2, 1234, "0")).toMatch(/\.parquet$/);
  });
  it("keys Parquet objects with the same layout and .parquet, whatever the compression, and tells formats apart by extension", () => {
    const key = objectKey({ ...parts, format: "parquet" }, 2, 1234, ms(Date.UTC(2024, 0, 31, 23, 59)));
    expect(key).toBe("p/ckafka-1/orders/dt=2024-01-31/hour=23/orders+2+00000000000000001234.parquet");
    expect(parseObjectKey(parts, key)).toEqual({ timeFolder: "dt=2024-01-31/hour=23", partition: 2, firstOffset: 1234, format: "parquet", compression: "none" });
    expect(parseObjectKey(parts, key.replace(".parquet", ".jsonl"))).toMatchObject({ format: "jsonl", compression: "none" });
    expect(parseObjectKey(parts, key.replace(".parquet", ".parquet.gz"))).toBeUndefined();
  });
  it("keys every format and compression of the registry with an extension of its own, which parses back", () => {
    const extensions = new Set<string>();
    for (const f of FORMATS) {
      for (const compression of f.compressions) {
        const key = objectKey({ ...parts, format: f.id, compression }, 2, 1234, "0");
        const parsed = parseObjectKey(parts, key);
        expect(parsed).toMatchObject({ partition: 2, firstOffset: 1234, format: f.id, compression: f.compresses === "pages" ? "none" : compression });
        extensions.add(key.slice(key.indexOf(".")));
      }
    }
    expect([...extensions].sort()).toEqual([".jsonl", ".jsonl.gz", ".jsonl.zst", ".parquet"]);
  });
  it("cuts at the size cap and at hour boundaries, never leaving an object empty", () => {
    const t = Date.UTC(2024, 0, 1, 10, 30);
    expect(startsNewObject(undefined, { timestamp: ms(t), encodedBytes: 10 }, 100)).toBe(true);
    expect(startsNewObject({ firstTimestamp: ms(t), encodedBytes: 90 }, { timestamp: ms(t), encodedBytes: 10 }, 100)).toBe(false);
    expect(startsNewObject({ firstTimestamp: ms(t), encodedBytes: 91 }, { timestamp: ms(t), encodedBytes: 10 }, 100)).toBe(true);
    expect(startsNewObject({ firstTimestamp: ms(t), encodedBytes: 1 }, { timestamp: ms(t + 3_600_000), encodedBytes: 1 }, 100)).toBe(true);
    expect(timeFolder(ms(t))).toBe("dt=2024-01-01/hour=10");
    // Writers of several partitions take turns: each object's own first hour counts, whichever was asked before.
    const a = { firstTimestamp: ms(t), encodedBytes: 1 };
    const b = { firstTimestamp: ms(t + 3_600_000), encodedBytes: 1 };
    expect(startsNewObject(a, { timestamp: ms(t + 60_000), encodedBytes: 1 }, 100)).toBe(false);
    expect(startsNewObject(b, { timestamp: ms(t + 3_660_000), encodedBytes: 1 }, 100)).toBe(false);
    expect(startsNewObject(a, { timestamp: ms(t + 3_660_000), encodedBytes: 1 }, 100)).toBe(true);
    expect(startsNewObject(b, { timestamp: ms(t + 60_000), encodedBytes: 1 }, 100)).toBe(true);
  });
  it("puts timestamps that are no instant from 1970 to year 9999 in one folder, which parses", () => {
    expect(timeFolder("253402300799999")).toBe("dt=9999-12-31/hour=23");
    expect(timeFolder("0")).toBe("dt=1970-01-01/hour=00");
    for (const t of ["-1", "-3600000", "253402300800000", "1700000000000000", "1700000000000000000", "9223372036854775807", "", "1e3", " 1", "+1", "0x10", "1.5"]) {
      expect(timeFolder(t)).toBe(NO_TIME_FOLDER);
    }
    // None of them shares an hour with a dated record; they share one with each other.
    expect(startsNewObject({ firstTimestamp: "-1", encodedBytes: 1 }, { timestamp: "1700000000000000000", encodedBytes: 1 }, 100)).toBe(false);
    expect(startsNewObject({ firstTimestamp: "-1", encodedBytes: 1 }, { timestamp: "0", encodedBytes: 1 }, 100)).toBe(true);
    expect(startsNewObject({ firstTimestamp: "3599999", encodedBytes: 1 }, { timestamp: "-1", encodedBytes: 1 }, 100)).toBe(true);
    const key = objectKey(parts, 1, 7, "1700000000000000000");
    expect(key).toBe("p/ckafka-1/orders/dt=none/hour=none/orders+1+00000000000000000007.jsonl.gz");
    expect(parseObjectKey(parts, key)).toEqual({ timeFolder: NO_TIME_FOLDER, partition: 1, firstOffset: 7, format: "jsonl", compression: "gzip" });
    expect(parseObjectKey(parts, key.replace(/\.jsonl\.gz$/, ".parquet"))).toEqual({ timeFolder: NO_TIME_FOLDER, partition: 1, firstOffset: 7, format: "parquet", compression: "none" });
    expect(parseObjectKey(parts, key.replace(/\.jsonl\.gz$/, ".parquet.gz"))).toBeUndefined();
  });
});
