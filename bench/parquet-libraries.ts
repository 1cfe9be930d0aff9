// Parquet libraries for the future `format: "parquet"`: each maintained candidate writes the same
// event-like records with the same lossless schema (partition INT32, offset INT64, timestamp INT64, key and
// value as nullable BYTE_ARRAY, headers as a list of (name UTF8, value nullable BYTE_ARRAY)) and snappy
// pages (zstd too where the library has it). Measured side by side in rotating order: CPU of the write,
// records/s, output bytes, peak RSS; the size of a minimal writer's esbuild bundle and its load time.
// DuckDB reads every output back, and a file of every record shape written by each candidate must come
// back byte for byte. The candidates are installed at exact versions into a cache folder outside the
// repository, only when this scenario runs, so `npm ci` stays lean.
import { DuckDBInstance, type DuckDBBlobValue, type DuckDBListValue, type DuckDBStructValue, type DuckDBValue } from "@duckdb/node-api";
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildSync } from "esbuild";
import { fingerprint } from "../test/helpers/backup-reader";
import { timeNode } from "./cold-start";
import { MiB, fmt, spread, table } from "./stats";

const CACHE = join(process.env.CKB_CACHE_DIR ?? join(homedir(), ".cache", "ckafka-cos-backup"), "parquet-candidates");
// apache-arrow builds the tables parquet-wasm takes. @dsnp/parquetjs 1.9.3, its latest version, was
// published without its dist/ folder (nothing to import): 1.8.9.
const PACKAGES = ["hyparquet-writer@0.17.0", "@dsnp/parquetjs@1.8.9", "parquet-wasm@0.8.0", "apache-arrow@21.2.0"];

interface Candidate {
  label: string;
  /** The writer module in bench/parquet-writers/. */
  writer: string;
  codec: "SNAPPY" | "ZSTD";
  /** A file the bundle loads at run time, shipped beside it (counted in its size). */
  sidecar?: string;
}

const CANDIDATES: Candidate[] = [
  { label: "hyparquet-writer 0.17.0", writer: "hyparquet-writer.mjs", codec: "SNAPPY" },
  { label: "@dsnp/parquetjs 1.8.9", writer: "dsnp-parquetjs.mjs", codec: "SNAPPY" },
  { label: "parquet-wasm 0.8.0 + apache-arrow 21.2.0", writer: "parquet-wasm.mjs", codec: "SNAPPY", sidecar: "parquet-wasm/node/parquet_wasm_bg.wasm" },
  { label: "parquet-wasm 0.8.0 + apache-arrow 21.2.0", writer: "parquet-wasm.mjs", codec: "ZSTD", sidecar: "parquet-wasm/node/parquet_wasm_bg.wasm" },
];

export interface ParquetLibrariesOptions {
  records: number;
  valueBytes: number;
  rowGroupRows: number;
  repeats: number;
}

function installCandidates(): void {
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(join(CACHE, "package.json"))) writeFileSync(join(CACHE, "package.json"), '{ "private": true }\n');
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--save-exact", "--prefix", CACHE, ...PACKAGES], { stdio: ["ignore", "ignore", "inherit"] });
}

/** Bundles `entry` for Node with the candidate's writer as "parquet-candidate"; copies its sidecar beside it. */
function bundle(entry: string, c: Candidate, outfile: string, minify: boolean): number {
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify,
    logLevel: "error",
    nodePaths: [join(CACHE, "node_modules")],
    alias: { "parquet-candidate": join(__dirname, "parquet-writers", c.writer) },
  });
  let bytes = statSync(outfile).size;
  if (c.sidecar) {
    const to = join(dirname(outfile), c.sidecar.split("/").pop()!);
    copyFileSync(join(CACHE, "node_modules", c.sidecar), to);
    bytes += statSync(to).size;
  }
  return bytes;
}

interface Raw {
  records: number;
  bytes: number;
  cpuMicros: number;
  elapsedMs: number;
  rssBeforeKiB: number;
  maxRssKiB: number;
}

