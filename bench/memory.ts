// Memory: the handler's peak RSS (kernel accounting: VmHWM of its process, test/helpers/peak-rss.cjs) as the
// backlog grows (should stay flat), as partitions grow (bounded by the open-object budget), and with
// other budgets, for the trade-off. Values are random bytes: nothing compresses, so every open object
// fills whole parts, the worst case for memory.
import { LIMITS } from "../function/config";
import type { Format } from "../function/formats/registry";
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

interface Case {
  label: string;
  partitions: number;
  records: number;
  /** Open objects allowed. */
  open: number;
  format: Format;
}

async function measure(c: Case, o: MemoryOptions, topics: Map<string, string>): Promise<string[]> {
  // Cases with the same backlog share its topic; each drain uses a new consumer group.
  const backlog = `${c.partitions}p-${c.records}`;
  let topic = topics.get(backlog);
  if (!topic) {
    topic = uniqueName(`bench-mem-${backlog}`);
    await produceBacklog({ topic, partitions: c.partitions, records: c.records, valueBytes: o.valueBytes, values: "random" });
    topics.set(backlog, topic);
  }
  const rss: number[] = [];
  const seconds: number[] = [];
  let last: Awaited<ReturnType<typeof drain>> | undefined;
  for (let r = 1; r <= o.repeats; r++) {
    const d = await drain(topic, `bench/${topic}/${c.format}-open-${c.open}-rep-${r}/`, { maxOpenObjects: c.open, format: c.format });
    if (d.records < c.records) throw new Error(`handler backed up ${d.records} of ${c.records} records`);
    rss.push(d.maxRssKiB / 1024);
    seconds.push(d.elapsedMs / 1000);
    last = d;
    console.log(`${c.label}, ${c.format}, ${c.open} open: rep ${r}: peak RSS ${(d.maxRssKiB / 1024).toFixed(0)} MiB, ${(d.elapsedMs / 1000).toFixed(1)} s`);
  }
  return [
    c.label,
    c.format,
    String(c.partitions),
    c.open === LIMITS.maxOpenObjects.default ? `${c.open} (default)` : String(c.open),
    `${c.records.toLocaleString("en")} (${((c.records * o.valueBytes) / MiB).toFixed(0)} MiB)`,
    `${last!.objects} / ${(last!.storedBytes / MiB).toFixed(0)} MiB`,
    String(last!.slotWaits),
    fmt(spread(seconds)),
    `**${fmt(spread(rss), 0)}**`,
  ];
}

export async function memory(o: MemoryOptions): Promise<string> {
  const open = LIMITS.maxOpenObjects.default;
  // Each case in both formats, one after the other, on the same backlog.
  const both = (c: Omit<Case, "format">): Case[] => (["jsonl", "parquet"] as const).map((format) => ({ ...c, format }));
  const cases: Case[] = [
    ...[1, 4, 16].flatMap((m) => both({ label: `${m}× backlog`, partitions: 12, records: o.baseRecords * m, open })),
    ...[4, 16, 64].flatMap((p) => both({ label: `${p} partitions`, partitions: p, records: o.baseRecords * 4, open })),
    ...[1, 16].flatMap((n) => both({ label: "64 partitions", partitions: 64, records: o.baseRecords * 4, open: n })),
  ];
  const topics = new Map<string, string>();
  const rows: string[][] = [];
  for (const c of cases) rows.push(await measure(c, o, topics));
  return [
    `Random ${o.valueBytes} B values (JSON Lines stores them as base64, gzip gains little; Parquet as they are), 64 MiB partition_max, 5 MiB parts. ` +
      `${o.repeats} drains each, each with a new consumer group; median (min–max).`,
    "",
    table(["case", "format", "partitions", "open objects", "records", "objects / stored (last drain)", "slot waits", "drain s", "peak RSS MiB"], rows),
  ].join("\n");
}
