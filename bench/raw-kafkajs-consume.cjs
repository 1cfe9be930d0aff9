// The consumption limit: kafkajs reading a topic from the beginning to its end offsets and doing
// nothing with the records. Same client settings as the handler: a group, read-committed, and the
// handler's fetch settings, given as JSON. Prints `RAW <json>` with records, bytes, the peak RSS and the CPU time.
//   node raw-kafkajs-consume.cjs <brokers> <topic> <fetch settings JSON>
const { Kafka, logLevel } = require("kafkajs");
const { peakRssKiB } = require("../test/helpers/peak-rss.cjs");
const { cpuMicros } = require("./cpu-time.cjs");

async function main() {
  const [, , brokers, topic, fetch] = process.argv;
  const kafka = new Kafka({ clientId: "ckb-bench-raw", brokers: brokers.split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `ckb-bench-raw-${Date.now()}`, readUncommitted: false, ...JSON.parse(fetch) });
  let records = 0;
  let bytes = 0;
  let open = [...ends.values()].filter((end) => end > 0).length;
  let done;
  const finished = new Promise((r) => (done = r));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        records++;
        bytes += (m.value ? m.value.length : 0) + (m.key ? m.key.length : 0);
      }
      const end = ends.get(batch.partition);
      if (end !== undefined && Number(batch.lastOffset()) + 1 >= end) {
        ends.delete(batch.partition);
        if (--open === 0) done();
      }
    },
  });
  if (open > 0) await finished;
  await consumer.disconnect();
  console.log(`RAW ${JSON.stringify({ records, bytes, maxRssKiB: peakRssKiB(), cpuMicros: cpuMicros() })}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
