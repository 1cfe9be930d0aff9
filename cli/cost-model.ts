// What a backup of a measured topic needs and costs: the handler's measured CPU per record, SCF's and COS's
// billing units, and the sizing rules the README's "Scaling out" gives, as one pure function (`planBackup`).
// `estimate` feeds it what it measured on the brokers; the zstd bench checks the CPU figures against runs.
import { GRANULARITY_MINUTES, LIMITS, defaultCompressionLevel, timeoutFor } from "../function/config";
import type { Compression } from "../function/formats/format";
import { PART_BYTES } from "../function/formats/object-writer";

/** How JSON Lines objects are compressed, as the construct's `compression` and `compressionLevel` say. */
export interface Codec {
  compression: Compression;
  level: number;
}

/** The construct's default for JSON Lines: gzip 6. */
export const DEFAULT_CODEC: Codec = { compression: "gzip", level: defaultCompressionLevel("jsonl", "gzip") };

/** CPU per record as a straight line in the JSON line's length: `microsPerRecord + microsPerLineByte × bytes`. */
export interface CpuLine {
  microsPerRecord: number;
  microsPerLineByte: number;
}

/**
 * The handler's CPU (user + system of its process) on Node.js 18.15, SCF's runtime, per codec, from one run of
 * `BENCH_RECORDS=200000 BENCH_REPEATS=5 BENCH_BASELINE=1ba8499 BENCH_NODE=$(bash test/services/install-node.sh) npm
 * run bench -- zstd encode` (bench/README.md, "zstd on Node.js 18.15", 2026-12-05 20:14–20:21 UTC, a quiet machine,
 * after strings were escaped in WebAssembly): the medians of 5 drains at 1,170-byte and 246-byte lines (1 KiB and
 * 100 B values, 200,000 records, one invocation each), less the start, a straight line through both.
 * `startSeconds` (process, bundle, connections, group join, manifest) was measured apart (Node 20, throughput
 * bench). These are what the handler costs on a core of its own; sizing adds `SIZING_CPU_MARGIN` on top, the cost
 * per month does not. The zstd bench prints this model's figure beside each codec's, so a change of the handler
 * that moves its cost shows there.
 */
export const HANDLER_CPU = {
  startSeconds: 0.26,
  codecs: {
    // CPU-s per million records, start included, at 1,170-byte / 246-byte lines: 19.91 / 11.88.
    "gzip 6": { microsPerRecord: 8.442, microsPerLineByte: 0.00869 },
    // 14.75 / 10.15
    "gzip 1": { microsPerRecord: 7.625, microsPerLineByte: 0.004978 },
    // 10.90 / 9.87
    "zstd 1": { microsPerRecord: 8.296, microsPerLineByte: 0.001115 },
    // 14.64 / 10.41
    "zstd 3": { microsPerRecord: 7.984, microsPerLineByte: 0.004578 },
  } satisfies Record<string, CpuLine>,
} as const;

/**
 * What sizing assumes an instance spends over `HANDLER_CPU`'s quiet-machine figures: a choice, not a measurement.
 * On the development machine other processes' load raised the same code's CPU per record by up to 1.29× (raw
 * kafkajs consumption of 1 KiB records: 7.08 CPU-s per million at load average 3–4 against 5.48 quiet), and a
 * function's core is shared too; 1.5 covers that with room, and keeps the advice near where it was while the
 * model was fitted to a loaded machine (it read 1.15–1.64× the quiet run's figures). Records costlier than their
 * line length says (random binary values, Parquet) need `--headroom` or `--cpu-share` on top.
 */
export const SIZING_CPU_MARGIN = 1.5;

/** The codecs the model has measured figures for, as `<compression> <level>`. */
export const MODELLED_CODECS = Object.keys(HANDLER_CPU.codecs);

/** The compressions of the measured codecs (gzip, zstd): `none` was not measured, so it is not priced. */
export const MODELLED_COMPRESSIONS = [...new Set(MODELLED_CODECS.map((c) => c.split(" ")[0]))];

/** Where a user of the package reads the measured figures: the README ships with it, bench/README.md does not. */
export const FIGURES_SOURCE = 'README "Sizing and cost: `estimate`"';

/** The measured CPU line of `codec`; an error naming the measured ones for any other. */
export function codecCpu(codec: Codec): CpuLine {
  const name = codec.compression === "none" ? "none" : `${codec.compression} ${codec.level}`;
  const line = (HANDLER_CPU.codecs as Record<string, CpuLine>)[name];
  if (!line) throw new Error(`the cost model has no measured CPU figure for ${name}; it has ${MODELLED_CODECS.join(", ")} (${FIGURES_SOURCE})`);
  return line;
}

