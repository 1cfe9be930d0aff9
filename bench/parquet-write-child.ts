// One Parquet writer in its own process (bundled by parquet-libraries.ts with the candidate as
// "parquet-candidate"). `bench` mode: builds `records` event-like records first, then measures only the
// write: CPU (user + system, all threads), wall time, output bytes, peak RSS (VmHWM). `shapes` mode:
// writes records of every shape and their fingerprints (<out>.expected.json) for the lossless check.
//   node child.js <bench|shapes> <records> <value bytes> <row group rows> <codec> <out>
import { writeFileSync } from "node:fs";
// @ts-expect-error resolved by the bundler to the candidate's writer module
import { writeParquet } from "parquet-candidate";
import { fingerprint } from "../test/helpers/backup-reader";
import { recordOfShape } from "../test/helpers/kafka";
import { eventValue } from "./backlog";
const { peakRssKiB } = require("../test/helpers/peak-rss.cjs") as { peakRssKiB: () => number };

interface ParquetRecord {
  partition: number;
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: Array<[string, Buffer | null]>;
}
type Write = (records: ParquetRecord[], file: string, rowGroupRows: number, codec: string) => Promise<number>;

function cpuMicros(): number {
  const u = process.resourceUsage();
  return u.userCPUTime + u.systemCPUTime;
}

function shapes(): ParquetRecord[] {
  const out: ParquetRecord[] = Array.from({ length: 400 }, (_, i) => ({ ...recordOfShape(i, 3), offset: BigInt(i), timestamp: BigInt(1_700_000_000_000 + i * 10_000) }));
  // What kafkajs cannot send: a null header value, int64 timestamps past 2^53 and before 1970.
  for (const [i, timestamp] of [9_223_372_036_854_775_807n, 9_007_199_254_740_993n, -1n].entries()) {
    out.push({ partition: i, offset: BigInt(400 + i), timestamp, key: null, value: Buffer.from([0xff, i]), headers: [["n", null], ["n", Buffer.alloc(0)]] });
  }
  return out;
}

async function main(): Promise<void> {
  const [mode, n, valueBytes, rowGroupRows, codec, out] = process.argv.slice(2);
  const write = writeParquet as Write;
  if (mode === "shapes") {
    const records = shapes();
    await write(records, out, Number(rowGroupRows), codec);
    writeFileSync(`${out}.expected.json`, JSON.stringify(records.map((r) => `${r.offset}|${fingerprint({ ...r, timestamp: String(r.timestamp) })}`)));
    return;
  }
  const records: ParquetRecord[] = [];
  for (let i = 0; i < Number(n); i++) {
    records.push({ partition: i % 12, offset: BigInt(i), timestamp: BigInt(1_764_000_000_000 + i), key: Buffer.from(`user-${i % 10_000}`), value: eventValue(i, Number(valueBytes)), headers: [["source", Buffer.from("bench")]] });
  }
  const rssBeforeKiB = peakRssKiB();
  const t0 = performance.now();
  const cpu0 = cpuMicros();
  const bytes = await write(records, out, Number(rowGroupRows), codec);
  const cpu = cpuMicros() - cpu0;
  console.log(`RAW ${JSON.stringify({ records: records.length, bytes, cpuMicros: cpu, elapsedMs: performance.now() - t0, rssBeforeKiB, maxRssKiB: peakRssKiB() })}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
