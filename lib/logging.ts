// A CLS logset, topic and index for the function's logs. The handler writes one JSON summary line per run
// (function/run-summary.ts); SCF delivers each line to the topic in its SCF_Message field.
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { ClsIndex } from "../generated/providers/tencentcloud/cls-index";
import { ClsLogset } from "../generated/providers/tencentcloud/cls-logset";
import { ClsTopic } from "../generated/providers/tencentcloud/cls-topic";
import { checkIntRange } from "../function/config";

/** The logging props of CkafkaCosBackupProps. */
export interface BackupLogProps {
  /**
   * CLS logset for the function's logs: with `clsTopicId`, an existing topic in it; with `logTopicEnabled`, the
   * logset the new topic goes into (one logset shared by several backups).
   * @default SCF's default logging, or the new logset of `logTopicEnabled`
   */
  readonly clsLogsetId?: string;
  /** An existing CLS topic for the function's logs, in `clsLogsetId`. @default SCF's default logging, or the new topic of `logTopicEnabled` */
  readonly clsTopicId?: string;
  /** Create a CLS topic (and a logset, unless `clsLogsetId` is given) for the function's logs and send them there. Not with `clsTopicId`. @default false */
  readonly logTopicEnabled?: boolean;
  /** Days CLS keeps the new topic's logs, 1–3600. @default 30 */
  readonly logRetentionDays?: number;
  /**
   * Give the new topic a `tencentcloud_cls_index` (full text and SCF's log fields, with analysis) so that it can be
   * searched and queried (README, "Operations"). Turn it off if SCF's own automatic index configuration clashes
   * with it in your account (unverified).
   * @default true with `logTopicEnabled`
   */
  readonly logIndexEnabled?: boolean;
}

/**
 * The fields SCF writes for every log line (SCF "log structure", cloud.tencent.com/document/product/583/60336),
 * with their CLS types; the run summary is the JSON in `SCF_Message`, read with `json_extract_scalar`.
 */
export const SCF_LOG_FIELDS = {
  SCF_FunctionName: "text", SCF_Namespace: "text", SCF_StartTime: "long", SCF_LogTime: "long", SCF_RequestId: "text",
  SCF_Duration: "long", SCF_Alias: "text", SCF_Qualifier: "text", SCF_MemUsage: "double", SCF_Level: "text",
  SCF_Message: "text", SCF_Type: "text", SCF_StatusCode: "long", SCF_RetryNum: "long",
} as const;
/** CLS's default delimiters (the provider's example): a JSON line splits into its keys and values. */
export const LOG_TOKENIZER = "@&?|#()='\",;:<>[]{}/ \n\t\r\\";

export const LOG_RETENTION_DAYS = { min: 1, max: 3600, default: 30 } as const;

/** "prop: why" for each invalid logging prop. */
export function logPropErrors(props: BackupLogProps): string[] {
  const errors: string[] = [];
  if (props.logTopicEnabled && props.clsTopicId) {
    errors.push("logTopicEnabled: cannot be combined with clsTopicId; give either an existing topic (clsLogsetId and clsTopicId) or let the construct create one (logTopicEnabled, in clsLogsetId if given)");
  } else if (!props.logTopicEnabled && !!props.clsLogsetId !== !!props.clsTopicId) {
    errors.push(`${props.clsLogsetId ? "clsTopicId" : "clsLogsetId"}: clsLogsetId and clsTopicId are required together (or clsLogsetId with logTopicEnabled, for a new topic in that logset)`);
  }
  if (props.logIndexEnabled !== undefined && !props.logTopicEnabled) errors.push("logIndexEnabled: applies only to the topic logTopicEnabled creates; set logTopicEnabled: true");
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
  /** The CKafka topics backed up, as the description names them: "topic orders", "topics a, b". */
  readonly backedUp: string;
  readonly retentionDays?: number;
  readonly tags?: Record<string, string>;
  /** An existing logset for the topic. @default a new logset */
  readonly logsetId?: string;
  /** @default true */
  readonly indexEnabled?: boolean;
  /** @default the stack's default tencentcloud provider */
  readonly provider?: TerraformProvider;
}

/** A topic (in a new logset or a given one) holding the backup function's logs for `retentionDays`, and its index. */
export class BackupLogTopic extends Construct {
  /** The new logset; undefined when a logset id is given. */
  public readonly logset?: ClsLogset;
  /** The topic's logset id (may be a token). */
  public readonly logsetId: string;
  public readonly logTopic: ClsTopic;
  /** Full text and SCF's log fields; undefined with `logIndexEnabled: false`. */
  public readonly index?: ClsIndex;

  constructor(scope: Construct, id: string, props: BackupLogTopicProps) {
    super(scope, id);
    if (props.logsetId === undefined) {
      this.logset = new ClsLogset(this, "logset", { provider: props.provider, logsetName: `${props.functionName}-logs`, tags: props.tags });
    }
    this.logsetId = props.logsetId ?? this.logset!.id;
    this.logTopic = new ClsTopic(this, "topic", {
      provider: props.provider,
      logsetId: this.logsetId,
      topicName: `${props.functionName}-runs`,
      period: props.retentionDays ?? LOG_RETENTION_DAYS.default,
      describes: `Runs of the CKafka backup function ${props.functionName} (${props.backedUp}): one JSON summary line per run`,
      tags: props.tags,
    });
    if (props.indexEnabled ?? true) {
      const analysed = (type: string) => ({ type, sqlFlag: true, ...(type === "text" ? { tokenizer: LOG_TOKENIZER, containZH: false } : {}) });
      this.index = new ClsIndex(this, "index", {
        provider: props.provider,
        topicId: this.logTopic.id,
        status: true,
        rule: {
          fullText: { caseSensitive: false, tokenizer: LOG_TOKENIZER, containZH: false },
          keyValue: { caseSensitive: false, keyValues: Object.entries(SCF_LOG_FIELDS).map(([key, type]) => ({ key, value: analysed(type) })) },
        },
      });
    }
  }
}
