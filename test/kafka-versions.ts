// The version matrix: the integration suites that touch the Kafka protocol, run again against each Apache Kafka
// release CKafka sells (2.4.1, 2.8.1, 3.2.3, ZooKeeper mode), one broker at a time, sharing one object server.
// `npm test` runs it after the main suites; `npm run test:kafka-versions` alone; CKB_KAFKA_VERSIONS=2.8.1 picks.
import { spawnSync } from "node:child_process";
import { startObjectStore } from "./services/object-store";
import { CKAFKA_VERSIONS, startZooKeeperKafkaBroker } from "./services/kafka-zookeeper-broker";
import { missingPrerequisites } from "./services/prerequisites";
import { stopOrphans } from "./services/process";

/** Vitest runs per version: files and, where a file covers more than the protocol, the tests to run (vitest -t). */
const SUITES: Array<{ files: string[]; tests?: string }> = [
  {
    files: [
      "test/integration/handler-roundtrip.test.ts",
      "test/integration/handler-scale-out.test.ts",
      "test/integration/retention-headroom.test.ts",
    ],
  },
  // Read committed past aborted transactions and markers; where a partition without a commit starts.
  { files: ["test/integration/handler-guarantees.test.ts"], tests: "start positions|transaction markers|two invocations at once" },
  // The CLI file's other blocks (help, export, formats) do not depend on the broker's version.
  { files: ["test/integration/cli.test.ts"], tests: "verify and restore" },
  // Cluster A of this version backed up and restored onto cluster B (3.9.1): the snapshot, the restore, the positions.
  { files: ["test/integration/recovery.test.ts"] },
];

async function main(): Promise<number> {
  const missing = missingPrerequisites();
  if (missing) {
    console.error(missing);
    return 2;
  }
  const versions = process.env.CKB_KAFKA_VERSIONS?.split(",").map((v) => v.trim()) ?? [...CKAFKA_VERSIONS];
  for (const orphan of stopOrphans()) console.warn(`stopped a service left by an earlier, killed run: ${orphan}`);
  const store = await startObjectStore();
  const results: string[] = [];
  try {
    for (const version of versions) {
      const t0 = Date.now();
      const broker = await startZooKeeperKafkaBroker(version);
      console.log(`\nKafka ${version} (ZooKeeper mode) at ${broker.plaintext}, SASL ${broker.sasl}`);
      const env = {
        ...process.env,
        CKB_KAFKA_BROKERS: broker.plaintext,
        CKB_KAFKA_SASL_BROKERS: broker.sasl,
        CKB_COS_ENDPOINT: store.endpoint,
      };
      let passed = true;
      try {
        for (const suite of SUITES) {
          const args = ["vitest", "run", "--project", "integration", ...suite.files, ...(suite.tests ? ["-t", suite.tests] : [])];
          passed = spawnSync("npx", args, { stdio: "inherit", env }).status === 0 && passed;
        }
      } finally {
        await broker.stop();
      }
      results.push(`Kafka ${version}: ${passed ? "passed" : "FAILED"} in ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  } finally {
    await store.stop();
  }
  console.log(`\nKafka version matrix :\n  ${results.join("\n  ")}`);
  return results.length === versions.length && results.every((r) => r.includes("passed")) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