function runChild(script: string, args: string[]): Promise<Raw | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${script} ${args.join(" ")} exited with ${code}: ${stdout.slice(-1000)}`));
      const line = stdout.split("\n").find((l) => l.startsWith("RAW "));
      resolve(line ? (JSON.parse(line.slice(4)) as Raw) : undefined);
    });
  });
}

const blob = (v: DuckDBValue): Buffer | null => (v === null ? null : Buffer.from((v as DuckDBBlobValue).bytes));

/** Reads a candidate's file of every shape with DuckDB; returns what differs from what was written ("" when nothing). */
async function losslessCheck(sql: Awaited<ReturnType<DuckDBInstance["connect"]>>, file: string): Promise<string> {
  const expected: string[] = JSON.parse(readFileSync(`${file}.expected.json`, "utf8"));
  const rows = (await sql.runAndReadAll(`SELECT partition, "offset", timestamp AS ms, key, value, headers FROM read_parquet('${file}') ORDER BY "offset"`)).getRowObjects();
  const got = rows.map((r) => {
    const headers = (r.headers as DuckDBListValue).items.map((h) => {
      const { name, value } = (h as DuckDBStructValue).entries;
      return [name as string, blob(value)] as [string, Buffer | null];
    });
    return `${r.offset}|${fingerprint({ partition: r.partition as number, timestamp: String(r.ms), key: blob(r.key), value: blob(r.value), headers })}`;
  });
  const differ = expected.findIndex((e, i) => got[i] !== e);
  if (got.length !== expected.length) return `${got.length} rows read, ${expected.length} written`;
  return differ < 0 ? "" : `row ${differ} differs: wrote ${expected[differ].slice(0, 100)}, read ${got[differ].slice(0, 100)}`;
}

export async function parquetLibraries(o: ParquetLibrariesOptions): Promise<string> {
  installCandidates();
  const dir = mkdtempSync(join(tmpdir(), "ckb-bench-parquet-"));
  const db = await DuckDBInstance.create(":memory:");
  const sql = await db.connect();
  try {
    const runners = CANDIDATES.map((c, i) => {
      const runner = join(dir, `runner-${i}`, "run.js");
      bundle(join(__dirname, "parquet-write-child.ts"), c, runner, false);
      const minimal = join(dir, `minimal-${i}`, "writer.js");
      const bundleBytes = bundle(join(__dirname, "parquet-writers", c.writer), c, minimal, true);
      return { runner, minimal, bundleBytes };
    });

    // Lossless: every shape, read back by DuckDB.
    const lossless: string[] = [];
    for (const [i, c] of CANDIDATES.entries()) {
      const out = join(dir, `shapes-${i}.parquet`);
      await runChild(runners[i].runner, ["shapes", "0", "0", String(o.rowGroupRows), c.codec, out]);
      lossless.push((await losslessCheck(sql, out)) || "yes");
    }

    const cpu = CANDIDATES.map(() => [] as number[]);
    const rate = CANDIDATES.map(() => [] as number[]);
    const rss = CANDIDATES.map(() => [] as number[]);
    const rssWrite = CANDIDATES.map(() => [] as number[]);
    const load = CANDIDATES.map(() => [] as number[]);
    const bytes = CANDIDATES.map(() => 0);
    const readBack = CANDIDATES.map(() => "");
    for (let r = 0; r < o.repeats; r++) {
      for (let k = 0; k < CANDIDATES.length; k++) {
        const i = (k + r) % CANDIDATES.length;
        const out = join(dir, `bench-${i}.parquet`);
        const raw = (await runChild(runners[i].runner, ["bench", String(o.records), String(o.valueBytes), String(o.rowGroupRows), CANDIDATES[i].codec, out]))!;
        cpu[i].push(raw.cpuMicros / raw.records); // µs per record = CPU-s per million records
        rate[i].push(raw.records / (raw.elapsedMs / 1000));
        rss[i].push(raw.maxRssKiB / 1024);
        rssWrite[i].push((raw.maxRssKiB - raw.rssBeforeKiB) / 1024);
        bytes[i] = raw.bytes;
        const count = (await sql.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${out}')`)).getRowObjectsJS()[0].n;
        readBack[i] = count === BigInt(o.records) ? "yes" : `no: ${count} rows`;
        rmSync(out);
        for (let pair = 0; pair < 3; pair++) {
          const bare = timeNode("");
          load[i].push(timeNode(`require(${JSON.stringify(runners[i].minimal)})`) - bare);
        }
      }
    }
    const rows = CANDIDATES.map((c, i) => [
      c.label,
      c.codec.toLowerCase(),
      fmt(spread(cpu[i]), 2),
      fmt(spread(rate[i].map((x) => x / 1000)), 0),
      (bytes[i] / MiB).toFixed(1),
      fmt(spread(rss[i]), 0),
      fmt(spread(rssWrite[i]), 0),
      (runners[i].bundleBytes / 1024).toFixed(0),
      fmt(spread(load[i]), 0),
      readBack[i],
      lossless[i],
    ]);
    return [
      `${o.records.toLocaleString("en")} event-like records (${o.valueBytes} B values, a key, one header) per write, row groups of ${o.rowGroupRows.toLocaleString("en")} rows, ` +
        `each candidate in its own process, ${o.repeats} times in rotating order; median (min–max). CPU and time cover the write only (records built before). ` +
        `Peak RSS is the process's VmHWM, with the records in memory; "for the write" is the growth of VmHWM during it. Bundle: esbuild, minified, of the writer alone ` +
        `(with the .wasm it loads); load = \`node -e "require(bundle)"\` minus a bare \`node -e ""\` run just before, 3 pairs per repetition.`,
      "",
      table(
        ["library", "codec", "CPU-s per million records", "k records/s", "output MiB", "peak RSS MiB", "RSS growth for the write MiB", "bundle KiB", "load ms", "DuckDB reads it", "every shape byte for byte"],
        rows,
      ),
    ].join("\n");
  } finally {
    sql.closeSync();
    db.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
