// Vitest global setup for the integration tests: starts Kafka and the object server unless the
// environment names running ones (CKB_KAFKA_BROKERS, CKB_KAFKA_SASL_BROKERS, CKB_COS_ENDPOINT),
// and stops what it started, by the processes it spawned.
import { startKafkaBroker } from "./kafka-broker";
import { startObjectStore } from "./object-store";

export default async function setup(): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  const started: string[] = [];
  const t0 = Date.now();
  try {
    const [kafka, store] = await Promise.all([
      process.env.CKB_KAFKA_BROKERS ? undefined : startKafkaBroker(),
      process.env.CKB_COS_ENDPOINT ? undefined : startObjectStore(),
    ]);
    if (kafka) {
      stops.push(kafka.stop);
      process.env.CKB_KAFKA_BROKERS = kafka.plaintext;
      process.env.CKB_KAFKA_SASL_BROKERS = kafka.sasl;
      started.push(`Kafka ${kafka.plaintext} (SASL ${kafka.sasl})`);
    }
    if (store) {
      stops.push(store.stop);
      process.env.CKB_COS_ENDPOINT = store.endpoint;
      started.push(`SeaweedFS ${store.endpoint}`);
    }
  } catch (err) {
    await Promise.all(stops.map((stop) => stop()));
    throw err;
  }
  if (started.length) console.log(`test services up in ${Date.now() - t0} ms: ${started.join(", ")}`);
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
