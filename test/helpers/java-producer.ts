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
/**
 * Records only the Java client sends: int64 timestamps past 2^53, the int64 maximum and outside any date (the
 * folder none), -1, 0, null header values beside empty ones, binary keys and header values; over `partitions`.
 */
export function edgeRecords(partitions: number): JavaRecord[] {
  return ["9223372036854775807", "9007199254740993", "-1", "1700000000000123456", "0"].map((timestamp, i) => ({
    partition: i % partitions,
    key: i % 2 ? null : Buffer.from([0xff, i]),
    value: i === 1 ? null : Buffer.from(`edge ${i}`),
    headers: [["nullh", null], ["nullh", Buffer.alloc(0)], ["b", Buffer.from([0x80])]],
    timestamp,
  }));
}

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
