// A single-node KRaft Apache Kafka broker from Maven Central jars, on loopback only.
// Listeners: PLAINTEXT (what most tests use) and SASL_PLAINTEXT with PLAIN and SCRAM-SHA-256/512 users;
// with the `tls` option also SSL and SASL_SSL (tls.test.ts starts such a broker of its own).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { freePort, portOpen, runScript, startService, stopThenRemove, type Service } from "./process";

/** Users the SASL listener knows. CKafka user names look like `<instanceId>#<user>`. */
export const SASL_USERS = {
  plain: { username: "backup", password: "plain-secret" },
  scram: { username: "ckafka-test#backup", password: "scram-secret" },
} as const;

export interface KafkaBroker {
  readonly plaintext: string;
  readonly sasl: string;
  /** SSL and SASL_SSL listeners, with the `tls` option. */
  readonly ssl?: string;
  readonly saslSsl?: string;
  stop(): Promise<void>;
}

export interface KafkaBrokerOptions {
  /** Adds SSL and SASL_SSL listeners that present the certificate in this PKCS12 keystore. */
  readonly tls?: { keystorePath: string; password: string };
}

function kafkaUuid(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

/**
 * The directory of the broker's jars (downloaded once into the cache): a classpath for `java -cp <dir>/*`.
 * Without a version, the KRaft broker's; with one, that ZooKeeper-mode release's (kafka-zookeeper-broker.ts).
 */
export function kafkaLibs(version?: string): string {
  return runScript(join(__dirname, "install-kafka.sh"), ...(version ? [version] : []));
}

/** Settings every test broker shares, KRaft or ZooKeeper mode: SASL users, one replica, old timestamps kept. */
export function sharedBrokerSettings(dir: string): string[] {
  const { plain: p } = SASL_USERS;
  return [
    "sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
    `listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_${p.username}="${p.password}";`,
    "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
    `log.dirs=${join(dir, "data")}`,
    "num.partitions=1",
    "offsets.topic.replication.factor=1",
    "offsets.topic.num.partitions=4",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "group.initial.rebalance.delay.ms=0",
    "auto.create.topics.enable=false",
    // Test records carry old timestamps: keep them until a test deletes them (deleteRecords).
    "log.retention.ms=-1",
    "log.segment.delete.delay.ms=0",
    "message.max.bytes=12582912",
    // Any record timestamp is accepted, however far from now (3.9's defaults, stated so that they stay):
    // tests send nanosecond and int64-max timestamps.
    "message.timestamp.before.max.ms=9223372036854775807",
    "message.timestamp.after.max.ms=9223372036854775807",
  ];
}

/** The JVM options of a test service: heap, and a log4j configuration written into `dir` (warnings, and start-up). */
export function serviceJvm(dir: string, libs: string): string[] {
  const log4j = join(dir, "log4j.properties");
  writeFileSync(
    log4j,
    "log4j.rootLogger=WARN, stdout\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\n" +
      "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\nlog4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n\n" +
      "log4j.logger.kafka.server.KafkaServer=INFO\nlog4j.logger.kafka.server.BrokerServer=INFO\n",
  );
  return ["-Xmx512m", `-Dlog4j.configuration=file:${log4j}`, "-cp", `${libs}/*`];
}

/** The SSL and SASL_SSL listeners' settings: the keystore, and the SASL users the SASL_PLAINTEXT listener has. */
function tlsBrokerSettings(tls: { keystorePath: string; password: string }): string[] {
  const sasl = "listener.name.sasl_plaintext.";
  return [
    ...sharedBrokerSettings("").filter((l) => l.startsWith(sasl)).map((l) => `listener.name.sasl_ssl.${l.slice(sasl.length)}`),
    "ssl.keystore.type=PKCS12",
    `ssl.keystore.location=${tls.keystorePath}`,
    `ssl.keystore.password=${tls.password}`,
    `ssl.key.password=${tls.password}`,
  ];
}

export async function startKafkaBroker(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const libs = kafkaLibs();
  const dir = mkdtempSync(join(tmpdir(), "ckb-kafka-"));
  const [plain, sasl, controller] = [await freePort(), await freePort(), await freePort()];
  const tls = options.tls && { ...options.tls, ssl: await freePort(), saslSsl: await freePort() };
  const tlsListeners = tls ? `,SSL://127.0.0.1:${tls.ssl},SASL_SSL://127.0.0.1:${tls.saslSsl}` : "";
  const props = join(dir, "server.properties");
  const { scram: s } = SASL_USERS;
  writeFileSync(
    props,
    [
      "process.roles=broker,controller",
      "node.id=1",
      `controller.quorum.voters=1@127.0.0.1:${controller}`,
      `listeners=PLAINTEXT://127.0.0.1:${plain},SASL_PLAINTEXT://127.0.0.1:${sasl},CONTROLLER://127.0.0.1:${controller}${tlsListeners}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${plain},SASL_PLAINTEXT://127.0.0.1:${sasl}${tlsListeners}`,
      `listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT${tls ? ",SSL:SSL,SASL_SSL:SASL_SSL" : ""}`,
      "controller.listener.names=CONTROLLER",
      "inter.broker.listener.name=PLAINTEXT",
      ...sharedBrokerSettings(dir),
      ...(tls ? tlsBrokerSettings(tls) : []),
      "",
    ].join("\n"),
  );
  const jvm = serviceJvm(dir, libs);
  execFileSync(
    "java",
    [
      ...jvm,
      "kafka.tools.StorageTool",
      "format",
      "-t",
      kafkaUuid(),
      "-c",
      props,
      "--add-scram",
      `SCRAM-SHA-256=[name=${s.username},password=${s.password}]`,
      "--add-scram",
      `SCRAM-SHA-512=[name=${s.username},password=${s.password}]`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const service: Service = await startService({
    name: "Apache Kafka broker",
    command: "java",
    args: [...jvm, "kafka.Kafka", props],
    logFile: join(dir, "broker.log"),
    ready: async () => (await portOpen(plain)) && (await portOpen(sasl)) && (!tls || (await portOpen(tls.saslSsl))) && (await coordinatorAnswers(`127.0.0.1:${plain}`)),
    timeoutMs: 90_000,
  });
  const tlsAddresses = tls ? { ssl: `127.0.0.1:${tls.ssl}`, saslSsl: `127.0.0.1:${tls.saslSsl}` } : {};
  return { plaintext: `127.0.0.1:${plain}`, sasl: `127.0.0.1:${sasl}`, ...tlsAddresses, stop: stopThenRemove(dir, service.stop) };
}

/**
 * Whether the broker serves consumer groups yet: a fresh broker creates its offsets topic on first use
 * and answers NOT_COORDINATOR until then, which a test would take for a failure of its own. kafkajs needs
 * retries of its own here: without them it fails before its first metadata ("No brokers in the broker pool").
 */
export async function coordinatorAnswers(broker: string): Promise<boolean> {
  const admin = new Kafka({ brokers: [broker], logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1_000 } }).admin();
  try {
    await admin.connect();
    await admin.fetchOffsets({ groupId: "ckb-warm-up", topics: [] });
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
