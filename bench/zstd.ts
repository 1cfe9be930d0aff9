// zstd against gzip in the handler, on the Node.js that runs it (BENCH_NODE, e.g. 18.15 as on SCF): for each value
// size, one backlog drained by the bundled handler with gzip 6 (the default), gzip 1, zstd 1 and zstd 3, beside raw
// kafkajs consumption of the same backlog (and an earlier handler at zstd 1, with BENCH_BASELINE),
// `repeats` times in rotating order. CPU per record is the cost; stored
// bytes the other half of the bill. Then what the zstd library adds: its bytes in the zip and the time a fresh
// process takes to load it and compile its WebAssembly (which the handler does only when compression is zstd).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { deflateRawSync } from "node:zlib";
import { buildSync } from "esbuild";
import { HANDLER_CPU, handlerCpuSeconds } from "../cli/cost-model";
import type { Compression } from "../function/formats/format";
import { FETCH } from "../function/run-loop";
import { HANDLER_NODE_MAJOR, handlerCode } from "../lib/handler-code";
import { HANDLER_BUILD, HANDLER_ENTRY, ZSTD_WASM } from "../lib/bundling";
import { brokers, uniqueName } from "../test/helpers/kafka";
import { produceBacklog } from "./backlog";
import type { Baseline } from "./baseline";
import { drain } from "./drain";
import { MiB, fmt, spread, table } from "./stats";
import { runRaw } from "./throughput";

export interface ZstdOptions {
  records: number;
  partitions: number;
  repeats: number;
  /** The Node.js binary for the handler and the raw consumer; this process's when unset. */
  node?: string;
  /** An earlier handler (BENCH_BASELINE), drained at zstd 1 beside this one in every repetition. */
  baseline?: Baseline;
}

const CODECS: Array<{ compression: Compression; level: number }> = [
  { compression: "gzip", level: 6 },
  { compression: "gzip", level: 1 },
  { compression: "zstd", level: 1 },
  { compression: "zstd", level: 3 },
];

const label = (c: { compression: Compression; level: number }) => `${c.compression} ${c.level}`;

interface Variant {
  name: string;
  compression: Compression;
  level: number;
  /** Another bundle's index.js; this tree's handler when unset. */
  script?: string;
}

/** The handler at each codec, and the baseline's at zstd 1 when there is one. */
function variants(o: ZstdOptions): Variant[] {
  const own = CODECS.map((c) => ({ name: `handler, ${label(c)}`, ...c }));
  return o.baseline ? [...own, { name: `handler at ${o.baseline.label}, zstd 1`, compression: "zstd", level: 1, script: o.baseline.script }] : own;
}

async function sideBySide(o: ZstdOptions, valueBytes: number): Promise<string[][]> {
  const topic = uniqueName(`bench-zstd-${valueBytes}b`);
  await produceBacklog({ topic, partitions: o.partitions, records: o.records, valueBytes });
  const runs = variants(o);
  const rawUs: number[] = [];
  const cpuUs = runs.map(() => [] as number[]);
  const ratio = runs.map(() => [] as number[]);
  const stored = runs.map(() => [] as number[]);
  // estimate's cost model (cli/cost-model.ts) for the same records, lines and invocations: its check against runs.
  const modelUs = runs.map(() => [] as number[]);
  for (let r = 0; r < o.repeats; r++) {
    const raw = await runRaw("raw-kafkajs-consume.cjs", [brokers().join(","), topic, JSON.stringify(FETCH)], o.node);
    if (raw.out.records !== o.records) throw new Error(`raw consumer read ${raw.out.records} of ${o.records} records`);
    rawUs.push(raw.out.cpuMicros / o.records);
    for (let k = 0; k < runs.length; k++) {
      const i = (k + r) % runs.length;
      const d = await drain(topic, `bench/${topic}/rep-${r}-${i}/`, { compression: runs[i].compression, compressionLevel: runs[i].level, script: runs[i].script });
      if (d.records !== o.records) throw new Error(`${runs[i].name} backed up ${d.records} of ${o.records} records`);
      cpuUs[i].push(d.cpuMicros / o.records);
      ratio[i].push(d.cpuMicros / o.records / rawUs[r]);
      stored[i].push(d.storedBytes / MiB);
      modelUs[i].push(((handlerCpuSeconds(d.records, d.encodedBytes / d.records, runs[i]) + d.invocations * HANDLER_CPU.startSeconds) / d.records) * 1e6);
      console.log(`${valueBytes} B rep ${r + 1}: ${runs[i].name} ${(d.cpuMicros / o.records).toFixed(2)} CPU-s per million, raw consumption ${rawUs[r].toFixed(2)}`);
    }
  }
  const gzip6 = spread(stored[0]).median;
  return [
    [`${valueBytes} B`, "raw kafkajs consumption (no-op)", fmt(spread(rawUs), 2), "", "", "", ""],
    ...runs.map((v, i) => {
      const s = spread(stored[i]).median;
      const model = v.script ? "" : `${spread(modelUs[i]).median.toFixed(2)} (÷ ${fmt(spread(cpuUs[i].map((x, r) => x / modelUs[i][r])), 2)})`;
      return [`${valueBytes} B`, v.name, `**${fmt(spread(cpuUs[i]), 2)}**`, `**${fmt(spread(ratio[i]), 2)}**`, s.toFixed(1), `${((s / gzip6) * 100).toFixed(0)} %`, model];
    }),
  ];
}

