// Fills a topic with a benchmark backlog quickly: kafkajs, no compression, several sends in flight.
import { randomBytes } from "node:crypto";
import { CompressionTypes, type Message } from "kafkajs";
import { createTopic, testKafka } from "../test/helpers/kafka";

export interface Backlog {
  topic: string;
  partitions: number;
  records: number;
  /** Size of each record's value in bytes. */
  valueBytes: number;
  /**
   * `event`: JSON text that compresses about 7× (throughput). `random`: random bytes, stored as base64
   * and nearly incompressible, so every open object fills whole parts (memory's worst case).
   * @default "event"
   */
  values?: "event" | "random";
}

/**
 * A value of `bytes` bytes that looks like an application event: JSON text, about a quarter of it
 * random hex (ids, hashes), the rest field names and words that compress as real events do.
 */
export function eventValue(i: number, bytes: number): Buffer {
  const head = `{"id":${i},"user":"user-${i % 10_000}","trace":"${randomBytes(bytes >> 3).toString("hex")}","note":"`;
  const filler = "status shipped warehouse guangzhou priority normal items 3 currency CNY ";
  let body = head;
  while (body.length < bytes - 2) body += filler;
  return Buffer.from(body.slice(0, bytes - 2) + '"}');
}

/** Creates the topic and produces `records` values round-robin over its partitions. */
export async function produceBacklog(b: Backlog, batchRecords = 2000, inFlight = 4): Promise<void> {
  await createTopic(b.topic, b.partitions);
  const producer = testKafka("ckb-bench").producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    let next = 0;
    const sendNext = async (): Promise<void> => {
      while (next < b.records) {
        const from = next;
        const to = Math.min(b.records, from + batchRecords);
        next = to;
        const messages: Message[] = [];
        for (let i = from; i < to; i++) {
          const value = b.values === "random" ? randomBytes(b.valueBytes) : eventValue(i, b.valueBytes);
          messages.push({ partition: i % b.partitions, key: `user-${i % 10_000}`, value, headers: { source: "bench" } });
        }
        await producer.send({ topic: b.topic, acks: 1, compression: CompressionTypes.None, messages });
      }
    };
    await Promise.all(Array.from({ length: inFlight }, sendNext));
  } finally {
    await producer.disconnect();
  }
}
