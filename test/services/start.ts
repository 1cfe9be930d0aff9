// Starts Kafka and the object server unless the environment names running ones (CKB_KAFKA_BROKERS,
// CKB_KAFKA_SASL_BROKERS, CKB_COS_ENDPOINT), sets those variables, and stops only what it started.
// Used by the integration tests' global setup and by the benchmarks.
import { startKafkaBroker } from "./kafka-broker";
import { startObjectStore } from "./object-store";
import { stopOrphans } from "./process";

export interface TestServices {
  /** What was started, for a log line; empty when everything was given. */
  readonly started: string[];
  readonly startMs: number;
  stop(): Promise<void>;
}

export async function startTestServices(): Promise<TestServices> {
  const stops: Array<() => Promise<void>> = [];
  const started: string[] = [];
  const t0 = Date.now();
  const stop = async () => {
    await Promise.all(stops.map((s) => s()));
  };
  for (const orphan of stopOrphans()) console.warn(`stopped a service left by an earlier, killed run: ${orphan}`);
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
    await stop();
    throw err;
  }
  return { started, startMs: Date.now() - t0, stop };
}
