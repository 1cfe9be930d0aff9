// `estimate` against a real broker with a producer running at a known rate: the rate it reports, the sizes it
// samples, and advice that holds — one tick's worth of records at that rate, backed up by the bundled handler
// with the advised settings, within the tick.
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { quietProgress } from "../../cli/progress";
import type { BackupPlan } from "../../cli/cost-model";
import { timeoutFor } from "../../function/config";
import { invokeHandler, invokeTick, synthesizedEnvironment } from "../helpers/handler";
import { brokers, createTopic, produce, testKafka, uniqueName, type SentRecord } from "../helpers/kafka";

const PARTITIONS = 6;
const RATE = 600; // records per second
const VALUE_BYTES = 200;

const record = (i: number): SentRecord => ({
  partition: i % PARTITIONS,
  key: Buffer.from(`device-${i % 500}`),
  value: Buffer.from(JSON.stringify({ i, reading: (i * 7919) % 1000, pad: "x".repeat(VALUE_BYTES) }).slice(0, VALUE_BYTES)),
  headers: [["source", Buffer.from("sensor")]],
  timestamp: Date.now(),
});

/** Sends RATE records per second, paced by the wall clock so that a late timer catches up, until stopped. */
function pacedProducer(topic: string) {
  const producer = testKafka("ckb-paced").producer({ allowAutoTopicCreation: false });
  let stopped = false;
  let sent = 0;
  const running = (async () => {
    await producer.connect();
    const t0 = Date.now();
    while (!stopped) {
      const due = Math.floor(((Date.now() - t0) / 1000) * RATE);
      if (due > sent) {
        const batch = Array.from({ length: due - sent }, (_, k) => record(sent + k));
        await producer.send({ topic, acks: 1, messages: batch.map((r) => ({ partition: r.partition, key: r.key, value: r.value, headers: { source: "sensor" } })) });
        sent = due;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await producer.disconnect();
  })();
  return { stop: async () => ((stopped = true), await running, sent) };
}

let producer: ReturnType<typeof pacedProducer> | undefined;
afterAll(async () => void (await producer?.stop()));

describe("estimate", () => {
  it("reports a producer's known rate within 10 %, the sizes the handler writes, and advice a real run keeps", async () => {
    const topic = uniqueName("estimate");
    await createTopic(topic, PARTITIONS, { "retention.ms": String(3 * 86_400_000) });
    producer = pacedProducer(topic);
    await new Promise((r) => setTimeout(r, 2_000));

    const lines: string[] = [];
    const code = await main(["estimate", "--brokers", brokers().join(","), "--topic", topic, "--window", "15", "--sample", "50", "--json"], {}, (l) => lines.push(l), quietProgress);
    await producer.stop();
    producer = undefined;
    expect(code).toBe(0);
    const [plan] = JSON.parse(lines.join("\n")) as BackupPlan[];
    expect(plan.partitions).toBe(PARTITIONS);
    expect(Math.abs(plan.recordsPerSecond - RATE) / RATE).toBeLessThan(0.1);
    expect(plan.measured.retentionMs).toBe(3 * 86_400_000);
    const s = plan.measured.sample!;
    expect(s.records).toBe(PARTITIONS * 50);
    // Key, value and the header, as sent; the JSON line is longer; gzip makes it shorter.
    expect(s.recordBytes).toBeCloseTo("device-123".length + VALUE_BYTES + "source".length + "sensor".length, -1);
    expect(s.lineBytes).toBeGreaterThan(s.recordBytes);
    expect(s.storedBytes).toBeLessThan(s.lineBytes / 2);
    const advice = plan.recommended;
    expect(advice).toMatchObject({ timeGranularityMinutes: 5, parallelism: 1, memoryMiB: 512 });

    // One tick's arrivals at the measured rate, then a tick of the backup with the advised settings.
    const tickSeconds = advice.timeGranularityMinutes * 60;
    const backlog = Math.round(plan.recordsPerSecond * tickSeconds);
    const drained = uniqueName("estimate-tick");
    await createTopic(drained, PARTITIONS);
    await produce(drained, Array.from({ length: backlog }, (_, i) => record(i)), 2_000);
    const env = synthesizedEnvironment({
      functionName: uniqueName("fn"),
      topic: drained,
      deliveryPathPrefix: `${drained}/`,
      timeGranularityMinutes: advice.timeGranularityMinutes,
      parallelism: advice.parallelism,
      memoryMiB: advice.memoryMiB,
      partitionMaxBytes: advice.partitionMaxBytes,
    });
    const runs = await invokeTick(env, advice.parallelism!, { timeLimitMs: timeoutFor(advice.timeGranularityMinutes) * 1000 });
    for (const run of runs) expect(run.ok, run.stderr).toBe(true);
    const manifests = runs.map((r) => r.result!);
    expect(manifests.reduce((n, m) => n + m.totals.records, 0)).toBe(backlog);
    expect(manifests.flatMap((m) => m.partitions.map((p) => p.stopReason)).every((r) => r === "caught-up")).toBe(true);
    for (const run of runs) expect(run.elapsedMs).toBeLessThan(tickSeconds * 1000);
  });

  it("with --compression zstd, prices zstd 1 and stores the sampled lines as the handler's zstd objects hold them", async () => {
    // Two partitions of about 300 KB of lines each: zstd frames of 256 KiB, as in objects of any size.
    const topic = uniqueName("estimate-zstd");
    await createTopic(topic, 2);
    const records = Array.from({ length: 2 * 1100 }, (_, i) => ({ ...record(i), partition: i % 2 }));
    await produce(topic, records, 1100);
    const lines: string[] = [];
    const args = ["estimate", "--brokers", brokers().join(","), "--topic", topic, "--window", "1", "--sample", "1100", "--json"];
    expect(await main([...args, "--compression", "zstd"], {}, (l) => lines.push(l), quietProgress)).toBe(0);
    const [plan] = JSON.parse(lines.join("\n")) as BackupPlan[];
    expect(plan.codec).toEqual({ compression: "zstd", level: 1 });
    const s = plan.measured.sample!;
    expect(s.records).toBe(records.length);

    // The same records backed up by the handler with zstd 1: the bytes it stores per record.
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: `${topic}/`, compression: "zstd" });
    const run = await invokeHandler(env, { timeLimitMs: 120_000 });
    expect(run.ok, run.stderr).toBe(true);
    const handler = run.result!.totals;
    expect(handler.records).toBe(records.length);
    expect(s.lineBytes).toBeCloseTo(handler.encodedBytes / handler.records, 1);
    // The sample's lines in one run of frames, the backup's in one per partition: close, not equal.
    expect(Math.abs(s.storedBytes - handler.storedBytes / handler.records) / (handler.storedBytes / handler.records)).toBeLessThan(0.1);

    // gzip 6, the default, on the same records: other stored bytes, and zstd 1 is priced cheaper per record.
    lines.length = 0;
    expect(await main(args, {}, (l) => lines.push(l), quietProgress)).toBe(0);
    const [gzip] = JSON.parse(lines.join("\n")) as BackupPlan[];
    expect(gzip.codec).toEqual({ compression: "gzip", level: 6 });
    expect(gzip.measured.sample!.storedBytes).not.toBeCloseTo(s.storedBytes, 0);
    expect(plan.byGranularity[0].instanceCapacityRecordsPerTick).toBeGreaterThan(gzip.byGranularity[0].instanceCapacityRecordsPerTick);
  });

  it("with --one-function, sizes one construct backing up the topics: their partitions, rates and samples together, beside each topic's own plan", async () => {
    const [a, b] = [uniqueName("estimate-one-a"), uniqueName("estimate-one-b")];
    await createTopic(a, 2);
    await createTopic(b, 3);
    await produce(a, Array.from({ length: 40 }, (_, i) => ({ ...record(i), partition: i % 2 })), 40);
    await produce(b, Array.from({ length: 60 }, (_, i) => ({ ...record(i), partition: i % 3, value: Buffer.alloc(600, 120) })), 60);
    const lines: string[] = [];
    expect(await main(["estimate", "--brokers", brokers().join(","), "--topic", a, "--topic", b, "--window", "1", "--sample", "50", "--one-function", "--json"], {}, (l) => lines.push(l), quietProgress)).toBe(0);
    const { topics, oneFunction } = JSON.parse(lines.join("\n")) as { topics: BackupPlan[]; oneFunction: BackupPlan };
    expect(topics.map((p) => [p.topic, p.partitions, p.measured.sample!.records])).toEqual([[a, 2, 40], [b, 3, 60]]);
    expect(oneFunction.topic).toBe(`${a}, ${b}`);
    expect(oneFunction.partitions).toBe(5);
    expect(oneFunction.measured.partitionNumbers).toEqual([0, 1, 0, 1, 2]);
    expect(oneFunction.measured.sample!.records).toBe(100);
    const [la, lb] = topics.map((p) => p.measured.sample!.lineBytes);
    expect(oneFunction.measured.sample!.lineBytes).toBeGreaterThan(Math.min(la, lb));
    expect(oneFunction.measured.sample!.lineBytes).toBeLessThan(Math.max(la, lb));
  });

  it("refuses bad options naming them, and a missing topic fails naming the brokers and the topic", async () => {
    const run = async (...args: string[]) => {
      const lines: string[] = [];
      try {
        return { code: await main(args, {}, (l) => lines.push(l), quietProgress), lines };
      } catch (err) {
        return { code: -1, lines: [...lines, (err as Error).message] };
      }
    };
    expect((await run("estimate", "--topic", "t")).lines.join(" ")).toMatch(/--brokers/);
    expect((await run("estimate", "--brokers", brokers()[0], "--topic", "t", "--cpu-share", "0")).lines.join(" ")).toMatch(/--cpu-share: "0" is not a number from 0.05 to 8/);
    expect((await run("estimate", "--brokers", brokers()[0], "--topic", "t", "--window", "x")).lines.join(" ")).toMatch(/--window: "x" is not a whole number/);
    const missing = await run("estimate", "--brokers", brokers()[0], "--topic", uniqueName("absent"), "--window", "1", "--timeout", "5");
    expect(missing.code).toBe(-1);
    expect(missing.lines.join(" ")).toMatch(new RegExp(`Kafka ${brokers()[0]}: end offsets of "absent-`));
  });
});
