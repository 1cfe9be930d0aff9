// kafkajs 2.2.4 cannot send a header whose value is null (legal in Kafka: the Java client and kcat send
// them): its record encoder sizes every header value with Buffer.byteLength, which throws on null,
// although its byte encoder writes null correctly as length -1. This module puts a copy of that encoder
// with the size fixed in Node's module cache and drops kafkajs's produce requests from it: kafkajs requires
// them lazily, on each send, so the next send encodes with the fix and carries null header values byte for byte.
// The copy is checked against the pinned kafkajs version; another version fails loudly instead.
/* eslint-disable @typescript-eslint/no-require-imports */
import Module from "node:module";

const KAFKAJS_VERSION = "2.2.4";

type Header = { key: string; value: Buffer | string | null };
interface EncoderClass {
  new (): EncoderInstance;
  sizeOfVarInt(n: number): number;
  sizeOfVarLong(n: number): number;
  sizeOfVarIntBytes(v: unknown): number;
}
interface EncoderInstance {
  writeVarInt(n: number): EncoderInstance;
  writeInt8(n: number): EncoderInstance;
  writeVarLong(n: number): EncoderInstance;
  writeVarIntBytes(v: unknown): EncoderInstance;
  writeVarIntString(v: string): EncoderInstance;
  writeVarIntArray(a: unknown[]): EncoderInstance;
}

export function allowNullHeaderValues(): void {
  const version = (require("kafkajs/package.json") as { version: string }).version;
  if (version !== KAFKAJS_VERSION) throw new Error(`cli/kafkajs-null-headers.ts is written for kafkajs ${KAFKAJS_VERSION}, found ${version}`);
  const path = require.resolve("kafkajs/src/protocol/recordBatch/record/v0");
  if (installed) return;
  installed = true;
  const Encoder = require("kafkajs/src/protocol/encoder") as EncoderClass;
  const encodeHeader = ({ key, value }: Header) => new Encoder().writeVarIntString(key).writeVarIntBytes(value);

  // The same as kafkajs's record/v0, but a null header value counts as the one byte of varint -1.
  function encodeRecord({ offsetDelta = 0, timestampDelta = 0, key, value, headers = {} }: { offsetDelta?: number; timestampDelta?: number; key: unknown; value: unknown; headers?: Record<string, unknown> }) {
    const list: Header[] = Object.keys(headers).flatMap((name) => {
      const v = headers[name];
      return Array.isArray(v) ? v.map((value) => ({ key: name, value })) : [{ key: name, value: v as Header["value"] }];
    });
    let headerBytes = Encoder.sizeOfVarInt(list.length);
    for (const h of list) headerBytes += Encoder.sizeOfVarInt(Buffer.byteLength(h.key)) + Buffer.byteLength(h.key) + Encoder.sizeOfVarIntBytes(h.value);
    const size = 1 + Encoder.sizeOfVarLong(timestampDelta) + Encoder.sizeOfVarInt(offsetDelta) + Encoder.sizeOfVarIntBytes(key) + Encoder.sizeOfVarIntBytes(value) + headerBytes;
    return new Encoder()
      .writeVarInt(size)
      .writeInt8(0)
      .writeVarLong(timestampDelta)
      .writeVarInt(offsetDelta)
      .writeVarIntBytes(key)
      .writeVarIntBytes(value)
      .writeVarIntArray(list.map(encodeHeader));
  }

  const cached = new Module(path);
  cached.filename = path;
  cached.loaded = true;
  cached.exports = encodeRecord;
  require.cache[path] = cached;
  // Produce requests v3–v7 (they build on v3, which holds the record encoder) load again on the next send.
  for (let v = 3; v <= 7; v++) delete require.cache[require.resolve(`kafkajs/src/protocol/requests/produce/v${v}/request`)];
}

let installed = false;
