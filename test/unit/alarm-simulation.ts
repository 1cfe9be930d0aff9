// A backup over hours, minute by minute, and the 5-minute metric series Cloud Monitor would record from it;
// and an evaluator of an alarm rule's semantics over such a series. Semantics (tencentcloud.md §2.9): a rule
// fires when `continue_period` consecutive data points meet its condition; a period without data meets
// nothing and breaks the streak (no data never alarms); `cycle_increase` compares a point with the one before,
// in percent.

/** One value per 5-minute period; null = no data point. */
export type Series = (number | null)[];

export interface RuleJson {
  metric_name: string;
  operator: string;
  value: string;
  period: number;
  continue_period: number;
}

function meets(rule: RuleJson, value: number | null, previous: number | null): boolean {
  if (value === null) return false;
  const t = Number(rule.value);
  switch (rule.operator) {
    case "gt": return value > t;
    case "ge": return value >= t;
    case "lt": return value < t;
    case "le": return value <= t;
    case "cycle_increase":
      if (previous === null) return false;
      return previous === 0 ? value > 0 : ((value - previous) / previous) * 100 >= t;
    default: throw new Error(`operator ${rule.operator} is not modelled`);
  }
}

/** The first period at whose end the rule fires, or -1. */
export function firstFiring(rule: RuleJson, series: Series): number {
  if (rule.period !== PERIOD_SECONDS) throw new Error(`period ${rule.period} is not modelled`);
  let streak = 0;
  for (let i = 0; i < series.length; i++) {
    streak = meets(rule, series[i], i > 0 ? series[i - 1] : null) ? streak + 1 : 0;
    if (streak >= rule.continue_period) return i;
  }
  return -1;
}

const PERIOD_SECONDS = 300;
const PERIOD_MINUTES = 5;

export type FailureMode =
  | "healthy"
  | "runs-fail" // every run throws before doing anything (config, broker, COS unreachable)
  | "retention" // runs back up what they can, then throw: retention may delete records not backed up
  | "timer-stopped" // no run starts any more: the trigger is disabled, deleted, or the function throttled
  | "deadline" // producers outgrow the backup: every run stops at its deadline and the lag grows
  | "instance-fails" // one of N instances throws every run
  | "instance-missing"; // one of N instances never starts

export interface Scenario {
  readonly granularityMinutes: number;
  readonly timeoutSeconds: number;
  readonly parallelism?: number;
  readonly mode: FailureMode;
  /** Minute the failure starts. @default 120 */
  readonly failAtMinute?: number;
  /** @default 360 */
  readonly minutes?: number;
  /** Records produced in a minute. @default 60,000 */
  readonly ratePerMinute?: (minute: number) => number;
  /** Records one instance writes per second of a run. @default 20,000 */
  readonly recordsPerSecond?: number;
  /** How Cloud Monitor turns the minute samples of a period into its point (unverified). @default "avg" */
  readonly lagStatistic?: "avg" | "max" | "last";
}

export interface Metrics {
  Error: Series;
  /** Invocations that returned: no point in a period without invocations. */
  Http2xx: Series;
  Duration: Series;
  UnconsumeTopic: Series;
  /** One series per partition; the model gives each instance one partition. */
  CtopicUnconsumeMsgCount: Series[];
}

/** Seconds the handler keeps back from the timeout for its last upload and commit. */
const DEADLINE_MARGIN_SECONDS = 20;
/** Seconds a run needs besides reading: start, plan, manifest. */
const RUN_OVERHEAD_SECONDS = 10;

export function simulate(s: Scenario): Metrics {
  const minutes = s.minutes ?? 360;
  const failAt = s.failAtMinute ?? 120;
  const n = s.parallelism ?? 1;
  const rate = s.ratePerMinute ?? (() => 60_000);
  const speed = s.recordsPerSecond ?? 20_000;
  const periods = Math.ceil(minutes / PERIOD_MINUTES);
  const errors: Series = Array(periods).fill(null);
  const successes: Series = Array(periods).fill(null);
  const durations: number[][] = Array.from({ length: periods }, () => []);
  const lagSamples: number[][][] = Array.from({ length: periods }, () => []);
  const lag = Array(n).fill(0) as number[];
  const drains: { minute: number; slot: number; records: number }[] = [];
  const failing = (minute: number) => minute >= failAt;

  for (let minute = 0; minute < minutes; minute++) {
    const period = Math.floor(minute / PERIOD_MINUTES);
    // A surge the backup cannot keep up with, in the deadline mode.
    const produced = rate(minute) * (s.mode === "deadline" && failing(minute) ? 40 : 1);
    for (let slot = 0; slot < n; slot++) lag[slot] += produced / n;
    for (const d of drains.filter((d) => d.minute === minute)) lag[d.slot] = Math.max(0, lag[d.slot] - d.records);

    if (minute % s.granularityMinutes === 0) {
      for (let slot = 0; slot < n; slot++) {
        const broken = failing(minute) && (s.mode.startsWith("instance-") ? slot === n - 1 : true);
        if (broken && (s.mode === "timer-stopped" || s.mode === "instance-missing")) continue;
        const throwsAtOnce = broken && (s.mode === "runs-fail" || s.mode === "instance-fails");
        const deadline = s.timeoutSeconds - DEADLINE_MARGIN_SECONDS;
        const planned = lag[slot];
        const seconds = throwsAtOnce ? 5 : Math.min(deadline, RUN_OVERHEAD_SECONDS + planned / speed);
        const written = throwsAtOnce ? 0 : Math.min(planned, (seconds - RUN_OVERHEAD_SECONDS) * speed);
        drains.push({ minute: minute + Math.ceil(seconds / 60), slot, records: written });
        const threw = throwsAtOnce || (broken && s.mode === "retention");
        errors[period] = (errors[period] ?? 0) + (threw ? 1 : 0);
        successes[period] = (successes[period] ?? 0) + (threw ? 0 : 1);
        durations[period].push(seconds * 1000);
      }
    }
    lagSamples[period].push([...lag]);
  }
  const statistic = s.lagStatistic ?? "avg";
  const point = (m: number[]) => (statistic === "avg" ? m.reduce((a, b) => a + b, 0) / m.length : statistic === "max" ? Math.max(...m) : m[m.length - 1]);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    Error: errors,
    Http2xx: successes,
    Duration: durations.map((d) => (d.length ? sum(d) / d.length : null)),
    UnconsumeTopic: lagSamples.map((minutes) => point(minutes.map(sum))),
    CtopicUnconsumeMsgCount: Array.from({ length: n }, (_, slot) => lagSamples.map((minutes) => point(minutes.map((l) => l[slot])))),
  };
}

/**
 * Minutes from the failure's start to the end of the period in which the rule fires for any object it is bound
 * to (the function, the group on the topic, each partition); null when it does not fire.
 */
export function minutesToFire(rule: RuleJson, metrics: Metrics, failAtMinute = 120): number | null {
  const data = metrics[rule.metric_name as keyof Metrics];
  if (!data) throw new Error(`metric ${rule.metric_name} is not simulated`);
  const objects = (Array.isArray(data[0]) ? data : [data]) as Series[];
  const fired = objects.map((series) => firstFiring(rule, series)).filter((p) => p >= 0);
  return fired.length ? (Math.min(...fired) + 1) * PERIOD_MINUTES - failAtMinute : null;
}

/** A seeded, repeatable random number in [0, 1). */
export function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}
