#!/usr/bin/env node
// `ckafka-cos-backup history|verify|restore|export`: operator commands for a backup the construct's function wrote.
// COS credentials come from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (/ TENCENTCLOUD_SECURITY_TOKEN), the
// Tencent Cloud provider's names, or TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (/ TENCENTCLOUD_SESSIONTOKEN), SCF's;
// a SASL password from KAFKA_SASL_PASSWORD: never from the command line, where shells keep history.
import { Command, CommanderError, Help, Option } from "commander";
import { Kafka, logLevel, type SASLOptions } from "kafkajs";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { LIMITS, SASL_MECHANISMS, checkBroker, checkBucket, checkCompression, checkCompressionLevel, checkInstanceId, checkPrefix, checkRegion, checkTopic, defaultCompressionLevel } from "../function/config";
import type { Compression } from "../function/formats/format";
import { credentialsFrom, PROVIDER_NAMES, SCF_NAMES, type Credentials } from "../function/credentials";
import { cosSource, type BackupSource } from "./backup-source";
import { kafkaErrorLine, reportWaiting } from "./calls";
import { UnreadableObject } from "../function/formats/format";
import { IntegrityError, NothingBackedUp, UsageError } from "./errors";
import { DEFAULT_CODEC, DEFAULT_PRICES, FIGURES_SOURCE, MODELLED_CODECS, MODELLED_COMPRESSIONS, codecCpu, oneFunction, planBackup, type BackupPlan, type Codec, type TopicMeasurement } from "./cost-model";
import { measureTopic } from "./estimate";
import { EXPORT_FORMATS, exportBackup, type ExportFormat, type ExportReport } from "./export";
import { readHistory, type History } from "./history";
import { progressOn, type Progress } from "./progress";
import { DEFAULT_CONCURRENCY, RestoreStopped, restoreBackup, type RestoreReport } from "./restore";
import { checkpointName, restoreTopics, targetsOf, type TopicsRestoreReport } from "./restore-topics";
import { checkLocation, checkOneTopicOptions, checkTopicPrefix, incarnationOf, namedError, onceEach, topicProgress, topicsAt, topicsWanted, type TopicFlags } from "./topics";
import { nothingSelectedText, type Selection } from "./selection";
import { verifyBackup, type Hole, type VerifyReport } from "./verify";

/** Exit statuses, as the help documents them. */
export const EXIT = { ok: 0, problems: 1, usage: 2, failed: 3, restoreStopped: 4 } as const;

/** The exit statuses of the commands that read a backup (history, verify, restore, export), as their help lists them. */
const BACKUP_EXIT = `
  0  done (verify: the backup is sound)
  1  verify found problems (each printed as a PROBLEM line naming the object key); history, restore and export:
     no backup under the bucket, prefix, instance and topic given (nothing to list or read); restore and export:
     an object whose size or sha256 is not what its run manifest recorded (none of its records is sent or
     written; restore says what it wrote before), or, with --require-manifest, objects no manifest lists
  2  bad options or environment (checked before any network call where possible)
  3  failed: an endpoint did not answer within --timeout, refused, returned an error, or answered unlike an object store
  4  restore stopped midway: the message says what was written; rerun with --resume
  With several topics (--topic repeated, --all-topics): the worst of the topics' statuses`;

/** estimate's: it reads topics on the brokers only, and measures every topic asked or fails. */
const ESTIMATE_EXIT = `
  0  done: every topic measured and priced
  2  bad options or environment (checked before any call to the brokers)
  3  failed: the brokers did not answer within --timeout, refused, or returned an error (e.g. a topic that does not
     exist); with several topics, the first that fails stops the command`;

/** The help's environment and exit statuses: COS keys for the commands that read a backup, KAFKA_SASL_PASSWORD for those that talk to Kafka. */
function environment(kafka: boolean, exit = BACKUP_EXIT, cos = true): string {
  const lines = [
    ...(cos
      ? [
          "  TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY  keys that may read the bucket (required);",
          "    or TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (the first spelling is used when both are set)",
          "  TENCENTCLOUD_SECURITY_TOKEN                      the token of temporary keys; or TENCENTCLOUD_SESSIONTOKEN",
        ]
      : []),
    ...(kafka ? ["  KAFKA_SASL_PASSWORD                              the SASL password, with --sasl-mechanism"] : []),
  ];
  return `
Environment:
${lines.join("\n")}

Exit status:${exit}`;
}

function version(): string {
  // dist/cli/main.js once built, cli/main.ts from the repository: the package.json is one or two folders up.
  for (const up of ["..", "../.."]) {
    const path = join(__dirname, up, "package.json");
    if (existsSync(path)) {
      const pkg = JSON.parse(readFileSync(path, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "ckafka-cos-backup") return pkg.version ?? "unknown";
    }
  }
  return "unknown";
}

function checked(name: string, check: (v: string) => string | undefined) {
  return (value: string) => {
    const problem = check(value);
    if (problem) throw new UsageError(`--${name}: ${problem}`);
    return value;
  };
}

function whole(name: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value)) throw new UsageError(`--${name}: "${value}" is not a whole number`);
    return Number(value);
  };
}

function positive(name: string, what = "whole number of seconds") {
  return (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) === 0) throw new UsageError(`--${name}: "${value}" is not a ${what} above 0`);
    return Number(value);
  };
}

/** An http(s) URL, refused up front: another scheme or a bare word would only fail after retries. */
function endpointUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--endpoint: "${value}" is not a URL; give an http or https URL, e.g. http://127.0.0.1:9000`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--endpoint: "${value}" uses ${url.protocol.slice(0, -1)}; only http and https URLs are allowed, e.g. http://127.0.0.1:9000`);
  return value;
}

/** --consumer-groups: "all", or names separated by commas. */
function groupList(value: string): "all" | string[] {
  if (value === "all") return "all";
  const names = value.split(",").map((g) => g.trim());
  if (names.some((g) => g === "")) throw new UsageError(`--consumer-groups: "${value}" holds an empty name; give all, or group names separated by commas`);
  return names;
}

function decimal(name: string, min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?(e-?\d+)?$/i.test(value) || !(n >= min && n <= max)) throw new UsageError(`--${name}: "${value}" is not a number from ${min} to ${max}`);
    return n;
  };
}

/**
 * The codec `estimate` prices, checked as the construct checks `compression` and `compressionLevel` for JSON Lines,
 * then against the codecs the cost model has measured figures for.
 */
