// Drives the bundled handler over a backlog until every partition has committed its end offset,
// as the timer would, invocation after invocation.
import { ENV } from "../function/config";
import type { Compression } from "../function/formats/format";
import type { Format } from "../function/formats/registry";
import { invokeHandler, synthesizedEnvironment } from "../test/helpers/handler";
import { partitionOffsets, committedOffsets, uniqueName } from "../test/helpers/kafka";

export interface Drain {
  invocations: number;
  elapsedMs: number;
  records: number;
  /** Bytes partition_max counts: JSON Lines, the lines before compression; Parquet, the records' bytes. */
  encodedBytes: number;
  storedBytes: number;
  objects: number;
  /** CPU time of the handler's processes, user + system, all threads. */
  cpuMicros: number;
  /** Largest peak RSS over the invocations, KiB. */
  maxRssKiB: number;
  /** Times partitions waited for an object slot (memory). */
  slotWaits: number;
  /** With `memoryLimitMiB`: the largest peak of the cgroup over the invocations, bytes. */
  cgroupPeakBytes: number;
  /** Times the runs held back for memory, and the collections their memory guard asked for (memory-guard.ts). */
  throttled: number;
  collections: number;
}

export interface DrainOptions {
  /** @default "jsonl" */
  format?: Format;
  /** Overrides the default number of open objects. */
  maxOpenObjects?: number;
  /** @default "gzip" */
  compression?: Compression;
  /** Overrides the codec's default level. */
  compressionLevel?: number;
  /** Another handler bundle's index.js (an earlier version, see baseline.ts). */
  script?: string;
  maxInvocations?: number;
  /** The construct's `memoryMiB`. */
  memoryMiB?: number;
  /** Runs each invocation in a memory cgroup of this size, as SCF does. */
  memoryLimitMiB?: number;
  /** Variables of the construct's environment left out, e.g. NODE_OPTIONS (as if SCF ignored it) or CKB_MEMORY_MIB. */
  withoutEnv?: string[];
  /** Variables set over the construct's environment, e.g. other NODE_OPTIONS. */
  env?: Record<string, string>;
}

/** Drains `topic` into `prefix` with a new consumer group. */
export async function drain(topic: string, prefix: string, o: DrainOptions = {}): Promise<Drain> {
  const functionName = uniqueName("bench");
  const overrides: Record<string, string> = {};
  if (o.maxOpenObjects !== undefined) overrides[ENV.maxOpenObjects] = String(o.maxOpenObjects);
  if (o.compressionLevel !== undefined) overrides[ENV.compressionLevel] = String(o.compressionLevel);
  const env = synthesizedEnvironment({ topic, functionName, deliveryPathPrefix: prefix, format: o.format, compression: o.compression, memoryMiB: o.memoryMiB }, overrides);
  for (const name of o.withoutEnv ?? []) delete env[name];
  Object.assign(env, o.env);
  const maxInvocations = o.maxInvocations ?? 20;
  const ends = await partitionOffsets(topic);
  const out: Drain = { invocations: 0, elapsedMs: 0, records: 0, encodedBytes: 0, storedBytes: 0, objects: 0, cpuMicros: 0, maxRssKiB: 0, slotWaits: 0, cgroupPeakBytes: 0, throttled: 0, collections: 0 };
  for (;;) {
    // BENCH_CPU_PROF=<folder>: each invocation writes a V8 CPU profile there (see cpu-profile.cjs).
    // BENCH_NODE_ARGS: flags for the handler's node, e.g. a V8 heap sized as for a small function.
    // BENCH_NODE: the Node.js binary to run the handler with (SCF's runtime: Node.js 18.15), else this one.
    const nodeArgs = [
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      ...(process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
    ];
    const run = await invokeHandler(env, { timeLimitMs: 900_000, script: o.script, nodeArgs, node: process.env.BENCH_NODE || undefined, memoryLimitMiB: o.memoryLimitMiB });
    if (!run.ok || !run.result) throw new Error(`handler failed on ${topic}: ${run.error}\n${run.stderr.slice(-2000)}`);
    out.invocations++;
    out.elapsedMs += run.elapsedMs;
    out.records += run.result.totals.records;
    out.encodedBytes += run.result.totals.encodedBytes;
    out.storedBytes += run.result.totals.storedBytes;
    out.objects += run.result.totals.objects;
    out.cpuMicros += run.cpuMicros ?? 0;
    out.maxRssKiB = Math.max(out.maxRssKiB, run.maxRssKiB ?? 0);
    out.slotWaits += run.result.partitions.reduce((n, p) => n + p.slotWaits, 0);
    out.cgroupPeakBytes = Math.max(out.cgroupPeakBytes, run.cgroup?.peakBytes ?? 0);
    // An earlier handler's manifest (BENCH_BASELINE) has no memory report.
    out.throttled += run.result.memory?.throttled ?? 0;
    out.collections += run.result.memory?.collections ?? 0;
    const committed = await committedOffsets(functionName, topic);
    if ([...ends].every(([p, { high }]) => (committed.get(p) ?? 0) >= high)) return out;
    if (out.invocations >= maxInvocations) throw new Error(`${topic} not drained after ${maxInvocations} invocations`);
  }
}
