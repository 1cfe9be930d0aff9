// The one retry policy of calls to the object store (the handler's and the CLI's) and of the CLI's Kafka reads:
// at most ATTEMPTS attempts, backing off 0.4, 0.8, 1.6 s between them. What is worth another attempt is the
// caller's to say (storeRetryable for the object store); so is how a call that gave up is reported.

/** Attempts in all, the first included. */
export const ATTEMPTS = 4;

/** The wait after failed attempt `attempt` (1-based): 0.4 s, doubling. */
const backoffMs = (attempt: number) => 200 * 2 ** attempt;

/**
 * `call`, tried again after a backoff while `retryable` says its error is worth it, ATTEMPTS times at most.
 * The error it gives up on goes to `giveUp` with the number of attempts made; what that returns is thrown.
 */
export async function retry<T>(
  call: () => Promise<T>,
  retryable: (err: unknown) => boolean,
  giveUp: (err: unknown, attempts: number) => unknown = (err) => err,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= ATTEMPTS || !retryable(err)) throw giveUp(err, attempt);
      await new Promise((r) => setTimeout(r, backoffMs(attempt)));
    }
  }
}

/**
 * An object-store error worth another attempt: 5xx, throttling (429, SlowDown), or no HTTP answer at all (a
 * reset). `unreachableIsFinal`: an address that refuses connections or does not resolve is not retried either —
 * for an endpoint an operator typed, where it is a mistake to report at once, not a store that is busy.
 */
export function storeRetryable(err: unknown, unreachableIsFinal: boolean): boolean {
  const e = err as { statusCode?: number; code?: string; error?: { Code?: string } } | undefined;
  if (e?.statusCode === undefined) return !(unreachableIsFinal && (e?.code === "ENOTFOUND" || e?.code === "ECONNREFUSED"));
  return e.statusCode >= 500 || e.statusCode === 429 || e.error?.Code === "SlowDown";
}
