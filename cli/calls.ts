// Every call to the object store or to Kafka goes through here: it either answers within a time limit,
// or fails with an error naming the endpoint and how long it waited; 5xx and throttling are retried
// with backoff (a silent endpoint is not: waiting again would only double the wait).
import { untrustedCertificate } from "../function/broker-probe";
import { retry, storeRetryable } from "../function/retry";

export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** How often a call still waiting for its answer says so. */
export const WAITING_EVERY_MS = 5_000;

/**
 * Where calls still waiting say so (the CLI's stderr), or undefined for silence. Set for the command being run
 * (main): the calls are made deep in every command, and a silent endpoint would otherwise leave a user
 * looking at nothing until --timeout.
 */
let waitingLines: ((line: string) => void) | undefined;
export function reportWaiting(lines: ((line: string) => void) | undefined): void {
  waitingLines = lines;
}

/**
 * `promise`, or a TimeoutError after `ms`: "<endpoint> did not answer <what> within <s> s"; meanwhile, every
 * WAITING_EVERY_MS, "waiting for <endpoint> to answer <what>: <n> s of <s> s (--timeout)".
 */
export async function within<T>(ms: number, endpoint: string, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${endpoint} did not answer ${what} within ${ms / 1000} s (--timeout)`)), ms);
  });
  const started = Date.now();
  const lines = waitingLines;
  const waiting = lines && setInterval(() => lines(`waiting for ${endpoint} to answer ${what}: ${Math.round((Date.now() - started) / 1000)} s of ${ms / 1000} s (--timeout)`), WAITING_EVERY_MS);
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
    clearInterval(waiting);
  }
}

/**
 * An object-store call under the retry policy (function/retry.ts), each attempt within `ms`. A silent endpoint,
 * one that refuses connections and a name that does not resolve are not tried again.
 */
export async function withRetry<T>(ms: number, endpoint: string, what: string, call: () => Promise<T>): Promise<T> {
  return retry(
    () => within(ms, endpoint, what, call()),
    (err) => !(err instanceof TimeoutError) && storeRetryable(err, true),
    (err, attempts) => {
      if (err instanceof TimeoutError) return err;
      const e = err as { statusCode?: number; code?: string; message?: string; error?: { Code?: string; Message?: string } };
      const detail = [e?.statusCode, e?.error?.Code ?? e?.code, e?.error?.Message ?? e?.message].filter((x) => x !== undefined && x !== "").join(" ");
      return new Error(`${endpoint}: ${what} failed after ${attempts} attempt(s): ${detail || String(err)}`);
    },
  );
}

/** A kafkajs error in one line: its message and those of its causes, without the client's stack or logs. */
export function kafkaErrorLine(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as { message?: string; cause?: unknown } | undefined; e && parts.length < 4; e = e.cause as typeof e) {
    if (e.message && !parts.some((p) => p.includes(e.message!))) parts.push(e.message);
  }
  return parts.join(": ") || String(err);
}

/** A Kafka call within `ms`; any failure becomes one line naming the brokers and the call. */
export async function kafkaCall<T>(ms: number, brokers: string, what: string, promise: Promise<T>): Promise<T> {
  try {
    return await within(ms, `Kafka ${brokers}`, what, promise);
  } catch (err) {
    if (err instanceof TimeoutError) throw err;
    const untrusted = untrustedCertificate(err);
    if (untrusted) throw new Error(`Kafka ${brokers}: ${untrusted}`, { cause: err });
    throw new Error(`Kafka ${brokers}: ${what} failed: ${kafkaErrorLine(err)}`, { cause: err });
  }
}

/** Whether kafkajs marks the error, or one of its causes, retriable (a leader moving, a topic just created). */
function kafkaRetriable(err: unknown): boolean {
  for (let e = err as { retriable?: boolean; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.retriable === true) return true;
  }
  return false;
}

/**
 * A Kafka read (metadata, offsets) within `ms` per attempt, tried again with backoff while kafkajs says the
 * error is retriable: right after a topic is created its partitions may still be electing leaders.
 */
export async function kafkaRead<T>(ms: number, brokers: string, what: string, call: () => Promise<T>): Promise<T> {
  return retry(() => kafkaCall(ms, brokers, what, call()), (err) => !(err instanceof TimeoutError) && kafkaRetriable(err));
}
