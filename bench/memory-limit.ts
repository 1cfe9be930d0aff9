// Memory limit: the handler on SCF's Node.js 18.15 (test/helpers/handler.ts) backing up backlogs of small
// records and of random 2 KiB values, inside a memory cgroup of the function's size as SCF runs it, against
// the same handler with nothing telling it or V8 the function's memory and no limit (how it ran before the
// heap limit and the memory guard). And, since whether SCF honours NODE_OPTIONS is unverified, inside the
// limit without NODE_OPTIONS: the memory guard alone.
import { execFileSync } from "node:child_process";
import { ENV } from "../function/config";
import { HEAP_SHARE } from "../lib/handler-memory";
import { handlerNode } from "../test/helpers/handler";
import { uniqueName } from "../test/helpers/kafka";
import { produceBacklog } from "./backlog";
import { drain, type DrainOptions } from "./drain";
import { MiB, fmt, spread, table } from "./stats";

interface Case {
  memoryMiB: number;
  partitions: number;
  records: number;
  valueBytes: number;
  values: "event" | "random";
}

const VARIANTS: Array<{ label: string; options: (c: Case) => DrainOptions }> = [
  { label: "in a cgroup of memoryMiB, the construct's environment", options: (c) => ({ memoryMiB: c.memoryMiB, memoryLimitMiB: c.memoryMiB }) },
  {
    // Node 18's young generation is 3 × 16 MiB semi-spaces whatever the old space: 48 MiB of a 256 MiB function.
    label: "in a cgroup of memoryMiB, the construct's environment with --max-semi-space-size=8",
    options: (c) => ({ memoryMiB: c.memoryMiB, memoryLimitMiB: c.memoryMiB, env: { NODE_OPTIONS: `--max-old-space-size=${c.memoryMiB * HEAP_SHARE} --max-semi-space-size=8` } }),
  },
  { label: "in a cgroup of memoryMiB, without NODE_OPTIONS (the guard alone)", options: (c) => ({ memoryMiB: c.memoryMiB, memoryLimitMiB: c.memoryMiB, withoutEnv: ["NODE_OPTIONS"] }) },
  { label: "no limit, memory untold (no NODE_OPTIONS, no CKB_MEMORY_MIB)", options: (c) => ({ memoryMiB: c.memoryMiB, withoutEnv: ["NODE_OPTIONS", ENV.memoryMiB] }) },
];

export async function memoryLimit(o: { records: number; repeats: number }): Promise<string> {
  const node = handlerNode();
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  const cases: Case[] = [
    { memoryMiB: 256, partitions: 12, records: o.records, valueBytes: 100, values: "event" },
    { memoryMiB: 512, partitions: 64, records: o.records, valueBytes: 100, values: "event" },
    { memoryMiB: 512, partitions: 64, records: Math.round(o.records / 8), valueBytes: 2048, values: "random" },
  ];
  const rows: string[][] = [];
  for (const c of cases) {
    const topic = uniqueName(`bench-limit-${c.memoryMiB}-${c.partitions}p`);
    await produceBacklog({ topic, partitions: c.partitions, records: c.records, valueBytes: c.valueBytes, values: c.values });
    // Variants take turns in each repetition, so that a change in the machine's load touches all of them.
    const got = VARIANTS.map(() => ({ rss: [] as number[], cgroup: [] as number[], cpu: [] as number[], ticks: [] as number[], throttled: [] as number[], collections: [] as number[] }));
    for (let r = 1; r <= o.repeats; r++) {
      for (const [i, v] of VARIANTS.entries()) {
        const d = await drain(topic, `bench/${topic}/v${i}-rep-${r}/`, v.options(c));
        if (d.records < c.records) throw new Error(`handler backed up ${d.records} of ${c.records} records`);
        got[i].rss.push(d.maxRssKiB / 1024);
        got[i].cgroup.push(d.cgroupPeakBytes / MiB);
        got[i].cpu.push(d.cpuMicros / 1e6 / (c.records / 1e6));
        got[i].ticks.push(d.invocations);
        got[i].throttled.push(d.throttled);
        got[i].collections.push(d.collections);
        console.log(`${topic} ${v.label}: rep ${r}: peak RSS ${(d.maxRssKiB / 1024).toFixed(0)} MiB, ${(d.cpuMicros / 1e6).toFixed(1)} CPU-s, ${d.invocations} tick(s)`);
      }
    }
    for (const [i, v] of VARIANTS.entries()) {
      const g = got[i];
      rows.push([
        `${c.memoryMiB} MiB: ${c.records.toLocaleString("en")} × ${c.valueBytes} B ${c.values}, ${c.partitions} partitions`,
        v.label,
        `**${fmt(spread(g.rss), 0)}**`,
        v.options(c).memoryLimitMiB ? fmt(spread(g.cgroup), 0) : "",
        `**${fmt(spread(g.cpu), 2)}**`,
        fmt(spread(g.ticks), 0),
        fmt(spread(g.collections), 0),
        fmt(spread(g.throttled), 0),
      ]);
    }
  }
  return [
    `The handler on Node.js ${version} (\`${node}\`). ${o.repeats} drains per variant, taking turns, each with a new consumer group; median (min–max). ` +
      "Peak RSS: the process's VmHWM, largest over a drain's ticks; cgroup peak: memory.max_usage_in_bytes (page cache included). " +
      "CPU-s per million records: user + system of the handler's processes over the drain.",
    "",
    table(["backlog", "variant", "peak RSS MiB", "cgroup peak MiB", "CPU-s per million records", "ticks", "guard's collections", "held back"], rows),
  ].join("\n");
}
