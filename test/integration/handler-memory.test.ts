// The bundled handler inside a memory cgroup of the function's size, as SCF runs it (on SCF's Node.js
// 18.15 unless CKB_HANDLER_NODE names another node): backlogs of small records over many partitions, and
// of large random values, are backed up exactly once without any run being killed for its memory.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { expectExactlyOnce } from "../helpers/assertions";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { committedOffsets, createTopic, partitionOffsets, produce, uniqueName, type SentRecord } from "../helpers/kafka";
import { memoryCgroupUnavailable } from "../helpers/memory-cgroup";

const unavailable = memoryCgroupUnavailable();
if (unavailable) console.warn(`handler-memory.test.ts skipped: ${unavailable}`);

/** Small application events, as a producer of events or readings writes them: a key, a header, JSON with random ids. */
function eventRecords(count: number, partitions: number, bytes: number): SentRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const head = `{"id":${i},"trace":"${randomBytes(bytes >> 3).toString("hex")}","note":"`;
    return {
      partition: i % partitions,
      key: Buffer.from(`user-${i % 10_000}`),
      value: Buffer.from(`${head.padEnd(bytes - 2, "status shipped ")}"}`),
      headers: [["source", Buffer.from("app")]],
      timestamp: 1_700_000_000_000 + i,
    };
  });
}

/** Random values: nothing compresses, so every open object fills whole parts. */
function randomRecords(count: number, partitions: number, bytes: number): SentRecord[] {
  return Array.from({ length: count }, (_, i) => ({ partition: i % partitions, key: Buffer.from(`k${i}`), value: randomBytes(bytes), headers: [], timestamp: 1_700_000_000_000 + i }));
}

/**
 * Backs `sent` up with ticks of the handler in a cgroup of `memoryMiB` until every partition has committed
 * its end; each tick must end on its own (not killed), and the backup must hold every record once.
 * `withoutNodeOptions`: as if SCF's launcher ignored NODE_OPTIONS, so that only the handler's guard holds it.
 */
async function backupWithin(memoryMiB: number, partitions: number, sent: SentRecord[], batch: number, withoutNodeOptions = false): Promise<void> {
  const topic = uniqueName(`mem-${memoryMiB}-${partitions}p`);
  await createTopic(topic, partitions);
  await produce(topic, sent, batch);
  const env = synthesizedEnvironment({ topic, functionName: topic, deliveryPathPrefix: `${topic}/`, memoryMiB });
  if (withoutNodeOptions) delete env.NODE_OPTIONS;
  const ends = await partitionOffsets(topic);
  const peaks: string[] = [];
  for (let tick = 1; ; tick++) {
    const r = await invokeHandler(env, { memoryLimitMiB: memoryMiB, timeLimitMs: 300_000, requestId: `${topic}-${tick}` });
    peaks.push(`tick ${tick}: cgroup peak ${Math.round(r.cgroup!.peakBytes / 2 ** 20)} MiB, ${r.result?.totals.records ?? "?"} records, memory ${JSON.stringify(r.result?.memory)}`);
    expect(r.cgroup!.oomKills, `tick ${tick} was killed for its memory (${peaks.join("; ")})\n${r.stderr.slice(-1500)}`).toBe(0);
    expect(r.ok, `tick ${tick} failed: ${r.error}\n${r.stderr.slice(-1500)}`).toBe(true);
    // SCF's runtime, unless the developer picked another node.
    if (!process.env.CKB_HANDLER_NODE) expect(r.nodeVersion).toBe("v18.15.0");
    const committed = await committedOffsets(topic, topic);
    if ([...ends].every(([p, { high }]) => (committed.get(p) ?? 0) >= high)) break;
    expect(tick, `not backed up after ${tick} ticks (${peaks.join("; ")})`).toBeLessThan(10);
  }
  console.log(`${topic}: ${peaks.join("; ")}`);
  await expectExactlyOnce(`${topic}/`, sent);
}

describe.skipIf(unavailable)("the handler within the function's memory", () => {
  it("256 MiB: 1,000,000 records of about 100 B over 12 partitions", async () => {
    await backupWithin(256, 12, eventRecords(1_000_000, 12, 100), 5_000);
  });

  it("256 MiB without NODE_OPTIONS (V8 sized from the machine): the handler's guard alone", async () => {
    await backupWithin(256, 12, eventRecords(1_000_000, 12, 100), 5_000, true);
  });

  it("512 MiB: small records over 64 partitions", async () => {
    await backupWithin(512, 64, eventRecords(500_000, 64, 100), 5_000);
  });

  it("512 MiB: small records over 128 partitions", async () => {
    await backupWithin(512, 128, eventRecords(500_000, 128, 100), 5_000);
  });

  it("512 MiB: 2 KiB random values over 64 partitions", async () => {
    await backupWithin(512, 64, randomRecords(150_000, 64, 2048), 300);
  });
});
