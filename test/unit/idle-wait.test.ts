// The run's idle wait (CKB_IDLE_MS): a test and operations knob the construct never sets.
import { describe, expect, it } from "vitest";
import { ConfigError, ENV, LIMITS, fromEnvironment, toEnvironment } from "../../function/config";

const BASE = { CKB_BROKERS: "127.0.0.1:9092", CKB_INSTANCE_ID: "ckafka-1", CKB_BUCKET: "b-1250000000", CKB_REGION: "ap-guangzhou", CKB_GROUP_ID: "g", CKB_TOPIC: "orders" };

describe("the idle wait (CKB_IDLE_MS)", () => {
  it("is unset unless given, and the run loop then waits 3000 ms", () => {
    expect(ENV.idleMs).toBe("CKB_IDLE_MS");
    expect(fromEnvironment(BASE).idleMs).toBeUndefined();
    expect(fromEnvironment({ ...BASE, CKB_IDLE_MS: "" }).idleMs).toBeUndefined();
    expect(LIMITS.idleMs.default).toBe(3000);
  });

  it("reads whole milliseconds from 500 to 60000", () => {
    expect(fromEnvironment({ ...BASE, CKB_IDLE_MS: "500" }).idleMs).toBe(500);
    expect(fromEnvironment({ ...BASE, CKB_IDLE_MS: "1000" }).idleMs).toBe(1000);
    expect(fromEnvironment({ ...BASE, CKB_IDLE_MS: "60000" }).idleMs).toBe(60000);
  });

  it("refuses a value out of range or not a whole number, naming the variable and what is allowed", () => {
    for (const bad of ["499", "0", "60001", "1.5", "-1000", "3s"]) {
      expect(() => fromEnvironment({ ...BASE, CKB_IDLE_MS: bad })).toThrow(ConfigError);
      expect(() => fromEnvironment({ ...BASE, CKB_IDLE_MS: bad })).toThrow(`CKB_IDLE_MS: "${bad}": `);
    }
    expect(() => fromEnvironment({ ...BASE, CKB_IDLE_MS: "100" })).toThrow(/500.*60000/);
  });

  it("is never written by the construct's side of the contract", () => {
    expect(Object.keys(toEnvironment({ ...fromEnvironment(BASE), idleMs: 1000 }))).not.toContain("CKB_IDLE_MS");
  });
});
