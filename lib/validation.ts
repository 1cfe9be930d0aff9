// Construction-time validation of CkafkaCosBackupProps. Each message names the prop and what is allowed.
// Values that are Terraform tokens (known only at apply time) are not checked.
import { Token } from "cdktf";
import {
  LIMITS,
  SASL_MECHANISMS,
  COMPRESSIONS,
  checkBroker,
  checkCompression,
  checkCompressionLevel,
  checkConsumerGroups,
  checkTags,
  checkFormat,
  checkBucket,
  checkInstanceId,
  checkIntRange,
  checkPrefix,
  checkRegion,
  GRANULARITY_MINUTES,
  SCF_MAX_TIMEOUT_SECONDS,
} from "../function/config";

import { alarmPropErrors, alarmsWanted } from "./alarms";
import { HANDLER_NODE_MAJOR } from "./handler-code";
import { logPropErrors } from "./logging";
import type { CkafkaCosBackupProps } from "./props";
import { topicPropErrors } from "./topic-selection";


const literal = (v: unknown): v is string => typeof v === "string" && !Token.isUnresolved(v);
const reference = (v: unknown): boolean => v !== undefined && Token.isUnresolved(v);

function checkBucketPrefix(value: string): string | undefined {
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(value) && value.length <= 49) return undefined;
  return `"${value}" is not a bucket name prefix; expected lowercase letters, digits and "-", not starting or ending with "-", at most 49 characters (the bucket is named <prefix>-<10-digit appid>, at most 60 characters)`;
}

/**
 * The bucket props an existing bucket cannot take, each with why and what to do. The provider (1.83.25) keeps
 * lifecycle rules and Object Lock inside `tencentcloud_cos_bucket`, the bucket's own definition: there is no
 * separate resource for them, and defining the bucket a second time would replace its owner's settings.
 * (Versioning and encryption take effect: a `tencentcloud_cos_bucket_version`, and headers on each object.)
 */
export function existingBucketRefusals(props: CkafkaCosBackupProps): [keyof CkafkaCosBackupProps, string][] {
  const bucket = props.existingBucketName;
  // The delivery prefix holds the objects and the manifests; without one, the objects' folder (the instance's, for several topics).
  const folder = props.deliveryPathPrefix || (props.topic !== undefined ? `${props.instanceId}/${props.topic}/` : `${props.instanceId}/`);
  const lifecycle = (what: string) =>
    `cannot be applied to existingBucketName "${bucket}": ${what} is a lifecycle rule, which the provider keeps in the bucket's own definition (tencentcloud_cos_bucket lifecycle_rules; no separate resource), so adding one here would replace the owner's rules. Add a rule with filter prefix "${folder}" where the bucket is defined (its stack or the COS console), and leave this prop unset`;
  const refused: [keyof CkafkaCosBackupProps, string | undefined][] = [
    ["bucketNamePrefix", "cannot be combined with existingBucketName: it names a new bucket"],
    ["transitionToStandardIaAfterDays", lifecycle("a transition to STANDARD_IA")],
    ["transitionToArchiveAfterDays", lifecycle("a transition to ARCHIVE")],
    ["expirationDays", lifecycle("an expiration")],
    ["abortIncompleteMultipartUploadDays", lifecycle("aborting incomplete multipart uploads")],
    [
      "objectLockDays",
      `cannot be applied to existingBucketName "${bucket}": Object Lock is set in the bucket's own definition (tencentcloud_cos_bucket object_lock_configuration) and cannot be turned off once on. Enable it where the bucket is defined, or let the construct create a locked bucket (leave existingBucketName unset)`,
    ],
  ];
  return refused.filter(([p]) => props[p] !== undefined) as [keyof CkafkaCosBackupProps, string][];
}

