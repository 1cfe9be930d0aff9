// The Apache Kafka releases CKafka sells (2.4.1, 2.8.1, 3.2.3), as a single-node broker in ZooKeeper mode with
// its own ZooKeeper, from Maven Central jars, on loopback only; the same listeners and users as the KRaft broker.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SASL_USERS, coordinatorAnswers, kafkaLibs, serviceJvm, sharedBrokerSettings, type KafkaBroker } from "./kafka-broker";
import { freePort, portOpen, startService, stopThenRemove } from "./process";

/** The versions CKafka sells (reference: tencentcloud.md §6); the version matrix runs each. */
export const CKAFKA_VERSIONS = ["2.4.1", "2.8.1", "3.2.3"] as const;

export async function startZooKeeperKafkaBroker(version: string): Promise<KafkaBroker> {
  const libs = kafkaLibs(version);
  const dir = mkdtempSync(join(tmpdir(), `ckb-kafka-${version}-`));
  const [zkPort, plain, sasl] = [await freePort(), await freePort(), await freePort()];
  // ZooKeeper's log4j JMX hook wants log4j 1's jmx classes, which reload4j leaves out.
  const jvm = ["-Dzookeeper.jmx.log4j.disable=true", ...serviceJvm(dir, libs)];

  const zkProps = join(dir, "zookeeper.properties");
  writeFileSync(
    zkProps,
    [`dataDir=${join(dir, "zookeeper")}`, `clientPort=${zkPort}`, "clientPortAddress=127.0.0.1", "admin.enableServer=false", "maxClientCnxns=0", ""].join("\n"),
  );
  const zookeeper = await startService({
    name: `ZooKeeper (Kafka ${version})`,
    command: "java",
    args: [...jvm, "org.apache.zookeeper.server.ZooKeeperServerMain", zkProps],
    logFile: join(dir, "zookeeper.log"),
    ready: () => portOpen(zkPort),
    timeoutMs: 60_000,
  });
  try {
    const zkConnect = `127.0.0.1:${zkPort}`;
    // SCRAM credentials live in ZooKeeper in this mode: written before the broker starts, as operators do.
    const { scram: s } = SASL_USERS;
    execFileSync(
      "java",
      [...jvm, "kafka.admin.ConfigCommand", "--zookeeper", zkConnect, "--alter", "--entity-type", "users", "--entity-name", s.username,
        "--add-config", `SCRAM-SHA-256=[password=${s.password}],SCRAM-SHA-512=[password=${s.password}]`],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const props = join(dir, "server.properties");
    writeFileSync(
      props,
      [
        "broker.id=1",
        `zookeeper.connect=${zkConnect}`,
        `listeners=PLAINTEXT://127.0.0.1:${plain},SASL_PLAINTEXT://127.0.0.1:${sasl}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${plain},SASL_PLAINTEXT://127.0.0.1:${sasl}`,
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        ...sharedBrokerSettings(dir),
        "",
      ].join("\n"),
    );
    const broker = await startService({
      name: `Apache Kafka ${version} broker`,
      command: "java",
      args: [...jvm, "kafka.Kafka", props],
      logFile: join(dir, "broker.log"),
      ready: async () => (await portOpen(plain)) && (await portOpen(sasl)) && (await coordinatorAnswers(`127.0.0.1:${plain}`)),
      timeoutMs: 90_000,
    });
    const stop = stopThenRemove(dir, async () => {
      await broker.stop();
      await zookeeper.stop();
    });
    return { plaintext: `127.0.0.1:${plain}`, sasl: `127.0.0.1:${sasl}`, stop };
  } catch (err) {
    await zookeeper.stop();
    throw err;
  }
}