/**
 * Billed seconds of a run beyond its CPU: 2.1 s measured here (a run of 60 records took 2.4 s from process start to
 * exit for 0.3 CPU-s, over loopback), plus the consumer group's initial rebalance delay, which each run meets since it
 * joins an empty group: 3 s is Apache Kafka's default `group.initial.rebalance.delay.ms` (CKafka's is UNVERIFIED).
 */
export const RUN_WALL_OVERHEAD_SECONDS = 2.1 + 3;

/** CPU seconds the handler spends on `records` records whose JSON lines average `lineBytes`, written with `codec`. */
export function handlerCpuSeconds(records: number, lineBytes: number, codec: Codec = DEFAULT_CODEC): number {
  const line = codecCpu(codec);
  return (records * (line.microsPerRecord + line.microsPerLineByte * lineBytes)) / 1e6;
}

/**
 * Unit prices, USD. Tencent Cloud bills SCF by memory × duration (GB-seconds) and by invocation, and COS by stored
 * GB-month and by 10,000 requests (its billing documentation). The defaults for GB-seconds and storage are the
 * figures this project's README has used since its first release, UNVERIFIED against today's price list (it could
 * not be reached from where this was written); invocations and requests have no default here. Pass your own.
 */
export interface Prices {
  scfGbSecond: number;
  scfPerMillionInvocations?: number;
  cosGbMonth: number;
  cosPer10kWrites?: number;
}
export const DEFAULT_PRICES: Prices = { scfGbSecond: 0.0000167, cosGbMonth: 0.024 };

/** What `estimate` measured of one topic. */
export interface TopicMeasurement {
  topic: string;
  /** Records per second arriving in each partition over the window, by partition number. */
  recordsPerSecond: number[];
  /** The partition number of each entry of `recordsPerSecond` when it holds several topics' partitions; by default its index. */
  partitionNumbers?: number[];
  windowSeconds: number;
  /** Averages over the sampled records; undefined when the topic had no record to sample. */
  sample?: {
    records: number;
    /** Key, value and header bytes: what producers send. */
    recordBytes: number;
    /** The JSON line the handler writes for it: what `partitionMaxBytes` counts. */
    lineBytes: number;
    /** Bytes stored per record: the sampled lines compressed as the plan's codec compresses them. */
    storedBytes: number;
  };
  /** The topic's retention.ms; -1 for none; undefined when not readable. */
  retentionMs?: number;
}

export interface PlanOptions {
  /** Function memory. @default 512 */
  memoryMiB: number;
  /** The share of a core the function gets; SCF's share per memory size is not documented. @default 1 */
  cpuShare: number;
  /** Days the backup is kept (lifecycle expiry), for the stored-bytes figure. @default 30 */
  keepDays: number;
  /** Headroom over the measured rate: bursts, and catching up after a failed tick. @default 2 */
  headroom: number;
  /** The objects' compression, as the construct's. @default gzip 6 */
  codec: Codec;
  prices: Prices;
}

const MONTH_SECONDS = 30 * 86_400;

export interface GranularityPlan {
  granularityMinutes: number;
  /** Instances per tick (the construct's `parallelism`); undefined when even the most cannot keep up. */
  parallelism?: number;
  /** Records the busiest instance must write per tick, with the headroom, against what it can. */
  busiestInstanceRecordsPerTick: number;
  instanceCapacityRecordsPerTick: number;
  invocationsPerMonth: number;
  /** Billed seconds of one instance's run, on average. */
  runSeconds: number;
  gbSecondsPerMonth: number;
  writeRequestsPerMonth: number;
  costPerMonth: { scf: number; scfInvocations?: number; cosStorage: number; cosRequests?: number; total: number };
}

export interface BackupPlan {
  topic: string;
  /** The compression the plan prices (CPU per record, stored bytes). */
  codec: Codec;
  measured: TopicMeasurement;
  partitions: number;
  recordsPerSecond: number;
  bytesPerSecond: number;
  recommended: {
    timeGranularityMinutes: number;
    parallelism?: number;
    memoryMiB: number;
    partitionMaxBytes: number;
  };
  /** Why, in sentences an operator reads. */
  reasons: string[];
  storedGbPerMonth: number;
  storedGbKept: number;
  byGranularity: GranularityPlan[];
}

