// The JSON Lines record format: one Kafka record per line, lossless. Bytes that are valid UTF-8 are written as
// text; anything else as base64 with an encoding flag, so a restore is byte-exact. A null key or value (tombstone)
// stays null. The handler writes the lines with encoder.ts, byte for byte JSON.stringify of a BackupRecord, the
// timestamp's digits as they are (jsonLine below, which export uses and the encoder's unit test holds it to);
// decodeRecord reads them back.
import { isUtf8 } from "node:buffer";
import { timestampInt64 } from "../../int64";
import type { KafkaRecord } from "../record";

export interface BackupHeader {
  name: string;
  value: string | null;
  encoding?: "base64";
}

/** One line of a backup object. */
export interface BackupRecord {
  partition: number;
  offset: number;
  /**
   * Record timestamp, epoch milliseconds: Kafka's exact int64 decimal digits as a JSON number (-1: none).
   * JSON.parse rounds past 2^53; decodeRecord reads the digits themselves.
   */
  timestamp: number;
  key: string | null;
  keyEncoding?: "base64";
  value: string | null;
  valueEncoding?: "base64";
  headers: BackupHeader[];
}

function bytes(value: string | null, encoding: string | undefined): Buffer | null {
  if (value === null) return null;
  return Buffer.from(value, encoding === "base64" ? "base64" : "utf8");
}

/**
 * The timestamp's exact digits, from the line's text. `"timestamp":` outside a JSON string is only the
 * record's own field (header objects have other names, and quotes inside strings are escaped).
 */
function timestampDigits(line: string, parsed: unknown): string {
  const m = /"timestamp":\s*(-?\d+)\s*[,}]/.exec(line);
  if (!m || Number(m[1]) !== parsed) throw new Error(`timestamp ${JSON.stringify(parsed)} is not an integer`);
  return m[1];
}

/** Parses one line back into the record's exact bytes. */
export function decodeRecord(line: string): KafkaRecord {
  const r = JSON.parse(line) as BackupRecord;
  return {
    partition: r.partition,
    offset: r.offset,
    timestamp: timestampDigits(line, r.timestamp),
    key: bytes(r.key, r.keyEncoding),
    value: bytes(r.value, r.valueEncoding),
    headers: r.headers.map((h) => [h.name, bytes(h.value, h.encoding)]),
  };
}

function text(bytes: Buffer | null): { text: string | null; base64: boolean } {
  if (bytes === null) return { text: null, base64: false };
  return isUtf8(bytes) ? { text: bytes.toString("utf8"), base64: false } : { text: bytes.toString("base64"), base64: true };
}

/**
 * A record's JSON line with its newline, byte for byte as the handler writes it (encoder.ts, whose
 * unit test holds it to this function): JSON.stringify of its BackupRecord, the timestamp's digits as they are,
 * headers in the record's order.
 */
export function jsonLine(r: KafkaRecord): string {
  // The timestamp's digits go into the line as they are: a JS number would round values past 2^53.
  timestampInt64(r.timestamp);
  const key = text(r.key);
  const value = text(r.value);
  const rest: Omit<BackupRecord, "partition" | "offset" | "timestamp"> = {
    key: key.text,
    ...(key.base64 ? { keyEncoding: "base64" as const } : {}),
    value: value.text,
    ...(value.base64 ? { valueEncoding: "base64" as const } : {}),
    headers: r.headers.map(([name, bytes]) => {
      const v = text(bytes);
      return v.base64 ? { name, value: v.text, encoding: "base64" as const } : { name, value: v.text };
    }),
  };
  return `{"partition":${r.partition},"offset":${r.offset},"timestamp":${r.timestamp},${JSON.stringify(rest).slice(1)}\n`;
}
