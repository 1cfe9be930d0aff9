import type { IHeaders, KafkaMessage } from "kafkajs";
import { describe, expect, it } from "vitest";
import { JsonLinesEncoder } from "../../function/formats/jsonl/encoder";
import { type KafkaRecord } from "../../function/formats/record";
import { jsonLine } from "../../function/formats/jsonl/line";
import { message } from "../helpers/kafka-message";

// The reference: how lines were encoded before JsonLinesEncoder (objects, JSON.stringify, UTF-8; the
// timestamp's digits as they are), which export also writes for records of Parquet objects (function/formats/jsonl/line.ts).
// The encoder must produce exactly these bytes for every record.
function referenceLine(partition: number, m: KafkaMessage): Buffer {
  const headers: Array<[string, Buffer | null]> = [];
  for (const [name, value] of Object.entries(m.headers ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      headers.push([name, v === undefined || v === null ? null : Buffer.isBuffer(v) ? v : Buffer.from(String(v))]);
    }
  }
  const r: KafkaRecord = { partition, offset: Number(m.offset), timestamp: m.timestamp, key: m.key ?? null, value: m.value ?? null, headers };
  return Buffer.from(jsonLine(r));
}

/** Copies `bytes` into one shared buffer at a given offset, as kafkajs hands out slices of a fetch response. */
class Arena {
  private readonly buf = Buffer.allocUnsafe(1 << 25);
  private at = 0;
  put(bytes: Buffer | null, skew = 0): Buffer | null {
    if (bytes === null) return null;
    if (this.at + skew + bytes.length > this.buf.length) this.at = 0;
    this.at += skew;
    const slice = this.buf.subarray(this.at, this.at + bytes.length);
    bytes.copy(slice);
    this.at += bytes.length;
    return slice;
  }
}

const TS = "1700000000123";

const b = (s: string) => Buffer.from(s);
const SHAPES: Array<[string, KafkaMessage]> = [
  ["plain text", message(0, TS, b("k"), b("hello"))],
  ["empty key and value", message(1, TS, b(""), b(""))],
  ["null key and value (tombstone)", message(2, TS, null, null)],
  ["quotes and backslashes", message(3, TS, b('"\\'), b('{"a":"b\\\\c\\"d"}'))],
  ["every control character and DEL", message(4, TS, b("\x00\x1f"), Buffer.from(Array.from({ length: 0x20 }, (_, i) => i).concat([0x7f, 0x20])))],
  ["U+2028 and U+2029 (not escaped by JSON.stringify)", message(5, TS, b("\u2028"), b("a\u2028b\u2029c"))],
  ["astral characters", message(6, TS, b("😀"), b("𝄞 music 😀 \u{10ffff}"))],
  ["CJK and accents", message(7, TS, b("键"), b("备份 café naïve"))],
  ["invalid UTF-8: lone byte", message(8, TS, Buffer.from([0xc3, 0x28]), Buffer.from([0xff]))],
  ["invalid UTF-8: encoded surrogate", message(9, TS, null, Buffer.from([0x61, 0xed, 0xa0, 0x80]))],
  ["invalid UTF-8: overlong", message(10, TS, null, Buffer.from([0xc0, 0x80]))],
  ["invalid UTF-8: truncated sequence at the end", message(11, TS, null, Buffer.from("abc😀").subarray(0, 5))],
  ["invalid UTF-8 after escapes", message(12, TS, null, Buffer.concat([b('"\n\\'), Buffer.from([0x80])]))],
  ["binary value", message(13, TS, b("bin"), Buffer.from(Array.from({ length: 256 }, (_, i) => i)))],
  ["repeated and binary headers", message(14, TS, b("k"), b("v"), { a: [b("1"), b("2")], bin: Buffer.from([0xfe, 0x00]), empty: b("") })],
  ["header names that need escaping", message(15, TS, null, b("v"), { 'q"\\\n': b("x"), "名\u2028": b("y"), "😀": b("z") })],
  ["null, undefined and string header values", message(16, TS, null, b("v"), { n: null as unknown as Buffer, u: undefined, s: "text", arr: ["s", b("\x01")] })],
  ["integer-like header names", message(17, TS, null, b("v"), { "2": b("b"), "1": b("a"), z: b("z") })],
  ["no headers object", { offset: "18", timestamp: "1700000000123", attributes: 0, key: null, value: b("v"), size: 0 }],
  ["very large value (8 MiB, escapes throughout)", message(19, TS, b("big"), Buffer.from('ab"\\\n\u2028'.repeat(1 << 20)))],
  ["very large invalid value (3 MiB)", message(20, TS, null, Buffer.concat([Buffer.alloc(3 << 20, 0x61), Buffer.from([0xff])]))],
  ["timestamp -1 and large offset", message(2 ** 50, "-1", b("k"), b("v"))],
];

