// The tools the test services need on this machine, checked before anything starts so that a missing
// one is named in one line instead of failing deep inside a download or a service start.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const onPath = (tool: string, versionArg: string) => spawnSync(tool, [versionArg], { stdio: "ignore" }).status === 0;
const cached = (script: string) =>
  spawnSync("bash", [join(__dirname, script)], { stdio: "ignore", env: { ...process.env, CKB_CACHED_ONLY: "1" } }).status === 0;

/** One line naming each missing tool and what it is for; undefined when nothing is missing. */
export function missingPrerequisites(): string | undefined {
  const missing: string[] = [];
  // The broker and the Kafka console clients of test/integration/services.test.ts run on Java.
  if (!onPath("java", "-version")) missing.push("java (Java 17 or newer: runs the Kafka broker and its console clients)");
  // The jars hold the console clients too, so they are needed even with CKB_KAFKA_BROKERS.
  if (!cached("install-kafka.sh") && !onPath("mvn", "-v")) missing.push("mvn (Maven: downloads the broker's jars from Maven Central, once)");
  if (!process.env.CKB_COS_ENDPOINT && !cached("install-weed.sh") && !onPath("go", "version")) {
    missing.push("go (Go 1.25 or newer: builds SeaweedFS's weed from the Go module proxy, once)");
  }
  return missing.length ? `the integration tests need: ${missing.join("; ")}` : undefined;
}