function codecOf(compression: string, level: string | undefined): Codec {
  const wrong = checkCompression("jsonl", compression);
  if (wrong || !MODELLED_COMPRESSIONS.includes(compression)) {
    throw new UsageError(`--compression: "${compression}" is not priced; expected one of ${MODELLED_COMPRESSIONS.join(", ")} (the cost model has measured ${MODELLED_CODECS.join(", ")}; ${FIGURES_SOURCE})`);
  }
  const c = compression as Compression;
  let n = defaultCompressionLevel("jsonl", c);
  if (level !== undefined) {
    if (!/^\d+$/.test(level)) throw new UsageError(`--compression-level: "${level}" is not a whole number`);
    n = Number(level);
    const why = checkCompressionLevel(c, n);
    if (why) throw new UsageError(`--compression-level: ${why}`);
  }
  const codec = { compression: c, level: n };
  try {
    codecCpu(codec);
  } catch (err) {
    throw new UsageError(`--compression ${c}${level === undefined ? "" : ` --compression-level ${n}`}: ${(err as Error).message}`);
  }
  return codec;
}

/** The function memories SCF offers, as the construct checks them. */
function memoryMiB(value: string): number {
  const { min, max, step } = LIMITS.memoryMiB;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max || n % step !== 0) throw new UsageError(`--memory-mib: "${value}" is not allowed; expected a multiple of ${step} from ${min} to ${max}, as the construct's memoryMiB`);
  return n;
}

function isoTime(name: string) {
  return (value: string) => {
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(ms)) throw new UsageError(`--${name}: "${value}" is not an ISO 8601 time with a zone, e.g. 2026-11-25T08:00:00Z or 2026-11-25 (UTC midnight)`);
    return ms;
  };
}

const collect = <T>(parse: (v: string) => T) => (value: string, previous: T[] | undefined) => [...(previous ?? []), parse(value)];

/** --topic may be repeated, or --all-topics given instead; a recreated topic's location `<topic>~<n>` is a topic here. */
function withSource(cmd: Command): Command {
  return cmd
    .requiredOption("--bucket <bucket>", "the backup bucket, <name>-<appid>", checked("bucket", checkBucket))
    .requiredOption("--region <region>", "the bucket's region, e.g. ap-guangzhou", checked("region", checkRegion))
    .requiredOption("--instance <id>", "the CKafka instance id (first folder of every key)", checked("instance", checkInstanceId))
    .option("--topic <topic>", "a backed-up topic, or a recreated topic's backup location <topic>~<n> (repeat for several)", collect(checked("topic", checkLocation)))
    .option("--all-topics", "every topic backed up under <prefix><instance>/ (instead of --topic)", false)
    .option("--prefix <prefix>", 'the construct\'s deliveryPathPrefix, ending in "/"', checked("prefix", checkPrefix), "")
    .option("--endpoint <url>", "an S3-compatible endpoint (http or https URL) instead of COS's own domain, e.g. http://127.0.0.1:9000", endpointUrl)
    .option("--timeout <seconds>", "time limit of each network call, above 0 (object downloads: 1 s more per MiB)", positive("timeout"), 30)
    .option("--json", "print the result as JSON on stdout", false);
}

function withKafka(cmd: Command, required: boolean): Command {
  const brokers = new Option("--brokers <host:port,...>", "bootstrap brokers").argParser((v: string) => v.split(",").map(checked("brokers", checkBroker)).join(","));
  return cmd
    .addOption(required ? brokers.makeOptionMandatory() : brokers)
    .addOption(new Option("--sasl-mechanism <mechanism>", "SASL mechanism; the password from KAFKA_SASL_PASSWORD").choices(SASL_MECHANISMS))
    .option("--sasl-username <user>", "SASL user name")
    .option("--tls", "connect with TLS", false)
    .option("--verbose", "print the Kafka client's own log lines on stderr", false);
}

function withSelection(cmd: Command): Command {
  return cmd
    .option("--partition <n>", "only this partition (repeat for more)", collect(whole("partition")))
    .option("--from-offset <n>", "records from this offset on, per partition", whole("from-offset"))
    .option("--to-offset <n>", "records before this offset, per partition", whole("to-offset"))
    .option("--from-time <iso>", "records with a timestamp at or after this time (ISO 8601 with a zone)", isoTime("from-time"))
    .option("--to-time <iso>", "records with a timestamp before this time (ISO 8601 with a zone)", isoTime("to-time"));
}

/** Restore and export check each object they read against the run manifests, as verify does. */
function withChecks(cmd: Command): Command {
  return cmd
    .option("--require-manifest", "refuse objects no run manifest lists, whose bytes cannot be checked (default: read them, with a warning on stderr)")
    .addHelpText(
      "after",
      `
Checks: every object read is compared, before any of its records is used, with the size and sha256 its run
manifest recorded (as verify does): one that differs stops the command with exit 1, naming the key. Objects no
manifest lists (their run could not store its manifest, or the manifests were deleted) are read unchecked and
counted in a warning on stderr; --require-manifest refuses them instead.`,
    );
}

interface CheckFlags {
  requireManifest?: boolean;
}
interface SourceFlags {
  bucket: string;
  region: string;
  instance: string;
  topic: string;
  prefix: string;
  endpoint?: string;
  timeout: number;
  json: boolean;
}
/** The source flags as given: --topic repeated, or --all-topics. */
type TopicsSourceFlags = Omit<SourceFlags, "topic"> & TopicFlags;
interface KafkaFlags {
  brokers?: string;
  saslMechanism?: string;
  saslUsername?: string;
  tls: boolean;
  verbose: boolean;
}
interface RestoreFlags {
  targetTopic?: string;
  targetTopicPrefix?: string;
  allTopics: boolean;
  checkpointDir?: string;
  createTopic: boolean;
  replicationFactor?: number;
  intoSourceTopic: boolean;
  consumerGroups?: "all" | string[];
  repartition: boolean;
  concurrency?: number;
  maxBytesPerSecond?: number;
  dryRun: boolean;
  scan: boolean;
  check: boolean;
  checkpoint?: string;
  resume: boolean;
}
interface SelectionFlags {
  partition?: number[];
  fromOffset?: number;
  toOffset?: number;
  fromTime?: number;
  toTime?: number;
}

/** What restore's --topic, --all-topics and --target-topic(-prefix) ask for: one topic into one target, or several topics each into its own name. */
export type TopicsAsked = { one: string; targetTopic: string } | { several: string[] | "all" };

