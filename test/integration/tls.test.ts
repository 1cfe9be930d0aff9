// TLS to the brokers, as CKafka's SASL_SSL routes need: a broker of this file's own with SSL and SASL_SSL
// listeners and a certificate the test makes. The handler and the CLI back up and restore through it, trusting
// the test's CA through NODE_EXTRA_CA_CERTS; trusting another CA is a clear error that names the broker.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Kafka, logLevel, type KafkaConfig } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENV } from "../../function/config";
import { expectExactlyOnce } from "../helpers/assertions";
import { fingerprint } from "../helpers/backup-reader";
import { TEST_BUCKET, TEST_REGION, cosEndpoint } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { textRecords, uniqueName, type SentRecord } from "../helpers/kafka";
import { startSsmStandIn } from "../helpers/ssm-stand-in";
import { makeCertificates, type TestCertificates } from "../helpers/tls-certificates";
import { SASL_USERS, startKafkaBroker, type KafkaBroker } from "../services/kafka-broker";

let certs: TestCertificates;
let broker: KafkaBroker;

beforeAll(async () => {
  certs = makeCertificates();
  broker = await startKafkaBroker({ tls: { keystorePath: certs.keystorePath, password: certs.password } });
});
afterAll(async () => broker?.stop());

const scram = SASL_USERS.scram;
const tlsKafka = (extra: Partial<KafkaConfig> = {}) => new Kafka({ brokers: [broker.ssl!], ssl: { ca: [readFileSync(certs.caPath)] }, logLevel: logLevel.NOTHING, ...extra });

async function topicWith(records: SentRecord[], partitions: number): Promise<string> {
  const topic = uniqueName("tls");
  const admin = tlsKafka().admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();
  const producer = tlsKafka().producer();
  await producer.connect();
  await producer.send({ topic, messages: records.map((r) => ({ partition: r.partition, key: r.key, value: r.value, timestamp: String(r.timestamp) })) });
  await producer.disconnect();
  return topic;
}

async function readTopic(topic: string, count: number): Promise<SentRecord[]> {
  const consumer = tlsKafka().consumer({ groupId: uniqueName("read") });
  const out: SentRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        out.push({ partition, key: message.key, value: message.value, headers: [], timestamp: Number(message.timestamp) });
        if (out.length === count) resolve();
      },
    });
  });
  await consumer.disconnect();
  return out;
}

/** The CLI as a user runs it: a process of its own, the CA given the way Node.js takes one. */
function cli(ca: string, args: string[], env: Record<string, string> = {}): { code: number; out: string } {
  const r = spawnSync(join(__dirname, "../../node_modules/.bin/tsx"), [join(__dirname, "../../cli/main.ts"), ...args], {
    env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: ca, TENCENTCLOUD_SECRETID: "test-id", TENCENTCLOUD_SECRETKEY: "test-key", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}
const source = (topic: string, prefix: string) => ["--bucket", TEST_BUCKET, "--region", TEST_REGION, "--endpoint", cosEndpoint(), "--instance", "ckafka-test", "--topic", topic, "--prefix", prefix];

describe("TLS to the brokers", () => {
  it("SSL: the handler backs up, the CLI verifies against the group and restores, byte for byte", async () => {
    const sent = textRecords(300, 2, 200);
    const topic = await topicWith(sent, 2);
    const prefix = `${topic}/`;
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, tlsEnabled: true }, { [ENV.brokers]: broker.ssl! });
    expect(env[ENV.tls]).toBe("true");
    const run = await invokeHandler({ ...env, NODE_EXTRA_CA_CERTS: certs.caPath });
    expect(run.error, run.stderr).toBeUndefined();
    await expectExactlyOnce(prefix, sent);

    const verified = cli(certs.caPath, ["verify", ...source(topic, prefix), "--brokers", broker.ssl!, "--tls", "--group", env[ENV.groupId]]);
    expect(verified.code, verified.out).toBe(0);
    const target = uniqueName("tls-restored");
    const admin = tlsKafka().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: target, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
    const restored = cli(certs.caPath, ["restore", ...source(topic, prefix), "--brokers", broker.ssl!, "--tls", "--target-topic", target, "--checkpoint", `/tmp/${uniqueName("cp")}.json`]);
    expect(restored.code, restored.out).toBe(0);
    expect((await readTopic(target, sent.length)).map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
  });

  it("SASL_SSL with SCRAM-SHA-512: the handler backs up with the password from SSM, the CLI restores", async () => {
    const sent = textRecords(200, 1, 100);
    const topic = await topicWith(sent, 1);
    const prefix = `${topic}/`;
    const ssm = await startSsmStandIn({ password: scram.password });
    try {
      const env = synthesizedEnvironment(
        { functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, tlsEnabled: true, saslMechanism: "scram-sha-512", saslUsername: scram.username, saslPasswordSecretName: "password" },
        { [ENV.brokers]: broker.saslSsl!, [ENV.ssmEndpoint]: ssm.endpoint },
      );
      const run = await invokeHandler({ ...env, NODE_EXTRA_CA_CERTS: certs.caPath });
      expect(run.error, run.stderr).toBeUndefined();
    } finally {
      await ssm.close();
    }
    await expectExactlyOnce(prefix, sent);
    const target = uniqueName("tls-restored");
    const admin = tlsKafka().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: target, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const sasl = ["--brokers", broker.saslSsl!, "--tls", "--sasl-mechanism", "scram-sha-512", "--sasl-username", scram.username];
    const restored = cli(certs.caPath, ["restore", ...source(topic, prefix), ...sasl, "--target-topic", target, "--checkpoint", `/tmp/${uniqueName("cp")}.json`], { KAFKA_SASL_PASSWORD: scram.password });
    expect(restored.code, restored.out).toBe(0);
    expect((await readTopic(target, sent.length)).map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
  });

  it("a certificate from a CA the client does not trust: the handler and the CLI fail fast, naming the broker", async () => {
    const topic = await topicWith(textRecords(10, 1, 10), 1);
    const prefix = `${topic}/`;
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, tlsEnabled: true }, { [ENV.brokers]: broker.ssl! });
    const backedUp = await invokeHandler({ ...env, NODE_EXTRA_CA_CERTS: certs.caPath }); // a backup for verify to read
    expect(backedUp.error, backedUp.stderr).toBeUndefined();
    const t0 = Date.now();
    const run = await invokeHandler({ ...env, NODE_EXTRA_CA_CERTS: certs.otherCaPath });
    expect(run.ok).toBe(false);
    expect(run.error).toContain(`${broker.ssl}: its TLS certificate is not trusted`);
    expect(Date.now() - t0).toBeLessThan(15_000);

    const verified = cli(certs.otherCaPath, ["verify", ...source(topic, prefix), "--brokers", broker.ssl!, "--tls", "--group", env[ENV.groupId]]);
    expect(verified.code).not.toBe(0);
    expect(verified.out).toContain(`${broker.ssl}: its TLS certificate is not trusted`);
  });
});
