import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readObject, type ObjectToRead } from "../../cli/object-reader";
import { jsonLine } from "../../function/formats/jsonl/line";
import { timeFolder } from "../../function/object-keys";
import type { KafkaRecord } from "../../function/formats/record";
import { PARQUET_SCHEMA, parquetObject } from "../helpers/parquet-object";

const b = (s: string) => Buffer.from(s);
const record = (offset: number, fields: Partial<KafkaRecord> = {}): KafkaRecord => ({ partition: 2, offset, timestamp: "1700000000000", key: b(`k${offset}`), value: b(`v${offset}`), headers: [], ...fields });

/** Every shape a Kafka record can take, at offsets 10, 11, ... of partition 2. */
const SHAPES: KafkaRecord[] = [
  record(10, { key: null, value: null }),
  record(11, { key: b(""), value: b("") }),
  record(12, { key: Buffer.from([0xc3, 0x28]), value: Buffer.from(Array.from({ length: 256 }, (_, i) => i)) }),
  record(13, { value: b('{"a":"b\\\\c\\"d"}\n\u2028😀 café') }),
  record(14, { headers: [["a", b("1")], ["nullh", null], ["a", b("2")], ["bin", Buffer.from([0xfe, 0x00])], ["empty", b("")], ['q"\\\n名', b("x")]] }),
  record(15, { timestamp: "-1" }),
  record(16, { timestamp: "9007199254740993" }),
  record(17, { timestamp: "9223372036854775807" }),
  record(18, { timestamp: "-9223372036854775808" }),
  record(19, { timestamp: "0" }),
  record(20, { timestamp: "253402300800000" }),
  record(22, { timestamp: "1700000000000123456", headers: [["only-null", null]] }),
];

const object = (format: "jsonl" | "parquet", records: KafkaRecord[], fields: Partial<ObjectToRead> = {}): ObjectToRead => {
  const first = records[0];
  const ext = format === "parquet" ? "parquet" : "jsonl.gz";
  const key = `p/ckafka-1/orders/${timeFolder(first.timestamp)}/orders+${first.partition}+${String(first.offset).padStart(20, "0")}.${ext}`;
  return { key, partition: first.partition, firstOffset: first.offset, timeFolder: timeFolder(first.timestamp), format, compression: format === "jsonl" ? "gzip" : "none", ...fields };
};

async function read(o: ObjectToRead, stored: Buffer) {
  const out = [];
  for await (const r of readObject(o, stored)) out.push(r);
  return out;
}

