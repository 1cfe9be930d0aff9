// Proves the test services are real and wired right: an independent Kafka client (Apache Kafka's own
// Java console producer and consumer, from the broker's jars) and kafkajs see each other's records,
// and cos-nodejs-sdk-v5 round-trips bytes through SeaweedFS.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_BUCKET, TEST_REGION, getBytes, listKeys, testCos } from "../helpers/cos";
import { brokers, createTopic, partitionOffsets, produce, testKafka, uniqueName } from "../helpers/kafka";
import { kafkaLibs } from "../services/kafka-broker";

/** Runs one of Kafka's console tools with the broker's jars; its logging stays quiet. */
function kafkaTool(mainClass: string, args: string[], input?: string): string {
  const jvm = ["-Xmx256m", "-Dlog4j.rootLogger=OFF", "-Dlog4j.configuration=none", "-cp", `${kafkaLibs()}/*`];
  return execFileSync("java", [...jvm, mainClass, "--bootstrap-server", brokers()[0], ...args], { input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
}

describe("Kafka broker", () => {
  it("a record produced with Kafka's console producer is consumed by kafkajs, and the reverse", async () => {
    const topic = uniqueName("console");
    await createTopic(topic, 1);
    kafkaTool("kafka.tools.ConsoleProducer", ["--topic", topic, "--property", "parse.key=true", "--property", "key.separator=:"], "from-java:hello kafkajs\n");
    await produce(topic, [{ partition: 0, key: Buffer.from("from-kafkajs"), value: Buffer.from("hello java"), headers: [], timestamp: Date.now() }]);

    const seen: string[] = [];
    const consumer = testKafka().consumer({ groupId: uniqueName("g") });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(`${message.key}:${message.value}`);
          if (seen.length === 2) resolve();
        },
      });
    });
    await consumer.disconnect();
    expect(seen).toEqual(["from-java:hello kafkajs", "from-kafkajs:hello java"]);

    const out = kafkaTool("org.apache.kafka.tools.consumer.ConsoleConsumer", [
      "--topic", topic, "--from-beginning", "--max-messages", "2", "--timeout-ms", "60000",
      "--property", "print.key=true", "--property", "key.separator==",
    ]);
    expect(out.trim().split("\n")).toEqual(["from-java=hello kafkajs", "from-kafkajs=hello java"]);
    expect((await partitionOffsets(topic)).get(0)).toEqual({ low: 0, high: 2 });
  });
});

describe("object server", () => {
  const md5 = (b: Buffer) => createHash("md5").update(b).digest("hex");

  it("putObject, headObject, getObject and getBucket round-trip bytes", async () => {
    const cos = testCos();
    const prefix = `${uniqueName("harness")}/`;
    const body = randomBytes(100_000);
    await cos.putObject({ Bucket: TEST_BUCKET, Region: TEST_REGION, Key: `${prefix}small.bin`, Body: body });
    const head = await cos.headObject({ Bucket: TEST_BUCKET, Region: TEST_REGION, Key: `${prefix}small.bin` });
    expect(Number(head.headers?.["content-length"])).toBe(body.length);
    expect(md5(await getBytes(cos, `${prefix}small.bin`))).toBe(md5(body));
    expect(await listKeys(cos, prefix)).toEqual([`${prefix}small.bin`]);
  });

  // S3 servers require parts of at least 5 MiB (COS: 1 MiB); the handler uses parts of 5 MiB or more.
  it("sliceUploadFile uploads a multi-MiB file in parts, byte for byte", async () => {
    const cos = testCos();
    const key = `${uniqueName("harness")}/big.bin`;
    const file = join(mkdtempSync(join(tmpdir(), "ckb-")), "big.bin");
    const body = randomBytes(11 * 1024 * 1024 + 123);
    writeFileSync(file, body);
    const res = await cos.sliceUploadFile({ Bucket: TEST_BUCKET, Region: TEST_REGION, Key: key, FilePath: file, ChunkSize: 5 * 1024 * 1024 });
    expect(res.statusCode).toBe(200);
    expect(md5(await getBytes(cos, key))).toBe(md5(body));
  });
});
