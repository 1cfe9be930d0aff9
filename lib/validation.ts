// Construction-time validation of CkafkaCosBackupProps. Each message names the prop and what is allowed.
// Values that are Terraform tokens (known only at apply time) are not checked.
import { Token } from "cdktf";
import {
  LIMITS,
  SASL_MECHANISMS,
  COMPRESSIONS,
  checkBroker,
  checkBucket,
  checkInstanceId,
  checkIntRange,
  checkPrefix,
  checkTopic,
} from "../function/config";
import { alarmPropErrors } from "./alarms";
import type { CkafkaCosBackupProps } from "./ckafka-cos-backup";
import { logPropErrors } from "./logging";

export const GRANULARITY_MINUTES = { min: 5, max: 15 } as const;
/** Kept back from each interval so a tick ends before the next starts. */
export const TIMEOUT_MARGIN_SECONDS = 30;
const SCF_MAX_TIMEOUT_SECONDS = 900;

/** 7-field SCF cron (second minute hour day month week year). `*\/N * * * * * *` would fire every N seconds. */
export function cronFor(granularityMinutes: number): string {
  return `0 */${granularityMinutes} * * * * *`;
}

export function timeoutFor(granularityMinutes: number): number {
  return Math.min(granularityMinutes * 60 - TIMEOUT_MARGIN_SECONDS, SCF_MAX_TIMEOUT_SECONDS);
}

const literal = (v: unknown): v is string => typeof v === "string" && !Token.isUnresolved(v);

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
  if (literal(props.region)) check("region", /^[a-z]+-[a-z]+(-\d+)?$/.test(props.region) ? undefined : `"${props.region}" is not a region; expected e.g. ap-guangzhou`);
  if (props.existingBucketName !== undefined && literal(props.existingBucketName)) check("existingBucketName", checkBucket(props.existingBucketName));
  if (props.existingBucketName && props.bucketNamePrefix) check("bucketNamePrefix", "cannot be combined with existingBucketName");
  if (props.bucketNamePrefix !== undefined && literal(props.bucketNamePrefix)) check("bucketNamePrefix", checkBucket(`${props.bucketNamePrefix}-1250000000`)?.replace("-1250000000", ""));
  if (props.appId !== undefined && literal(props.appId)) check("appId", /^\d{10}$/.test(props.appId) ? undefined : `"${props.appId}" is not an APPID; expected 10 digits`);
  for (const p of ["transitionToStandardIaAfterDays", "transitionToArchiveAfterDays", "expirationDays"] as const) {
    if (props[p] !== undefined) check(p, checkIntRange(props[p]!, 0, 36500));
  }
  if (props.abortIncompleteMultipartUploadDays !== undefined) check("abortIncompleteMultipartUploadDays", checkIntRange(props.abortIncompleteMultipartUploadDays, 0, 3650));

  const granularity = props.timeGranularityMinutes ?? 5;
  check("timeGranularityMinutes", checkIntRange(granularity, GRANULARITY_MINUTES.min, GRANULARITY_MINUTES.max));
  if (props.partitionMaxBytes !== undefined) {
    const { min, max } = LIMITS.partitionMaxBytes;
    check("partitionMaxBytes", checkIntRange(props.partitionMaxBytes, min, max)?.concat(" bytes (1 MiB to 500 MiB)"));
  }

  if (literal(props.instanceId)) check("instanceId", checkInstanceId(props.instanceId));
  if (literal(props.topic)) check("topic", checkTopic(props.topic));
  const start = props.startPosition;
  if (start !== undefined && start !== "earliest" && start !== "latest") {
    const ok = typeof start === "number" && Number.isInteger(start) && start >= 1e12 && start < 1e13;
    check("startPosition", ok ? undefined : `${JSON.stringify(start)} is not allowed; expected "earliest", "latest", or a timestamp in epoch milliseconds (13 digits)`);
  }
  if (props.consumerGroupId !== undefined && literal(props.consumerGroupId)) {
    check("consumerGroupId", /^[A-Za-z0-9._-]{1,249}$/.test(props.consumerGroupId) ? undefined : `"${props.consumerGroupId}" is not allowed; expected 1–249 letters, digits, ".", "_" and "-"`);
  }

  if (!props.brokers?.length) check("brokers", "needs at least one VPC access address, host:port");
  for (const b of props.brokers ?? []) if (literal(b)) check("brokers", checkBroker(b));
  if (!props.vpcId || !props.subnetId) {
    check(props.vpcId ? "subnetId" : "vpcId", "vpcId and subnetId are required together: the function must run in the CKafka instance's VPC to reach its VPC access address");
  }
  if (props.deliveryPathPrefix !== undefined && literal(props.deliveryPathPrefix)) check("deliveryPathPrefix", checkPrefix(props.deliveryPathPrefix));
  if (props.compression !== undefined && !COMPRESSIONS.includes(props.compression)) check("compression", `"${props.compression}" is not allowed; expected one of ${COMPRESSIONS.join(", ")}`);

  if (props.saslMechanism !== undefined) {
    if (!SASL_MECHANISMS.includes(props.saslMechanism)) check("saslMechanism", `"${props.saslMechanism}" is not allowed; expected one of ${SASL_MECHANISMS.join(", ")}`);
    if (!props.saslUsername) check("saslUsername", "is required with saslMechanism (CKafka user names look like <instanceId>#<user>)");
    if (!props.saslPasswordSecretName) check("saslPasswordSecretName", "is required with saslMechanism: the password is read from this SSM secret at run time, never stored in Terraform");
    else if (literal(props.saslPasswordSecretName) && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(props.saslPasswordSecretName)) {
      check("saslPasswordSecretName", `"${props.saslPasswordSecretName}" is not an SSM secret name; expected up to 128 letters, digits, "_" and "-", starting with a letter or digit`);
    }
  } else if (props.saslUsername || props.saslPasswordSecretName) {
    check("saslMechanism", `is required when saslUsername or saslPasswordSecretName is set; expected one of ${SASL_MECHANISMS.join(", ")}`);
  }

  if (props.memoryMiB !== undefined) {
    const m = props.memoryMiB;
    const { min, max, step } = LIMITS.memoryMiB;
    check("memoryMiB", Number.isInteger(m) && m % step === 0 && m >= min && m <= max ? undefined : `${m} is not allowed; expected a multiple of ${step} from ${min} to ${max}`);
  }
  if (props.timeoutSeconds !== undefined) {
    const max = Math.min(granularity * 60 - 1, SCF_MAX_TIMEOUT_SECONDS);
    check("timeoutSeconds", checkIntRange(props.timeoutSeconds, 60, max)?.concat(` (below the ${granularity}-minute granularity, so ticks do not overlap)`));
  }
  if (props.runtime !== undefined && !/^Nodejs(1[4-9]|[2-9]\d)\.\d+$/.test(props.runtime)) {
    check("runtime", `"${props.runtime}" is not allowed; expected a Node.js runtime from Nodejs14.18 on, e.g. Nodejs18.15`);
  }
  errors.push(...alarmPropErrors(props), ...logPropErrors(props));
  if (props.asyncRetryCount !== undefined) check("asyncRetryCount", checkIntRange(props.asyncRetryCount, 0, 2));

  if (errors.length) throw new Error(`CkafkaCosBackup: invalid props:\n  - ${errors.join("\n  - ")}`);
}
