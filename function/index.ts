// SCF entry point: `index.main_handler`, invoked by the timer trigger once per tick.
import { Kafka, logLevel, type SASLOptions } from "kafkajs";
import { randomUUID } from "node:crypto";
import { configTopics, fromEnvironment, parseSlotArgument } from "./config";
import { CosStorage } from "./cos-storage";
import { credentialsFrom, SCF_NAMES, type Credentials } from "./credentials";
import { runBackup, type Logger, type RunManifest, type RunReport } from "./backup-run";
import { kafkaBrokers } from "./broker-probe";
import { kafkaLogger } from "./kafka-log";
import { headroomShortfall } from "./retention-headroom";
import { reportSummary } from "./run-summary";
import { getSecretValue } from "./ssm";

/** The parts of SCF's context the handler reads. */
export interface ScfContext {
  request_id?: string;
  function_name?: string;
  time_limit_in_ms?: number;
  /** The function's memory, in Tencent's demos; the handler prefers CKB_MEMORY_MIB, which the construct sets. */
  memory_limit_in_mb?: number;
  getRemainingTimeInMillis?: () => number;
}

/** One JSON object per line, so CLS can index the fields. */
export const log: Logger = {
  info: (msg, fields) => console.log(JSON.stringify({ level: "info", msg, ...fields })),
  warn: (msg, fields) => console.warn(JSON.stringify({ level: "warn", msg, ...fields })),
  error: (msg, fields) => console.error(JSON.stringify({ level: "error", msg, ...fields })),
};

function credentials(env: NodeJS.ProcessEnv): Credentials {
  const found = credentialsFrom(env, [SCF_NAMES]);
  if ("missing" in found) {
    throw new Error("TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY are not set: give the function a role (SCF injects its temporary keys)");
  }
  return found.credentials;
}

/** Budget of an invocation when the context does not say (SCF's maximum timeout). */
const DEFAULT_BUDGET_MS = 900_000;

/** The timer event's fields the handler reads; `Message` is the trigger's custom argument. */
export interface TimerEvent {
  Message?: string;
}

/** Why one topic's run must fail the invocation, or undefined. */
function topicFailure(manifest: RunManifest, thresholdMs: number | undefined): string | undefined {
  const failed = manifest.partitions.filter((p) => p.stopReason === "error");
  // Short headroom fails the invocation, after its work is committed, so the failed-run alarm reports it.
  const shortfall = headroomShortfall(manifest.retention, thresholdMs);
  if (!failed.length && !manifest.manifestError && !shortfall) return undefined;
  const parts = failed.length ? [`${failed.length} partition(s) failed: ${failed.map((p) => `partition ${p.partition} at offset ${p.errorOffset}: ${p.error}`).join("; ")}`] : [];
  if (manifest.manifestError) parts.push(`the manifest was not written: ${manifest.manifestError}`);
  if (shortfall) parts.push(shortfall);
  return `backup of topic ${manifest.topic}: ${parts.join("; ")}`;
}

/**
 * One run over the config's topics. Returns the topic's manifest when the config names one topic (as the handler
 * always has), else the run's report with a manifest per topic. Throws, after every topic's work is committed,
 * naming each topic that failed, so that the failed-run alarm fires.
 */
export async function main_handler(event: TimerEvent | undefined, context: ScfContext = {}): Promise<RunManifest | RunReport> {
  const startedAt = Date.now();
  const config = fromEnvironment(process.env);
  const slot = parseSlotArgument(event?.Message);
  const creds = credentials(process.env);
  const budgetMs = context.getRemainingTimeInMillis?.() ?? context.time_limit_in_ms ?? DEFAULT_BUDGET_MS;
  const deadlineAt = startedAt + Math.max(budgetMs - config.deadlineMarginMs, 1_000);
  const runId = context.request_id ?? randomUUID();
  const topics = configTopics(config);

  let sasl: SASLOptions | undefined;
  if (config.sasl) {
    const password = await getSecretValue({
      secretName: config.sasl.secretName,
      region: config.region,
      credentials: creds,
      endpoint: config.ssmEndpoint,
    });
    sasl = { mechanism: config.sasl.mechanism, username: config.sasl.username, password } as SASLOptions;
  }
  const memoryMiB = config.memoryMiB ?? (typeof context.memory_limit_in_mb === "number" ? context.memory_limit_in_mb : undefined);
  const kafkaLog = kafkaLogger(log);
  let report: RunReport;
  try {
    const kafka = new Kafka({
      clientId: `ckafka-cos-backup-${config.groupId}`,
      brokers: await kafkaBrokers(config.brokers, config.tls, log.warn),
      ssl: config.tls,
      sasl,
      connectionTimeout: 5_000,
      retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 5_000 },
      logLevel: logLevel.WARN,
      logCreator: kafkaLog.logCreator,
    });
    report = await runBackup({ config, kafka, storage: new CosStorage(config, creds), runId, deadlineAt, log, slot, memoryMiB });
  } catch (err) {
    const e = err as Error;
    log.error("backup run failed", { runId, topic: topics, brokers: config.brokers, error: `${e.name}: ${e.message}` });
    throw new Error(`backup of topic ${topics} (brokers ${config.brokers.join(",")}) failed: ${e.name}: ${e.message}`);
  }
  log.info("backup run", reportSummary(report, Date.now() - startedAt, kafkaLog.rejoinNotices()));
  const failures = [
    ...report.failedTopics.map((t) => ({ topic: t.topic, why: `backup of topic ${t.topic}: ${t.error}` })),
    ...report.manifests.flatMap((m) => {
      const why = topicFailure(m, config.retentionHeadroomAlarmMs);
      return why ? [{ topic: m.topic, why }] : [];
    }),
  ];
  if (failures.length === 1) throw new Error(failures[0].why);
  if (failures.length) {
    const names = failures.map((f) => f.topic).join(", ");
    throw new Error(`${failures.length} topics failed (${names}), after every topic's work was stored and committed: ${failures.map((f) => f.why).join(" | ")}`);
  }
  const single = config.topicPattern === undefined && config.topics.length === 1 && report.manifests.length === 1;
  return single ? report.manifests[0] : report;
}
