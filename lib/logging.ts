// A CLS logset and topic for the function's logs. The handler writes one JSON summary line per run
// (function/run-summary.ts); SCF delivers each line to the topic in its SCF_Message field.
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { ClsLogset } from "../generated/providers/tencentcloud/cls-logset";
import { ClsTopic } from "../generated/providers/tencentcloud/cls-topic";
import { checkIntRange } from "../function/config";

/** The logging props of CkafkaCosBackupProps. */
export interface BackupLogProps {
  /** CLS logset and topic for the function's logs (set both). @default SCF's default logging, or the new topic of `logTopicEnabled` */
  readonly clsLogsetId?: string;
  /** @default SCF's default logging, or the new topic of `logTopicEnabled` */
  readonly clsTopicId?: string;
  /** Create a CLS logset and topic for the function's logs and send them there. Not with `clsLogsetId`/`clsTopicId`. @default false */
  readonly logTopicEnabled?: boolean;
  /** Days CLS keeps the new topic's logs, 1–3600. @default 30 */
  readonly logRetentionDays?: number;
}

export const LOG_RETENTION_DAYS = { min: 1, max: 3600, default: 30 } as const;

/** "prop: why" for each invalid logging prop. */
export function logPropErrors(props: BackupLogProps): string[] {
  const errors: string[] = [];
  if (!!props.clsLogsetId !== !!props.clsTopicId) errors.push(`${props.clsLogsetId ? "clsTopicId" : "clsLogsetId"}: clsLogsetId and clsTopicId are required together`);
  if (props.logTopicEnabled && (props.clsLogsetId || props.clsTopicId)) {
    errors.push("logTopicEnabled: cannot be combined with clsLogsetId/clsTopicId; give either an existing logset and topic or let the construct create them");
  }
  if (props.logRetentionDays !== undefined) {
    const why = checkIntRange(props.logRetentionDays, LOG_RETENTION_DAYS.min, LOG_RETENTION_DAYS.max);
    if (why) errors.push(`logRetentionDays: ${why} days`);
    if (!props.logTopicEnabled) errors.push("logRetentionDays: applies only to the topic logTopicEnabled creates; set logTopicEnabled: true");
  }
  return errors;
}

export interface BackupLogTopicProps {
  /** Names the logset and the topic. */
  readonly functionName: string;
  readonly topic: string;
  readonly retentionDays?: number;
  readonly tags?: Record<string, string>;
  /** @default the stack's default tencentcloud provider */
  readonly provider?: TerraformProvider;
}

/** A logset and a topic holding the backup function's logs for `retentionDays`. */
export class BackupLogTopic extends Construct {
  public readonly logset: ClsLogset;
  public readonly logTopic: ClsTopic;

  constructor(scope: Construct, id: string, props: BackupLogTopicProps) {
    super(scope, id);
    this.logset = new ClsLogset(this, "logset", { provider: props.provider, logsetName: `${props.functionName}-logs`, tags: props.tags });
    this.logTopic = new ClsTopic(this, "topic", {
      provider: props.provider,
      logsetId: this.logset.id,
      topicName: `${props.functionName}-runs`,
      period: props.retentionDays ?? LOG_RETENTION_DAYS.default,
      describes: `Runs of the CKafka backup function ${props.functionName} (topic ${props.topic}): one JSON summary line per run`,
      tags: props.tags,
    });
  }
}
