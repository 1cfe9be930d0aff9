// `npm run bench [-- scenario ...]`: runs the benchmarks against the test services (started here
// unless CKB_KAFKA_BROKERS / CKB_COS_ENDPOINT name running ones) and writes bench/results/*.md.
// Sizes can be scaled down for a quick look: BENCH_RECORDS, BENCH_MEMORY_RECORDS, BENCH_REPEATS.
// An earlier handler runs beside this one in the throughput, crash-recovery and zstd scenarios with
// BENCH_BASELINE=<git revision> (bundled here, baseline.ts) or BENCH_BASELINE_SCRIPT=<a bundle's index.js>.
// BENCH_ZSTD_NODE (a Node.js >= 22.15 binary) adds node:zlib's zstd to the compression scenarios.
// BENCH_NODE (a Node.js binary, e.g. 18.15 as SCF runs) runs the handler and the raw consumer in the drains.
import { buildHandlerZip } from "../lib/bundling";
import { startTestServices } from "../test/services/start";
import { baselineCli, baselineScript, type Baseline } from "./baseline";
import { coldStart } from "./cold-start";
import { crashRecovery } from "./crash-recovery";
import { encodeScenario } from "./encode";
import { compression } from "./compression";
import { fetchSize } from "./fetch-size";
import { formats } from "./formats";
import { memory } from "./memory";
import { manyTopics } from "./many-topics";
import { memoryLimit } from "./memory-limit";
import { parquetLibraries } from "./parquet-libraries";
import { scaleOut } from "./scale-out";
import { parquetObjects } from "./parquet-objects";
import { restoreSpeed } from "./restore";
import { report } from "./stats";
import { synth } from "./synth";
import { throughput } from "./throughput";
import { zstdScenario } from "./zstd";

const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: "${raw}" is not a positive integer`);
  return n;
};

// Every scenario measures the handler as the package ships it, built from the current function/.
buildHandlerZip();

const records = num("BENCH_RECORDS", 1_000_000);
const memoryRecords = num("BENCH_MEMORY_RECORDS", 100_000);
const repeats = num("BENCH_REPEATS", 3);
let baselineBundle: Baseline | undefined;
/** The earlier handler to compare with, bundled on first use; undefined when none is asked for. */
function baseline(): Baseline | undefined {
  const script = process.env.BENCH_BASELINE_SCRIPT;
  const revision = process.env.BENCH_BASELINE;
  if (script) return { script, label: script };
  if (revision) baselineBundle ??= baselineScript(revision);
  return baselineBundle;
}
const zstdNode = process.env.BENCH_ZSTD_NODE || undefined;

const SCENARIOS: Record<string, { services: boolean; run: () => Promise<string> | string }> = {
  "cold-start": { services: false, run: () => coldStart(10) },
  synth: { services: false, run: () => synth(5) },
  "throughput-1kib": { services: true, run: () => throughput({ records, valueBytes: 1024, partitions: 12, repeats, baseline: baseline() }) },
  "throughput-100b": { services: true, run: () => throughput({ records, valueBytes: 100, partitions: 12, repeats, baseline: baseline() }) },
  "fetch-size": { services: true, run: () => fetchSize(Math.min(records, 300_000), 5) },
  memory: { services: true, run: () => memory({ baseRecords: memoryRecords, valueBytes: 1024, repeats }) },
  "memory-limit": { services: true, run: () => memoryLimit({ records: Math.min(records, 1_000_000), repeats }) },
  "crash-recovery": { services: true, run: () => crashRecovery(repeats, baseline()?.script) },
  compression: { services: false, run: () => compression({ records: Math.min(records, 200_000), valueBytes: 1024, repeats, zstdNode }) },
  "compression-100b": { services: false, run: () => compression({ records: Math.min(records, 1_000_000), valueBytes: 100, repeats, zstdNode }) },
  "scale-out": { services: true, run: () => scaleOut({ records: Math.min(records, 400_000), valueBytes: 1024, partitions: 12, parallelisms: [1, 2, 4], oneAtATime: [4], repeats }) },
  formats: { services: true, run: () => formats({ records, memoryRecords: memoryRecords * 4, valueBytes: 1024, repeats }) },
  "parquet-objects": { services: false, run: () => parquetObjects({ records: Math.min(records, 200_000), valueBytes: 1024, repeats }) },
  encode: { services: false, run: () => encodeScenario({ records: Math.min(records, 200_000), repeats, node: process.env.BENCH_NODE || undefined, baseline: baseline() }) },
  zstd: { services: true, run: () => zstdScenario({ records: Math.min(records, 200_000), partitions: 12, repeats, node: process.env.BENCH_NODE || undefined, baseline: baseline() }) },
  restore: { services: true, run: () => restoreSpeed({ records: Math.min(records, 200_000), valueBytes: 1024, partitions: 8, concurrency: 4, repeats, baseline: process.env.BENCH_BASELINE ? baselineCli(process.env.BENCH_BASELINE) : undefined, restoreArgs: process.env.BENCH_RESTORE_ARGS?.split(" ").filter(Boolean) }) },
  "many-topics": { services: true, run: () => manyTopics({ records: Math.min(records, 600_000), valueBytes: 1024, topics: 20, partitionsPerTopic: 6, repeats }) },
  "parquet-libraries": { services: false, run: () => parquetLibraries({ records: Math.min(records, 100_000), valueBytes: 1024, rowGroupRows: 10_000, repeats }) },
};

async function main(): Promise<void> {
  process.env.CHECKPOINT_DISABLE = "1";
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !(n in SCENARIOS));
  if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(", ")}; expected any of ${Object.keys(SCENARIOS).join(", ")}`);
  const chosen = names.length ? names : Object.keys(SCENARIOS);
  const services = chosen.some((n) => SCENARIOS[n].services) ? await startTestServices() : undefined;
  if (services?.started.length) console.log(`test services up in ${services.startMs} ms: ${services.started.join(", ")}`);
  try {
    for (const name of chosen) report(name, await SCENARIOS[name].run());
  } finally {
    await services?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