describe("JsonLinesEncoder", () => {
  it.each(SHAPES)("writes the reference bytes: %s", (_name, m) => {
    const encoder = new JsonLinesEncoder();
    const arena = new Arena();
    for (let skew = 0; skew < 4; skew++) {
      // The same record at every alignment, from shared memory like kafkajs's, and from its own Buffer.
      const sliced = { ...m, key: arena.put(m.key ?? null, skew), value: arena.put(m.value, skew) } as KafkaMessage;
      for (const input of [m, sliced]) {
        const n = encoder.encode(7, input);
        expect(encoder.bytes.subarray(0, n).equals(referenceLine(7, m))).toBe(true);
      }
    }
  });

  it("writes Kafka's int64 timestamp digits as they are, and refuses anything else", () => {
    const encoder = new JsonLinesEncoder();
    const n = encoder.encode(0, message(5, "1700000000000123456", null, b("v")));
    expect(encoder.bytes.subarray(0, n).toString()).toBe('{"partition":0,"offset":5,"timestamp":1700000000000123456,"key":null,"value":"v","headers":[]}\n');
    expect(() => encoder.encode(0, message(5, "1e3", null, null))).toThrow(/timestamp "1e3" is not a decimal int64/);
    expect(() => encoder.encode(0, { ...message(5, TS, null, null), timestamp: undefined as unknown as string })).toThrow(/timestamp undefined is not a decimal int64/);
  });

  it("escapes every byte value at every place of a 16-byte block, and strings that outgrow the line's room", () => {
    // The escaper reads 16 bytes at a time and stops when the room runs out; both edges, for every byte.
    const encoder = new JsonLinesEncoder();
    for (let c = 0; c < 256; c++) {
      for (let at = 0; at < 34; at++) {
        const value = Buffer.alloc(34, 0x61);
        value[at] = c;
        const m = message(1, TS, null, value);
        const n = encoder.encode(0, m);
        expect(encoder.bytes.subarray(0, n).equals(referenceLine(0, m))).toBe(true);
      }
    }
    // Only escapes: twice (or six times) the room the string asked for, made in rounds; a fresh encoder each
    // time so the line starts small.
    for (const piece of ['"', "\x01", "\n"]) {
      for (const length of [1, 15, 16, 17, 1000, 70_000, 300_000]) {
        const m = message(2, TS, b(piece.repeat(length)), b(piece.repeat(length)));
        const fresh = new JsonLinesEncoder();
        const n = fresh.encode(0, m);
        expect(fresh.bytes.subarray(0, n).equals(referenceLine(0, m))).toBe(true);
      }
    }
  });

  it("matches the reference on random records (fuzz)", () => {
    // Deterministic, so a failure can be replayed; bytes drawn mostly from the ones that matter.
    let seed = 0x2545f491;
    const rand = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const pieces = [
      b('"'), b("\\"), b("\n"), b("\x00"), b("\x1f"), b("\x7f"), b("a"), b("Z"), b(" "), b("/"), b("é"), b("€"), b("😀"),
      b("\u2028"), b("\u2029"), b("\ufeff"), Buffer.from([0xff]), Buffer.from([0x80]), Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from([0xe2, 0x82]), Buffer.from([0xf4, 0x90, 0x80, 0x80]), b("plain ascii text without specials "),
    ];
    const field = (): Buffer | null => {
      if (rand(10) === 0) return null;
      const parts: Buffer[] = [];
      for (let i = rand(4) === 0 ? rand(400) : rand(12); i > 0; i--) parts.push(pieces[rand(pieces.length)]);
      return Buffer.concat(parts);
    };
    const encoder = new JsonLinesEncoder();
    const arena = new Arena();
    for (let i = 0; i < 5000; i++) {
      const headers: IHeaders = {};
      for (let h = rand(4); h > 0; h--) {
        const name = `h${rand(3)}${rand(5) === 0 ? '"\u2028é' : ""}`;
        const v = arena.put(field(), rand(4));
        const prev = headers[name];
        headers[name] = prev === undefined ? (v as Buffer) : ([] as Array<Buffer | string>).concat(prev, v as Buffer);
      }
      const m = message(rand(1e9), String(1.7e12 + rand(1e9)), arena.put(field(), rand(4)), arena.put(field(), rand(4)), headers);
      const n = encoder.encode(rand(64), m);
      const expected = referenceLine(JSON.parse(encoder.bytes.subarray(0, n).toString()).partition, m);
      expect(encoder.bytes.subarray(0, n).toString("hex")).toBe(expected.toString("hex"));
    }
  });
});
