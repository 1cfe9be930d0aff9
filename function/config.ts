// The contract between the construct (lib/, writes the function's environment at synth time)
// and the handler (function/, reads it at run time). Both sides import this module, so a
// setting cannot be renamed on one side only. Validators here are the ones the construct runs
// on its props, so a value the construct accepts is a value the handler accepts. The settings' types
// (BackupConfig) are in contracts.ts with the run's other types; the formats' in formats/.
import { SINGLE_INSTANCE, type BackupConfig, type Encryption, type InstanceSlot, type SaslMechanism, type StartPosition } from "./contracts";
import type { Compression } from "./formats/format";
import { FORMAT_IDS, formatOf, type Format } from "./formats/registry";

export const ENCRYPTION_ALGORITHMS = ["AES256", "KMS", "SM4"] as const;

/** The environment variable behind each setting. */
export const ENV = {
  brokers: "CKB_BROKERS",
  /** One topic: what single-topic stacks have always set. */
  topic: "CKB_TOPIC",
  /** Several topics, comma-separated. */
  topics: "CKB_TOPICS",
  topicPattern: "CKB_TOPIC_PATTERN",
  instanceId: "CKB_INSTANCE_ID",
  bucket: "CKB_BUCKET",
  region: "CKB_REGION",
  prefix: "CKB_PREFIX",
  partitionMaxBytes: "CKB_PARTITION_MAX_BYTES",
  startPosition: "CKB_START_POSITION",
  groupId: "CKB_GROUP_ID",
  format: "CKB_FORMAT",
  compression: "CKB_COMPRESSION",
  compressionLevel: "CKB_COMPRESSION_LEVEL",
  saslMechanism: "CKB_SASL_MECHANISM",
  saslUsername: "CKB_SASL_USERNAME",
  saslSecretName: "CKB_SASL_SECRET_NAME",
  tls: "CKB_TLS",
  deadlineMarginMs: "CKB_DEADLINE_MARGIN_MS",
  maxOpenObjects: "CKB_MAX_OPEN_OBJECTS",
  retentionHeadroomAlarmMs: "CKB_RETENTION_HEADROOM_ALARM_MS",
  encryption: "CKB_ENCRYPTION",
  kmsKeyId: "CKB_KMS_KEY_ID",
  writeOnce: "CKB_WRITE_ONCE",
  consumerGroups: "CKB_CONSUMER_GROUPS",
  memoryMiB: "CKB_MEMORY_MIB",
  /** How long a run waits for a new record before it ends (BackupConfig.idleMs). Tests and operations only: the construct never sets it. */
  idleMs: "CKB_IDLE_MS",
  cosEndpoint: "CKB_COS_ENDPOINT",
  ssmEndpoint: "CKB_SSM_ENDPOINT",
} as const;

/**
 * The granularities the timer can keep evenly: `0 *\/N * * * * *` fires at the minutes of the hour
 * divisible by N, so an N that does not divide 60 (7 fires at :56 and again at :00) gives a short interval.
 */
export const GRANULARITY_MINUTES = [5, 6, 10, 12, 15] as const;
/** Kept back from each interval so a tick ends before the next starts. */
export const TIMEOUT_MARGIN_SECONDS = 30;
export const SCF_MAX_TIMEOUT_SECONDS = 900;

/** The function's timeout for a granularity unless `timeoutSeconds` says otherwise. */
export function timeoutFor(granularityMinutes: number): number {
  return Math.min(granularityMinutes * 60 - TIMEOUT_MARGIN_SECONDS, SCF_MAX_TIMEOUT_SECONDS);
}

/** Each codec's levels; zstd's 20 and up need far more memory. The level used when none is given is the format's (formats/). */
const COMPRESSION_LEVELS = {
  gzip: { min: 1, max: 9 },
  zstd: { min: 1, max: 19 },
} as const;

