// Restore speed: the CLI's restore of a backed-up topic into a new topic, at concurrency 1 and N, against raw kafkajs
// production of the same records with the same client settings (raw-kafkajs-produce.ts) at N, interleaved in one
// run; with BENCH_BASELINE=<git revision>, the CLI of that revision too (baseline.ts). BENCH_RESTORE_ARGS adds
// arguments to every restore, e.g. "--no-scan --no-check": the whole process's CPU is then the sending's. Records per second and MiB/s of record bytes count the sending only (restore: from the first send to the
// last acknowledgement; the preflight's read of the backup and the read-back come on top, in the command's wall
// time); CPU is the whole process's, user + system.
import { execFile } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { TEST_BUCKET, TEST_REGION, cosEndpoint } from "../test/helpers/cos";
import { brokers, uniqueName } from "../test/helpers/kafka";
import { produceBacklog } from "./backlog";
import { drain } from "./drain";
import { MiB, fmt, spread, table } from "./stats";

const run = promisify(execFile);

interface Sample {
  recordsPerSecond: number;
  mibPerSecond: number;
  cpuSecondsPerMillion: number;
  wallSeconds: number;
}

async function child(script: string, args: string[], tag: string, dir = join(__dirname, "..")): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", join(dir, "bench", script), ...args], {
    cwd: dir,
    maxBuffer: 64 * MiB,
    env: { ...process.env, TENCENTCLOUD_SECRETID: "bench", TENCENTCLOUD_SECRETKEY: "bench" },
  });
  const line = stdout.split("\n").find((l) => l.startsWith(`${tag} `));
  if (!line) throw new Error(`${script} printed no ${tag} line:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice(tag.length + 1)) as Record<string, unknown>;
}

export async function restoreSpeed(o: {
  records: number;
  valueBytes: number;
  partitions: number;
  concurrency: number;
  repeats: number;
  baseline?: { dir: string; label: string };
  /** More arguments for every restore. */
  restoreArgs?: string[];
}): Promise<string> {
  const topic = uniqueName("bench-restore");
  const prefix = `${topic}/`;
  await produceBacklog({ topic, partitions: o.partitions, records: o.records, valueBytes: o.valueBytes });
  await drain(topic, prefix);
  const source = ["--bucket", TEST_BUCKET, "--region", TEST_REGION, "--endpoint", cosEndpoint(), "--instance", "ckafka-test", "--topic", topic, "--prefix", prefix, "--brokers", brokers().join(",")];
  const variants = [
    { name: `raw kafkajs production, ${o.concurrency} producers`, samples: [] as Sample[], go: () => raw() },
    ...(o.baseline
      ? [
          { name: `restore --concurrency 1, CLI at ${o.baseline.label}`, samples: [] as Sample[], go: () => restore(1, o.baseline!.dir) },
          { name: `restore --concurrency ${o.concurrency}, CLI at ${o.baseline.label}`, samples: [] as Sample[], go: () => restore(o.concurrency, o.baseline!.dir) },
        ]
      : []),
    { name: "restore --concurrency 1", samples: [] as Sample[], go: () => restore(1) },
    { name: `restore --concurrency ${o.concurrency}`, samples: [] as Sample[], go: () => restore(o.concurrency) },
  ];
  const loads: number[] = [];
  async function raw(): Promise<Sample> {
    const r = (await child("raw-kafkajs-produce.ts", [brokers().join(","), uniqueName("bench-raw"), String(o.partitions), String(o.records), String(o.valueBytes), String(o.concurrency)], "RAW")) as { records: number; bytes: number; seconds: number; cpuMicros: number };
    return { recordsPerSecond: r.records / r.seconds, mibPerSecond: r.bytes / MiB / r.seconds, cpuSecondsPerMillion: r.cpuMicros / 1e6 / (r.records / 1e6), wallSeconds: r.seconds };
  }
  async function restore(concurrency: number, dir?: string): Promise<Sample> {
    const target = uniqueName("bench-restored");
    const r = (await child("restore-child.ts", [...source, "--target-topic", target, "--create-topic", "--concurrency", String(concurrency), "--checkpoint", join("/tmp", `${target}.json`), ...(o.restoreArgs ?? [])], "RESTORE", dir)) as {
      report: { records: number; bytes: number; sendSeconds: number; check?: { ok: boolean } };
      wallSeconds: number;
      cpuMicros: number;
    };
    if (r.report.records !== o.records || r.report.check?.ok === false) throw new Error(`restore into ${target}: ${r.report.records} records, check ${r.report.check?.ok}`);
    return { recordsPerSecond: r.report.records / r.report.sendSeconds, mibPerSecond: r.report.bytes / MiB / r.report.sendSeconds, cpuSecondsPerMillion: r.cpuMicros / 1e6 / (r.report.records / 1e6), wallSeconds: r.wallSeconds };
  }
  for (let i = 0; i < o.repeats; i++) {
    for (const v of variants) {
      const s = await v.go();
      v.samples.push(s);
      loads.push(loadavg()[0]);
      console.log(`${v.name}: ${Math.round(s.recordsPerSecond)} records/s, ${s.mibPerSecond.toFixed(1)} MiB/s, ${s.cpuSecondsPerMillion.toFixed(1)} CPU-s per million, ${s.wallSeconds.toFixed(1)} s`);
    }
  }
  const median = (v: (typeof variants)[number], f: (s: Sample) => number) => spread(v.samples.map(f)).median;
  const rawRate = median(variants[0], (s) => s.recordsPerSecond);
  return [
    `${o.records} records of ${o.valueBytes} B values (bench/backlog.ts events) over ${o.partitions} partitions, backed up by the handler (JSON Lines, gzip), restored by the CLI into a new topic on the same broker (${o.restoreArgs?.length ? `with ${o.restoreArgs.join(" ")}` : "with its preflight read of the backup and the read-back check"}), against raw kafkajs production of the same records; ${o.repeats} round(s), variants interleaved; median (min–max). Load average (1 min) after each variant: ${fmt(spread(loads), 1)}.`,
    "",
    table(
      ["variant", "records/s (sending)", "MiB/s of record bytes", "CPU-s per million records (whole process)", "wall s (whole command)", "× raw"],
      variants.map((v) => [
        v.name,
        fmt(spread(v.samples.map((s) => s.recordsPerSecond)), 0),
        fmt(spread(v.samples.map((s) => s.mibPerSecond))),
        fmt(spread(v.samples.map((s) => s.cpuSecondsPerMillion))),
        fmt(spread(v.samples.map((s) => s.wallSeconds))),
        (median(v, (s) => s.recordsPerSecond) / rawRate).toFixed(2),
      ]),
    ),
  ].join("\n");
}
