// Fetch size: raw kafkajs consumption with the per-fetch cap (`maxBytes`) at kafkajs's default
// 10 MiB and smaller, side by side: what the handler's FETCH setting costs and saves.
import { FETCH } from "../function/run-loop";
import { brokers, uniqueName } from "../test/helpers/kafka";
import { produceBacklog } from "./backlog";
import { MiB, fmt, spread, table } from "./stats";
import { runRaw } from "./throughput";

export async function fetchSize(records: number, repeats: number): Promise<string> {
  const topic = uniqueName("bench-fetch");
  await produceBacklog({ topic, partitions: 12, records, valueBytes: 1024 });
  const sizes = [10, 4, 2];
  const seconds = new Map<number, number[]>(sizes.map((s) => [s, []]));
  const rss = new Map<number, number[]>(sizes.map((s) => [s, []]));
  const ratio = new Map<number, number[]>(sizes.map((s) => [s, []]));
  for (let r = 0; r < repeats; r++) {
    let base = 0;
    for (const size of sizes) {
      const fetch = { ...FETCH, maxBytes: size * MiB };
      const run = await runRaw("raw-kafkajs-consume.cjs", [brokers().join(","), topic, JSON.stringify(fetch)]);
      if (run.out.records !== records) throw new Error(`read ${run.out.records} of ${records} records`);
      if (size === sizes[0]) base = run.elapsedMs;
      seconds.get(size)!.push(run.elapsedMs / 1000);
      rss.get(size)!.push(run.out.maxRssKiB / 1024);
      ratio.get(size)!.push(run.elapsedMs / base);
    }
  }
  return [
    `Raw kafkajs consumption of ${records.toLocaleString("en")} × 1 KiB records over 12 partitions, 1 MiB per partition per fetch. ` +
      `${repeats} rounds, sizes interleaved; median (min–max). The handler uses ${FETCH.maxBytes / MiB} MiB.`,
    "",
    table(
      ["fetch maxBytes", "seconds", "time ÷ 10 MiB (pairwise)", "peak RSS MiB"],
      sizes.map((s) => [`${s} MiB`, fmt(spread(seconds.get(s)!), 2), fmt(spread(ratio.get(s)!), 2), fmt(spread(rss.get(s)!), 0)]),
    ),
  ].join("\n");
}