export function validateProps(props: CkafkaCosBackupProps): void {
  const errors: string[] = [];
  const check = (prop: string, why: string | undefined) => {
    if (why) errors.push(`${prop}: ${why}`);
  };

  const name = props.functionName;
  if (literal(name)) {
    check(
      "functionName",
      /^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$/.test(name)
        ? undefined
        : `"${name}" is not an SCF function name; expected 2–60 characters, starting with a letter, of letters, digits, "-" and "_", not ending in "-" or "_"`,
    );
  }
  if (props.namespace !== undefined && literal(props.namespace)) {
    check("namespace", /^[A-Za-z0-9_-]{1,60}$/.test(props.namespace) ? undefined : `"${props.namespace}" is not an SCF namespace; expected 1–60 letters, digits, "-" and "_"`);
  }
  if (literal(props.region)) check("region", checkRegion(props.region));
  // The resources go to the provider's region while the policy and the handler use `region`: they must agree.
  const providerRegion = (props.provider as { region?: unknown } | undefined)?.region;
  if (literal(props.region) && literal(providerRegion) && providerRegion !== props.region) {
    check("region", `"${props.region}" differs from the region of the given provider, "${providerRegion}": the resources are created in the provider's region, so the function would look for its bucket in the wrong one`);
  }
  if (props.existingBucketName !== undefined && literal(props.existingBucketName)) check("existingBucketName", checkBucket(props.existingBucketName));
  if (props.existingBucketName) for (const [p, why] of existingBucketRefusals(props)) check(p, why);
  if (props.bucketNamePrefix !== undefined && literal(props.bucketNamePrefix)) check("bucketNamePrefix", checkBucketPrefix(props.bucketNamePrefix));
  if (props.appId !== undefined && literal(props.appId)) check("appId", /^\d{10}$/.test(props.appId) ? undefined : `"${props.appId}" is not an APPID; expected 10 digits`);
  for (const p of ["transitionToStandardIaAfterDays", "transitionToArchiveAfterDays", "expirationDays"] as const) {
    if (props[p] !== undefined && !reference(props[p])) check(p, checkIntRange(props[p]!, 0, 36500));
  }
  // Number props that shape other values at synth must be literals; each says why.
  const needsLiteral: [keyof CkafkaCosBackupProps, string][] = [
    ["timeGranularityMinutes", "it sets the timer's cron, the function timeout and the queued event's lifetime"],
    ["timeoutSeconds", "it is checked against timeGranularityMinutes so that ticks do not overlap"],
    ["partitionMaxBytes", "it goes into the handler's configuration, which the handler refuses outside 1 MiB to 500 MiB"],
    ["compressionLevel", "it goes into the handler's configuration, which the handler refuses outside its codec's levels"],
    ["parallelism", "it decides how many timer triggers are defined"],
    ["abortIncompleteMultipartUploadDays", "0 leaves the lifecycle rule out, which is decided at synth"],
    ["startPosition", "it is checked at synth to be earliest, latest or epoch milliseconds"],
    ["objectLockDays", "it is checked at synth against expirationDays and turns on the handler's write-once mode"],
    ["runtime", `it is checked at synth against the handler's build (Node.js ${HANDLER_NODE_MAJOR} or newer)`],
  ];
  // Any other number the construct computes with (the alarms' thresholds) needs a literal too; these pass through.
  const passThrough: (keyof CkafkaCosBackupProps)[] = ["memoryMiB", "transitionToStandardIaAfterDays", "transitionToArchiveAfterDays", "expirationDays", "asyncRetryCount"];
  for (const p of Object.keys(props) as (keyof CkafkaCosBackupProps)[]) {
    if (typeof props[p] === "number" && !passThrough.includes(p) && !needsLiteral.some(([n]) => n === p)) {
      needsLiteral.push([p, "the construct computes other values from it at synth"]);
    }
  }
  const references = needsLiteral.filter(([p]) => reference(props[p]));
  for (const [p, why] of references) check(p, `must be a literal value, not a Terraform reference: ${why}`);
  const given = <K extends keyof CkafkaCosBackupProps>(p: K) => props[p] !== undefined && !references.some(([r]) => r === p);

  if (given("abortIncompleteMultipartUploadDays")) check("abortIncompleteMultipartUploadDays", checkIntRange(props.abortIncompleteMultipartUploadDays!, 0, 3650));
  const granularity = given("timeGranularityMinutes") ? props.timeGranularityMinutes! : 5;
  if (!(GRANULARITY_MINUTES as readonly number[]).includes(granularity)) {
    check("timeGranularityMinutes", `${granularity} is not allowed; expected one of ${GRANULARITY_MINUTES.join(", ")}: the timer fires at the minutes of the hour divisible by it, so it must divide 60 for even intervals`);
  }
  if (given("objectLockDays")) {
    check("objectLockDays", checkIntRange(props.objectLockDays!, 1, 36500)?.concat(" days (COS Object Lock's retention)"));
    // Which of the COS pages holds is UNVERIFIED (README, "Choices"): refused until it is known to work.
    if (props.versioningEnabled) check("versioningEnabled", "cannot be combined with objectLockDays: COS documents that a bucket with versioning enabled cannot enable Object Lock; leave versioningEnabled unset");
    const expiration = props.expirationDays;
    if (typeof expiration === "number" && !reference(expiration) && expiration < props.objectLockDays!) {
      check("expirationDays", `${expiration} ends before objectLockDays (${props.objectLockDays}): COS keeps a locked object until its retention ends, so the rule could not delete it; use at least ${props.objectLockDays}`);
    }
  }
  if (props.kmsKeyId !== undefined && props.encryptionAlgorithm !== undefined && props.encryptionAlgorithm !== "KMS") {
    check("encryptionAlgorithm", `"${props.encryptionAlgorithm}" cannot be combined with kmsKeyId: a customer key is SSE-KMS; set "KMS" or leave encryptionAlgorithm unset`);
  }
  if (props.kmsKeyId !== undefined && literal(props.kmsKeyId) && !/^[A-Za-z0-9-]{1,128}$/.test(props.kmsKeyId)) {
    check("kmsKeyId", `"${props.kmsKeyId}" is not a KMS key id; expected letters, digits and "-", e.g. 23e80852-1e38-11e9-b129-5cb9019b4b01`);
  }
  if (given("partitionMaxBytes")) {
    const { min, max } = LIMITS.partitionMaxBytes;
    check("partitionMaxBytes", checkIntRange(props.partitionMaxBytes!, min, max)?.concat(" bytes (1 MiB to 500 MiB)"));
  }

  if (literal(props.instanceId)) check("instanceId", checkInstanceId(props.instanceId));
  errors.push(...topicPropErrors(props, alarmsWanted(props)));
  const start = given("startPosition") ? props.startPosition : undefined;
  if (start !== undefined && start !== "earliest" && start !== "latest") {
    const ok = typeof start === "number" && Number.isInteger(start) && start >= 1e12 && start < 1e13;
    check("startPosition", ok ? undefined : `${JSON.stringify(start)} is not allowed; expected "earliest", "latest", or a timestamp in epoch milliseconds (13 digits)`);
  }
  if (props.consumerGroupId !== undefined && literal(props.consumerGroupId)) {
    check("consumerGroupId", /^[A-Za-z0-9._-]{1,249}$/.test(props.consumerGroupId) ? undefined : `"${props.consumerGroupId}" is not allowed; expected 1–249 letters, digits, ".", "_" and "-"`);
  }

  if (props.tags !== undefined && !reference(props.tags)) check("tags", checkTags(props.tags));

  if (props.consumerGroups !== undefined) {
    const groups: unknown = props.consumerGroups;
    if (typeof groups === "string" && !reference(groups)) {
      check("consumerGroups", `is one string; pass an array of group names or patterns, e.g. [${JSON.stringify(groups)}], or [] to record none`);
    } else if (!Array.isArray(groups) || reference(groups) || groups.some((g) => !literal(g))) {
      check("consumerGroups", `must be a literal array of group names or patterns, not a Terraform reference, e.g. ["orders-*"], or [] to record none: it goes into the handler's configuration as JSON`);
    } else check("consumerGroups", checkConsumerGroups(groups));
  }

  const brokers: unknown = props.brokers;
  if (typeof brokers === "string") {
    check("brokers", `is one string; pass an array with one "host:port" per broker, e.g. ${JSON.stringify(brokers.split(",").map((b) => b.trim()))}`);
  } else if (!reference(brokers)) {
    if (!props.brokers?.length) check("brokers", "needs at least one VPC access address, host:port");
    for (const b of props.brokers ?? []) if (literal(b)) check("brokers", checkBroker(b));
  }
  if (!props.vpcId || !props.subnetId) {
    check(props.vpcId ? "subnetId" : "vpcId", "vpcId and subnetId are required together: the function must run in the CKafka instance's VPC to reach its VPC access address");
  }
  if (props.deliveryPathPrefix !== undefined && literal(props.deliveryPathPrefix)) check("deliveryPathPrefix", checkPrefix(props.deliveryPathPrefix));
  if (given("parallelism")) {
    const { min, max } = LIMITS.parallelism;
    check("parallelism", checkIntRange(props.parallelism!, min, max)?.concat(` instances per tick (one timer trigger each; SCF allows ${max} timer triggers per function)`));
  }
  if (props.format !== undefined) {
    if (!literal(props.format)) check("format", `must be a literal value, not a Terraform reference: it decides at synth which compression applies`);
    else check("format", checkFormat(props.format));
  }
  // compression is the object's codec for JSON Lines and the page codec for Parquet; each codec has its own levels.
  if (props.compression !== undefined) {
    if (!literal(props.compression)) check("compression", `must be a literal value, not a Terraform reference: it decides at synth which levels compressionLevel takes`);
    else if (props.format === undefined || literal(props.format)) check("compression", checkCompression(props.format ?? "jsonl", props.compression));
  }
  const compression = props.compression ?? "gzip";
  if (given("compressionLevel") && literal(compression) && COMPRESSIONS.includes(compression)) {
    check("compressionLevel", checkCompressionLevel(compression, props.compressionLevel!));
  }

  if (props.saslMechanism !== undefined) {
    if (literal(props.saslMechanism) && !SASL_MECHANISMS.includes(props.saslMechanism)) check("saslMechanism", `"${props.saslMechanism}" is not allowed; expected one of ${SASL_MECHANISMS.join(", ")}`);
    if (!props.saslUsername) check("saslUsername", "is required with saslMechanism (CKafka user names look like <instanceId>#<user>)");
    if (!props.saslPasswordSecretName) check("saslPasswordSecretName", "is required with saslMechanism: the password is read from this SSM secret at run time, never stored in Terraform");
    else if (literal(props.saslPasswordSecretName) && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(props.saslPasswordSecretName)) {
      check("saslPasswordSecretName", `"${props.saslPasswordSecretName}" is not an SSM secret name; expected up to 128 letters, digits, "_" and "-", starting with a letter or digit`);
    }
  } else if (props.saslUsername || props.saslPasswordSecretName) {
    check("saslMechanism", `is required when saslUsername or saslPasswordSecretName is set; expected one of ${SASL_MECHANISMS.join(", ")}`);
  }

  if (props.memoryMiB !== undefined && !reference(props.memoryMiB)) {
    const m = props.memoryMiB;
    const { min, max, step } = LIMITS.memoryMiB;
    check("memoryMiB", Number.isInteger(m) && m % step === 0 && m >= min && m <= max ? undefined : `${m} is not allowed; expected a multiple of ${step} from ${min} to ${max}`);
  }
  if (given("timeoutSeconds")) {
    const max = Math.min(granularity * 60 - 1, SCF_MAX_TIMEOUT_SECONDS);
    check("timeoutSeconds", checkIntRange(props.timeoutSeconds!, 60, max)?.concat(` (below the ${granularity}-minute granularity, so ticks do not overlap)`));
  }
  if (given("runtime")) {
    const major = Number(/^Nodejs(\d+)\.\d+$/.exec(props.runtime!)?.[1]);
    if (!(major >= HANDLER_NODE_MAJOR)) {
      check("runtime", `"${props.runtime}" is not allowed; expected a Node.js runtime from Nodejs${HANDLER_NODE_MAJOR}.15 on, e.g. Nodejs18.15 (the handler is built for Node.js ${HANDLER_NODE_MAJOR})`);
    }
  }
  errors.push(...alarmPropErrors(props), ...logPropErrors(props));
  if (alarmsWanted(props) && reference(props.functionName)) {
    check("functionName", "must be a literal value, not a Terraform reference, when alarms are on: the alarm policies' names are made from it and cut to alarmPolicyNameMaxLength");
  }
  if (props.asyncRetryCount !== undefined && !reference(props.asyncRetryCount)) check("asyncRetryCount", checkIntRange(props.asyncRetryCount, 0, 2));

  if (errors.length) throw new Error(`CkafkaCosBackup: invalid props:\n  - ${errors.join("\n  - ")}`);
}