export const LIMITS = {
  partitionMaxBytes: { min: 1024 * 1024, max: 500 * 1024 * 1024, default: 64 * 1024 * 1024 },
  deadlineMarginMs: { min: 1_000, max: 300_000, default: 20_000 },
  /**
   * An open object holds up to a 5 MiB part, 2 MiB queued for gzip and gzip's own buffers, so this
   * bounds memory whatever the partition count. 4 kept the handler near 210 MiB at 64 partitions, and
   * 28 were only 4% faster for 110 MiB more: a run is bound by one core encoding records (bench/README.md).
   */
  maxOpenObjects: { min: 1, max: 64, default: 4 },
  /** gzip's levels and its JSON Lines default (COMPRESSION_LEVELS.gzip), as the `estimate` command's cost model assumes. */
  compressionLevel: { min: COMPRESSION_LEVELS.gzip.min, max: COMPRESSION_LEVELS.gzip.max, default: formatOf("jsonl").defaultLevels.gzip },
  /** Function memory. The handler peaks near 210–270 MiB with the default maxOpenObjects (bench/README.md). */
  memoryMiB: { min: 256, max: 3072, step: 128, default: 512 },
  /** One minute to 30 days. */
  retentionHeadroomAlarmMs: { min: 60_000, max: 30 * 24 * 3_600_000 },
  /**
   * The run's idle wait (BackupConfig.idleMs). Above the consumer's fetch wait (FETCH.maxWaitTimeInMs, 500 ms) so
   * that the two empty fetches the idle rule also needs fit in it; at most a minute of an invocation spent waiting.
   */
  idleMs: { min: 500, max: 60_000, default: 3_000 },
  /** Instances per tick: one timer trigger each, and SCF allows 10 timer triggers per function. */
  parallelism: { min: 1, max: 10, default: 1 },
} as const;

export const SASL_MECHANISMS: readonly SaslMechanism[] = ["plain", "scram-sha-256", "scram-sha-512"];
export const COMPRESSIONS: readonly Compression[] = ["gzip", "zstd", "none"];

/** What is wrong with `compression` for `format`, or undefined. */
export function checkCompression(format: Format, compression: string): string | undefined {
  if (!(COMPRESSIONS as readonly string[]).includes(compression)) return `"${compression}" is not allowed; expected one of ${COMPRESSIONS.join(", ")}`;
  const { compressions, compresses } = formatOf(format);
  if (!(compressions as readonly string[]).includes(compression)) {
    const page = compresses === "pages" ? [", whose pages are always compressed", " (the page codec)"] : ["", ""];
    return `"${compression}" is not allowed with format "${format}"${page[0]}; expected ${compressions.join(" or ")}${page[1]}`;
  }
  return undefined;
}

/** What is wrong with `level` for `compression`, or undefined. */
export function checkCompressionLevel(compression: Compression, level: number): string | undefined {
  if (compression === "none") return `does not apply with compression "none"; leave it unset`;
  const { min, max } = COMPRESSION_LEVELS[compression];
  return checkIntRange(level, min, max)?.concat(` (${compression} levels)`);
}

/** The level used for `compression` and `format` when none is given (0 with "none": no level applies). */
export function defaultCompressionLevel(format: Format, compression: Compression): number {
  return compression === "none" ? 0 : formatOf(format).defaultLevels[compression];
}

/** Thrown for a bad setting; the message names the setting and what is allowed. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Regions where SCF runs (Tencent Cloud's region list as of 2026; a region added later is rejected
 * until it is added here). The construct and the CLI check `region` against it.
 */
export const SCF_REGIONS = [
  "ap-guangzhou", "ap-shanghai", "ap-nanjing", "ap-beijing", "ap-chengdu", "ap-chongqing",
  "ap-hongkong", "ap-singapore", "ap-jakarta", "ap-bangkok", "ap-seoul", "ap-tokyo", "ap-mumbai",
  "na-siliconvalley", "na-ashburn", "na-toronto", "eu-frankfurt", "sa-saopaulo",
  "ap-shanghai-fsi", "ap-shenzhen-fsi",
] as const;

// Each check returns undefined when the value is fine, or what is wrong (without the name).
const BROKER = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/;

export function checkBroker(value: string): string | undefined {
  const m = BROKER.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) {
    return `"${value}" is not a broker address; expected host:port with a port from 1 to 65535, e.g. 10.0.0.5:9092`;
  }
  return undefined;
}

