// The sizing rules `estimate` applies to what it measured: instances per tick from the busiest slot's share of
// the rate, the freshest tick among those needing the fewest instances, and the month's billable units.
import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES, HANDLER_CPU, RUN_WALL_OVERHEAD_SECONDS, handlerCpuSeconds, planBackup, type TopicMeasurement } from "../../cli/cost-model";

const options = { memoryMiB: 512, cpuShare: 1, keepDays: 30, headroom: 2, prices: DEFAULT_PRICES };
const sample = { records: 1200, recordBytes: 1050, lineBytes: 1169, storedBytes: 165 };
const measured = (recordsPerSecond: number[]): TopicMeasurement => ({ topic: "orders", recordsPerSecond, windowSeconds: 60, sample, retentionMs: 604_800_000 });

describe("cost model", () => {
  it("reproduces the benchmark figures it was fitted to: 16.43 µs at 1,169-byte lines, 8.25 µs at 245", () => {
    expect(handlerCpuSeconds(1e6, 1169)).toBeCloseTo(16.43, 1);
    expect(handlerCpuSeconds(1e6, 245)).toBeCloseTo(8.25, 1);
  });

  it("one instance at a 5-minute tick when it writes the busiest slot's records, with headroom, in the tick's reading time", () => {
    const plan = planBackup(measured(new Array(12).fill(100)), options);
    expect(plan.recommended).toEqual({ timeGranularityMinutes: 5, parallelism: 1, memoryMiB: 512, partitionMaxBytes: 64 * 1024 * 1024 });
    const five = plan.byGranularity[0];
    // 1,200 records/s × 300 s × 2 = 720,000; one instance reads 250 s at 16.43 µs: about 15.2 million.
    expect(five.busiestInstanceRecordsPerTick).toBe(720_000);
    expect(five.instanceCapacityRecordsPerTick).toBeGreaterThan(15e6);
    expect(five.invocationsPerMonth).toBe(8640);
    // Each run: its waits, the start and 360,000 records' CPU; billed at 0.5 GB.
    const run = RUN_WALL_OVERHEAD_SECONDS + HANDLER_CPU.startSeconds + handlerCpuSeconds(360_000, 1169);
    expect(five.runSeconds).toBeCloseTo(run, 6);
    expect(five.gbSecondsPerMonth).toBeCloseTo(8640 * 0.5 * run, 3);
    // 1,200 records/s of 165 stored bytes for 30 days.
    expect(plan.storedGbKept).toBeCloseTo((1200 * 165 * 86_400 * 30) / 1024 ** 3, 6);
    expect(five.costPerMonth.scfInvocations).toBeUndefined();
  });

  it("more instances when one cannot keep up, counted on the busiest slot: a hot partition decides", () => {
    // 12 partitions; partition 0 brings 15,000/s, the others 1,000/s: 15.6 million per tick with headroom.
    const rates = [15_000, ...new Array(11).fill(1000)];
    const plan = planBackup(measured(rates), options);
    const five = plan.byGranularity[0];
    expect(five.parallelism).toBe(2);
    // The slot holding partition 0 is the busiest, whatever N: its records alone exceed what the others bring.
    const n = five.parallelism!;
    const slot0 = rates.filter((_, p) => p % n === 0).reduce((a, b) => a + b, 0);
    expect(five.busiestInstanceRecordsPerTick).toBe(Math.round(slot0 * 300 * 2));
    expect(five.busiestInstanceRecordsPerTick).toBeLessThanOrEqual(five.instanceCapacityRecordsPerTick);
    // One fewer instance would not have kept up.
    const fewer = rates.filter((_, p) => p % (n - 1) === 0).reduce((a, b) => a + b, 0) * 300 * 2;
    expect(fewer).toBeGreaterThan(five.instanceCapacityRecordsPerTick);
  });

  it("says so when even the most instances cannot keep up, and prices what would run", () => {
    const plan = planBackup(measured(new Array(4).fill(200_000)), options);
    expect(plan.recommended.parallelism).toBeUndefined();
    expect(plan.reasons.join(" ")).toMatch(/even 10 instances every 15 minutes write fewer records than arrive/);
    expect(plan.byGranularity.every((g) => g.costPerMonth.total > 0)).toBe(true);
  });

  it("an idle topic: the fixed cost of running, and a word to measure at a busy hour", () => {
    const plan = planBackup({ topic: "quiet", recordsPerSecond: [0, 0, 0], windowSeconds: 60, sample: undefined }, options);
    expect(plan.recommended.parallelism).toBe(1);
    expect(plan.storedGbKept).toBe(0);
    expect(plan.byGranularity[0].runSeconds).toBeCloseTo(RUN_WALL_OVERHEAD_SECONDS + HANDLER_CPU.startSeconds, 6);
    expect(plan.reasons[0]).toMatch(/no record arrived during the 60 s window/);
  });

  it("prices invocations and requests only when given", () => {
    const plan = planBackup(measured([10, 10]), { ...options, prices: { ...DEFAULT_PRICES, scfPerMillionInvocations: 1, cosPer10kWrites: 1 } });
    const five = plan.byGranularity[0];
    expect(five.costPerMonth.scfInvocations).toBeCloseTo(five.invocationsPerMonth / 1e6, 6);
    // Two partitions with records: a small object each (one PUT), and the run's manifest.
    expect(five.writeRequestsPerMonth).toBe(8640 * 3);
    expect(five.costPerMonth.cosRequests).toBeCloseTo((8640 * 3) / 1e4, 6);
  });
});
