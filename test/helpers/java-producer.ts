// Produces records with the Apache Kafka Java client (JavaProducer.java, run from source with the
// broker's jars): records kafkajs cannot send, such as chosen int64 timestamps and null header values.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { kafkaLibs } from "../services/kafka-broker";
import { brokers } from "./kafka";

export interface JavaRecord {
  partition: number;
  key: Buffer | null;
  value: Buffer | null;
  /** In order; a null value is a header with no value. */
  headers: Array<[string, Buffer | null]>;
  /** Exact int64 digits; "-1" sends "no timestamp"; absent, the client stamps the send time. */
  timestamp?: string;
}

export interface ProducedRecord {
  partition: number;
  offset: number;
  /** As the broker acknowledged it, exact digits. */
  timestamp: string;
}

const b64 = (b: Buffer | null) => (b === null ? null : b.toString("base64"));

/** Sends the records in order, through the Java client, to the test broker; resolves with where each landed. */
export function produceWithJava(topic: string, records: JavaRecord[]): Promise<ProducedRecord[]> {
  const libs = kafkaLibs();
  const input = records
    .map((r) => JSON.stringify({ partition: r.partition, key: b64(r.key), value: b64(r.value), headers: r.headers.map(([name, v]) => ({ name, value: b64(v) })), timestamp: r.timestamp ?? null }))
    .join("\n");
  return new Promise((resolve, reject) => {
    const child = execFile(
      "java",
      ["-Xmx256m", "-cp", `${libs}/*`, join(__dirname, "JavaProducer.java"), brokers().join(","), topic],
      { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`JavaProducer failed: ${err.message}\n${stderr.slice(-3000)}`));
        resolve(stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as ProducedRecord));
      },
    );
    child.stdin!.end(input);
  });
}
