// The handler's own work per record, without Kafka or the object server: encoding JSON lines, and encoding plus
// compressing them into zstd 1 frames as the object writer does, in a child process on the Node.js that runs the
// handler (BENCH_NODE). Beside an earlier handler's encoder (BENCH_BASELINE), in alternating processes: with no
// fetches, uploads or other processes' work in the figures, a change of the encoder shows here when a drain's
// spread hides it. Both get the same values (a file of the bench's event values) and must write the same lines and
// the same frames.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { buildSync } from "esbuild";
import { HANDLER_NODE_MAJOR } from "../lib/handler-code";
import { eventValue } from "./backlog";
import { ZSTD_WASM } from "../lib/bundling";
import type { Baseline } from "./baseline";
import { fmt, spread, table } from "./stats";

export interface EncodeOptions {
  records: number;
  repeats: number;
  node?: string;
  baseline?: Baseline;
}

/** encode-child.ts bundled with the encoder of the handler whose function/ folder is `functionDir`. */
function childScript(functionDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ckb-bench-encode-"));
  // A baseline from before function/formats/ has the encoder and zstd directly in function/.
  const [encoder, zstd] = existsSync(join(functionDir, "formats")) ? ["formats/jsonl/encoder", "formats/zstd"] : ["json-lines-encoder", "zstd"];
  const contents = [
    `import { JsonLinesEncoder } from ${JSON.stringify(join(functionDir, encoder))};`,
    `import { zstdFrames } from ${JSON.stringify(join(functionDir, zstd))};`,
    `import { encodeBench } from ${JSON.stringify(join(__dirname, "encode-child"))};`,
    "void encodeBench(JsonLinesEncoder, zstdFrames);",
  ].join("\n");
  const out = buildSync({ stdin: { contents, resolveDir: __dirname, loader: "ts" }, bundle: true, platform: "node", target: `node${HANDLER_NODE_MAJOR}`, format: "cjs", minify: true, write: false, logLevel: "silent" });
  writeFileSync(join(dir, "index.js"), out.outputFiles[0].contents);
  copyFileSync(ZSTD_WASM, join(dir, "zstd.wasm"));
  return join(dir, "index.js");
}

interface Child {
  encodeUs: number[];
  encodeZstdUs: number[];
  lineBytes: number;
  storedBytes: number;
  linesSha256: string;
  framesSha256: string;
}

function runChild(node: string, script: string, records: number, valueBytes: number, values: string): Child {
  const res = spawnSync(node, [script, String(records), String(valueBytes), "3", values], { encoding: "utf8", env: { PATH: process.env.PATH }, maxBuffer: 1 << 20 });
  const line = res.stdout.split("\n").find((l) => l.startsWith("ENCODE "));
  if (res.status !== 0 || !line) throw new Error(`encode child ${script} failed: ${res.stderr}`);
  return JSON.parse(line.slice(7)) as Child;
}

export function encodeScenario(o: EncodeOptions): string {
  const node = o.node ?? process.execPath;
  const version = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
  const handlers = [{ label: "this handler", script: childScript(resolve(__dirname, "../function")) }];
  if (o.baseline) handlers.push({ label: `handler at ${o.baseline.label}`, script: childScript(join(dirname(o.baseline.script), "function")) });
  const rows: string[][] = [];
  for (const valueBytes of [1024, 100]) {
    const values = join(tmpdir(), `ckb-bench-encode-values-${process.pid}-${valueBytes}`);
    writeFileSync(values, Buffer.concat(Array.from({ length: o.records }, (_, i) => eventValue(i, valueBytes))));
    const encode = handlers.map(() => [] as number[]);
    const zstd = handlers.map(() => [] as number[]);
    const stored = handlers.map(() => 0);
    const written = handlers.map(() => "");
    let lineBytes = 0;
    for (let r = 0; r < o.repeats; r++) {
      for (let k = 0; k < handlers.length; k++) {
        const i = (k + r) % handlers.length;
        const c = runChild(node, handlers[i].script, o.records, valueBytes, values);
        encode[i].push(...c.encodeUs);
        zstd[i].push(...c.encodeZstdUs);
        stored[i] = c.storedBytes;
        written[i] = `${c.linesSha256} ${c.framesSha256}`;
        lineBytes = c.lineBytes;
      }
    }
    rmSync(values);
    if (written.some((w) => w !== written[0])) throw new Error(`the handlers wrote different lines or frames for the same records (sha256 ${written.join(", ")})`);
    handlers.forEach((h, i) => {
      const vsFirst = i === 0 ? "" : ` (this handler ÷ it: ${(spread(zstd[0]).median / spread(zstd[i]).median).toFixed(2)})`;
      rows.push([`${valueBytes} B (${lineBytes.toFixed(0)} B lines)`, h.label, fmt(spread(encode[i]), 2), `${fmt(spread(zstd[i]), 2)}${vsFirst}`, String(stored[i])]);
    });
  }
  return [
    `${o.records.toLocaleString("en")} records per pass, 3 timed passes per process after one to warm up, ${o.repeats} processes per handler, alternating; Node ${version}. ` +
      "Each cell is the median (min–max) over all passes, CPU µs per record (user + system).",
    "",
    table(["values", "", "encode", "encode + copy into 256 KiB chunks + zstd 1", "stored bytes (same lines and frames: checked)"], rows),
  ].join("\n");
}
