// The synthesized alarm rules, fed the 5-minute series Cloud Monitor would record for each way a backup fails
// (alarm-simulation.ts), fire; for a healthy backup they do not. Each schedule, each way Cloud Monitor may
// aggregate the lag within a period (unverified: average, maximum or last sample).
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { CkafkaCosBackup, type CkafkaCosBackupProps } from "../../lib";
import { GRANULARITY_MINUTES, timeoutFor } from "../../function/config";
import { firstFiring, minutesToFire, seeded, simulate, type FailureMode, type RuleJson, type Scenario } from "./alarm-simulation";
import { base } from "./base-props";

/** The rules as synthesized, by policy-name suffix, with documented metric names (no plan-time lookup). */
function rules(props: Partial<CkafkaCosBackupProps>): Record<string, RuleJson> {
  const tf = JSON.parse(Testing.synthScope((s) => {
    new CkafkaCosBackup(s, "backup", { ...base, alarmNoticeIds: ["notice-abc"], appId: "1251316163", topicId: "topic-1", alarmMetricLookupEnabled: false, ...props });
  }));
  const policies = Object.values(tf.resource.tencentcloud_monitor_alarm_policy) as { policy_name: string; conditions: { rules: RuleJson[] } }[];
  return Object.fromEntries(policies.map((p) => [p.policy_name.replace(/^orders-backup-/, ""), p.conditions.rules[0]]));
}

/** Which alarms fire, and how many minutes after the failure began. */
function firing(g: number, scenario: Omit<Scenario, "granularityMinutes" | "timeoutSeconds">, props: Partial<CkafkaCosBackupProps> = {}) {
  const parallelism = scenario.parallelism ?? 1;
  const defined = rules({ timeGranularityMinutes: g, parallelism, ...props });
  const metrics = simulate({ granularityMinutes: g, timeoutSeconds: timeoutFor(g), ...scenario });
  return Object.fromEntries(Object.entries(defined).flatMap(([kind, rule]) => {
    const minutes = minutesToFire(rule, metrics);
    return minutes === null ? [] : [[kind, minutes]];
  }));
}

// Producers write 42,000–78,000 records a minute, a new random rate each minute (repeatable).
const noisy = (seed: number) => {
  const random = seeded(seed);
  return () => 60_000 * (0.7 + 0.6 * random());
};

/** The failure → the alarm that must fire (README, "Operations"), and the latest it may. */
const EXPECTED: [FailureMode, number, string, number][] = [
  ["runs-fail", 1, "fail", 5],
  ["runs-fail", 1, "stall", 35],
  ["retention", 1, "fail", 5],
  ["timer-stopped", 1, "stall", 35],
  ["deadline", 1, "slow", 20],
  ["instance-fails", 4, "fail", 5],
  ["instance-missing", 4, "pstall", 35],
];

describe("the evaluator", () => {
  const rule = (r: Partial<RuleJson>): RuleJson => ({ metric_name: "m", operator: "ge", value: "1", period: 300, continue_period: 2, ...r });
  it("needs continue_period points in a row; a period without data breaks the streak", () => {
    expect(firstFiring(rule({}), [0, 1, 1, 0])).toBe(2);
    expect(firstFiring(rule({}), [1, null, 1, null, 1])).toBe(-1);
    expect(firstFiring(rule({ operator: "lt" }), [null, null, null])).toBe(-1);
  });
  it("cycle_increase is the percent growth over the point before", () => {
    expect(firstFiring(rule({ operator: "cycle_increase", value: "10" }), [100, 111, 123])).toBe(2);
    expect(firstFiring(rule({ operator: "cycle_increase", value: "10" }), [100, 109, 130])).toBe(-1);
  });
});

describe("alarms fire for every way a backup fails, and not for a healthy one", () => {
  describe.each(GRANULARITY_MINUTES.map((g) => [g]))("ticks of %i minutes", (g) => {
    it.each(["avg", "max", "last"] as const)("lag statistic %s", (lagStatistic) => {
      for (const [mode, parallelism, alarm, within] of EXPECTED) {
        const fired = firing(g, { mode, parallelism, lagStatistic, ratePerMinute: noisy(g) });
        expect({ mode, fired: fired[alarm] }).toEqual({ mode, fired: expect.any(Number) });
        expect({ mode, minutes: fired[alarm] }).toEqual({ mode, minutes: expect.toBeOneOf([...Array(within / 5).keys()].map((i) => (i + 1) * 5)) });
      }
      for (const parallelism of [1, 4]) {
        expect(firing(g, { mode: "healthy", parallelism, lagStatistic, ratePerMinute: noisy(g + 1) })).toEqual({});
      }
    });
  });

  it("healthy backups of an idle topic, and of one growing 3% every 5 minutes for 6 hours, raise nothing", () => {
    for (const g of GRANULARITY_MINUTES) {
      expect(firing(g, { mode: "healthy", ratePerMinute: () => 0 })).toEqual({});
      expect(firing(g, { mode: "healthy", ratePerMinute: (m) => 10_000 * 1.03 ** (m / 5) })).toEqual({});
    }
  });

  it("the lag alarm, when set above a tick's records, fires for a stopped timer and not for a healthy backup", () => {
    const props = { lagAlarmUnconsumedMessages: 2_000_000 };
    for (const g of [5, 15]) {
      expect(firing(g, { mode: "timer-stopped", ratePerMinute: noisy(3) }, props).lag).toBeLessThanOrEqual(70);
      expect(firing(g, { mode: "healthy", ratePerMinute: noisy(3) }, props)).toEqual({});
    }
  });
});
