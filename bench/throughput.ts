// Throughput and CPU: the handler draining a backlog, beside the limits set by its own parts, measured
// in the same run: raw kafkajs consumption of the same backlog, raw compression of the handler's exact
// uncompressed bytes at the same level, raw cos-nodejs-sdk-v5 upload of the bytes it stored. CPU time
// (user + system of each process, thread pools included) is the main figure: it is what SCF bills
// and it is less disturbed than wall time on a shared machine. With BENCH_BASELINE=<git revision> an
// earlier handler drains the same backlog in every repetition too, in rotating order. Ratios are
// computed per repetition, then summarized.
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { FETCH } from "../function/run-loop";
import { HANDLER_CPU, handlerCpuSeconds } from "../cli/cost-model";
import { LIMITS } from "../function/config";
import { COMPRESS_CHUNK_BYTES } from "../function/formats/jsonl/writer";
import { PART_BYTES } from "../function/formats/object-writer";
import { brokers, uniqueName } from "../test/helpers/kafka";
import { TEST_BUCKET, cosEndpoint, getBytes, listKeys, testCos } from "../test/helpers/cos";
import { produceBacklog } from "./backlog";
import type { Baseline } from "./baseline";
import { drain, type Drain } from "./drain";
import { MiB, fmt, spread, table } from "./stats";

interface Raw {
  elapsedMs: number;
  out: { records?: number; bytes: number; storedBytes?: number; maxRssKiB: number; cpuMicros: number };
}

/** Runs one of the raw-part scripts in its own process (`node` to use another Node.js binary). */
export function runRaw(script: string, args: string[], node = process.execPath): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(node, [join(__dirname, script), ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith("RAW "));
      if (code !== 0 || !line) return reject(new Error(`${script} exited with ${code}: ${stdout.slice(-1000)}`));
      resolve({ elapsedMs: performance.now() - t0, out: JSON.parse(line.slice(4)) });
    });
  });
}

