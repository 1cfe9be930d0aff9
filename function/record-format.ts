// The record format: JSON Lines, one Kafka record per line, lossless.
// Bytes that are valid UTF-8 are written as text; anything else as base64 with an encoding flag,
// so a restore is byte-exact. A null key or value (tombstone) stays null.
import { isUtf8 } from "node:buffer";

export interface BackupHeader {
  name: string;
  value: string | null;
  encoding?: "base64";
}

/** One line of a backup object. */
export interface BackupRecord {
  partition: number;
  offset: number;
  /** Record timestamp, epoch milliseconds. */
  timestamp: number;
  key: string | null;
  keyEncoding?: "base64";
  value: string | null;
  valueEncoding?: "base64";
  headers: BackupHeader[];
}

export interface KafkaRecord {
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  /** In order; a repeated header name appears once per value. */
  headers: Array<[string, Buffer | null]>;
}

function text(bytes: Buffer | null): { text: string | null; base64: boolean } {
  if (bytes === null) return { text: null, base64: false };
  return isUtf8(bytes) ? { text: bytes.toString("utf8"), base64: false } : { text: bytes.toString("base64"), base64: true };
}

export function encodeRecord(r: KafkaRecord): string {
  const key = text(r.key);
  const value = text(r.value);
  const line: BackupRecord = {
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    key: key.text,
    ...(key.base64 ? { keyEncoding: "base64" as const } : {}),
    value: value.text,
    ...(value.base64 ? { valueEncoding: "base64" as const } : {}),
    headers: r.headers.map(([name, bytes]) => {
      const v = text(bytes);
      return v.base64 ? { name, value: v.text, encoding: "base64" as const } : { name, value: v.text };
    }),
  };
  return JSON.stringify(line) + "\n";
}

function bytes(value: string | null, encoding: string | undefined): Buffer | null {
  if (value === null) return null;
  return Buffer.from(value, encoding === "base64" ? "base64" : "utf8");
}

/** Parses one line back into the record's exact bytes. */
export function decodeRecord(line: string): KafkaRecord {
  const r = JSON.parse(line) as BackupRecord;
  return {
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    key: bytes(r.key, r.keyEncoding),
    value: bytes(r.value, r.valueEncoding),
    headers: r.headers.map((h) => [h.name, bytes(h.value, h.encoding)]),
  };
}