/** The instance of slot s reads partitions p with p % n = s, of every topic: the busiest slot's records per second. */
function busiestSlotRate(rates: number[], numbers: number[], n: number): number {
  const slots = new Array<number>(n).fill(0);
  rates.forEach((r, i) => (slots[numbers[i] % n] += r));
  return Math.max(...slots);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Several measured topics as one function backs them up (props `topics`): one consumer reads their partitions side by
 * side, each keeping its number (the slot rule is by partition number), within one tick, deadline and memory; the
 * samples averaged by each topic's rate (by records sampled when nothing arrived); the shortest retention.
 */
export function oneFunction(ms: TopicMeasurement[]): TopicMeasurement {
  const rate = (m: TopicMeasurement) => sum(m.recordsPerSecond);
  const sampled = ms.filter((m) => m.sample);
  const byRate = sum(sampled.map(rate)) > 0;
  const weight = (m: TopicMeasurement) => (byRate ? rate(m) : m.sample!.records);
  const average = (k: "recordBytes" | "lineBytes" | "storedBytes") => sum(sampled.map((m) => m.sample![k] * weight(m))) / sum(sampled.map(weight));
  const retentions = ms.map((m) => m.retentionMs).filter((r): r is number => r !== undefined);
  const limited = retentions.filter((r) => r >= 0);
  return {
    topic: ms.map((m) => m.topic).join(", "),
    recordsPerSecond: ms.flatMap((m) => m.recordsPerSecond),
    partitionNumbers: ms.flatMap((m) => m.recordsPerSecond.map((_, p) => p)),
    windowSeconds: Math.min(...ms.map((m) => m.windowSeconds)),
    sample: sampled.length ? { records: sum(sampled.map((m) => m.sample!.records)), recordBytes: average("recordBytes"), lineBytes: average("lineBytes"), storedBytes: average("storedBytes") } : undefined,
    retentionMs: limited.length ? Math.min(...limited) : retentions.length ? -1 : undefined,
  };
}

/**
 * Write requests of one run for partitions bringing these line bytes: objects cut at partitionMaxBytes, and
 * at least one per partition with records (a run ends its objects); requests per object: one PUT below a part,
 * otherwise initiate + parts + complete.
 */
function writesPerTick(partitionBytesPerTick: number[], storedRatio: number, partitionMaxBytes: number): number {
  let writes = 0;
  for (const bytes of partitionBytesPerTick) {
    if (bytes <= 0) continue;
    const objects = Math.ceil(bytes / partitionMaxBytes);
    const storedPerObject = (bytes / objects) * storedRatio;
    writes += objects * (storedPerObject < PART_BYTES ? 1 : 2 + Math.ceil(storedPerObject / PART_BYTES));
  }
  return writes;
}

export function planBackup(m: TopicMeasurement, o: PlanOptions): BackupPlan {
  const rates = m.recordsPerSecond;
  const numbers = m.partitionNumbers ?? rates.map((_, p) => p);
  const total = sum(rates);
  const s = m.sample ?? { records: 0, recordBytes: 0, lineBytes: 0, storedBytes: 0 };
  const storedRatio = s.lineBytes > 0 ? s.storedBytes / s.lineBytes : 0;
  const partitionMaxBytes = LIMITS.partitionMaxBytes.default;
  const byGranularity = GRANULARITY_MINUTES.map((g): GranularityPlan => {
    const tick = g * 60;
    // The default timeout, less the margin the handler keeps for its last upload and commits.
    const readSeconds = Math.max(1, timeoutFor(g) - LIMITS.deadlineMarginMs.default / 1000);
    const capacity = (readSeconds * o.cpuShare - HANDLER_CPU.startSeconds * SIZING_CPU_MARGIN) / (handlerCpuSeconds(1, s.lineBytes, o.codec) * SIZING_CPU_MARGIN);
    const maxN = Math.min(LIMITS.parallelism.max, Math.max(0, ...numbers) + 1);
    let parallelism: number | undefined;
    let busiest = 0;
    for (let n = 1; n <= maxN; n++) {
      busiest = busiestSlotRate(rates, numbers, n) * tick * o.headroom;
      if (busiest <= capacity) {
        parallelism = n;
        break;
      }
    }
    const n = parallelism ?? maxN;
    const runsPerMonth = MONTH_SECONDS / tick;
    // Billed time: the CPU each instance spends on its start and its share of the records, at its CPU share,
    // and the waits of a run beyond its CPU.
    const runSeconds = RUN_WALL_OVERHEAD_SECONDS + (HANDLER_CPU.startSeconds + handlerCpuSeconds((total * tick) / n, s.lineBytes, o.codec)) / o.cpuShare;
    const invocations = runsPerMonth * n;
    const gbSeconds = invocations * (o.memoryMiB / 1024) * runSeconds;
    const writes = runsPerMonth * (writesPerTick(rates.map((r) => r * tick * s.lineBytes), storedRatio, partitionMaxBytes) + n);
    const scf = gbSeconds * o.prices.scfGbSecond;
    const scfInvocations = o.prices.scfPerMillionInvocations === undefined ? undefined : (invocations / 1e6) * o.prices.scfPerMillionInvocations;
    const storedGbKept = (total * s.storedBytes * 86_400 * o.keepDays) / 1024 ** 3;
    const cosStorage = storedGbKept * o.prices.cosGbMonth;
    const cosRequests = o.prices.cosPer10kWrites === undefined ? undefined : (writes / 1e4) * o.prices.cosPer10kWrites;
    return {
      granularityMinutes: g,
      parallelism,
      busiestInstanceRecordsPerTick: Math.round(busiest),
      instanceCapacityRecordsPerTick: Math.round(capacity),
      invocationsPerMonth: Math.round(invocations),
      runSeconds,
      gbSecondsPerMonth: gbSeconds,
      writeRequestsPerMonth: Math.round(writes),
      costPerMonth: { scf, scfInvocations, cosStorage, cosRequests, total: scf + (scfInvocations ?? 0) + cosStorage + (cosRequests ?? 0) },
    };
  });

  // The freshest tick among those that need the fewest instances: a shorter tick only adds a start per run.
  const feasible = byGranularity.filter((p) => p.parallelism !== undefined);
  const fewest = Math.min(...feasible.map((p) => p.parallelism!));
  const chosen = feasible.find((p) => p.parallelism === fewest) ?? byGranularity[byGranularity.length - 1];
  const reasons: string[] = [];
  const count = (x: number) => Math.round(x).toLocaleString("en");
  if (total === 0) reasons.push(`no record arrived during the ${m.windowSeconds.toFixed(0)} s window: the figures are the fixed cost of running; measure again at a busy hour`);
  if (chosen.parallelism === undefined) {
    reasons.push(
      `even ${LIMITS.parallelism.max} instances every ${chosen.granularityMinutes} minutes write fewer records than arrive (${count(chosen.busiestInstanceRecordsPerTick)} for the busiest against ${count(chosen.instanceCapacityRecordsPerTick)} per tick, with ×${o.headroom} headroom): ` +
        "give the topic more partitions, raise memoryMiB if SCF gives more CPU for it, or lower the headroom",
    );
  } else {
    reasons.push(
      `timeGranularityMinutes ${chosen.granularityMinutes}: the shortest tick at which ${chosen.parallelism} instance(s) keep up; the busiest writes ${count(chosen.busiestInstanceRecordsPerTick)} records per tick with ×${o.headroom} headroom, of the ${count(chosen.instanceCapacityRecordsPerTick)} one can write at ${o.cpuShare} core(s) with ${o.codec.compression} ${o.codec.level} (its measured CPU per record ×${SIZING_CPU_MARGIN} margin)`,
    );
  }
  reasons.push(`memoryMiB ${o.memoryMiB}: the handler's memory is bounded by its open objects, not by the backlog; 512 (the default) fits every partition count measured`);
  const busiestPartitionBytes = Math.max(0, ...rates) * chosen.granularityMinutes * 60 * s.lineBytes;
  reasons.push(
    `partitionMaxBytes ${partitionMaxBytes / 1024 ** 2} MiB (the default): the busiest partition brings ${(busiestPartitionBytes / 1024 ** 2).toFixed(1)} MiB of JSON lines per tick, ` +
      `${Math.max(1, Math.ceil(busiestPartitionBytes / partitionMaxBytes))} object(s) per run`,
  );
  return {
    topic: m.topic,
    codec: o.codec,
    measured: m,
    partitions: rates.length,
    recordsPerSecond: total,
    bytesPerSecond: total * s.recordBytes,
    recommended: { timeGranularityMinutes: chosen.granularityMinutes, parallelism: chosen.parallelism, memoryMiB: o.memoryMiB, partitionMaxBytes },
    reasons,
    storedGbPerMonth: (total * s.storedBytes * MONTH_SECONDS) / 1024 ** 3,
    storedGbKept: (total * s.storedBytes * 86_400 * o.keepDays) / 1024 ** 3,
    byGranularity,
  };
}
