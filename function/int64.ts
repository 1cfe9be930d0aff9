// Kafka's timestamps are int64s. The backup carries them as their exact decimal digits: a JavaScript number
// would round values past 2^53.

/** A canonical int64 in decimal: no plus sign, no leading zeros, at most 19 digits (the range is checked apart). */
const DIGITS = /^-?(?:0|[1-9]\d{0,18})$/;
const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;

/**
 * A record's timestamp as its decimal digits, checked to be an int64 written canonically; an error names a
 * timestamp that is not. Up to 18 digits no range check is needed (the common case costs one regex test).
 */
export function timestampInt64(timestamp: unknown): string {
  const ok = typeof timestamp === "string" && DIGITS.test(timestamp) && (timestamp.length < (timestamp[0] === "-" ? 20 : 19) || (BigInt(timestamp) >= MIN && BigInt(timestamp) <= MAX));
  if (!ok) throw new Error(`timestamp ${JSON.stringify(timestamp)} is not a decimal int64`);
  return timestamp;
}