export function checkRegion(value: string): string | undefined {
  if ((SCF_REGIONS as readonly string[]).includes(value)) return undefined;
  const near = SCF_REGIONS.find((r) => editDistance(r, value) <= 2);
  return `"${value}" is not an SCF region${near ? ` (did you mean "${near}"?)` : ""}; expected one of ${SCF_REGIONS.join(", ")}`;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

export function checkPrefix(value: string): string | undefined {
  if (value === "") return undefined;
  if (!value.endsWith("/")) return `"${value}" must end with "/" (or be empty for the bucket root)`;
  if (value.startsWith("/")) return `"${value}" must not start with "/"; COS keys are relative to the bucket`;
  if (value.includes("//")) return `"${value}" must not contain an empty folder ("//")`;
  if (Buffer.byteLength(value) > 600) return `"${value}" is longer than 600 bytes; COS keys are at most 850 bytes`;
  return undefined;
}

export function checkBucket(value: string): string | undefined {
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?-[0-9]{10}$/.test(value) || value.length > 60) {
    return `"${value}" is not a COS bucket name; expected <name>-<10-digit appid>, lowercase letters, digits and "-", at most 60 characters, e.g. backup-1250000000`;
  }
  return undefined;
}

export function checkTopic(value: string): string | undefined {
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(value)) {
    return `"${value}" is not a Kafka topic name; expected 1 to 249 of letters, digits, ".", "_" and "-"`;
  }
  return undefined;
}

/**
 * Java syntax that JavaScript reads differently or not at all, each with what to write instead. A pattern is
 * Java's (Kafka Connect's `topics.regex`) and compiled by JavaScript: only what both read alike is accepted.
 */