/** Writes the uncompressed bytes of the gzip objects under `prefix` (manifests left out) to `file`. */
export async function downloadLines(prefix: string, file: string): Promise<number> {
  const cos = testCos();
  const fd = openSync(file, "w");
  let bytes = 0;
  try {
    for (const key of await listKeys(cos, prefix)) {
      if (key.includes("/_manifests/")) continue;
      const lines = gunzipSync(await getBytes(cos, key));
      writeSync(fd, lines);
      bytes += lines.length;
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

export interface ThroughputOptions {
  records: number;
  valueBytes: number;
  partitions: number;
  repeats: number;
  /** An earlier handler that drains beside this one (run.ts). */
  baseline?: Baseline;
}

interface Variant {
  label: string;
  level: number;
  script?: string;
  cpuUs: number[];
  rate: number[];
  rss: number[];
  storedMiB: number[];
  uploadCpuUs: number[];
  ratio: number[];
  vsBaseline: number[];
  last?: Drain;
}

const us = (micros: number, records: number) => micros / records;

export async function throughput(o: ThroughputOptions): Promise<string> {
  const topic = uniqueName(`bench-${o.valueBytes}b`);
  const t0 = performance.now();
  await produceBacklog({ topic, partitions: o.partitions, records: o.records, valueBytes: o.valueBytes });
  const produceS = (performance.now() - t0) / 1000;
  console.log(`produced ${o.records} × ${o.valueBytes} B over ${o.partitions} partitions in ${produceS.toFixed(1)} s`);

  const level: number = LIMITS.compressionLevel.default;
  const variant = (label: string, lvl: number, script?: string): Variant => ({
    label, level: lvl, script, cpuUs: [], rate: [], rss: [], storedMiB: [], uploadCpuUs: [], ratio: [], vsBaseline: [],
  });
  const variants = [variant(`handler, gzip ${level} (default)`, level)];
  for (const other of [1, 6]) if (other !== level) variants.push(variant(`handler, gzip ${other}`, other));
  const base = o.baseline;
  if (base) variants.push(variant(`earlier handler ${base.label}, gzip 6`, 6, base.script));
  const levels = [...new Set(variants.map((v) => v.level))];

  // The cost of starting: a process, the bundle, connections, the group join, the manifest. A topic
  // with one record per partition shows it; subtracted, the rest is the cost per record proper.
  const tiny = `${topic}-start`;
  await produceBacklog({ topic: tiny, partitions: o.partitions, records: o.partitions, valueBytes: o.valueBytes });
  const startUs: number[] = [];
  const rawStartUs: number[] = [];

  const consumeUs: number[] = [];
  const consumeRate: number[] = [];
  const compressUs = new Map<number, number[]>(levels.map((l) => [l, []]));
  let payloadMiB = 0;
  let linesMiB = 0;
  const dir = mkdtempSync(join(tmpdir(), "ckb-bench-lines-"));
  try {
    for (let r = 1; r <= o.repeats; r++) {
      const consumed = await runRaw("raw-kafkajs-consume.cjs", [brokers().join(","), topic, JSON.stringify(FETCH)]);
      if (consumed.out.records !== o.records) throw new Error(`raw consumer read ${consumed.out.records} of ${o.records} records`);
      payloadMiB = consumed.out.bytes / MiB;
      consumeUs.push(us(consumed.out.cpuMicros, o.records));
      consumeRate.push(o.records / (consumed.elapsedMs / 1000));
      // Rotate the order of the handlers, so that none always runs first or last.
      const order = variants.map((_, i) => variants[(i + r) % variants.length]);
      for (const v of order) {
        const d = await drain(topic, `bench/${topic}/rep-${r}-${variants.indexOf(v)}/`, { compressionLevel: v.level, script: v.script });
        if (d.records !== o.records) throw new Error(`${v.label} backed up ${d.records} of ${o.records} records`);
        const uploaded = await runRaw("raw-cos-upload.cjs", [cosEndpoint(), TEST_BUCKET, `bench/${topic}/raw-upload-${r}-${variants.indexOf(v)}/`, String(d.storedBytes), String(PART_BYTES)]);
        v.cpuUs.push(us(d.cpuMicros, o.records));
        v.rate.push(o.records / (d.elapsedMs / 1000));
        v.rss.push(d.maxRssKiB / 1024);
        v.storedMiB.push(d.storedBytes / MiB);
        v.uploadCpuUs.push(us(uploaded.out.cpuMicros, o.records));
        v.last = d;
        console.log(`rep ${r}: ${v.label}: ${(d.cpuMicros / 1e6).toFixed(2)} CPU-s, ${(d.elapsedMs / 1000).toFixed(1)} s, raw upload ${(uploaded.out.cpuMicros / 1e6).toFixed(2)} CPU-s`);
      }
      const start = await drain(tiny, `bench/${tiny}/rep-${r}/`);
      startUs.push(start.cpuMicros);
      rawStartUs.push((await runRaw("raw-kafkajs-consume.cjs", [brokers().join(","), tiny, JSON.stringify(FETCH)])).out.cpuMicros);
      // The handler's exact uncompressed bytes, compressed alone at each level measured.
      const file = join(dir, "lines.jsonl");
      linesMiB = (await downloadLines(`bench/${topic}/rep-${r}-0/`, file)) / MiB;
      for (const l of levels) {
        const c = await runRaw("raw-compress.cjs", [file, "gzip", String(l), String(COMPRESS_CHUNK_BYTES)]);
        compressUs.get(l)!.push(us(c.out.cpuMicros, o.records));
      }
      rmSync(file);
      const i = r - 1;
      for (const v of variants) {
        v.ratio.push(v.cpuUs[i] / (consumeUs[i] + compressUs.get(v.level)![i] + v.uploadCpuUs[i]));
        if (base) v.vsBaseline.push(variants[variants.length - 1].cpuUs[i] / v.cpuUs[i]);
      }
      console.log(`rep ${r}: raw kafkajs ${consumeUs[i].toFixed(2)}, ${levels.map((l) => `gzip ${l} ${compressUs.get(l)![i].toFixed(2)}`).join(", ")} CPU-s per million; handler ÷ raw parts ${variants.map((v) => v.ratio[i].toFixed(2)).join(", ")}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const perSecond = (xs: number[]) => spread(xs.map((x) => 1e6 / x));
  // Per repetition: (handler − its start) ÷ (raw parts − the raw consumer's start), per record.
  const net = variants[0].cpuUs.map((h, i) => {
    const handlerNet = h - startUs[i] / o.records;
    const rawNet = consumeUs[i] - rawStartUs[i] / o.records + compressUs.get(variants[0].level)![i] + variants[0].uploadCpuUs[i];
    return handlerNet / rawNet;
  });
  const rows: string[][] = [
    ["raw kafkajs consumption (no-op)", fmt(spread(consumeUs), 2), fmt(perSecond(consumeUs), 0), fmt(spread(consumeRate), 0), "", ""],
    ...levels.map((l) => [`raw gzip ${l} of the handler's lines`, fmt(spread(compressUs.get(l)!), 2), fmt(perSecond(compressUs.get(l)!), 0), "", "", ""]),
  ];
  for (const v of variants) {
    rows.push(
      [`raw upload of the bytes stored by: ${v.label}`, fmt(spread(v.uploadCpuUs), 2), "", "", "", ""],
      [`**${v.label}**`, `**${fmt(spread(v.cpuUs), 2)}**`, fmt(perSecond(v.cpuUs), 0), fmt(spread(v.rate), 0), fmt(spread(v.rss), 0), fmt(spread(v.storedMiB), 1)],
      [`**${v.label} ÷ sum of its raw parts**`, `**${fmt(spread(v.ratio), 2)}**`, "", "", "", ""],
    );
  }
  rows.push(
    ["start cost: handler on a topic of one record per partition (CPU-s)", fmt(spread(startUs.map((x) => x / 1e6)), 2), "", "", "", ""],
    ["start cost: raw kafkajs consumer, same topic (CPU-s)", fmt(spread(rawStartUs.map((x) => x / 1e6)), 2), "", "", "", ""],
    [`${variants[0].label} ÷ raw parts, start costs left out`, fmt(spread(net), 2), "", "", "", ""],
  );
  // The figure `estimate` uses for these records (cli/cost-model.ts), start included, beside the default's.
  const modelUs = (handlerCpuSeconds(o.records, (linesMiB * MiB) / o.records) + HANDLER_CPU.startSeconds) / o.records * 1e6;
  rows.push(
    ["estimate's cost model for these records (cli/cost-model.ts, gzip 6)", fmt(spread([modelUs]), 2), "", "", "", ""],
    [`${variants[0].label} ÷ the cost model`, fmt(spread(variants[0].cpuUs.map((x) => x / modelUs)), 2), "", "", "", ""],
  );
  if (base) {
    for (const v of variants.slice(0, -1)) rows.push([`records per CPU-second, ${v.label} ÷ earlier handler`, "", `**${fmt(spread(v.vsBaseline), 2)}**`, "", "", ""]);
  }
  return [
    `Backlog: ${o.records.toLocaleString("en")} records × ${o.valueBytes} B values over ${o.partitions} partitions ` +
      `(${payloadMiB.toFixed(0)} MiB of keys and values, ${linesMiB.toFixed(0)} MiB of JSON Lines; produced in ${produceS.toFixed(1)} s). ` +
      `${o.repeats} repetitions; each cell is median (min–max). CPU: user + system of the process, thread pool included ` +
      `(raw compression: the compression alone); "sum of its raw parts" = consumption + compression at its level + upload of its bytes.`,
    "",
    table(["", "CPU-s per million records", "records per CPU-second", "records/s (wall)", "peak RSS MiB", "stored MiB"], rows),
    "",
    ...variants.map((v) =>
      v.last
        ? `${v.label}, last drain: ${v.last.objects} objects, ${(v.last.storedBytes / MiB).toFixed(1)} MiB stored from ${(v.last.encodedBytes / MiB).toFixed(1)} MiB of JSON Lines ` +
          `(ratio ${(v.last.encodedBytes / v.last.storedBytes).toFixed(1)}×), ${v.last.invocations} invocation(s).`
        : "",
    ),
  ].join("\n");
}