/** What loading the zstd library costs a fresh process: require of its bundle, and compiling its WebAssembly. */
function loadCost(node: string, runs: number): { bundleBytes: number; requireMs: number[]; compileMs: number[] } {
  const dir = mkdtempSync(join(tmpdir(), "ckb-bench-zstd-"));
  try {
    // zstd.ts alone, bundled as the handler is (lib/bundling.ts).
    const out = buildSync({ entryPoints: [resolve(__dirname, "../function/formats/zstd.ts")], bundle: true, platform: "node", target: `node${HANDLER_NODE_MAJOR}`, format: "cjs", minify: true, legalComments: "none", write: false });
    const file = join(dir, "zstd.js");
    writeFileSync(file, out.outputFiles[0].contents);
    copyFileSync(ZSTD_WASM, join(dir, "zstd.wasm"));
    const code = `const t0=performance.now();const z=require(${JSON.stringify(file)});const t1=performance.now();z.zstdFrames(1).then((f)=>{f(Buffer.alloc(1024));console.log(JSON.stringify({requireMs:t1-t0,compileMs:performance.now()-t1}))})`;
    const requireMs: number[] = [];
    const compileMs: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const res = spawnSync(node, ["-e", code], { encoding: "utf8", env: { PATH: process.env.PATH } });
      if (res.status !== 0) throw new Error(`loading zstd under ${node} failed: ${res.stderr}`);
      if (i === 0) continue; // the first read of the file from disk
      const t = JSON.parse(res.stdout) as { requireMs: number; compileMs: number };
      requireMs.push(t.requireMs);
      compileMs.push(t.compileMs);
    }
    return { bundleBytes: out.outputFiles[0].contents.length, requireMs, compileMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function zstdScenario(o: ZstdOptions): Promise<string> {
  const node = o.node ?? process.execPath;
  const version = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
  const rows: string[][] = [];
  for (const valueBytes of [1024, 100]) rows.push(...(await sideBySide(o, valueBytes)));
  const load = loadCost(node, 10);
  const handler = buildSync({ entryPoints: [HANDLER_ENTRY], ...HANDLER_BUILD, metafile: true });
  const fromZstd = Object.entries(handler.metafile.outputs)[0][1].inputs;
  const zstdBytes = Object.entries(fromZstd).filter(([path]) => path.includes("@bokuweb/zstd-wasm")).reduce((n, [, v]) => n + v.bytesInOutput, 0);
  return [
    `Backlogs of ${o.records.toLocaleString("en")} records over ${o.partitions} partitions, one per value size; handler and raw consumer on Node ${version}. ` +
      `${o.repeats} repetitions in rotating order; each cell is median (min–max). CPU: user + system of the process, thread pool included. ` +
      `"÷ raw" is the handler's CPU per record over raw kafkajs consumption's in the same repetition; "vs gzip 6" compares stored bytes; ` +
      `"cost model" is estimate's figure for the same records (cli/cost-model.ts), and the handler's CPU over it.`,
    "",
    table(["values", "", "CPU-s per million records", "÷ raw consumption", "stored MiB", "vs gzip 6", "cost model (handler ÷ model)"], rows),
    "",
    table(
      ["the zstd library (@bokuweb/zstd-wasm)", "value"],
      [
        ["its JavaScript in the handler's index.js", `${(zstdBytes / 1024).toFixed(1)} KiB of ${(handler.outputFiles[0].contents.length / 1024).toFixed(1)} KiB`],
        ["zstd.wasm, a file of the zip", `${(statSync(ZSTD_WASM).size / 1024).toFixed(1)} KiB (${(deflateRawSync(readFileSync(ZSTD_WASM), { level: 9 }).length / 1024).toFixed(1)} KiB deflated)`],
        ["zipped bundle (deployed zip)", `${(statSync(handlerCode().zipPath).size / 1024).toFixed(1)} KiB`],
        [`require of zstd.ts bundled alone, ms (10 fresh processes, Node ${version})`, fmt(spread(load.requireMs))],
        ["first zstdFrames(): WebAssembly compiled and instantiated, ms", `**${fmt(spread(load.compileMs))}**`],
      ],
    ),
  ].join("\n");
}
