// The record format: JSON Lines, one Kafka record per line, lossless.
// Bytes that are valid UTF-8 are written as text; anything else as base64 with an encoding flag,
// so a restore is byte-exact. A null key or value (tombstone) stays null. Lines are written by
// json-lines-encoder.ts: byte for byte JSON.stringify of a BackupRecord, the timestamp's digits as they are.
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

export interface KafkaRecord {
  partition: number;
  offset: number;
  /** Kafka's timestamp as its exact int64 decimal digits, as kafkajs gives it: any int64, "-1" for none. */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  /** In order; a repeated header name appears once per value. */
  headers: Array<[string, Buffer | null]>;
}

/** A canonical int64 in decimal: what Kafka's timestamps look like as text. */
export const INT64 = /^-?(?:0|[1-9]\d{0,18})$/;

/**
 * A record's own timestamp from what kafkajs decoded. kafkajs adds the record's delta to its batch's first
 * timestamp without 64-bit wrap-around, but producers compute the delta with it (Java: a long subtraction),
 * so a batch that holds -1 ("no timestamp") and a value near the int64 maximum decodes outside the int64
 * range. Wrapping the sum gives the record's value back. Up to 18 digits nothing can have overflowed.
 */
export function recordTimestamp(decoded: string): string {
  return decoded.length < 19 ? decoded : BigInt.asIntN(64, BigInt(decoded)).toString();
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