/** Checks how restore's topics are given, before any network call. */
export function topicsAsked(f: Pick<RestoreFlags, "targetTopic" | "targetTopicPrefix" | "allTopics" | "checkpointDir"> & SelectionFlags & { topic?: string[]; checkpoint?: string }): TopicsAsked {
  const topics = topicsWanted(f);
  if (f.targetTopic !== undefined && f.targetTopicPrefix !== undefined) throw new UsageError("--target-topic and --target-topic-prefix together: give the target's name, or a prefix put before the topic's own name");
  const badPrefix = f.targetTopicPrefix === undefined ? undefined : checkTopicPrefix(f.targetTopicPrefix);
  if (badPrefix) throw new UsageError(`--target-topic-prefix: ${badPrefix}`);
  if (topics !== "all" && topics.length === 1) {
    if (f.checkpointDir !== undefined) throw new UsageError("--checkpoint-dir is for several topics; with one --topic, give the checkpoint file with --checkpoint");
    if (f.targetTopic === undefined && f.targetTopicPrefix === undefined && !incarnationOf(topics[0])) throw new UsageError("required option '--target-topic <topic>' not specified (or give --target-topic-prefix)");
    return { one: topics[0], targetTopic: f.targetTopic ?? targetsOf(topics, f.targetTopicPrefix)[0] };
  }
  const which = severalText(topics);
  if (f.targetTopic !== undefined) {
    throw new UsageError(`--target-topic names the one topic a single --topic is restored into; with ${which} each topic is restored into a topic of its own name (on another cluster) or, with --target-topic-prefix, of its name after the prefix`);
  }
  if (f.checkpoint !== undefined) throw new UsageError(`--checkpoint names one topic's checkpoint file; with ${which} each topic has its own, ${checkpointName("<topic>", "<target-topic>")}: give their folder with --checkpoint-dir`);
  checkOneTopicOptions(which, f);
  // Topics named: each target's name is known now (--all-topics': once the location is listed).
  if (topics !== "all") targetsOf(topics, f.targetTopicPrefix);
  return { several: topics };
}

/** "--all-topics" or "3 topics": what several topics were asked with, for messages. */
const severalText = (topics: string[] | "all") => (topics === "all" ? "--all-topics" : `${topics.length} topics`);

/** COS keys from the environment: the Tencent Cloud provider's names first, then SCF's. */
export function credentialsOf(env: NodeJS.ProcessEnv): Credentials {
  const found = credentialsFrom(env, [PROVIDER_NAMES, SCF_NAMES]);
  if ("missing" in found) throw new UsageError(`${found.missing.join(" and ")} must be set: keys that may read the bucket`);
  return found.credentials;
}

function sourceOf(f: SourceFlags, env: NodeJS.ProcessEnv): BackupSource {
  return cosSource({
    bucket: f.bucket,
    region: f.region,
    prefix: f.prefix,
    instanceId: f.instance,
    topic: f.topic,
    endpoint: f.endpoint,
    timeoutMs: f.timeout * 1000,
    credentials: credentialsOf(env),
  });
}

/**
 * A command's topics: one --topic as given; several, or --all-topics, as the location lists them (a topic asked for
 * that is not backed up there is refused before any work).
 */
async function topicsOf(f: TopicsSourceFlags, env: NodeJS.ProcessEnv): Promise<{ several: boolean; topics: string[] }> {
  const wanted = topicsWanted(f);
  if (wanted !== "all" && wanted.length === 1) return { several: false, topics: wanted };
  // The location's listing: a source of no topic of its own.
  const location = sourceOf({ ...f, topic: "" }, env);
  return { several: true, topics: topicsAt(wanted, await location.topics(), location.instanceLocation) };
}

/** Each topic's work, one topic after another; with several, each under its name on the progress display and in its errors. */
async function perTopic<R>(topics: string[], several: boolean, progress: Progress, work: (topic: string, progress: Progress) => Promise<R>): Promise<Array<{ topic: string; report: R }>> {
  const results: Array<{ topic: string; report: R }> = [];
  for (const topic of topics) {
    try {
      results.push({ topic, report: await work(topic, several ? topicProgress(progress, topic) : progress) });
    } catch (err) {
      throw several ? namedError(topic, err) : err;
    }
  }
  return results;
}

function kafkaOf(f: KafkaFlags & { timeout: number }, env: NodeJS.ProcessEnv, clientId: string): Kafka {
  let sasl: SASLOptions | undefined;
  if (f.saslMechanism !== undefined) {
    const password = env.KAFKA_SASL_PASSWORD;
    if (!password) throw new UsageError("KAFKA_SASL_PASSWORD must be set with --sasl-mechanism");
    if (!f.saslUsername) throw new UsageError("--sasl-username is required with --sasl-mechanism");
    sasl = { mechanism: f.saslMechanism, username: f.saslUsername, password } as SASLOptions;
  }
  const timeoutMs = f.timeout * 1000;
  return new Kafka({
    clientId,
    brokers: f.brokers!.split(","),
    ssl: f.tls,
    sasl,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 2, initialRetryTime: 300 },
    logLevel: f.verbose ? logLevel.INFO : logLevel.NOTHING,
    logCreator: () => (entry) => process.stderr.write(`kafkajs ${JSON.stringify(entry.log)}\n`),
  });
}

function selectionOf(f: SelectionFlags): Selection {
  if (f.fromOffset !== undefined && f.toOffset !== undefined && f.fromOffset >= f.toOffset) {
    throw new UsageError(`--from-offset ${f.fromOffset} is not below --to-offset ${f.toOffset}: the range is [from, to), to excluded; give a --to-offset above --from-offset`);
  }
  if (f.fromTime !== undefined && f.toTime !== undefined && f.fromTime >= f.toTime) {
    throw new UsageError(`--from-time ${new Date(f.fromTime).toISOString()} is not before --to-time ${new Date(f.toTime).toISOString()}: the range is [from, to), to excluded; give a --to-time after --from-time`);
  }
  return { partitions: f.partition, fromOffset: f.fromOffset, toOffset: f.toOffset, fromTimeMs: f.fromTime, toTimeMs: f.toTime };
}