const JAVA_ONLY: readonly { test: RegExp; what: string; instead: string }[] = [
  { test: /\(\?[a-zA-Z-]*[a-zA-Z][a-zA-Z-]*[:)]/, what: "inline flags such as (?i)", instead: "spell both cases out, e.g. [Oo]rders" },
  { test: /(?<!\\)[*+?]\+|\{\d+(?:,\d*)?\}\+/, what: "possessive quantifiers (*+, ++, ?+, {n}+)", instead: "use the plain quantifier" },
  { test: /\\[QE]/, what: "quoting with \\Q…\\E", instead: "escape each special character with \\" },
  { test: /\\[pP]\{(?:java|Is|In)|\\p\{(?:Lower|Upper|ASCII|Alpha|Digit|Alnum|Punct|Graph|Print|Blank|Cntrl|XDigit|Space)\}|\\[pP][A-Z](?![{])/, what: "Java character classes such as \\p{javaLowerCase}, \\p{Lower}, \\p{IsAlphabetic}", instead: "use a bracket class, e.g. [a-z]" },
  { test: /\\[AZzGhHvVR]/, what: "the anchors and classes \\A, \\Z, \\z, \\G, \\h, \\H, \\v, \\V, \\R", instead: "the pattern always matches the whole topic name; use [ \\t] for blanks" },
  { test: /\(\?<[=!]|\(\?>/, what: "lookbehind or atomic groups", instead: "rewrite without them" },
  { test: /\[[^\]]*(?:&&|\[)/, what: "character class intersection or nesting ([a-z&&[^x]])", instead: "list the characters in one class" },
];

/**
 * What is wrong with `value` as a topic pattern, or undefined. The pattern must match the WHOLE topic name, as
 * Kafka Connect's `topics.regex` (Java's Pattern.matches) does; the handler anchors it (`topicMatcher`).
 */
export function checkTopicPattern(value: string): string | undefined {
  const allowed = `expected a regular expression that Java and JavaScript read alike, matching whole topic names, e.g. "orders-.*" or "(orders|billing)\\.v[0-9]+"`;
  if (typeof value !== "string" || value.length === 0) return `${JSON.stringify(value)} is not a pattern; ${allowed}`;
  for (const j of JAVA_ONLY) if (j.test.test(value)) return `"${value}" uses ${j.what}, which JavaScript does not read as Java does (${j.instead}); ${allowed}`;
  try {
    new RegExp(`^(?:${value})$`, "u");
  } catch (err) {
    return `"${value}" does not compile: ${(err as Error).message}; ${allowed}`;
  }
  return undefined;
}

/** Whether a topic name matches `pattern` as a whole (checked by checkTopicPattern). */
export function topicMatcher(pattern: string): (topic: string) => boolean {
  const re = new RegExp(`^(?:${pattern})$`, "u");
  return (topic) => re.test(topic);
}

/** What is wrong with a list of topic names, or undefined. */
export function checkTopics(value: readonly string[]): string | undefined {
  for (const t of value) {
    const why = checkTopic(t);
    if (why) return why;
  }
  const dup = value.find((t, i) => value.indexOf(t) !== i);
  if (dup !== undefined) return `"${dup}" is named twice; give each topic once`;
  return undefined;
}

/** The topics a config names: its list, or its pattern (resolved against the cluster at every run). */
export function configTopics(config: Pick<BackupConfig, "topics" | "topicPattern">): string {
  return config.topicPattern !== undefined ? `pattern ${config.topicPattern}` : config.topics.join(",");
}

export function checkInstanceId(value: string): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(value)) {
    return `"${value}" is not an instance id; expected letters, digits, "_" and "-", e.g. ckafka-abcd1234`;
  }
  return undefined;
}

/** What is wrong with `value` as a format, or undefined. */
export function checkFormat(value: string): string | undefined {
  if ((FORMAT_IDS as readonly string[]).includes(value)) return undefined;
  return `"${value}" is not allowed; expected one of ${FORMAT_IDS.join(", ")}`;
}

/** Every group, when the construct's consumerGroups is not given (and in stacks made before it existed). */
export const ALL_GROUPS: readonly string[] = ["*"];

/** What is wrong with a list of consumer group names or patterns, or undefined. */
export function checkConsumerGroups(value: readonly string[]): string | undefined {
  const bad = value.find((g) => typeof g !== "string" || g.length === 0 || g.length > 249);
  if (bad !== undefined) return `${JSON.stringify(bad)} is not a group name or pattern; expected 1 to 249 characters, "*" matching any run of them, e.g. ["orders-*", "billing"], or [] to record none`;
  return undefined;
}

/** Tags: an object of non-empty string keys and string values (a value may be a Terraform reference). */
export function checkTags(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return `${JSON.stringify(value)} is not an object of tags, e.g. { costCenter: "42" }`;
  for (const [key, v] of Object.entries(value)) {
    if (key.length === 0 || typeof v !== "string") return `the tag ${JSON.stringify(key)}: ${JSON.stringify(v)} is not allowed; keys must be non-empty and values strings, e.g. { costCenter: "42" }`;
  }
  return undefined;
}

export function checkIntRange(value: number, min: number, max: number): string | undefined {
  // A string from plain JavaScript ("4") is shown quoted, so the message does not look like it names a valid value.
  const shown = typeof value === "number" ? String(value) : JSON.stringify(value);
  if (!Number.isInteger(value) || value < min || value > max) return `${shown} must be a whole number from ${min} to ${max}`;
  return undefined;
}

export function parseStartPosition(value: string): StartPosition | string {
  if (value === "earliest" || value === "latest") return value;
  if (/^\d{13}$/.test(value)) return { timestampMs: Number(value) };
  return `"${value}" is not a start position; expected earliest, latest, or a timestamp in epoch milliseconds (13 digits)`;
}

export function formatStartPosition(value: StartPosition): string {
  return typeof value === "string" ? value : String(value.timestampMs);
}

/** The timer trigger's custom argument for `slot`. */
export function formatSlotArgument(s: InstanceSlot): string {
  return JSON.stringify({ slot: s.slot, parallelism: s.parallelism });
}

/**
 * The slot in a timer event's `Message`. An empty or absent message (a manual invocation, a trigger made
 * outside the construct) is slot 0 of 1: such a run may read any partition no other run holds.
 */
export function parseSlotArgument(message: unknown): InstanceSlot {
  if (message === undefined || message === null || message === "") return SINGLE_INSTANCE;
  const expected = `expected the timer trigger's custom argument to be empty or like {"slot":0,"parallelism":2} (slot from 0 to parallelism - 1, parallelism from ${LIMITS.parallelism.min} to ${LIMITS.parallelism.max})`;
  let parsed: unknown;
  try {
    parsed = typeof message === "string" ? JSON.parse(message) : message;
  } catch {
    throw new ConfigError(`the event's Message ${JSON.stringify(message)} is not JSON; ${expected}`);
  }
  const { slot, parallelism } = (parsed ?? {}) as { slot?: unknown; parallelism?: unknown };
  if (
    typeof parallelism !== "number" ||
    checkIntRange(parallelism, LIMITS.parallelism.min, LIMITS.parallelism.max) ||
    typeof slot !== "number" ||
    checkIntRange(slot, 0, parallelism - 1)
  ) {
    throw new ConfigError(`the event's Message ${JSON.stringify(message)} is not a slot; ${expected}`);
  }
  return { slot, parallelism };
}

/** The environment the construct gives the function. */
export function toEnvironment(config: BackupConfig): Record<string, string> {
  const env: Record<string, string> = {
    [ENV.brokers]: config.brokers.join(","),
    // One topic keeps CKB_TOPIC, so single-topic stacks synthesize as they always have.
    ...(config.topicPattern !== undefined
      ? { [ENV.topicPattern]: config.topicPattern }
      : config.topics.length === 1
        ? { [ENV.topic]: config.topics[0] }
        : { [ENV.topics]: config.topics.join(",") }),
    [ENV.instanceId]: config.instanceId,
    [ENV.bucket]: config.bucket,
    [ENV.region]: config.region,
    [ENV.prefix]: config.prefix,
    [ENV.partitionMaxBytes]: String(config.partitionMaxBytes),
    [ENV.startPosition]: formatStartPosition(config.startPosition),
    [ENV.groupId]: config.groupId,
    [ENV.format]: config.format,
    [ENV.compression]: config.compression,
    [ENV.tls]: String(config.tls),
    [ENV.deadlineMarginMs]: String(config.deadlineMarginMs),
    [ENV.maxOpenObjects]: String(config.maxOpenObjects),
    [ENV.consumerGroups]: JSON.stringify(config.consumerGroups),
  };
  if (config.compression !== "none") env[ENV.compressionLevel] = String(config.compressionLevel);
  if (config.sasl) {
    env[ENV.saslMechanism] = config.sasl.mechanism;
    env[ENV.saslUsername] = config.sasl.username;
    env[ENV.saslSecretName] = config.sasl.secretName;
  }
  if (config.retentionHeadroomAlarmMs !== undefined) env[ENV.retentionHeadroomAlarmMs] = String(config.retentionHeadroomAlarmMs);
  if (config.encryption) env[ENV.encryption] = config.encryption.algorithm;
  if (config.encryption?.algorithm === "KMS" && config.encryption.kmsKeyId) env[ENV.kmsKeyId] = config.encryption.kmsKeyId;
  if (config.writeOnce) env[ENV.writeOnce] = "true";
  if (config.cosEndpoint) env[ENV.cosEndpoint] = config.cosEndpoint;
  if (config.ssmEndpoint) env[ENV.ssmEndpoint] = config.ssmEndpoint;
  return env;
}

/** Reads and validates the handler's configuration; throws a ConfigError naming the variable. */
export function fromEnvironment(env: Record<string, string | undefined>): BackupConfig {
  const fail = (name: string, why: string): never => {
    throw new ConfigError(`${name}: ${why}`);
  };
  const required = (name: string): string => {
    const v = env[name];
    if (v === undefined || v === "") fail(name, "is required but not set");
    return v as string;
  };
  const checked = (name: string, value: string, check: (v: string) => string | undefined): string => {
    const why = check(value);
    if (why) fail(name, why);
    return value;
  };
  function int(name: string, lim: { min: number; max: number; default: number }): number;
  function int(name: string, lim: { min: number; max: number }): number | undefined;
  function int(name: string, lim: { min: number; max: number; default?: number }): number | undefined {
    const raw = env[name];
    if (raw === undefined || raw === "") return lim.default;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    const why = checkIntRange(n, lim.min, lim.max);
    if (why) fail(name, `"${raw}": ${why}`);
    return n;
  }
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = env[name];
    if (v === undefined || v === "") return fallback;
    if (!allowed.includes(v as T)) fail(name, `"${v}" is not allowed; expected one of ${allowed.join(", ")}`);
    return v as T;
  };

  const brokers = required(ENV.brokers).split(",").map((b) => checked(ENV.brokers, b.trim(), checkBroker));
  const start = parseStartPosition(env[ENV.startPosition] || "earliest");
  if (typeof start === "string" && start !== "earliest" && start !== "latest") fail(ENV.startPosition, start);
  const saslMechanism = env[ENV.saslMechanism];
  let sasl: BackupConfig["sasl"];
  if (saslMechanism) {
    sasl = {
      mechanism: oneOf(ENV.saslMechanism, SASL_MECHANISMS, "plain"),
      username: required(ENV.saslUsername),
      secretName: required(ENV.saslSecretName),
    };
  }
  const tls = oneOf(ENV.tls, ["true", "false"], "false") === "true";
  const algorithm = env[ENV.encryption] ? oneOf(ENV.encryption, ENCRYPTION_ALGORITHMS, "AES256") : undefined;
  const kmsKeyId = env[ENV.kmsKeyId] || undefined;
  if (kmsKeyId && algorithm !== "KMS") fail(ENV.kmsKeyId, `is set, so ${ENV.encryption} must be KMS, not ${algorithm ?? "unset"}`);
  const encryption: Encryption | undefined = algorithm === "KMS" ? { algorithm, kmsKeyId } : algorithm ? { algorithm } : undefined;
  const format = checked(ENV.format, env[ENV.format] || "jsonl", checkFormat) as Format;
  const compression = checked(ENV.compression, env[ENV.compression] || "gzip", (v) => checkCompression(format, v)) as Compression;
  // The level is read per codec (gzip and zstd levels differ); with "none" there is none to read.
  let compressionLevel = defaultCompressionLevel(format, compression);
  const rawLevel = env[ENV.compressionLevel];
  if (compression !== "none" && rawLevel !== undefined && rawLevel !== "") {
    compressionLevel = /^\d+$/.test(rawLevel) ? Number(rawLevel) : NaN;
    const why = checkCompressionLevel(compression, compressionLevel);
    if (why) fail(ENV.compressionLevel, `"${rawLevel}": ${why}`);
  }
  let consumerGroups = ALL_GROUPS;
  const groupsRaw = env[ENV.consumerGroups];
  if (groupsRaw !== undefined && groupsRaw !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(groupsRaw);
    } catch {
      // refused below
    }
    if (!Array.isArray(parsed)) fail(ENV.consumerGroups, `${JSON.stringify(groupsRaw)} is not a JSON array of group names or patterns, e.g. ["*"] or []`);
    const why = checkConsumerGroups(parsed as string[]);
    if (why) fail(ENV.consumerGroups, why);
    consumerGroups = parsed as string[];
  }
  const topicSettings = [ENV.topic, ENV.topics, ENV.topicPattern].filter((n) => env[n] !== undefined && env[n] !== "");
  if (topicSettings.length !== 1) {
    fail(topicSettings.length ? topicSettings.join(" and ") : ENV.topic, `exactly one of ${ENV.topic} (one topic), ${ENV.topics} (comma-separated names) and ${ENV.topicPattern} (a regular expression) must be set${topicSettings.length ? `, not ${topicSettings.length}` : ""}`);
  }
  let topics: string[] = [];
  let topicPattern: string | undefined;
  if (env[ENV.topic]) topics = [checked(ENV.topic, env[ENV.topic]!, checkTopic)];
  else if (env[ENV.topics]) {
    topics = env[ENV.topics]!.split(",").map((t) => t.trim());
    const why = checkTopics(topics);
    if (why) fail(ENV.topics, why);
  } else topicPattern = checked(ENV.topicPattern, env[ENV.topicPattern]!, checkTopicPattern);
  return {
    brokers,
    topics,
    topicPattern,
    instanceId: checked(ENV.instanceId, required(ENV.instanceId), checkInstanceId),
    bucket: checked(ENV.bucket, required(ENV.bucket), checkBucket),
    region: checked(ENV.region, required(ENV.region), (v) =>
      /^[a-z\d-]+$/.test(v) ? undefined : `"${v}" is not a region; expected e.g. ap-guangzhou`,
    ),
    prefix: checked(ENV.prefix, env[ENV.prefix] ?? "", checkPrefix),
    partitionMaxBytes: int(ENV.partitionMaxBytes, LIMITS.partitionMaxBytes),
    startPosition: start as StartPosition,
    groupId: required(ENV.groupId),
    format,
    compression,
    compressionLevel,
    sasl,
    tls,
    deadlineMarginMs: int(ENV.deadlineMarginMs, LIMITS.deadlineMarginMs),
    maxOpenObjects: int(ENV.maxOpenObjects, LIMITS.maxOpenObjects),
    retentionHeadroomAlarmMs: int(ENV.retentionHeadroomAlarmMs, LIMITS.retentionHeadroomAlarmMs),
    encryption,
    writeOnce: oneOf(ENV.writeOnce, ["true", "false"], "false") === "true",
    consumerGroups,
    memoryMiB: int(ENV.memoryMiB, { min: LIMITS.memoryMiB.min, max: LIMITS.memoryMiB.max }),
    idleMs: int(ENV.idleMs, { min: LIMITS.idleMs.min, max: LIMITS.idleMs.max }),
    cosEndpoint: env[ENV.cosEndpoint] || undefined,
    ssmEndpoint: env[ENV.ssmEndpoint] || undefined,
  };
}
