// The bundled handler inside a memory cgroup of the function's size, as SCF runs it (on SCF's Node.js
// 18.15 unless CKB_HANDLER_NODE names another node): backlogs of small records over many partitions, and
// of large random values, are backed up exactly once without any run being killed for its memory.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runBackup } from "../../function/backup-run";
import { ENV, fromEnvironment } from "../../function/config";
import { CosStorage } from "../../function/cos-storage";
import { expectExactlyOnce } from "../helpers/assertions";
import { cosEndpoint } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { committedOffsets, createTopic, partitionOffsets, produce, testKafka, textRecords, uniqueName, type SentRecord } from "../helpers/kafka";
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

// In-process, because the process must look over its memory on cue: after its first object is stored.
describe("a run that cannot get back under its memory", () => {
  it("holds back, stores and commits what it read, ends with stop reason memory, and the next run goes on: every record once", async () => {
    const topic = uniqueName("mem-stop");
    const prefix = `${topic}/`;
    await createTopic(topic, 4);
    const sent = textRecords(40_000, 4, 200);
    await produce(topic, sent, 2_000);
    const env = synthesizedEnvironment({ functionName: topic, topic, deliveryPathPrefix: prefix }, { [ENV.partitionMaxBytes]: String(1024 * 1024) });
    const config = fromEnvironment(env);
    const storage = new CosStorage({ ...config, cosEndpoint: cosEndpoint() }, { secretId: "test-id", secretKey: "test-key" });
    let stored = 0;
    const put = storage.putObject.bind(storage);
    storage.putObject = async (key, body) => {
      await put(key, body);
      stored++;
    };
    const MiB = 1024 * 1024;
    // 500 of 512 MiB from the first object on, whatever is collected: over the line (3/4) for good.
    const probe = { read: () => ({ rssBytes: (stored ? 500 : 100) * MiB, heapUsedBytes: 50 * MiB }), collect: () => undefined, heapLimitBytes: () => 256 * MiB };
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const [first] = (await runBackup({ config, kafka: testKafka(), storage, runId: "over", deadlineAt: Date.now() + 60_000, log, memoryMiB: 512, memoryProbe: probe })).manifests;

    expect(first.memory).toMatchObject({ budgetMiB: 512, throttled: 1, peakRssMiB: 500 });
    expect(first.totals.records).toBeGreaterThan(0);
    expect(first.totals.records).toBeLessThan(sent.length);
    expect(new Set(first.partitions.map((p) => p.stopReason))).toContain("memory");
    for (const p of first.partitions) {
      expect(["memory", "caught-up"]).toContain(p.stopReason);
      // Whatever it read is stored and committed: the next run starts right after it.
      expect(p.committedOffset).toBe(p.lastOffsetWritten === null ? null : p.lastOffsetWritten + 1);
      if (p.records) expect(p.committedOffset).toBe(p.planned.start + p.records);
    }
    const committed = await committedOffsets(topic, topic);
    for (const p of first.partitions) if (p.committedOffset !== null) expect(committed.get(p.partition)).toBe(p.committedOffset);

    const next = await invokeHandler(env);
    expect(next.ok, next.stderr).toBe(true);
    expect(first.totals.records + next.result!.totals.records).toBe(sent.length);
    await expectExactlyOnce(prefix, sent);
  });
});
