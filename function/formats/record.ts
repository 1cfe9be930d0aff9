// A Kafka record as every format stores it and every reader gives it back: its exact bytes, and its timestamp as
// Kafka's exact int64 decimal digits.

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

/**
 * A record's own timestamp from what kafkajs decoded. kafkajs adds the record's delta to its batch's first
 * timestamp without 64-bit wrap-around, but producers compute the delta with it (Java: a long subtraction),
 * so a batch that holds -1 ("no timestamp") and a value near the int64 maximum decodes outside the int64
 * range. Wrapping the sum gives the record's value back. Up to 18 digits nothing can have overflowed.
 */
export function recordTimestamp(decoded: string): string {
  return decoded.length < 19 ? decoded : BigInt.asIntN(64, BigInt(decoded)).toString();
}

