// The CLI's call policy, with small fakes: time limits name the endpoint and the wait; 5xx and throttling are
// retried, other answers and silence are not.
import { describe, expect, it } from "vitest";
import { kafkaErrorLine, kafkaRead, withRetry, within } from "../../cli/calls";
import { ATTEMPTS } from "../../function/retry";

const answer = (statusCode: number, Code: string) => Object.assign(new Error(Code), { statusCode, error: { Code, Message: `${Code} message` } });

describe("object-store and Kafka calls", () => {
  it("a call that does not answer fails after the time limit, naming the endpoint and the wait", async () => {
    const started = Date.now();
    await expect(within(200, "COS http://10.0.0.1:9000/b", "GetObject k", new Promise(() => undefined))).rejects.toThrow("COS http://10.0.0.1:9000/b did not answer GetObject k within 0.2 s (--timeout)");
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("5xx and throttling are retried with backoff; 403 is not", async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw answer(503, "ServiceUnavailable");
      if (calls === 2) throw answer(429, "SlowDown");
      return "ok";
    };
    expect(await withRetry(1_000, "COS x", "GetObject k", flaky)).toBe("ok");
    expect(calls).toBe(3);
    calls = 0;
    const denied = async () => {
      calls++;
      throw answer(403, "AccessDenied");
    };
    await expect(withRetry(1_000, "COS x", "GetObject k", denied)).rejects.toThrow("COS x: GetObject k failed after 1 attempt(s): 403 AccessDenied AccessDenied message");
    expect(calls).toBe(1);
  });

  it("a Kafka client error is one line with its causes", () => {
    const err = Object.assign(new Error("Connection error: connect ECONNREFUSED 127.0.0.1:1"), { name: "KafkaJSNumberOfRetriesExceeded", cause: new Error("connect ECONNREFUSED 127.0.0.1:1") });
    expect(kafkaErrorLine(err)).toBe("Connection error: connect ECONNREFUSED 127.0.0.1:1");
  });
});

describe("kafkaRead", () => {
  const retriable = () => Object.assign(new Error("This server is not the leader for that topic-partition"), { retriable: true, type: "NOT_LEADER_FOR_PARTITION" });

  it("tries a read again while kafkajs calls the error retriable (a leader being elected)", async () => {
    let calls = 0;
    const leaderMoving = async () => {
      if (++calls < 3) throw retriable();
      return "offsets";
    };
    expect(await kafkaRead(1_000, "b:9092", "end offsets", leaderMoving)).toBe("offsets");
    expect(calls).toBe(3);
  });

  it("fails at once on an error that is not retriable, and after ATTEMPTS on one that stays retriable, naming brokers and call", async () => {
    let calls = 0;
    const denied = async () => {
      calls++;
      throw Object.assign(new Error("Not authorized to access topics"), { retriable: false });
    };
    await expect(kafkaRead(1_000, "b:9092", "end offsets of \"t\"", denied)).rejects.toThrow('Kafka b:9092: end offsets of "t" failed: Not authorized to access topics');
    expect(calls).toBe(1);
    calls = 0;
    const always = async () => {
      calls++;
      throw retriable();
    };
    await expect(kafkaRead(1_000, "b:9092", "metadata", always)).rejects.toThrow("Kafka b:9092: metadata failed: This server is not the leader");
    expect(calls).toBe(ATTEMPTS);
  });
});
