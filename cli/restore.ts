// Replays a backup into a topic: each record to the partition it came from, with its key, value
// (tombstones stay tombstones), headers and timestamp, in offset order, through an idempotent producer.
// The target topic keeps the timestamps only with message.timestamp.type=CreateTime (Kafka's default).
import type { Kafka, Message, IHeaders } from "kafkajs";
import type { KafkaRecord } from "../function/record-format";
import type { BackupSource } from "./backup-source";

export interface RestoreOptions {
  targetTopic: string;
  /** Only these partitions. @default all in the backup */
  partitions?: number[];
  /** Records from this offset on (per partition). @default 0 */
  fromOffset?: number;
  /** Records before this offset (per partition). @default no limit */
  toOffset?: number;
  /** Records sent per request. @default 500 */
  batchRecords?: number;
}

export interface RestoreReport {
  records: number;
  byPartition: Map<number, number>;
}

function toMessage(r: KafkaRecord): Message {
  const headers: IHeaders = {};
  for (const [name, value] of r.headers) {
    const v = value ?? undefined; // kafkajs writes an undefined header value as null
    const prev = headers[name];
    headers[name] = prev === undefined ? v : ([] as Array<Buffer | undefined>).concat(prev as Buffer, v) as Buffer[];
  }
  return { partition: r.partition, key: r.key, value: r.value, headers, timestamp: String(r.timestamp) };
}

export async function restoreBackup(source: BackupSource, kafka: Kafka, options: RestoreOptions): Promise<RestoreReport> {
  const { targetTopic, fromOffset = 0, toOffset = Number.MAX_SAFE_INTEGER, batchRecords = 500 } = options;
  if (targetTopic === source.options.topic) {
    throw new Error(`target topic "${targetTopic}" is the backed-up topic: restoring into it would add every record a second time; restore into another topic`);
  }
  const objects = await source.objects();
  const wanted = options.partitions ?? [...objects.keys()];
  const admin = kafka.admin();
  await admin.connect();
  let targetPartitions: number;
  try {
    const meta = await admin.fetchTopicMetadata({ topics: [targetTopic] });
    targetPartitions = meta.topics[0].partitions.length;
  } catch (err) {
    throw new Error(`target topic "${targetTopic}" cannot be read (${(err as Error).message}); create it first, with at least as many partitions as the backup`);
  } finally {
    await admin.disconnect();
  }
  const tooHigh = wanted.filter((p) => p >= targetPartitions);
  if (tooHigh.length) {
    throw new Error(`target topic "${targetTopic}" has ${targetPartitions} partition(s); the backup has partition(s) ${tooHigh.join(", ")}: give the topic at least ${Math.max(...tooHigh) + 1}`);
  }

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  const report: RestoreReport = { records: 0, byPartition: new Map() };
  try {
    for (const partition of wanted) {
      let batch: Message[] = [];
      const send = async () => {
        if (!batch.length) return;
        await producer.send({ topic: targetTopic, acks: -1, messages: batch });
        report.records += batch.length;
        report.byPartition.set(partition, (report.byPartition.get(partition) ?? 0) + batch.length);
        batch = [];
      };
      for (const object of objects.get(partition) ?? []) {
        if (object.firstOffset >= toOffset) break;
        for await (const r of source.records(object)) {
          if (r.offset < fromOffset) continue;
          if (r.offset >= toOffset) break;
          batch.push(toMessage(r));
          if (batch.length >= batchRecords) await send();
        }
      }
      await send();
    }
  } finally {
    await producer.disconnect();
  }
  return report;
}