const offsets = (first: number | null, last: number | null) => (first === null ? "none" : first === last ? `offset ${first}` : `offsets ${first}–${last}`);
/** What restore prints: the topic created, each partition, the groups' positions, the read-back, and a last line of totals. */
function restoreLines(r: RestoreReport, target: string): string[] {
  const lines: string[] = [];
  const would = (done: string, dry: string) => (r.dryRun ? dry : done);
  if (r.created) {
    const rf = r.created.replicationFactor > 0 ? String(r.created.replicationFactor) : "the cluster's default";
    const settings = Object.entries(r.created.configs).sort().map(([k, v]) => `${k}=${v}`).join(", ") || "none set on the source topic";
    lines.push(`${would("created", "would create")} topic ${target}: ${r.created.partitions} partition(s), replication factor ${rf}, settings: ${settings}`);
    if (r.dryRun) lines.push("as Terraform (tencentcloud provider):", ...r.created.terraform.split("\n"));
  }
  for (const [p, c] of r.byPartition) lines.push(`partition ${p}: ${c.held ? nothingSelectedText(p, c.held) : `${would(`${c.records} records restored`, `would send ${c.records} records`)} (${offsets(c.firstOffset, c.lastOffset)}), ${c.bytes} bytes`}`);
  if (r.largestRecord) lines.push(`largest record: partition ${r.largestRecord.partition} offset ${r.largestRecord.offset}, ${r.largestRecord.bytes} bytes`);
  if (r.positions.length) {
    const rows = [["group", "partition", "source offset", "target offset"], ...r.positions.map((g) => [g.groupId, String(g.partition), g.sourceOffset, g.targetOffset ?? "(after the restore)"])];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
    lines.push(would("consumer group positions committed on the target:", "consumer group positions that would be committed:"));
    for (const row of rows) lines.push(row.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd());
  }
  for (const c of r.check?.partitions ?? []) {
    lines.push(`check partition ${c.partition}: ${c.found.records} of ${c.sent.records} records read back, ${c.ok ? "digest matches" : `PROBLEM: ${c.sent.records === c.found.records ? "digest differs" : "count differs"} (sent ${c.sent.digest.slice(0, 16)}…, found ${c.found.digest.slice(0, 16)}…)`}`);
  }
  if (r.sendSeconds !== undefined && r.sendSeconds > 0) lines.push(`sent in ${r.sendSeconds.toFixed(1)} s: ${Math.round(r.records / r.sendSeconds)} records/s, ${(r.bytes / 1048576 / r.sendSeconds).toFixed(2)} MiB/s of record bytes`);
  lines.push(
    r.dryRun
      ? `dry run: would send ${r.records} records, ${r.bytes} bytes, read from ${r.objects} objects, into ${target}; nothing sent`
      : `${r.records} records restored into ${target}${r.check && !r.check.ok ? "; the read-back differs (PROBLEM above)" : ""}`,
  );
  return lines;
}

/** What restore prints for several topics: each topic's lines under its name, then the totals. */
function topicsLines(r: TopicsRestoreReport): string[] {
  const lines: string[] = [];
  for (const t of r.topics) lines.push(`topic ${t.topic} → ${t.targetTopic}:`, ...restoreLines(t, t.targetTopic).map((l) => `  ${l}`));
  if (r.sendSeconds !== undefined && r.sendSeconds > 0) lines.push(`all topics sent in ${r.sendSeconds.toFixed(1)} s: ${Math.round(r.records / r.sendSeconds)} records/s, ${(r.bytes / 1048576 / r.sendSeconds).toFixed(2)} MiB/s of record bytes`);
  lines.push(
    r.dryRun
      ? `dry run: would send ${r.records} records, ${r.bytes} bytes, read from ${r.objects} objects, from ${r.topics.length} topic(s); nothing sent`
      : `${r.records} records restored from ${r.topics.length} topic(s)${r.checkOk === false ? "; the read-back differs (PROBLEM above)" : ""}`,
  );
  return lines;
}

/** What history prints for one topic: its runs, newest first, and how fresh the backup is. */
function historyLines(h: History): string[] {
  const lines: string[] = [];
  for (const r of h.runs) {
    const reasons = Object.entries(r.stopReasons).map(([k, n]) => `${k} ${n}`).join(", ");
    const extra = [
      r.behind.length ? `behind plan: ${r.behind.map((b) => `p${b.partition} ${b.offsets}`).join(", ")}` : "",
      r.gaps.length ? `gaps: ${r.gaps.map((g) => `p${g.partition} ${g.from}–${g.to - 1}`).join(", ")}` : "",
      r.errors.length ? `errors: ${r.errors.join("; ")}` : "",
    ].filter(Boolean);
    const instance = r.instance.parallelism > 1 ? `  instance ${r.instance.slot} of ${r.instance.parallelism}` : "";
    lines.push(`${r.startedAt}${instance}  ${r.durationSeconds.toFixed(1)} s  ${r.records} records  ${r.storedBytes} bytes  ${r.objects} objects  stop: ${reasons}${extra.length ? `  ${extra.join("  ")}` : ""}`);
  }
  lines.push(`${h.runs.length} of ${h.totalRuns} run(s) shown`);
  lines.push(
    h.lastCaughtUp
      ? `caught up as of ${h.lastCaughtUp.startedAt} (${ago(h.lastCaughtUp.ageSeconds)} ago): every partition was read to its plan's end by a run started then or later; the newest runs left ${h.behindOffsets} offset(s) behind their plans`
      : h.neverCaughtUp.length
        ? `not caught up yet: no run has read partition(s) ${h.neverCaughtUp.join(", ")} to its plan's end; the newest runs left ${h.behindOffsets} offset(s) behind their plans`
        : "no run has read any partition yet",
  );
  return lines;
}

/** What verify prints for one topic: each partition, the digests checked, each problem, and the verdict. */
function verifyLines(report: VerifyReport): string[] {
  const lines: string[] = [];
  for (const p of report.partitions) {
    const holes = p.holes.map(holeText).join(", ");
    const topic = p.topicEnd === undefined ? "" : `, group committed ${p.committedOffset ?? "nothing"}, topic end ${p.topicEnd}, the backup trails the end by ${p.trailingOffsets} offset(s)`;
    lines.push(`partition ${p.partition}: ${p.objects} objects, ${p.records} records, ${offsets(p.firstOffset, p.lastOffset)}${holes ? `, no records at ${holes}` : ""}${topic}`);
  }
  lines.push(`${report.checkedDigests} object(s) checked against ${report.manifests} manifest(s) (size and sha256)${report.unlisted ? `; ${report.unlisted} object(s) no manifest lists` : ""}`);
  for (const problem of report.problems) lines.push(`PROBLEM ${problem}`);
  // Not a problem (exit 0: their run may only have failed to store its manifest), but not checked either.
  if (report.unlisted) lines.push(`WARNING ${unlistedText(report.unlisted)}: their bytes were not checked against a recorded size and sha256, and history lists no run that wrote them (--require-manifest makes each a problem)`);
  lines.push(report.problems.length ? `${report.problems.length} problem(s) found` : report.unlisted ? `no problem found; ${report.unlisted} object(s) unchecked (WARNING above)` : "backup is sound");
  return lines;
}

const unlistedText = (n: number) => `${n} object(s) ${n === 1 ? "is" : "are"} listed by no run manifest`;

