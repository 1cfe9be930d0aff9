// kafkajs helpers for tests: topics, records of every shape, offsets.
import { Kafka, logLevel, CompressionTypes, type Admin, type Message, type IHeaders } from "kafkajs";
import { randomBytes, randomUUID } from "node:crypto";

export function brokers(): string[] {
  const list = process.env.CKB_KAFKA_BROKERS;
  if (!list) throw new Error("CKB_KAFKA_BROKERS is not set: run this test in the integration project");
  return list.split(",");
}

export function testKafka(clientId = "ckb-test"): Kafka {
  return new Kafka({ clientId, brokers: brokers(), logLevel: logLevel.NOTHING });
}

export function uniqueName(base: string): string {
  return `${base}-${randomUUID().slice(0, 8)}`;
}

export async function withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function createTopic(topic: string, partitions: number, configEntries: Record<string, string> = {}): Promise<void> {
  await withAdmin((admin) =>
    admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: partitions,
          replicationFactor: 1,
          configEntries: Object.entries(configEntries).map(([name, value]) => ({ name, value })),
        },
      ],
    }),
  );
}

/** A produced record as a test remembers it, to compare with what a backup holds. */
export interface SentRecord {
  partition: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Array<[string, Buffer]>;
  timestamp: number;
}

/** Records of about `bytes` bytes of text, spread over partitions, with increasing timestamps. */
export function textRecords(count: number, partitions: number, bytes: number, from = 0, t0 = 1_700_000_000_000): SentRecord[] {
  return Array.from({ length: count }, (_, j) => {
    const i = from + j;
    return {
      partition: i % partitions,
      key: Buffer.from(`k${i}`),
      value: Buffer.from(`${i}:`.padEnd(bytes, String.fromCharCode(97 + (i % 26)))),
      headers: [],
      timestamp: t0 + i,
    };
  });
}

/** Records of every shape: keys or none, repeated and binary headers, non-UTF-8, empty, tombstones, big. */
export function recordOfShape(i: number, partitions: number, bigEvery = 0): SentRecord {
  const shape = i % 8;
  const partition = i % partitions;
  const timestamp = 1_700_000_000_000 + i * 1000;
  const text = Buffer.from(`record ${i} — ünïcode ✓`);
  switch (shape) {
    case 0:
      return { partition, key: Buffer.from(`key-${i}`), value: text, headers: [], timestamp };
    case 1:
      return { partition, key: null, value: text, headers: [], timestamp };
    case 2: // repeated header names, binary header value
      return {
        partition,
        key: Buffer.from(`k${i}`),
        value: text,
        headers: [
          ["trace", Buffer.from("a")],
          ["trace", Buffer.from("b")],
          ["bin", Buffer.from([0xff, 0x00, 0xfe])],
        ],
        timestamp,
      };
    case 3: // not valid UTF-8, key and value
      return { partition, key: Buffer.from([0xc3, 0x28, i & 0xff]), value: randomBytes(40), headers: [], timestamp };
    case 4: // empty value, empty key
      return { partition, key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [["empty", Buffer.alloc(0)]], timestamp };
    case 5: // tombstone
      return { partition, key: Buffer.from(`gone-${i}`), value: null, headers: [], timestamp };
    case 6: // JSON text and newlines stay readable
      return { partition, key: Buffer.from(`{"id":${i}}`), value: Buffer.from(`{"n":${i},"s":"line\\nbreak"}\n`), headers: [], timestamp };
    default:
      return {
        partition,
        key: Buffer.from(`big-${i}`),
        value: bigEvery && i % bigEvery === 7 ? randomBytes(1024 * 1024 + 17) : Buffer.from(`plain ${i}`),
        headers: [["n", Buffer.from(String(i))]],
        timestamp,
      };
  }
}

function toMessage(r: SentRecord): Message {
  const headers: IHeaders = {};
  for (const [name, value] of r.headers) {
    const prev = headers[name];
    headers[name] = prev === undefined ? value : ([] as Buffer[]).concat(prev as Buffer | Buffer[], value);
  }
  return { key: r.key, value: r.value, headers, partition: r.partition, timestamp: String(r.timestamp) };
}

export async function produce(topic: string, records: SentRecord[], batch = 500): Promise<void> {
  // Idempotent: on a loaded machine a send can time out and be retried, and a plain producer then
  // writes the batch twice, which a test would take for a duplicate in the backup.
  const producer = testKafka().producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += batch) {
      await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: records.slice(i, i + batch).map(toMessage) });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Sends records in a transaction and commits or aborts it. */
export async function produceTransaction(topic: string, records: SentRecord[], outcome: "commit" | "abort"): Promise<void> {
  const producer = testKafka().producer({ transactionalId: uniqueName("tx"), idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const tx = await producer.transaction();
    await tx.send({ topic, acks: -1, messages: records.map(toMessage) });
    await (outcome === "commit" ? tx.commit() : tx.abort());
  } finally {
    await producer.disconnect();
  }
}

/** Resolves once the group is stable with a member (a run holds its partitions), or after `timeoutMs` anyway. */
export async function groupJoined(groupId: string, timeoutMs = 60_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
    const group = await withAdmin(async (admin) => (await admin.describeGroups([groupId])).groups[0]);
    if (group?.state === "Stable" && group.members.length) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
  const res = await withAdmin((admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
  const out = new Map<number, number>();
  for (const p of res[0]?.partitions ?? []) out.set(p.partition, Number(p.offset));
  return out;
}

export async function partitionOffsets(topic: string): Promise<Map<number, { low: number; high: number }>> {
  const res = await withAdmin((admin) => admin.fetchTopicOffsets(topic));
  return new Map(res.map((p) => [p.partition, { low: Number(p.low), high: Number(p.high) }]));
}

/** Reads a whole topic, up to its end offsets now, as records to compare with sent ones. */
export async function consumeAll(topic: string): Promise<SentRecord[]> {
  const ends = await partitionOffsets(topic);
  let left = [...ends.values()].reduce((n, { low, high }) => n + high - low, 0);
  const out: SentRecord[] = [];
  if (left === 0) return out;
  const consumer = testKafka().consumer({ groupId: uniqueName("read-all") });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const headers: Array<[string, Buffer]> = [];
            for (const [name, value] of Object.entries(message.headers ?? {})) {
              for (const v of Array.isArray(value) ? value : [value]) headers.push([name, Buffer.from(v as Buffer)]);
            }
            out.push({ partition, key: message.key, value: message.value, headers, timestamp: Number(message.timestamp) });
            if (--left === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/** Retries what a just-created or just-deleted topic's metadata may not be ready for yet (every 500 ms, for 30 s). */
export async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= 60) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
