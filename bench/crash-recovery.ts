// Crash recovery: how long the run after a SIGKILLed one takes. The killed run cannot leave the
// consumer group, so the next one's join waits until the coordinator drops the dead member.
// An earlier handler (BENCH_BASELINE_SCRIPT or BENCH_BASELINE, run.ts) runs too, interleaved, for a comparison.
import { invokeHandler, synthesizedEnvironment } from "../test/helpers/handler";
import { ENV } from "../function/config";
import { createTopic, groupJoined, produce, uniqueName, type SentRecord } from "../test/helpers/kafka";
import { fmt, spread, table } from "./stats";

const PARTITIONS = 3;
const RECORDS = 30_000;

async function freshTopic(): Promise<{ env: Record<string, string> }> {
  const topic = uniqueName("bench-crash");
  await createTopic(topic, PARTITIONS);
  const records: SentRecord[] = Array.from({ length: RECORDS }, (_, i) => ({
    partition: i % PARTITIONS,
    key: Buffer.from(`k${i}`),
    value: Buffer.from(`${i}:`.padEnd(200, "x")),
    headers: [],
    timestamp: 1_700_000_000_000 + i,
  }));
  await produce(topic, records);
  return { env: synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: `${topic}/` }) };
}

interface Variant {
  name: string;
  script?: string;
  afterKill: number[];
  fresh: number[];
  notAssigned: number;
  failed: number;
  /** Runs that finished before their kill: no crash to recover from. */
  notKilled: number;
}

export async function crashRecovery(trials: number, baseline = process.env.BENCH_BASELINE_SCRIPT): Promise<string> {
  const variants: Variant[] = [
    ...(baseline ? [{ name: `baseline (${baseline})`, script: baseline }] : []),
    { name: "this tree", script: undefined },
  ].map((v) => ({ ...v, afterKill: [], fresh: [], notAssigned: 0, failed: 0, notKilled: 0 }));
  for (let t = 1; t <= trials; t++) {
    for (const v of variants) {
      const { env } = await freshTopic();
      // Killed as soon as it holds its partitions: it is a member of the group and cannot leave it.
      const killed = await invokeHandler(env, { killOn: groupJoined(env[ENV.groupId]), script: v.script });
      if (!killed.killed || killed.ok) {
        v.notKilled++;
        continue;
      }
      const next = await invokeHandler(env, { script: v.script });
      v.afterKill.push(next.elapsedMs / 1000);
      if (!next.ok) v.failed++;
      v.notAssigned += next.result?.partitions.filter((p) => p.stopReason === "not-assigned").length ?? 0;
      console.log(`${v.name}: next run ${(next.elapsedMs / 1000).toFixed(1)} s`);
    }
    for (const v of variants) {
      const { env } = await freshTopic();
      v.fresh.push((await invokeHandler(env, { script: v.script })).elapsedMs / 1000);
    }
  }
  return [
    `${RECORDS} records of 200 B (about 6 MiB) over ${PARTITIONS} partitions; a run SIGKILLed as soon as it joined the group, then the next run timed (wall time of its process), ${trials} round(s), variants interleaved.`,
    "",
    table(
      ["handler", "run after a SIGKILL, s", "run with no crash before, s", "partitions left not-assigned", "failed runs", "runs that ended before their kill"],
      variants.map((v) => [v.name, fmt(spread(v.afterKill)), fmt(spread(v.fresh)), String(v.notAssigned), String(v.failed), String(v.notKilled)]),
    ),
  ].join("\n");
}