describe("object reader", () => {
  it("reads every record shape back byte for byte from Parquet, in several row groups, as from JSON Lines", async () => {
    const fromParquet = await read(object("parquet", SHAPES), parquetObject(SHAPES, { rowGroupRows: 5 }));
    expect(fromParquet.map((r) => r.record)).toEqual(SHAPES);
    expect(fromParquet.every((r) => r.line === undefined)).toBe(true);
    const fromJsonLines = await read(object("jsonl", SHAPES), gzipSync(SHAPES.map(jsonLine).join("")));
    expect(fromJsonLines.map((r) => r.record)).toEqual(SHAPES);
    // Export writes the JSON Lines objects' own lines, and jsonLine of a Parquet object's records: the same bytes.
    expect(fromParquet.map((r) => jsonLine(r.record))).toEqual(fromJsonLines.map((r) => `${r.line}\n`));
  });

  it("refuses, naming the key, a Parquet object whose schema is not the backup format's", async () => {
    const records = SHAPES.slice(0, 3);
    const o = object("parquet", records);
    const without = (name: string) => [{ ...PARQUET_SCHEMA[0], num_children: 6 }, ...PARQUET_SCHEMA.slice(1).filter((e) => e.name !== name)];
    const replaced = (name: string, e: object) => PARQUET_SCHEMA.map((x) => (x.name === name ? { ...x, ...e } : x));
    const cases: Array<[typeof PARQUET_SCHEMA, string]> = [
      [without("time"), 'schema element 4 is "key BYTE_ARRAY OPTIONAL", the backup format has "time INT64 OPTIONAL TIMESTAMP(MILLIS,UTC)"'],
      // An annotated timestamp: readers turn the int64 maximum into "infinity".
      [replaced("timestamp", { converted_type: "TIMESTAMP_MILLIS" }), 'schema element 3 is "timestamp INT64 REQUIRED TIMESTAMP(MILLIS,UTC)", the backup format has "timestamp INT64 REQUIRED"'],
      [replaced("partition", { repetition_type: "OPTIONAL" }), 'schema element 1 is "partition INT32 OPTIONAL", the backup format has "partition INT32 REQUIRED"'],
      [replaced("key", { converted_type: "UTF8" }), 'schema element 5 is "key BYTE_ARRAY OPTIONAL STRING", the backup format has "key BYTE_ARRAY OPTIONAL"'],
    ];
    for (const [schema, message] of cases) {
      await expect(read(o, parquetObject(records, { schema }))).rejects.toThrow(`${o.key}: not a backup Parquet object: ${message} (README "Record format")`);
    }
  });

  it("refuses, naming the key, a corrupt Parquet object and records that disagree with the key, in either format", async () => {
    const records = SHAPES.slice(0, 3);
    const o = object("parquet", records);
    const stored = parquetObject(records);
    const unreadable = `${o.key}: not a readable Parquet object (`;
    await expect(read(o, stored.subarray(0, stored.length - 10))).rejects.toThrow(unreadable);
    await expect(read(o, Buffer.from("PAR1 this is not a Parquet file PAR1"))).rejects.toThrow(unreadable);
    for (const [format, bytes] of [["parquet", stored], ["jsonl", gzipSync(records.map(jsonLine).join(""))]] as const) {
      const wrongPartition = object(format, records, { partition: 1 });
      await expect(read(wrongPartition, bytes)).rejects.toThrow(`${wrongPartition.key}: offset 10 says partition 2, the key says partition 1`);
      const wrongOffset = object(format, records, { firstOffset: 9 });
      await expect(read(wrongOffset, bytes)).rejects.toThrow(`${wrongOffset.key}: the key says first offset 9, the first record has 10`);
    }
  });
});

describe("JSON Lines splitting", () => {
  // Text to lines as Node's readline (which the reader used before) splits it: at \n, \r\n and a lone \r.
  const records = (n: number, valueBytes: number) => Array.from({ length: n }, (_, i) => record(10 + i, { value: b(`${"é😀".repeat(valueBytes / 6)}${i}`) }));

  it("reads lines that span many decompressed slices, with multi-byte characters cut between slices", async () => {
    // 600 KiB records: each spans three slices of the gunzip's output. Compared as lines: quicker than as Buffers.
    const big = records(3, 600 * 1024);
    const got = await read(object("jsonl", big), gzipSync(big.map(jsonLine).join("")));
    expect(got.map((r) => jsonLine(r.record))).toEqual(big.map(jsonLine));
  });

  it("splits at \\r\\n and a lone \\r as at \\n, skips empty lines, reads a last line without a newline, and counts lines as readline did", async () => {
    const rs = records(5, 60);
    const [l0, l1, l2, l3, l4] = rs.map((r) => jsonLine(r).slice(0, -1));
    const text = `${l0}\r\n\n${l1}\r${l2}\r\r\n${l3}\n\n${l4}`;
    const got = await read(object("jsonl", rs), gzipSync(text));
    expect(got.map((r) => r.record)).toEqual(rs);
    expect(got.map((r) => r.line)).toEqual([l0, l1, l2, l3, l4]);
    const o = object("jsonl", rs);
    await expect(read(o, gzipSync(`${l0}\r\n\n${l1}\rnot json\n`))).rejects.toThrow(`${o.key}, line 4: not a backup record (`);
    await expect(read(o, gzipSync(`${l0}\n${l1}\n`).subarray(0, 30))).rejects.toThrow(`${o.key}: gzip error after line 0: `);
  });
});
