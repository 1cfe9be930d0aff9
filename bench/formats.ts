// The two object formats side by side in one run: the bundled handler draining the same backlogs with
// format "jsonl" (gzip, the default level) and "parquet", in rotating order. Throughput: event-like
// values (CPU per record, records/s, peak RSS, stored bytes). Memory: random values over 64 partitions,
// the memory scenario's worst case (every open object fills whole parts; peak RSS).
import type { Format } from "../function/formats/registry";
import { uniqueName } from "../test/helpers/kafka";
import { produceBacklog } from "./backlog";
import { drain } from "./drain";
import { MiB, fmt, spread, table } from "./stats";

export interface FormatsOptions {
  /** Records of the throughput backlog (12 partitions). */
  records: number;
  /** Records of the memory backlog (64 partitions). */
  memoryRecords: number;
  valueBytes: number;
  repeats: number;
}

const FORMATS: Format[] = ["jsonl", "parquet"];

async function compare(label: string, topic: string, records: number, repeats: number): Promise<string[][]> {
  const cpu = FORMATS.map(() => [] as number[]);
  const rate = FORMATS.map(() => [] as number[]);
  const rss = FORMATS.map(() => [] as number[]);
  const stored = FORMATS.map(() => [] as number[]);
  for (let r = 0; r < repeats; r++) {
    for (let k = 0; k < FORMATS.length; k++) {
      const i = (k + r) % FORMATS.length;
      const d = await drain(topic, `bench/${topic}/${FORMATS[i]}-${r}/`, { format: FORMATS[i] });
      // More records than the backlog: a run read some twice (an object dropped in a rebalance, written again by the next).
      if (d.records < records) throw new Error(`${FORMATS[i]} backed up ${d.records} of ${records} records`);
      cpu[i].push(d.cpuMicros / d.records);
      rate[i].push(d.records / (d.elapsedMs / 1000));
      rss[i].push(d.maxRssKiB / 1024);
      stored[i].push(d.storedBytes / MiB);
      console.log(`${label}, ${FORMATS[i]}: rep ${r + 1}: ${(d.cpuMicros / 1e6).toFixed(2)} CPU-s, ${(d.elapsedMs / 1000).toFixed(1)} s, peak RSS ${(d.maxRssKiB / 1024).toFixed(0)} MiB, ${d.invocations} invocation(s), ${d.records} records written`);
    }
  }
  return FORMATS.map((f, i) => [
    label,
    f === "jsonl" ? "jsonl (gzip 6)" : "parquet (gzip 1 pages)",
    `**${fmt(spread(cpu[i]), 2)}**`,
    fmt(spread(rate[i]), 0),
    `**${fmt(spread(rss[i]), 0)}**`,
    fmt(spread(stored[i]), 1),
  ]);
}

export async function formats(o: FormatsOptions): Promise<string> {
  const events = uniqueName("bench-formats-events");
  await produceBacklog({ topic: events, partitions: 12, records: o.records, valueBytes: o.valueBytes });
  const random = uniqueName("bench-formats-random");
  await produceBacklog({ topic: random, partitions: 64, records: o.memoryRecords, valueBytes: o.valueBytes, values: "random" });
  const rows = [
    ...(await compare(`${o.records.toLocaleString("en")} event-like records, 12 partitions`, events, o.records, o.repeats)),
    ...(await compare(`${o.memoryRecords.toLocaleString("en")} random records, 64 partitions`, random, o.memoryRecords, o.repeats)),
  ];
  return [
    `${o.valueBytes} B values, a key and one header per record; default settings (64 MiB partition_max, 4 open objects). ` +
      `${o.repeats} drains per format and backlog, formats in rotating order, each drain with a new consumer group; median (min–max). ` +
      "CPU: user + system of the handler's processes, thread pool included, per record written (the producer's retries can put a few more records in a backlog than asked for).",
    "",
    table(["backlog", "format", "CPU-s per million records", "records/s (wall)", "peak RSS MiB", "stored MiB"], rows),
  ].join("\n");
}
