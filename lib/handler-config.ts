// The handler's configuration: what the construct tells the function in its environment at synth
// (function/config.ts reads it back at run time, and refuses what it does not allow).
import { Fn, Token } from "cdktf";
import { ALL_GROUPS, LIMITS, defaultCompressionLevel, toEnvironment, type StartPosition } from "../function/config";
import { retentionHeadroomAlarmMs } from "./alarms";
import { encryptionOf } from "./bucket";
import { memoryEnvironment } from "./handler-memory";
import type { BackupBasics, CkafkaCosBackupProps } from "./props";
import { namedTopics } from "./topic-selection";

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

function toStartPosition(value: CkafkaCosBackupProps["startPosition"]): StartPosition {
  if (value === undefined) return "earliest";
  return typeof value === "number" ? { timestampMs: value } : value;
}
