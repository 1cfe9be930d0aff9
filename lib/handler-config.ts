// The handler's configuration: what the construct tells the function in its environment at synth
// (function/config.ts reads it back at run time, and refuses what it does not allow).
import { Fn, Token } from "cdktf";
import {
  ALL_GROUPS,
  LIMITS,
  SASL_MECHANISMS,
  checkBroker,
  checkConsumerGroups,
  checkInstanceId,
  checkIntRange,
  checkPrefix,
  defaultCompressionLevel,
  toEnvironment,
  type StartPosition,
} from "../function/config";
import { alarmsWanted, retentionHeadroomAlarmMs } from "./alarms";
import { encryptionOf } from "./bucket";
import { memoryEnvironment } from "./handler-memory";
import { known, literal, propErrors, reference } from "./prop-checks";
import type { BackupBasics, CkafkaCosBackupProps } from "./props";
import { namedTopics, topicPropErrors } from "./topic-selection";

/** The function's environment for the backup in `bucketName`. */
export function handlerEnvironment(props: CkafkaCosBackupProps, basics: BackupBasics, bucketName: string): Record<string, string> {
  const { selection } = basics;
  return {
    ...toEnvironment({
      brokers: Token.isUnresolved(props.brokers) ? [Fn.join(",", props.brokers)] : props.brokers,
      topics: namedTopics(selection),
      topicPattern: selection.kind === "pattern" ? selection.pattern : undefined,
      instanceId: props.instanceId,
      bucket: bucketName,
      region: props.region,
      prefix: basics.prefix,
      partitionMaxBytes: props.partitionMaxBytes ?? LIMITS.partitionMaxBytes.default,
      startPosition: toStartPosition(props.startPosition),
      groupId: basics.groupId,
      consumerGroups: props.consumerGroups ?? ALL_GROUPS,
      format: props.format ?? "jsonl",
      compression: props.compression ?? "gzip",
      compressionLevel: props.compressionLevel ?? defaultCompressionLevel(props.format ?? "jsonl", props.compression ?? "gzip"),
      sasl: props.saslMechanism
        ? { mechanism: props.saslMechanism, username: props.saslUsername!, secretName: props.saslPasswordSecretName! }
        : undefined,
      tls: props.tlsEnabled ?? false,
      deadlineMarginMs: LIMITS.deadlineMarginMs.default,
      maxOpenObjects: LIMITS.maxOpenObjects.default,
      retentionHeadroomAlarmMs: retentionHeadroomAlarmMs(props, basics.granularityMinutes),
      // A new bucket encrypts with its own default; an existing one's default is not the construct's to set.
      encryption: props.existingBucketName ? encryptionOf(props) : undefined,
      writeOnce: props.objectLockDays !== undefined,
    }),
    ...memoryEnvironment(basics.memoryMiB),
  };
}

/** "prop: why" for each invalid prop of the handler's configuration (but the codec's: validation.ts). */
export function handlerConfigPropErrors(props: CkafkaCosBackupProps): string[] {
  const { errors, check } = propErrors();
  const given = (p: keyof CkafkaCosBackupProps) => known(props, p);
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
  if (props.deliveryPathPrefix !== undefined && literal(props.deliveryPathPrefix)) check("deliveryPathPrefix", checkPrefix(props.deliveryPathPrefix));
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
  return errors;
}

function toStartPosition(value: CkafkaCosBackupProps["startPosition"]): StartPosition {
  if (value === undefined) return "earliest";
  return typeof value === "number" ? { timestampMs: value } : value;
}
