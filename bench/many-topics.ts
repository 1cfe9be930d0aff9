// Many topics: the same records as 20 topics of 6 partitions (one backup by pattern) and as one topic of 120
// partitions (one backup of that topic), drained by one handler run each, in alternating order, each run with a
// new consumer group. Reports CPU seconds per million records (user + system of the handler's process, over the
// records it wrote) and the process's peak RSS, side by side: what one function serving many topics costs.
import { ENV } from "../function/config";
import { invokeHandler, synthesizedEnvironment } from "../test/helpers/handler";
import { partitionOffsets, uniqueName } from "../test/helpers/kafka";
import { produceBacklog } from "./backlog";
import { fmt, spread, table } from "./stats";
import type { RunReport } from "../function/contracts";

export interface ManyTopicsOptions {
  records: number;
  valueBytes: number;
  topics: number;
  partitionsPerTopic: number;
  repeats: number;
}

export async function manyTopics(o: ManyTopicsOptions): Promise<string> {
  const base = uniqueName("bench-topics");
  const perTopic = Math.floor(o.records / o.topics);
  const records = perTopic * o.topics;
  for (let i = 0; i < o.topics; i++) {
    await produceBacklog({ topic: `${base}-m${String(i).padStart(2, "0")}`, partitions: o.partitionsPerTopic, records: perTopic, valueBytes: o.valueBytes });
  }
  const single = `${base}-one`;
  await produceBacklog({ topic: single, partitions: o.topics * o.partitionsPerTopic, records, valueBytes: o.valueBytes });
  // What the topics hold: the producer is not idempotent, so a retried send under load can add a few records.
  const held = async (topics: string[]) => {
    let n = 0;
    for (const t of topics) for (const { low, high } of (await partitionOffsets(t)).values()) n += high - low;
    return n;
  };
  const manyNames = Array.from({ length: o.topics }, (_, i) => `${base}-m${String(i).padStart(2, "0")}`);
  const variants = [
    { label: `${o.topics} topics × ${o.partitionsPerTopic} partitions (pattern)`, env: { [ENV.topic]: "", [ENV.topicPattern]: `${base}-m[0-9]+` }, records: await held(manyNames), cpu: [] as number[], rss: [] as number[] },
    { label: `1 topic × ${o.topics * o.partitionsPerTopic} partitions`, env: {} as Record<string, string>, records: await held([single]), cpu: [] as number[], rss: [] as number[] },
  ];
  for (let r = 0; r < o.repeats; r++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(k + r) % variants.length];
      const functionName = uniqueName("bench");
      const env = synthesizedEnvironment({ topic: single, functionName, deliveryPathPrefix: `${functionName}/` }, v.env);
      const run = await invokeHandler(env, { timeLimitMs: 900_000 });
      if (!run.ok || !run.result) throw new Error(`${v.label}: the run failed: ${run.error}\n${run.stderr.slice(-2000)}`);
      const result = run.result as unknown as RunReport & { totals?: { records: number } };
      const wrote = result.totals?.records ?? result.manifests.reduce((n, m) => n + m.totals.records, 0);
      if (wrote !== v.records) throw new Error(`${v.label}: the run wrote ${wrote} of ${v.records} records`);
      v.cpu.push((run.cpuMicros ?? 0) / 1e6 / (v.records / 1e6));
      v.rss.push((run.maxRssKiB ?? 0) / 1024);
      console.log(`${v.label}: ${v.records} records, ${((run.cpuMicros ?? 0) / 1e6).toFixed(1)} CPU-s, peak RSS ${((run.maxRssKiB ?? 0) / 1024).toFixed(0)} MiB`);
    }
  }
  const [many, one] = variants;
  return [
    `${variants.map((v) => `${v.records}`).join(" and ")} records of ${o.valueBytes} B (${records} produced to each side), one handler run per backup, ${o.repeats} repetition(s) in alternating order; median (min–max).`,
    "",
    table(
      ["backup", "CPU-s per million records", "peak RSS, MiB"],
      variants.map((v) => [v.label, fmt(spread(v.cpu), 2), fmt(spread(v.rss), 0)]),
    ),
    "",
    `Many topics ÷ one topic: CPU ${(spread(many.cpu).median / spread(one.cpu).median).toFixed(3)}, peak RSS ${(spread(many.rss).median / spread(one.rss).median).toFixed(3)}.`,
  ].join("\n");
}
