// Throughput: the handler draining a backlog, beside the limits set by its own clients, measured in
// the same run: raw kafkajs consumption of the same backlog, raw cos-nodejs-sdk-v5 upload of the
// bytes the handler stored. The handler/raw ratio is computed per repetition, then summarized.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { FETCH } from "../function/backup-run";
import { PART_BYTES } from "../function/object-writer";
import { brokers, uniqueName } from "../test/helpers/kafka";
import { TEST_BUCKET, cosEndpoint } from "../test/helpers/cos";
import { produceBacklog } from "./backlog";
import { drain } from "./drain";
import { MiB, fmt, spread, table } from "./stats";

interface Raw {
  elapsedMs: number;
  out: { records?: number; bytes: number; maxRssKiB: number };
}

/** Runs one of the raw-client scripts in its own process, as the handler runs in its own. */
export function runRaw(script: string, args: string[]): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(__dirname, script), ...args], { stdio: ["ignore", "pipe", "inherit"] });
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

export interface ThroughputOptions {
  records: number;
  valueBytes: number;
  partitions: number;
  repeats: number;
}

export async function throughput(o: ThroughputOptions): Promise<string> {
  const topic = uniqueName(`bench-${o.valueBytes}b`);
  const t0 = performance.now();
  await produceBacklog({ topic, partitions: o.partitions, records: o.records, valueBytes: o.valueBytes });
  const produceS = (performance.now() - t0) / 1000;
  console.log(`produced ${o.records} × ${o.valueBytes} B over ${o.partitions} partitions in ${produceS.toFixed(1)} s`);

  const raw: number[] = [];
  const rawMiB: number[] = [];
  let payloadMiB = 0;
  const handler: number[] = [];
  const handlerMiB: number[] = [];
  const upload: number[] = [];
  const ratios: number[] = [];
  const uploadRatios: number[] = [];
  const rss: number[] = [];
  let last: Awaited<ReturnType<typeof drain>> | undefined;
  for (let r = 1; r <= o.repeats; r++) {
    const consumed = await runRaw("raw-kafkajs-consume.cjs", [brokers().join(","), topic, JSON.stringify(FETCH)]);
    if (consumed.out.records !== o.records) throw new Error(`raw consumer read ${consumed.out.records} of ${o.records} records`);
    const d = await drain(topic, `bench/${topic}/rep-${r}/`);
    if (d.records !== o.records) throw new Error(`handler backed up ${d.records} of ${o.records} records`);
    const uploaded = await runRaw("raw-cos-upload.cjs", [cosEndpoint(), TEST_BUCKET, `bench/${topic}/raw-upload-${r}/`, String(d.storedBytes), String(PART_BYTES)]);
    const rawRate = o.records / (consumed.elapsedMs / 1000);
    const handlerRate = o.records / (d.elapsedMs / 1000);
    const uploadRate = d.storedBytes / MiB / (uploaded.elapsedMs / 1000);
    const handlerUploadRate = d.storedBytes / MiB / (d.elapsedMs / 1000);
    payloadMiB = consumed.out.bytes / MiB;
    raw.push(rawRate);
    rawMiB.push(payloadMiB / (consumed.elapsedMs / 1000));
    handler.push(handlerRate);
    handlerMiB.push(payloadMiB / (d.elapsedMs / 1000));
    upload.push(uploadRate);
    ratios.push(handlerRate / rawRate);
    uploadRatios.push(handlerUploadRate / uploadRate);
    rss.push(d.maxRssKiB / 1024);
    last = d;
    console.log(
      `rep ${r}: raw kafkajs ${(consumed.elapsedMs / 1000).toFixed(1)} s, handler ${(d.elapsedMs / 1000).toFixed(1)} s in ${d.invocations} invocation(s), ` +
        `raw upload ${(uploaded.elapsedMs / 1000).toFixed(1)} s, ratio ${(handlerRate / rawRate).toFixed(2)}`,
    );
  }
  return [
    `Backlog: ${o.records.toLocaleString("en")} records × ${o.valueBytes} B values over ${o.partitions} partitions ` +
      `(${payloadMiB.toFixed(0)} MiB of keys and values; produced in ${produceS.toFixed(1)} s). ${o.repeats} repetitions; each cell is median (min–max).`,
    "",
    table(
      ["", "records/s", "MiB/s", "peak RSS MiB"],
      [
        ["raw kafkajs consumption (no-op)", fmt(spread(raw), 0), fmt(spread(rawMiB)), ""],
        ["handler, gzip (full drain)", fmt(spread(handler), 0), fmt(spread(handlerMiB)), fmt(spread(rss), 0)],
        ["**handler ÷ raw kafkajs**", `**${fmt(spread(ratios), 2)}**`, "", ""],
        ["raw cos-nodejs-sdk-v5 upload of the stored bytes", "", fmt(spread(upload)), ""],
        ["handler's upload rate ÷ raw upload", fmt(spread(uploadRatios), 2), "", ""],
      ],
    ),
    "",
    last
      ? `Last drain: ${last.objects} objects, ${(last.storedBytes / MiB).toFixed(1)} MiB stored ` +
        `(${(last.storedBytes / last.objects / MiB).toFixed(1)} MiB per object on average) from ${(last.encodedBytes / MiB).toFixed(1)} MiB of JSON Lines ` +
        `(gzip ratio ${(last.encodedBytes / last.storedBytes).toFixed(1)}×), ${last.invocations} invocation(s).`
      : "",
  ].join("\n");
}