/** What export prints for one topic: each partition, and the totals written to `out`. */
function exportLines(report: ExportReport, out: string): string[] {
  return [
    ...[...report.byPartition].map(([p, r]) => `partition ${p}: ${r.held ? nothingSelectedText(p, r.held) : `${r.records} records (${offsets(r.firstOffset, r.lastOffset)})`}`),
    `${report.records} records, ${report.bytes} bytes${report.tombstones ? ` (${report.tombstones} without a value)` : ""}, from ${report.objects} objects, written to ${out}`,
  ];
}

/** Several topics' lines: each topic's under its name, indented. */
function underTopics<R>(results: Array<{ topic: string; report: R }>, lines: (report: R, topic: string) => string[]): string[] {
  return results.flatMap(({ topic, report }) => [`topic ${topic}:`, ...lines(report, topic).map((l) => `  ${l}`)]);
}

const holeText = (h: Hole) => {
  const at = h.to - 1 > h.from ? `${h.from}–${h.to - 1}` : `${h.from}`;
  const why = h.missingObject
    ? `object missing: ${h.missingObject}`
    : h.explained === "retention gap"
      ? "retention gap, recorded"
      : h.explained === "read, no record delivered"
        ? "read by a run, no record: transaction markers, aborted or compacted records"
        : (h.explained ?? "unexplained");
  return `${at} (${why})`;
};
const json = (value: unknown) => JSON.stringify(value, (_, v) => (v instanceof Map ? Object.fromEntries(v) : v), 2);
const ago = (s: number) => (s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : s < 172_800 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86400)} days`);

const n0 = (x: number) => Math.round(x).toLocaleString("en");
const usd = (x: number | undefined) => (x === undefined ? "not priced" : x < 10 ? x.toFixed(2) : n0(x));

/** The lines `estimate` prints for one topic, or under `heading` for one function backing up several. */
function planText(p: BackupPlan, keepDays: number, heading = `topic ${p.topic}`): string[] {
  const m = p.measured;
  const s = m.sample;
  const r = p.recommended;
  const retention = m.retentionMs === undefined ? "retention not readable" : m.retentionMs < 0 ? "no retention limit" : `retention ${(m.retentionMs / 86_400_000).toFixed(1)} days`;
  const lines = [
    `${heading}: ${p.partitions} partitions, ${p.recordsPerSecond.toFixed(1)} records/s over ${m.windowSeconds.toFixed(0)} s` +
      (s ? `; ${s.records} newest records average ${n0(s.recordBytes)} B (JSON line ${n0(s.lineBytes)} B, stored ${n0(s.storedBytes)} B ${p.codec.compression} ${p.codec.level})` : "; no record to sample") +
      `; ${retention}`,
    `recommended: timeGranularityMinutes ${r.timeGranularityMinutes}, parallelism ${r.parallelism ?? `more than ${LIMITS.parallelism.max}`}, memoryMiB ${r.memoryMiB}, partitionMaxBytes ${r.partitionMaxBytes} (${r.partitionMaxBytes / 1024 ** 2} MiB)`,
    ...p.reasons.map((x) => `  - ${x}`),
    `stored: ${p.storedGbPerMonth.toFixed(2)} GB per month of records; ${p.storedGbKept.toFixed(2)} GB kept at ${keepDays} days`,
    "granularity  instances  busiest instance / capacity (records per tick)  invocations/month  run s  GB-s/month  writes/month  USD/month (SCF + invocations + COS storage + requests)",
  ];
  for (const g of p.byGranularity) {
    const c = g.costPerMonth;
    lines.push(
      `${String(g.granularityMinutes).padStart(6)} min  ${String(g.parallelism ?? `>${LIMITS.parallelism.max}`).padStart(9)}  ${`${n0(g.busiestInstanceRecordsPerTick)} / ${n0(g.instanceCapacityRecordsPerTick)}`.padStart(46)}  ` +
        `${n0(g.invocationsPerMonth).padStart(17)}  ${g.runSeconds.toFixed(1).padStart(5)}  ${n0(g.gbSecondsPerMonth).padStart(10)}  ${n0(g.writeRequestsPerMonth).padStart(12)}  ` +
        `${usd(c.total)} (${usd(c.scf)} + ${usd(c.scfInvocations)} + ${usd(c.cosStorage)} + ${usd(c.cosRequests)})`,
    );
  }
  return lines;
}

/** What the commands' actions share: the environment, where lines and warnings go, the progress display, and the exit status they set. */
interface CommandContext {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  progress: Progress;
  warn: (line: string) => void;
  status: number;
}

/** Runs one command line; returns the exit status. Errors are thrown (the caller prints them, see exitStatus). */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
  progress: Progress = progressOn(process.stderr),
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const ctx: CommandContext = { env, out, progress, warn, status: EXIT.ok };
  const program = new Command("ckafka-cos-backup")
    .description("Operator commands for a CKafka topic backed up to COS by the CkafkaCosBackup construct. They read JSON Lines (.jsonl.gz, .jsonl.zst, .jsonl) and Parquet (.parquet, gzip or zstd pages) objects, any mix in one backup too.")
    .version(version(), "-V, --version")
    .addHelpText("after", environment(true))
    .configureOutput({ writeOut: (s) => out(s.replace(/\n$/, "")), writeErr: (s) => out(s.replace(/\n$/, "")), outputError: () => undefined })
    // Commander's help does not mark the options it requires; each command inherits this.
    .configureHelp({ optionDescription: (o) => `${new Help().optionDescription(o)}${o.mandatory ? " (required)" : ""}` })
    .exitOverride();

  for (const command of [historyCommand, verifyCommand, restoreCommand, exportCommand, estimateCommand]) command(program, ctx);

  // A call that waits says so every few seconds, as the progress display does for long work (stderr, plain lines).
  reportWaiting(warn);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok; // --help, --version
      if (err.code === "commander.help") return EXIT.usage; // no command: the help is printed
      throw new UsageError(err.message.replace(/^error: /, ""));
    }
    throw err;
  } finally {
    reportWaiting(undefined);
  }
  return ctx.status;
}

/** `history`: the runs of each topic from their manifests, and how fresh its backup is. */
function historyCommand(program: Command, ctx: CommandContext): void {
  const { env, out, progress } = ctx;
  withSource(program.command("history").description("list the backup runs from their manifests, newest first, and how fresh the backup is"))
    .option("--since <iso>", "only runs started at or after this time", isoTime("since"))
    .option("--limit <n>", "at most this many runs", whole("limit"))
    .addHelpText("after", environment(false))
    .action(async (f: TopicsSourceFlags & { since?: number; limit?: number }) => {
      const { several, topics } = await topicsOf(f, env);
      const results = await perTopic(topics, several, progress, (topic) => readHistory(sourceOf({ ...f, topic }, env), { sinceMs: f.since, limit: f.limit }));
      const manifestsAt = (topic: string) => `${f.bucket}/${f.prefix}_manifests/${f.instance}/${topic}/`;
      if (!several) {
        const h = results[0].report;
        if (h.totalRuns === 0) throw new NothingBackedUp("run manifest", manifestsAt(topics[0]));
        if (f.json) return out(json(h));
        return historyLines(h).forEach((l) => out(l));
      }
      // A topic of several without a manifest is reported, and the others still listed.
      const none = results.filter((r) => r.report.totalRuns === 0).map((r) => r.topic);
      if (none.length) ctx.status = EXIT.problems;
      const caughtUp = results.filter((r) => r.report.lastCaughtUp);
      const behind = results.filter((r) => r.report.totalRuns > 0 && !r.report.lastCaughtUp).map((r) => r.topic);
      const oldest = caughtUp.map((r) => r.report.lastCaughtUp!).sort((a, b) => b.ageSeconds - a.ageSeconds)[0];
      const totalRuns = results.reduce((n, r) => n + r.report.totalRuns, 0);
      if (f.json) return out(json({ topics: results.map((r) => ({ topic: r.topic, ...r.report })), totalRuns, notCaughtUp: behind, noRunManifest: none }));
      for (const line of underTopics(results, (h, topic) => (h.totalRuns ? historyLines(h) : [`no run manifest under ${manifestsAt(topic)}`]))) out(line);
      out(
        [
          `${results.length} topics: ${totalRuns} run(s)`,
          caughtUp.length === results.length ? `every topic caught up, the least fresh as of ${oldest.startedAt} (${ago(oldest.ageSeconds)} ago)` : caughtUp.length ? `${caughtUp.length} caught up, the least fresh as of ${oldest.startedAt} (${ago(oldest.ageSeconds)} ago)` : "",
          behind.length ? `not caught up yet: ${behind.join(", ")}` : "",
          none.length ? `PROBLEM no run manifest: ${none.join(", ")}` : "",
        ].filter(Boolean).join("; "),
      );
    });
}

/** `verify`: each topic's objects against its manifests and offsets (with --brokers, against the group and the topic). */
function verifyCommand(program: Command, ctx: CommandContext): void {
  const { env, out, progress } = ctx;
  withKafka(withSource(program.command("verify").description("check every object against the manifests and the offsets; with --brokers, against the group's committed offsets and the topic's end")), false)
    .option("--group <id>", "the backup's consumer group, with --brokers (default: the one the manifests record)")
    .option("--require-manifest", "an object no run manifest lists is a problem, and is not decoded (default: decode it, check its offsets and count it on the summary line)")
    .addHelpText("after", environment(true))
    .action(async (f: TopicsSourceFlags & KafkaFlags & { group?: string; requireManifest?: boolean }) => {
      const { several, topics } = await topicsOf(f, env);
      const kafka = f.brokers ? kafkaOf(f, env, "ckafka-cos-backup-verify") : undefined;
      const results = await perTopic(topics, several, progress, (topic, p) =>
        verifyBackup(sourceOf({ ...f, topic }, env), kafka && { kafka, brokers: f.brokers!, groupId: f.group, timeoutMs: f.timeout * 1000 }, p, f.requireManifest),
      );
      const unsound = results.filter((r) => r.report.problems.length);
      ctx.status = unsound.length ? EXIT.problems : EXIT.ok;
      if (!several) {
        if (f.json) return out(json(results[0].report));
        return verifyLines(results[0].report).forEach((l) => out(l));
      }
      const problems = unsound.reduce((n, r) => n + r.report.problems.length, 0);
      const sum = (of: (p: VerifyReport["partitions"][number]) => number) => results.reduce((n, r) => n + r.report.partitions.reduce((m, p) => m + of(p), 0), 0);
      if (f.json) return out(json({ topics: results.map((r) => ({ topic: r.topic, ...r.report })), problems, unsoundTopics: unsound.map((r) => r.topic) }));
      for (const line of underTopics(results, verifyLines)) out(line);
      const unlisted = results.reduce((n, r) => n + r.report.unlisted, 0);
      const verdict = problems ? `${problems} problem(s) found, in ${unsound.map((r) => r.topic).join(", ")}` : unlisted ? `no problem found; ${unlistedText(unlisted)}, unchecked (WARNING above)` : "every topic's backup is sound";
      out(`${results.length} topics: ${sum((p) => p.objects)} objects, ${sum((p) => p.records)} records; ${verdict}`);
    });
}

/** `restore`: one topic into a target topic, or several topics each into its own. */
function restoreCommand(program: Command, ctx: CommandContext): void {
  const { env, out, progress, warn } = ctx;
  withChecks(withSelection(withKafka(withSource(program.command("restore").description("replay records into a topic, on this cluster or another: same partitions, or by key with --repartition; creates the topic as recorded, positions consumer groups, checks before and after; resumable; several topics of one location in one command")), false)))
    .option("--target-topic <topic>", "the topic to write into: existing, or created with --create-topic; the backed-up topic's own name is fine on another cluster (required with one --topic, refused with several)", checked("target-topic", checkTopic))
    .option("--target-topic-prefix <prefix>", "restore each topic into its own name after this prefix (default with several topics: the topic's own name); a recreated topic's location <topic>~<n> goes into <prefix><topic>-<n>")
    .option("--create-topic", "create the target topic when it does not exist, with the partition count and topic settings the backup recorded", false)
    .option("--replication-factor <n>", "replication factor of a topic --create-topic creates (default: the target cluster's default.replication.factor)", positive("replication-factor", "whole number"))
    .option("--into-source-topic", "allow writing into the backed-up topic on the backed-up cluster (every restored record is then there twice), or into a topic of its name when the backup records no cluster id", false)
    .option("--consumer-groups <all|names>", "after the restore, commit each recorded group's position on the target: all, or group names separated by commas", groupList)
    .option("--repartition", "place records by key (murmur2, as Kafka's Java client) in a target with another partition count; records without a key go to their source partition modulo the target's count", false)
    .option("--concurrency <n>", `partitions restored at once (default ${DEFAULT_CONCURRENCY}; 1 with --repartition)`, positive("concurrency", "whole number"))
    .option("--max-bytes-per-second <n>", "record bytes per second at most, across all partitions (CKafka throttles the whole instance above its purchased bandwidth)", positive("max-bytes-per-second", "whole number"))
    .option("--dry-run", "check the target and read the backup as the restore would; print what would be created, sent and committed; write nothing (without --brokers: connect to no broker)", false)
    .option("--no-scan", "skip the preflight's read of the backup (objects' digests, records' sizes): a damaged object or an oversized record then stops the restore midway, resumably")
    .option("--no-check", "skip reading the target back after the restore")
    .option("--checkpoint <file>", "where the restore records its progress (default: restore-<topic>-to-<target-topic>.checkpoint.json)")
    .option("--checkpoint-dir <dir>", "with several topics: the folder of their checkpoint files, one per topic named as --checkpoint's default (default: the working directory)")
    .option("--resume", "continue the restore the checkpoint records, sending nothing twice", false)
    .addHelpText("after", environment(true))
    .action(async (flags: Omit<SourceFlags, "topic"> & { topic?: string[] } & KafkaFlags & SelectionFlags & CheckFlags & RestoreFlags) => {
      const asked = topicsAsked(flags);
      const f = { ...flags, topic: "one" in asked ? asked.one : "" };
      if (!f.dryRun && !f.brokers) throw new UsageError("--brokers is required unless --dry-run");
      const selection = selectionOf(f);
      const kafka = f.brokers ? kafkaOf(f, env, "ckafka-cos-backup-restore") : undefined;
      const common = {
        ...selection,
        repartition: f.repartition,
        dryRun: f.dryRun,
        createTopic: f.createTopic,
        replicationFactor: f.replicationFactor,
        intoSourceTopic: f.intoSourceTopic,
        consumerGroups: f.consumerGroups,
        concurrency: f.concurrency,
        maxBytesPerSecond: f.maxBytesPerSecond,
        scan: f.scan,
        check: f.check,
        resume: f.resume,
        timeoutMs: f.timeout * 1000,
        requireManifest: f.requireManifest,
        warn,
        progress,
      };
      if ("several" in asked) {
        // The location's listing: a source of no topic of its own.
        const report = await restoreTopics(sourceOf(f, env), (topic) => sourceOf({ ...f, topic }, env), kafka, f.brokers ?? "", { ...common, topics: asked.several, targetTopicPrefix: f.targetTopicPrefix, checkpointDir: f.checkpointDir });
        if (report.checkOk === false) ctx.status = EXIT.problems;
        if (f.json) return out(json(report));
        for (const line of topicsLines(report)) out(line);
        return;
      }
      const report = await restoreBackup(sourceOf(f, env), kafka, f.brokers ?? "", { ...common, targetTopic: asked.targetTopic, checkpointPath: f.checkpoint ?? checkpointName(asked.one, asked.targetTopic) });
      if (report.check && !report.check.ok) ctx.status = EXIT.problems;
      if (f.json) return out(json(report));
      for (const line of restoreLines(report, asked.targetTopic)) out(line);
    });
}

/** `export`: each topic's selected records into local files. */
function exportCommand(program: Command, ctx: CommandContext): void {
  const { env, out, progress, warn } = ctx;
  withChecks(withSelection(withSource(program.command("export").description("download records to local files: JSON Lines (the backup's own lines; a Parquet object's records as their JSON lines) or raw values"))))
    .requiredOption("--out <path>", "a new file (jsonl, values) or a new directory (value-files); written as <path>.partial, renamed once complete, removed if the export stops")
    .addOption(new Option("--format <format>", "jsonl: one backup line per record; values: values concatenated with --separator; value-files: one file per record, <partition>-<offset>").choices(EXPORT_FORMATS).default("jsonl"))
    .option("--separator <text>", 'between values with --format values; \\n, \\t, \\0 and \\\\ are understood', "\\n")
    .addHelpText("after", environment(false))
    .action(async (f: TopicsSourceFlags & SelectionFlags & CheckFlags & { out: string; format: ExportFormat; separator: string }) => {
      const separator = Buffer.from(f.separator.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", t: "\t", r: "\r", "0": "\0", "\\": "\\" })[c] ?? `\\${c}`));
      const wanted = topicsWanted(f);
      if (wanted === "all" || wanted.length > 1) {
        checkOneTopicOptions(severalText(wanted), f);
        if (existsSync(f.out) && !statSync(f.out).isDirectory()) {
          throw new UsageError(`--out: ${f.out} is a file; with ${severalText(wanted)} it names a folder (new, or existing) that gets a file per topic: give a folder`);
        }
      }
      const selection = selectionOf(f);
      const { several, topics } = await topicsOf(f, env);
      // Several topics: a file (or, with value-files, a folder) per topic in the --out folder, all checked before any is written.
      const outOf = (topic: string) => (several ? join(f.out, f.format === "value-files" ? topic : `${topic}.${f.format}`) : f.out);
      if (several) {
        const taken = topics.map(outOf).find((o) => existsSync(o) || existsSync(`${o}.partial`));
        if (taken) throw new UsageError(`--out: ${taken} (or ${taken}.partial) exists; give a folder where none of ${topics.map(outOf).join(", ")} exists, so nothing is overwritten`);
      }
      const results = await perTopic(topics, several, progress, (topic, p) =>
        exportBackup(sourceOf({ ...f, topic }, env), { ...selection, format: f.format, out: outOf(topic), separator, requireManifest: f.requireManifest, warn, progress: p }),
      );
      if (!several) {
        if (f.json) return out(json(results[0].report));
        return exportLines(results[0].report, f.out).forEach((l) => out(l));
      }
      const sum = (of: (r: ExportReport) => number) => results.reduce((n, r) => n + of(r.report), 0);
      if (f.json) return out(json({ topics: results.map((r) => ({ topic: r.topic, out: outOf(r.topic), ...r.report })), records: sum((r) => r.records), bytes: sum((r) => r.bytes), objects: sum((r) => r.objects) }));
      for (const line of underTopics(results, (r, topic) => exportLines(r, outOf(topic)))) out(line);
      out(`${results.length} topics: ${sum((r) => r.records)} records, ${sum((r) => r.bytes)} bytes, from ${sum((r) => r.objects)} objects, written to ${f.out}`);
    });
}

/** `estimate`: measures topics on their brokers and prices the construct's settings for them. */
function estimateCommand(program: Command, ctx: CommandContext): void {
  const { env, out, progress } = ctx;
  withKafka(program.command("estimate").description("measure a topic on its brokers (produce rate, record sizes, retention) and recommend the construct's settings and their monthly cost"), true)
    .option("--topic <topic>", "a topic to measure (required; repeat it for several, each once: each is sized and priced as a construct of its own)", collect(checked("topic", checkTopic)))
    .option("--one-function", "with several --topic: also size and price one construct backing them all up (props topics: one function, tick, memory and instances for all their partitions)", false)
    // Refused with a reason: estimate measures topics on the brokers, and has no backup location to list.
    .addOption(new Option("--all-topics").hideHelp())
    .option("--window <seconds>", "how long to watch the end offsets for the produce rate", positive("window"), 60)
    .option("--sample <n>", "newest records read per partition for their sizes", positive("sample", "whole number of records"), 200)
    .option("--memory-mib <MiB>", "the function's memory to price", memoryMiB, LIMITS.memoryMiB.default)
    .option("--cpu-share <cores>", "the share of a core the function gets (SCF's share per memory size is not documented: take it from your runs)", decimal("cpu-share", 0.05, 8), 1)
    .option("--headroom <factor>", "capacity over the measured rate, for bursts and catching up after a failed tick", decimal("headroom", 1, 100), 2)
    .option("--keep-days <days>", "days the backup is kept (lifecycle expiry), for the storage cost", decimal("keep-days", 1, 36_500), 30)
    .option("--compression <codec>", `the construct's compression for JSON Lines objects: ${MODELLED_COMPRESSIONS.join(" or ")} (priced: ${MODELLED_CODECS.join(", ")}; "none" was not measured)`, DEFAULT_CODEC.compression)
    .option("--compression-level <n>", `the construct's compressionLevel (default: the construct's for the compression: gzip 6, zstd 1; priced: ${MODELLED_CODECS.join(", ")})`)
    .option("--price-gb-second <usd>", "SCF price per GB-second (default: an UNVERIFIED figure, see the README)", decimal("price-gb-second", 0, 1), DEFAULT_PRICES.scfGbSecond)
    .option("--price-million-invocations <usd>", "SCF price per million invocations (not priced unless given)", decimal("price-million-invocations", 0, 1000))
    .option("--price-gb-month <usd>", "COS STANDARD price per GB-month (default: an UNVERIFIED figure, see the README)", decimal("price-gb-month", 0, 100), DEFAULT_PRICES.cosGbMonth)
    .option("--price-10k-writes <usd>", "COS price per 10,000 write requests (not priced unless given)", decimal("price-10k-writes", 0, 100))
    .option("--timeout <seconds>", "time limit of each call to the brokers, above 0", positive("timeout"), 30)
    .option("--json", "print the result as JSON on stdout", false)
    .addHelpText(
      "after",
      `
What it does: reads the topic's end offsets, waits --window seconds, reads them again (records per second per
partition), reads the newest --sample records of each partition through a consumer group of its own that commits
nothing (ckafka-cos-backup-estimate-<random>; Kafka removes it once empty), encodes them as the handler's JSON lines
and compresses them as --compression and --compression-level say (gzip 6 by default, as the construct). The handler's
CPU per record for that codec comes from this project's benchmarks on Node.js 18.15 (SCF's runtime); the
recommendation is the shortest tick at which the fewest instances keep up with the rate times --headroom. Measure at
a busy hour. Nothing is written to the topic or the group.
${environment(true, ESTIMATE_EXIT, false)}`,
    )
    .action(async (f: KafkaFlags & { topic?: string[]; allTopics?: boolean; oneFunction: boolean; window: number; sample: number; memoryMib: number; cpuShare: number; headroom: number; keepDays: number; compression: string; compressionLevel?: string; priceGbSecond: number; priceMillionInvocations?: number; priceGbMonth: number; price10kWrites?: number; timeout: number; json: boolean }) => {
      if (f.allTopics) throw new UsageError("--all-topics is not for estimate, which measures topics on the brokers and has no backup to list them from: name each topic with --topic (repeat it for several)");
      if (!f.topic) throw new UsageError("required option '--topic <topic>' not specified (repeat it for several topics)");
      const topics = onceEach(f.topic);
      if (f.oneFunction && topics.length < 2) throw new UsageError("--one-function sizes one construct backing up several topics: give --topic twice or more");
      const codec = codecOf(f.compression, f.compressionLevel);
      const kafka = kafkaOf(f, env, "ckafka-cos-backup-estimate");
      const prices = { scfGbSecond: f.priceGbSecond, scfPerMillionInvocations: f.priceMillionInvocations, cosGbMonth: f.priceGbMonth, cosPer10kWrites: f.price10kWrites };
      const planOptions = { memoryMiB: f.memoryMib, cpuShare: f.cpuShare, keepDays: f.keepDays, headroom: f.headroom, codec, prices };
      const measured: TopicMeasurement[] = [];
      for (const topic of topics) measured.push(await measureTopic(kafka, topic, { windowSeconds: f.window, samplePerPartition: f.sample, timeoutMs: f.timeout * 1000, brokers: f.brokers!, progress, codec }));
      const plans = measured.map((m) => planBackup(m, planOptions));
      const together = f.oneFunction ? planBackup(oneFunction(measured), planOptions) : undefined;
      if (f.json) return out(json(together ? { topics: plans, oneFunction: together } : plans));
      for (const p of plans) for (const line of planText(p, f.keepDays)) out(line);
      if (together) for (const line of planText(together, f.keepDays, `one construct backing up ${topics.join(", ")} (props topics)`)) out(line);
      out(`prices (USD): ${f.priceGbSecond} per SCF GB-second, ${f.priceGbMonth} per COS GB-month${f.priceMillionInvocations === undefined ? "" : `, ${f.priceMillionInvocations} per million invocations`}${f.price10kWrites === undefined ? "" : `, ${f.price10kWrites} per 10,000 writes`}; defaults are UNVERIFIED: pass your contract's prices`);
    });
}

/** What the bin prints for an error thrown by main, and its exit status. */
export function exitStatus(err: unknown): { message: string; status: number } {
  if (err instanceof UsageError) return { message: `error: ${err.message}\n(add --help for usage)`, status: EXIT.usage };
  if (err instanceof NothingBackedUp || err instanceof IntegrityError || err instanceof UnreadableObject) return { message: `error: ${err.message}`, status: EXIT.problems };
  if (err instanceof RestoreStopped) return { message: `error: ${err.message}`, status: EXIT.restoreStopped };
  const message = /^KafkaJS/.test((err as Error)?.name ?? "") ? kafkaErrorLine(err) : (err as Error)?.message ?? String(err);
  return { message: `error: ${message}`, status: EXIT.failed };
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  main(argv, process.env, (line) => console.log(line)).then(
    (code) => process.exit(code),
    (err) => {
      const { message, status } = exitStatus(err);
      console.error(message);
      process.exit(status);
    },
  );
}
