// The production limit the restore is compared with: kafkajs producing the backlog's records (bench/backlog.ts,
// the same keys, values and header) into a new topic with the restore's client settings (idempotent, acks all,
// one request in flight per producer, batches of 500 records), `concurrency` producers taking partitions in turn.
// Prints `RAW <json>` with records, bytes, the sending seconds and the CPU time.
//   node --import tsx bench/raw-kafkajs-produce.ts <brokers> <topic> <partitions> <records> <valueBytes> <concurrency>
import { Kafka, logLevel, type Message } from "kafkajs";
import { eventValue } from "./backlog";

async function main(): Promise<void> {
  const [brokers, topic, partitions, records, valueBytes, concurrency] = process.argv.slice(2);
  const kafka = new Kafka({ clientId: "ckb-bench-raw-produce", brokers: brokers.split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: Number(partitions), replicationFactor: 1 }] });
  await admin.disconnect();
  const queue = Array.from({ length: Number(partitions) }, (_, p) => p);
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Number(concurrency) }, async () => {
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
        let batch: Message[] = [];
        const flush = async () => {
          if (batch.length) await producer.send({ topic, acks: -1, messages: batch });
          batch = [];
        };
        for (let i = p; i < Number(records); i += Number(partitions)) {
          const key = Buffer.from(`user-${i % 10_000}`);
          const value = eventValue(i, Number(valueBytes));
          bytes += key.length + value.length + "source".length + "bench".length;
          batch.push({ partition: p, key, value, headers: { source: "bench" } });
          if (batch.length >= 500) await flush();
        }
        await flush();
      }
      await producer.disconnect();
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const u = process.resourceUsage();
  console.log(`RAW ${JSON.stringify({ records: Number(records), bytes, seconds, cpuMicros: u.userCPUTime + u.systemCPUTime })}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
