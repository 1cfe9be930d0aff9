// The sizing rules `estimate` applies to what it measured: instances per tick from the busiest slot's share of
// the rate, the freshest tick among those needing the fewest instances, and the month's billable units.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CODEC, DEFAULT_PRICES, FIGURES_SOURCE, HANDLER_CPU, MODELLED_CODECS, MODELLED_COMPRESSIONS, RUN_WALL_OVERHEAD_SECONDS, SIZING_CPU_MARGIN, codecCpu, handlerCpuSeconds, oneFunction, planBackup, type TopicMeasurement } from "../../cli/cost-model";

const options = { memoryMiB: 512, cpuShare: 1, keepDays: 30, headroom: 2, codec: DEFAULT_CODEC, prices: DEFAULT_PRICES };
const sample = { records: 1200, recordBytes: 1050, lineBytes: 1169, storedBytes: 165 };
const measured = (recordsPerSecond: number[]): TopicMeasurement => ({ topic: "orders", recordsPerSecond, windowSeconds: 60, sample, retentionMs: 604_800_000 });

describe("cost model", () => {
  it("reproduces, per codec, the zstd bench's medians it was fitted to (CPU-s per million records at 1,170- and 246-byte lines, one start per 200,000)", () => {
    const fitted: Record<string, [number, number]> = { "gzip 6": [19.91, 11.88], "gzip 1": [14.75, 10.15], "zstd 1": [10.9, 9.87], "zstd 3": [14.64, 10.41] };
    expect(MODELLED_CODECS).toEqual(Object.keys(fitted));
    for (const [name, [kib, small]] of Object.entries(fitted)) {
      const [compression, level] = name.split(" ");
      const codec = { compression: compression as "gzip" | "zstd", level: Number(level) };
      const start = (HANDLER_CPU.startSeconds / 200_000) * 1e6;
      expect(handlerCpuSeconds(1e6, 1170, codec) + start, name).toBeCloseTo(kib, 1);
      expect(handlerCpuSeconds(1e6, 246, codec) + start, name).toBeCloseTo(small, 1);
    }
    expect(handlerCpuSeconds(1e6, 1170)).toBe(handlerCpuSeconds(1e6, 1170, { compression: "gzip", level: 6 }));
  });

  it("prices only the codecs it has measured, naming them", () => {
    expect(() => codecCpu({ compression: "zstd", level: 9 })).toThrow('the cost model has no measured CPU figure for zstd 9; it has gzip 6, gzip 1, zstd 1, zstd 3 (README "Sizing and cost: `estimate`")');
    expect(() => codecCpu({ compression: "none", level: 0 })).toThrow(/no measured CPU figure for none;/);
  });

  it("cites its figures where a user of the package finds them: the README's section, with a row per modelled codec", () => {
    expect(FIGURES_SOURCE).toBe('README "Sizing and cost: `estimate`"');
    const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
    const section = readme.split("\n## Sizing and cost: `estimate`\n")[1]?.split("\n## ")[0];
    expect(section, "README section").toBeDefined();
    for (const codec of MODELLED_CODECS) expect(section, codec).toMatch(new RegExp(`\\| ${codec}( \\(the default\\))? \\| [0-9.]+ \\| [0-9.]+ \\|`));
    expect(MODELLED_COMPRESSIONS).toEqual(["gzip", "zstd"]);
  });

  it("sizes one function backing up several topics: their partitions in one slot rule by partition number, rates summed, samples averaged by rate", () => {
    // Two single-partition topics: both partitions are number 0, so slot 0 reads both and a second instance has nothing to read.
    const hot = 40_000;
    const a = { ...measured([hot / 2]), topic: "a" };
    const b = { ...measured([hot / 2]), topic: "b", sample: { records: 100, recordBytes: 2050, lineBytes: 2169, storedBytes: 365 }, retentionMs: 86_400_000 };
    const together = oneFunction([a, b]);
    expect(together).toMatchObject({ topic: "a, b", recordsPerSecond: [hot / 2, hot / 2], partitionNumbers: [0, 0], retentionMs: 86_400_000 });
    expect(together.sample).toEqual({ records: 1300, recordBytes: 1550, lineBytes: 1669, storedBytes: 265 });
    const plan = planBackup(together, options);
    const asOnePartition = planBackup({ ...measured([hot]), sample: together.sample }, options);
    expect(plan.recordsPerSecond).toBe(hot);
    expect(plan.partitions).toBe(2);
    expect(plan.byGranularity.map((g) => [g.parallelism, g.busiestInstanceRecordsPerTick])).toEqual(asOnePartition.byGranularity.map((g) => [g.parallelism, g.busiestInstanceRecordsPerTick]));
    expect(plan.recommended.parallelism).toBeUndefined();
    // Each topic-partition still ends its own objects: more writes than one partition bringing the same records.
    expect(plan.byGranularity[0].writeRequestsPerMonth).toBeGreaterThan(asOnePartition.byGranularity[0].writeRequestsPerMonth);
  });

  it("zstd 1 writes more records per CPU-second than gzip 6, so an instance's capacity is higher and its runs shorter", () => {
    const gzip = planBackup(measured(new Array(12).fill(100)), options).byGranularity[0];
    const zstd = planBackup(measured(new Array(12).fill(100)), { ...options, codec: { compression: "zstd", level: 1 } });
    expect(zstd.codec).toEqual({ compression: "zstd", level: 1 });
    expect(zstd.byGranularity[0].instanceCapacityRecordsPerTick).toBeGreaterThan(gzip.instanceCapacityRecordsPerTick * 1.3);
    expect(zstd.byGranularity[0].runSeconds).toBeLessThan(gzip.runSeconds);
    expect(zstd.reasons[0]).toMatch(/with zstd 1 \(its measured CPU per record ×1.5 margin\)$/);
  });

  it("one instance at a 5-minute tick when it writes the busiest slot's records, with headroom, in the tick's reading time", () => {
    const plan = planBackup(measured(new Array(12).fill(100)), options);
    expect(plan.recommended).toEqual({ timeGranularityMinutes: 5, parallelism: 1, memoryMiB: 512, partitionMaxBytes: 64 * 1024 * 1024 });
    const five = plan.byGranularity[0];
    // 1,200 records/s × 300 s × 2 = 720,000; one instance reads 250 s, sized at 1.5 × 20.9 µs: about 8 million.
    expect(five.busiestInstanceRecordsPerTick).toBe(720_000);
    expect(SIZING_CPU_MARGIN).toBe(1.5);
    expect(five.instanceCapacityRecordsPerTick).toBe(Math.round((250 - HANDLER_CPU.startSeconds * 1.5) / (handlerCpuSeconds(1, 1169) * 1.5)));
    expect(five.instanceCapacityRecordsPerTick).toBeGreaterThan(7e6);
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
    // 12 partitions; partition 0 brings 7,000/s, the others 1,000/s: 10.8 million per tick with headroom.
    const rates = [7_000, ...new Array(11).fill(1000)];
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
