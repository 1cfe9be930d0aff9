// kafkajs's check of a connection's waiting requests: with skipIdleRequestChecks, no timer when nothing waits and no
// throttle is pending (kafkajs 2.2.4 scheduled one every millisecond); a waiting request or a throttle still gets one.
import { afterEach, describe, expect, it } from "vitest";
import { skipIdleRequestChecks } from "../../function/kafkajs-idle-checks";

const { prototype } = require("kafkajs/src/network/requestQueue") as { prototype: { scheduleCheckPendingRequests(this: Queue): void } };

interface Queue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

const queue = (pending: unknown[], throttledUntil: number): Queue => ({ pending, throttledUntil, throttleCheckTimeoutId: null, checkPendingRequests: () => undefined });
const made: Queue[] = [];
afterEach(() => made.splice(0).forEach((q) => q.throttleCheckTimeoutId && clearTimeout(q.throttleCheckTimeoutId)));

describe("skipIdleRequestChecks", () => {
  skipIdleRequestChecks();
  const schedule = (q: Queue) => (made.push(q), prototype.scheduleCheckPendingRequests.call(q), q.throttleCheckTimeoutId);

  it("schedules no check when no request waits and no throttle is pending", () => {
    expect(schedule(queue([], -1))).toBeNull();
    expect(schedule(queue([], Date.now() - 5))).toBeNull();
  });

  it("still schedules one for a waiting request or a pending throttle, as kafkajs does", () => {
    expect(schedule(queue([{}], -1))).not.toBeNull();
    expect(schedule(queue([], Date.now() + 60_000))).not.toBeNull();
  });

  it("patches once, however often it is called", () => {
    const patched = prototype.scheduleCheckPendingRequests;
    skipIdleRequestChecks();
    expect(prototype.scheduleCheckPendingRequests).toBe(patched);
  });
});
