// Memory: the handler's peak RSS (kernel accounting, getrusage ru_maxrss of its process) as the
// backlog grows (should stay flat) and as the partition count grows (bounded by partitions × part).
import { uniqueName } from "../test/helpers/kafka";
import { produceBacklog } from "./backlog";
import { drain } from "./drain";
import { MiB, fmt, spread, table } from "./stats";

export interface MemoryOptions {
  /** Records in the 1× backlog. */
  baseRecords: number;
  valueBytes: number;
  repeats: number;
}

async function measure(label: string, partitions: number, records: number, o: MemoryOptions): Promise<string[]> {
  const topic = uniqueName(`bench-mem-${partitions}p`);
  await produceBacklog({ topic, partitions, records, valueBytes: o.valueBytes });
  const rss: number[] = [];
  const seconds: number[] = [];
  let objects = 0;
  for (let r = 1; r <= o.repeats; r++) {
    const d = await drain(topic, `bench/${topic}/rep-${r}/`);
    if (d.records !== records) throw new Error(`handler backed up ${d.records} of ${records} records`);
    rss.push(d.maxRssKiB / 1024);
    seconds.push(d.elapsedMs / 1000);
    objects = d.objects;
    console.log(`${label}: rep ${r}: peak RSS ${(d.maxRssKiB / 1024).toFixed(0)} MiB, ${(d.elapsedMs / 1000).toFixed(1)} s`);
  }
  const backlogMiB = (records * o.valueBytes) / MiB;
  return [label, String(partitions), `${records.toLocaleString("en")} (${backlogMiB.toFixed(0)} MiB)`, String(objects), fmt(spread(seconds)), fmt(spread(rss), 0)];
}

export async function memory(o: MemoryOptions): Promise<string> {
  const rows: string[][] = [];
  for (const multiple of [1, 4, 16]) rows.push(await measure(`${multiple}× backlog`, 12, o.baseRecords * multiple, o));
  for (const partitions of [4, 16, 64]) rows.push(await measure(`${partitions} partitions`, partitions, o.baseRecords, o));
  return [
    `Values of ${o.valueBytes} B, gzip on, 64 MiB partition_max, 8 MiB parts. ${o.repeats} drains each; median (min–max).`,
    "",
    table(["case", "partitions", "records", "objects", "drain s", "peak RSS MiB"], rows),
  ].join("\n");
}
