// `estimate`: measures a topic on its brokers — the produce rate per partition over a window (end offsets at its
// start and end), the sizes of its newest records as the handler would write and compress them, its retention — and
// hands that to the cost model for settings and a monthly cost. Reads only: it commits nothing.
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Kafka, KafkaMessage } from "kafkajs";
import { JsonLinesEncoder } from "../function/formats/jsonl/encoder";
import { COMPRESS_CHUNK_BYTES } from "../function/formats/jsonl/writer";
import { zstdFrames } from "../function/formats/zstd";
import { kafkaCall, kafkaRead } from "./calls";
import type { Codec, TopicMeasurement } from "./cost-model";
import type { Progress } from "./progress";

export interface MeasureOptions {
  windowSeconds: number;
  /** Newest records read per partition for their sizes. */
  samplePerPartition: number;
  timeoutMs: number;
  brokers: string;
  progress: Progress;
  /** How the sampled lines are compressed for their stored size, as the handler would. */
  codec: Codec;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const endOffsets = (rows: Array<{ partition: number; high: string; low: string }>) => {
  const byPartition: Array<{ high: number; low: number }> = [];
  for (const r of rows) byPartition[r.partition] = { high: Number(r.high), low: Number(r.low) };
  return byPartition;
};

/** Waits `seconds`, reporting each second. */
async function wait(seconds: number, progress: Progress, label: string): Promise<void> {
  progress.start(label, seconds, "s");
  for (let s = 1; s <= seconds; s++) {
    await new Promise((r) => setTimeout(r, 1000));
    progress.update(s);
  }
  progress.stop();
}

function recordBytes(m: KafkaMessage): number {
  let bytes = (m.key?.length ?? 0) + (m.value?.length ?? 0);
  for (const [name, v] of Object.entries(m.headers ?? {})) {
    for (const value of Array.isArray(v) ? v : [v]) bytes += Buffer.byteLength(name) + (value === undefined ? 0 : Buffer.byteLength(value));
  }
  return bytes;
}

/** The bytes the handler stores for `lines`: gzip as one stream, zstd as one frame per chunk, as the JSON Lines writer does (function/formats/jsonl/writer.ts). */
async function storedBytes(lines: Buffer, codec: Codec): Promise<number> {
  if (codec.compression === "gzip") return gzipSync(lines, { level: codec.level }).length;
  if (codec.compression === "none") return lines.length;
  const frame = await zstdFrames(codec.level);
  let bytes = 0;
  for (let at = 0; at < lines.length; at += COMPRESS_CHUNK_BYTES) bytes += frame(lines.subarray(at, at + COMPRESS_CHUNK_BYTES)).length;
  return bytes;
}

/**
 * The newest `perPartition` records of each partition (below `ends`), read by a consumer of a group of its own
 * that commits nothing: their sizes, their JSON lines, and those lines compressed as `o.codec` says.
 */
async function sampleRecords(kafka: Kafka, topic: string, ends: Array<{ high: number; low: number }>, o: MeasureOptions): Promise<TopicMeasurement["sample"]> {
  const from = ends.map((e) => Math.max(e.low, e.high - o.samplePerPartition));
  const wanted = sum(ends.map((e, p) => e.high - from[p]));
  if (wanted === 0) return undefined;
  const encoder = new JsonLinesEncoder();
  const lines: Buffer[] = [];
  let bytes = 0;
  const next = [...from];
  const consumer = kafka.consumer({ groupId: `ckafka-cos-backup-estimate-${randomUUID()}`, maxWaitTimeInMs: 500, retry: { retries: 2 } });
  o.progress.start(`sampling ${topic}`, wanted, "records");
  try {
    await kafkaCall(o.timeoutMs, o.brokers, "join a group to sample records", consumer.connect());
    await kafkaCall(o.timeoutMs, o.brokers, `subscribe to "${topic}"`, consumer.subscribe({ topic }));
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Kafka ${o.brokers}: sampling ${topic} read ${lines.length} of ${wanted} records within ${o.timeoutMs / 1000} s (--timeout)`)), o.timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            for (const m of batch.messages) {
              const offset = Number(m.offset);
              if (offset < from[batch.partition] || offset >= ends[batch.partition].high) continue;
              bytes += recordBytes(m);
              lines.push(Buffer.from(encoder.bytes.subarray(0, encoder.encode(batch.partition, m))));
              next[batch.partition] = offset + 1;
            }
            // Transaction markers and compacted offsets leave nothing to read before the end.
            next[batch.partition] = Math.max(next[batch.partition], Math.min(Number(batch.highWatermark), ends[batch.partition].high));
            o.progress.update(lines.length);
            if (next.every((n, p) => n >= ends[p].high)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
      ends.forEach((_, p) => consumer.seek({ topic, partition: p, offset: String(from[p]) }));
    });
    await done;
  } finally {
    o.progress.stop();
    await consumer.disconnect().catch(() => undefined);
  }
  if (lines.length === 0) return undefined;
  const all = Buffer.concat(lines);
  return {
    records: lines.length,
    recordBytes: bytes / lines.length,
    lineBytes: all.length / lines.length,
    storedBytes: (await storedBytes(all, o.codec)) / lines.length,
  };
}

export async function measureTopic(kafka: Kafka, topic: string, o: MeasureOptions): Promise<TopicMeasurement> {
  const admin = kafka.admin();
  await kafkaCall(o.timeoutMs, o.brokers, "connect", admin.connect());
  try {
    const before = endOffsets(await kafkaRead(o.timeoutMs, o.brokers, `end offsets of "${topic}"`, () => admin.fetchTopicOffsets(topic)));
    const t0 = Date.now();
    await wait(o.windowSeconds, o.progress, `measuring the produce rate of ${topic}`);
    const after = endOffsets(await kafkaRead(o.timeoutMs, o.brokers, `end offsets of "${topic}"`, () => admin.fetchTopicOffsets(topic)));
    const seconds = (Date.now() - t0) / 1000;
    const recordsPerSecond = after.map((a, p) => Math.max(0, a.high - (before[p]?.high ?? a.high)) / seconds);
    let retentionMs: number | undefined;
    try {
      const configs = await kafkaRead(o.timeoutMs, o.brokers, `the configuration of "${topic}"`, () =>
        admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2 /* TOPIC */, name: topic, configNames: ["retention.ms"] }] }),
      );
      const value = configs.resources[0]?.configEntries.find((e) => e.configName === "retention.ms")?.configValue;
      if (value !== undefined && /^-?\d+$/.test(value)) retentionMs = Number(value);
    } catch {
      // Describing configs needs a permission the rate does not: the estimate goes on without retention.
    }
    const sample = await sampleRecords(kafka, topic, after, o);
    return { topic, recordsPerSecond, windowSeconds: seconds, sample, retentionMs };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
