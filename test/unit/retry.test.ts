// The one retry policy: how many attempts, what the caller gets when it gives up, and which store errors
// the handler and the CLI try again.
import { describe, expect, it } from "vitest";
import { ATTEMPTS, retry, storeRetryable } from "../../function/retry";

const answer = (statusCode: number, Code: string) => Object.assign(new Error(Code), { statusCode, error: { Code } });
const network = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("retry", () => {
  it("tries again while the error is retryable, at most ATTEMPTS times, and throws what giveUp makes of the last error", async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw answer(503, "ServiceUnavailable");
    };
    await expect(retry(failing, () => true, (err, attempts) => new Error(`${(err as Error).message} after ${attempts}`))).rejects.toThrow(`ServiceUnavailable after ${ATTEMPTS}`);
    expect(calls).toBe(ATTEMPTS);
  });

  it("stops at the first error that is not retryable, and throws it as it is by default", async () => {
    let calls = 0;
    const denied = answer(403, "AccessDenied");
    const call = async () => {
      calls++;
      throw denied;
    };
    await expect(retry(call, () => false)).rejects.toBe(denied);
    expect(calls).toBe(1);
  });

  it("returns the first answer", async () => {
    let calls = 0;
    expect(await retry(async () => (++calls < 2 ? Promise.reject(network("ECONNRESET")) : "ok"), () => true)).toBe("ok");
    expect(calls).toBe(2);
  });
});

describe("storeRetryable", () => {
  it("retries 5xx, 429 and SlowDown, not other answers", () => {
    for (const final of [false, true]) {
      expect([500, 503].map((s) => storeRetryable(answer(s, "x"), final))).toEqual([true, true]);
      expect(storeRetryable(answer(429, "TooManyRequests"), final)).toBe(true);
      expect(storeRetryable(answer(400, "SlowDown"), final)).toBe(true);
      expect([400, 403, 404].map((s) => storeRetryable(answer(s, "x"), final))).toEqual([false, false, false]);
    }
  });

  it("retries a reset; a refused connection or an unknown name only when unreachable is not final (the handler's endpoint)", () => {
    expect(storeRetryable(network("ECONNRESET"), true)).toBe(true);
    expect(storeRetryable(network("ECONNRESET"), false)).toBe(true);
    for (const code of ["ECONNREFUSED", "ENOTFOUND"]) {
      expect(storeRetryable(network(code), false)).toBe(true);
      expect(storeRetryable(network(code), true)).toBe(false);
    }
  });
});
