// Alarms for a backup, as Cloud Monitor alarm policies bound to the backup's function and consumer group.
// Facts (policy types, metric names, binding keys, "no data never alarms"): ../shared/reference/tencentcloud.md §2.9
// and README "Operations". Each failure of a backup reaches a metric that has data when it happens:
// - a run fails (the handler throws, also when retention is about to delete records not backed up): SCF `Error`;
// - runs end at their deadline: SCF `Duration`;
// - the timer stops, every run dies before doing anything, the backup falls behind: the consumer group's
//   unconsumed messages (`UnconsumeTopic`), which CKafka reports whether or not the function runs;
// - one of several instances never runs: its partitions' unconsumed messages (`CtopicUnconsumeMsgCount`).
import { createHash } from "node:crypto";
import { Fn, type ListTerraformIterator, TerraformIterator, TerraformLocal, TerraformStack, Token, type TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { DataTencentcloudCkafkaTopics } from "../generated/providers/tencentcloud/data-tencentcloud-ckafka-topics";
import { DataTencentcloudMonitorAlarmMetric } from "../generated/providers/tencentcloud/data-tencentcloud-monitor-alarm-metric";
import { MonitorAlarmPolicy } from "../generated/providers/tencentcloud/monitor-alarm-policy";
import { MonitorPolicyBindingObject } from "../generated/providers/tencentcloud/monitor-policy-binding-object";
import { checkIntRange } from "../function/config";
import { BackupAlarmNotice, given, noticePropErrors } from "./alarm-notice";
import { topicsText, type TopicSelection } from "./topic-selection";

/** The alarm props of CkafkaCosBackupProps. */
export interface BackupAlarmProps {
  /**
   * Existing Cloud Monitor notification templates (`notice-…`) the alarms notify, e.g. the `noticeId` of one
   * `BackupAlarmNotice` shared by several backups. References are accepted. @default none
   */
  readonly alarmNoticeIds?: string[];
  /** CAM user ids (sub-account UIDs) a new notification template notifies; references are accepted. @default none */
  readonly alarmRecipientUserIds?: number[];
  /** CAM user group ids a new notification template notifies; references are accepted. @default none */
  readonly alarmRecipientGroupIds?: number[];
  /** How the new template reaches those users: `EMAIL`, `SMS`, `CALL`, `WECHAT`, `SITE`. @default ["EMAIL", "SMS"] */
  readonly alarmNoticeWays?: string[];
  /** Webhook URLs (http or https) the new template calls; references (a variable, a list variable) are accepted. @default none */
  readonly alarmWebhookUrls?: string[];
  /** Language of the new template's messages. @default "en-US" */
  readonly alarmNoticeLanguage?: "en-US" | "zh-CN";
  /**
   * Create the alarm policies. They need a notification target: `alarmNoticeIds`, `alarmRecipientUserIds`,
   * `alarmRecipientGroupIds` or `alarmWebhookUrls`.
   * @default true when a notification target is given, false otherwise
   */
  readonly alarmsEnabled?: boolean;
  /**
   * Put before every policy name, e.g. `"prod-"`, to tell environments or accounts apart (a literal).
   * @default "" - names are `<functionName>-<alarm>`
   */
  readonly alarmNamePrefix?: string;
  /**
   * The longest policy name, 20–60. Tencent's API page says 20, its SDK and console 60 (unverified which holds):
   * longer names are cut, keeping a hash of the full name so that two backups never share one.
   * @default 20
   */
  readonly alarmPolicyNameMaxLength?: number;
  /**
   * Read each rule's `metric_name` at plan time from Cloud Monitor's metric list of the policy type (data
   * source `tencentcloud_monitor_alarm_metric`), matching the documented name in any case, with or without `_`;
   * a plan fails naming the metric when there is none. `false` uses the documented names as they are.
   * @default true
   */
  readonly alarmMetricLookupEnabled?: boolean;
  /**
   * The CKafka topic's id (`topic-…`), which binds the consumer-group alarms; only with `topic` (with `topics` or
   * `topicPattern` every topic's id is read at plan time). @default read at plan time with the
   * `tencentcloud_ckafka_topics` data source (the topic must exist before the plan)
   */
  readonly topicId?: string;
  /** Failed runs (SCF `Error`) within 5 minutes that raise the failed-run alarm. @default 1 */
  readonly failedRunAlarmErrors?: number;
  /** A run counts as ended by its deadline when its duration (SCF `Duration`) reaches this percent of the timeout. @default 90 */
  readonly deadlineAlarmPercent?: number;
  /**
   * Ticks in a row whose runs end by their deadline that raise the deadline alarm, with 5-minute ticks. Longer
   * ticks leave 5-minute periods without a run, and a period without data breaks a streak: one run suffices then.
   * @default 3
   */
  readonly deadlineAlarmTicks?: number;
  /**
   * Ticks, at least 2, during which the consumer group's unconsumed messages (`UnconsumeTopic`) grow in every
   * 5-minute period, that raise the stalled alarm: no run drained the lag. @default the ticks of 30 minutes (2 with 15-minute ticks)
   */
  readonly stalledAlarmTicks?: number;
  /** Growth of the unconsumed messages per 5-minute period, in percent, that counts as growing (`cycle_increase`). @default 5 */
  readonly stalledAlarmGrowthPercent?: number;
  /**
   * Unconsumed messages above which, for `lagAlarmTicks` ticks without a dip below, the lag alarm fires. Set it
   * above the records one tick brings at peak (a healthy backup drains them every tick). @default no lag alarm
   */
  readonly lagAlarmUnconsumedMessages?: number;
  /** Ticks the unconsumed messages must stay above `lagAlarmUnconsumedMessages`. @default 3 */
  readonly lagAlarmTicks?: number;
  /**
   * A run fails (and the failed-run alarm fires) when Kafka retention may delete records not backed up
   * within this many minutes.
   * @default 4 ticks (4 × timeGranularityMinutes)
   */
  readonly retentionHeadroomAlarmMinutes?: number;
  /** Alarm policy type (a policy's `namespace`) of the function's metrics. @default "SCF" */
  readonly scfAlarmPolicyType?: string;
  /** Alarm policy type of the consumer group's metrics on the topic. @default "CKAFKA-CONSUMERGROUP-TOPIC" */
  readonly ckafkaAlarmPolicyType?: string;
  /** Alarm policy type of the consumer group's metrics per partition (the stalled-partition alarm, with `parallelism` above 1). @default "CKAFKA_CONSUMERGROUP" */
  readonly ckafkaPartitionAlarmPolicyType?: string;
}

/** What the alarms watch besides their props. */
export interface BackupAlarmsProps extends BackupAlarmProps {
  readonly functionName: string;
  readonly functionNamespace: string;
  readonly timeoutSeconds: number;
  readonly timeGranularityMinutes: number;
  /** Instances per tick; above 1, each partition's unconsumed messages are watched too. */
  readonly parallelism: number;
  readonly region: string;
  /** Account APPID, a key of every binding. */
  readonly appId: string;
  readonly instanceId: string;
  /** The topics backed up: the consumer-group alarms watch each. */
  readonly topics: TopicSelection;
  readonly consumerGroupId: string;
  /** @default the stack's default tencentcloud provider */
  readonly provider?: TerraformProvider;
}

/** Cloud Monitor keeps SCF and CKafka metrics at 60 s and 300 s; 300 s holds at most one run (ticks are 5–15 minutes). */
export const PERIOD_SECONDS = 300;
/** A firing alarm repeats every hour until it recovers. */
const NOTICE_FREQUENCY_SECONDS = 3600;
/** Documented policy types (Cloud Monitor "cloud product policy types"). */
export const POLICY_TYPES = { scf: "SCF", consumerGroupTopic: "CKAFKA-CONSUMERGROUP-TOPIC", consumerGroupPartition: "CKAFKA_CONSUMERGROUP" } as const;
/** Documented metric names (QCE/SCF_V2, QCE/CKAFKA). */
export const METRICS = { errors: "Error", duration: "Duration", unconsumed: "UnconsumeTopic", partitionUnconsumed: "CtopicUnconsumeMsgCount" } as const;
/** The alarms, by the suffix of their policy names. */
export const ALARM_KINDS = { failed: "fail", deadline: "slow", stalled: "stall", partitionStalled: "pstall", lag: "lag" } as const;
export const POLICY_NAME_LENGTH = { min: 20, max: 60, default: 20 } as const;
const DEFAULTS = { failedRunAlarmErrors: 1, deadlineAlarmPercent: 90, deadlineAlarmTicks: 3, stalledMinutes: 30, stalledAlarmGrowthPercent: 5, lagAlarmTicks: 3, headroomTicks: 4 };

const target = (p: BackupAlarmProps) => [p.alarmNoticeIds, p.alarmRecipientUserIds, p.alarmRecipientGroupIds, p.alarmWebhookUrls].some(given);
const recipients = (p: BackupAlarmProps) => [p.alarmRecipientUserIds, p.alarmRecipientGroupIds, p.alarmWebhookUrls].some(given);

export function alarmsWanted(props: BackupAlarmProps): boolean {
  return props.alarmsEnabled ?? target(props);
}

/** The handler's headroom threshold in ms, when alarms are on. */
export function retentionHeadroomAlarmMs(props: BackupAlarmProps, timeGranularityMinutes: number): number | undefined {
  if (!alarmsWanted(props)) return undefined;
  return (props.retentionHeadroomAlarmMinutes ?? DEFAULTS.headroomTicks * timeGranularityMinutes) * 60_000;
}

/** "prop: why" for each invalid alarm prop. */
export function alarmPropErrors(props: BackupAlarmProps): string[] {
  const errors: string[] = [];
  const range = (prop: keyof BackupAlarmProps, min: number, max: number) => {
    const v = props[prop];
    // A reference is refused by validateProps, which says why a literal is needed.
    const why = v === undefined || Token.isUnresolved(v) ? undefined : checkIntRange(v as number, min, max);
    if (why) errors.push(`${prop}: ${why}`);
  };
  if (props.alarmsEnabled && !target(props)) {
    errors.push("alarmsEnabled: the alarms need a notification target: alarmNoticeIds, alarmRecipientUserIds, alarmRecipientGroupIds or alarmWebhookUrls");
  }
  errors.push(...noticePropErrors(
    { noticeWays: props.alarmNoticeWays, webhookUrls: props.alarmWebhookUrls, language: props.alarmNoticeLanguage },
    { ways: "alarmNoticeWays", urls: "alarmWebhookUrls", language: "alarmNoticeLanguage" },
  ));
  const prefix = props.alarmNamePrefix;
  if (prefix !== undefined) {
    if (Token.isUnresolved(prefix)) errors.push("alarmNamePrefix: must be a literal value, not a Terraform reference: policy names are cut to their length limit at synth");
    else if (!/^[A-Za-z0-9_.-]{0,20}$/.test(prefix)) errors.push(`alarmNamePrefix: "${prefix}" is not allowed; expected at most 20 letters, digits, "-", "_" and "."`);
  }
  range("alarmPolicyNameMaxLength", POLICY_NAME_LENGTH.min, POLICY_NAME_LENGTH.max);
  range("failedRunAlarmErrors", 1, 100);
  range("deadlineAlarmPercent", 50, 100);
  range("deadlineAlarmTicks", 1, 12);
  range("stalledAlarmTicks", 2, 24);
  range("stalledAlarmGrowthPercent", 1, 1000);
  range("lagAlarmUnconsumedMessages", 1, Number.MAX_SAFE_INTEGER);
  range("lagAlarmTicks", 1, 24);
  range("retentionHeadroomAlarmMinutes", 1, 30 * 24 * 60);
  if (props.lagAlarmTicks !== undefined && props.lagAlarmUnconsumedMessages === undefined) {
    errors.push("lagAlarmTicks: applies only to the lag alarm; set lagAlarmUnconsumedMessages too");
  }
  return errors;
}

/**
 * Policy names: `<prefix><functionName>-<alarm>` when that fits the length limit for every alarm (and the
 * namespace is "default"); otherwise `<prefix><functionName>` is cut, followed by 4 hex characters of a hash of
 * the namespace and the function name, so that names stay unique per function. The function name is a literal
 * (validateProps).
 */
export function policyName(prefix: string, functionName: string, namespace: string, kind: string, maxLength: number): string {
  // One head for every alarm of a backup, whatever the suffix, so that its policies sort and read together.
  const longestKind = Math.max(...Object.values(ALARM_KINDS).map((k) => k.length));
  if (namespace === "default" && `${prefix}${functionName}-`.length + longestKind <= maxLength) return `${prefix}${functionName}-${kind}`;
  const hash = createHash("sha256").update(`${namespace}/${functionName}`).digest("hex").slice(0, 4);
  const head = `${prefix}${functionName}`.slice(0, maxLength - longestKind - hash.length - 2).replace(/[-_.]+$/, "");
  return `${head}-${hash}-${kind}`;
}

/** One alarm rule as the construct defines it, with the metric under its documented name. */
export interface BackupAlarmRule {
  readonly kind: (typeof ALARM_KINDS)[keyof typeof ALARM_KINDS];
  readonly metric: (typeof METRICS)[keyof typeof METRICS];
  readonly operator: "ge" | "gt" | "cycle_increase";
  readonly value: number;
  /** Consecutive 5-minute data points that must meet the condition. */
  readonly continuePeriod: number;
}

/** The rules for a schedule and props: thresholds and consecutive periods computed from the tick. */
export function alarmRules(props: BackupAlarmProps & { timeoutSeconds: number; timeGranularityMinutes: number; parallelism: number }): BackupAlarmRule[] {
  const d = DEFAULTS;
  const g = props.timeGranularityMinutes;
  const periods = (ticks: number) => Math.ceil((ticks * g * 60) / PERIOD_SECONDS);
  // A streak counts only periods with data; with ticks longer than a period, some periods have no run.
  const everyPeriodHasARun = g * 60 <= PERIOD_SECONDS;
  const stalled = {
    operator: "cycle_increase",
    value: props.stalledAlarmGrowthPercent ?? d.stalledAlarmGrowthPercent,
    continuePeriod: periods(props.stalledAlarmTicks ?? Math.max(2, Math.ceil(d.stalledMinutes / g))),
  } as const;
  const rules: BackupAlarmRule[] = [
    { kind: ALARM_KINDS.failed, metric: METRICS.errors, operator: "ge", value: props.failedRunAlarmErrors ?? d.failedRunAlarmErrors, continuePeriod: 1 },
    {
      kind: ALARM_KINDS.deadline,
      metric: METRICS.duration,
      operator: "ge",
      value: Math.floor(props.timeoutSeconds * 10 * (props.deadlineAlarmPercent ?? d.deadlineAlarmPercent)), // ms
      continuePeriod: everyPeriodHasARun ? (props.deadlineAlarmTicks ?? d.deadlineAlarmTicks) : 1,
    },
    { kind: ALARM_KINDS.stalled, metric: METRICS.unconsumed, ...stalled },
  ];
  // One instance that never starts leaves its partitions growing while the others drain theirs: with ticks
  // longer than a period, the topic's total dips at every tick, and only the partitions show it.
  if (props.parallelism > 1) rules.push({ kind: ALARM_KINDS.partitionStalled, metric: METRICS.partitionUnconsumed, ...stalled });
  if (props.lagAlarmUnconsumedMessages !== undefined) {
    rules.push({ kind: ALARM_KINDS.lag, metric: METRICS.unconsumed, operator: "gt", value: props.lagAlarmUnconsumedMessages, continuePeriod: periods(props.lagAlarmTicks ?? d.lagAlarmTicks) });
  }
  return rules;
}

const MEANING: Record<BackupAlarmRule["kind"], string> = {
  fail: "a run failed (or retention may soon delete records not backed up)",
  slow: "runs end at their deadline: the backlog does not fit in a run",
  stall: "the unconsumed messages grow tick after tick: no run drains them (timer stopped, runs die, or too slow)",
  pstall: "a partition's unconsumed messages grow tick after tick: the instance that reads it does not run",
  lag: "the unconsumed messages stay above the threshold",
};

/**
 * The backup's alarm policies, each bound to the function or to the consumer group on the topic, and, when
 * recipients are given, their notification template. Each policy is one kind of trouble, so its notification
 * says what happened (README, "Operations").
 */
export class BackupAlarms extends Construct {
  /** The new notification template; undefined when only `alarmNoticeIds` are given. */
  public readonly notice?: BackupAlarmNotice;
  /** A run failed: the handler threw (a partition or the manifest failed, retention headroom too short, bad config, unreachable broker). */
  public readonly failedRunPolicy: MonitorAlarmPolicy;
  /** Runs end by their deadline: the backlog does not fit in a run. */
  public readonly deadlinePolicy: MonitorAlarmPolicy;
  /** The consumer group's unconsumed messages grow for ticks: the timer stopped, runs die, or the backup falls behind. */
  public readonly stalledPolicy: MonitorAlarmPolicy;
  /** A partition's unconsumed messages grow for ticks: its instance does not run; defined with `parallelism` above 1. */
  public readonly partitionStalledPolicy?: MonitorAlarmPolicy;
  /** The unconsumed messages stay above `lagAlarmUnconsumedMessages`; defined when it is given. */
  public readonly lagPolicy?: MonitorAlarmPolicy;
  /** Every policy with its binding to the function or the consumer group. */
  public readonly bindings: MonitorPolicyBindingObject[] = [];
  /** The rules as defined, with documented metric names. */
  public readonly rules: BackupAlarmRule[];
  /** Cloud Monitor's metric lists, read at plan time; empty with `alarmMetricLookupEnabled: false`. */
  public readonly metricLookups: DataTencentcloudMonitorAlarmMetric[] = [];
  /**
   * The topic lookup (its id, its partition count); undefined when `topicId` is given and `parallelism` is 1. With
   * `topics` or `topicPattern`: every topic of the instance, of which the alarms watch those named or matching.
   */
  public readonly topicLookup?: DataTencentcloudCkafkaTopics;

  constructor(scope: Construct, id: string, props: BackupAlarmsProps) {
    super(scope, id);
    const provider = props.provider;
    const noticeIds = props.alarmNoticeIds ?? [];
    if (recipients(props)) {
      this.notice = new BackupAlarmNotice(this, "notice", {
        provider,
        name: `${props.functionName} backup`,
        recipientUserIds: props.alarmRecipientUserIds,
        recipientGroupIds: props.alarmRecipientGroupIds,
        noticeWays: props.alarmNoticeWays,
        webhookUrls: props.alarmWebhookUrls,
        language: props.alarmNoticeLanguage,
      });
    }
    // A list reference cannot be spread at synth: Terraform concatenates it.
    const allNoticeIds = !this.notice ? noticeIds : Token.isUnresolved(noticeIds) ? Fn.concat([noticeIds, [this.notice.noticeId]]) : [...noticeIds, this.notice.noticeId];
    const metricName = this.metricNames(props);

    this.rules = alarmRules(props);
    const watched = props.topics.kind === "topic" ? watchOneTopic(this, props, props.topics.topics[0]) : watchTopics(this, props, props.topics);
    this.topicLookup = watched.topicLookup;
    const scfType = props.scfAlarmPolicyType ?? POLICY_TYPES.scf;
    // Binding keys as Cloud Monitor's "policy types and dimensions" table spells them (snake_case, with the topic id).
    const fnObject = JSON.stringify({ appid: props.appId, function_name: props.functionName, namespace: props.functionNamespace, version: "$latest" });
    const onFunction = { type: scfType, dimensions: [{ dimensionsJson: fnObject, region: props.region }] };
    const objects = (metric: string) => (metric === METRICS.unconsumed ? watched.onGroup : metric === METRICS.partitionUnconsumed ? watched.onPartitions! : onFunction);
    const where = `${topicsText(props.topics)} of ${props.instanceId}, function ${props.functionNamespace}/${props.functionName}`;
    const maxLength = props.alarmPolicyNameMaxLength ?? POLICY_NAME_LENGTH.default;

    const policies = this.rules.map((rule) => {
      const { type, dimensions } = objects(rule.metric);
      const metric = metricName(type, rule.metric);
      const policy = new MonitorAlarmPolicy(this, rule.kind, {
        provider,
        policyName: policyName(props.alarmNamePrefix ?? "", props.functionName, props.functionNamespace, rule.kind, maxLength),
        remark: `Backup of ${where}: ${MEANING[rule.kind]}`,
        monitorType: "MT_QCE",
        namespace: type,
        enable: 1,
        noticeIds: allNoticeIds,
        conditions: {
          isUnionRule: 0,
          rules: [{
            metricName: metric.name,
            period: PERIOD_SECONDS,
            operator: rule.operator,
            value: String(rule.value),
            continuePeriod: rule.continuePeriod,
            noticeFrequency: NOTICE_FREQUENCY_SECONDS,
            isPowerNotice: 0,
            ruleType: "STATIC",
          }],
        },
        lifecycle: metric.found
          ? { precondition: [{ condition: metric.found, errorMessage: `Cloud Monitor lists no metric "${rule.metric}" for alarm policy type "${type}" (data source tencentcloud_monitor_alarm_metric): check scf/ckafkaAlarmPolicyType, or set alarmMetricLookupEnabled: false to use the documented name.` }] }
          : undefined,
      });
      this.bindings.push(new MonitorPolicyBindingObject(this, `${rule.kind}-binding`, {
        provider,
        count: type !== scfType ? watched.groupBindingCount : undefined,
        policyId: policy.id,
        dimensions: dimensions as MonitorPolicyBindingObject["dimensionsInput"] & object,
        lifecycle: type !== scfType && watched.topicFound
          ? { precondition: [{ condition: watched.topicFound, errorMessage: watched.missingTopic! }] }
          : undefined,
      }));
      return [rule.kind, policy] as const;
    });
    const byKind = new Map<string, MonitorAlarmPolicy>(policies);
    this.failedRunPolicy = byKind.get(ALARM_KINDS.failed)!;
    this.deadlinePolicy = byKind.get(ALARM_KINDS.deadline)!;
    this.stalledPolicy = byKind.get(ALARM_KINDS.stalled)!;
    this.partitionStalledPolicy = byKind.get(ALARM_KINDS.partitionStalled);
    this.lagPolicy = byKind.get(ALARM_KINDS.lag);
    this.node.addValidation({ validate: () => this.sharedNames() });
  }

  /**
   * A rule's metric name for a policy type: the documented name, or, with `alarmMetricLookupEnabled`, the name
   * Cloud Monitor lists for it, read at plan time (one metric list per type), with the check that it lists one.
   */
  private metricNames(props: BackupAlarmsProps): (type: string, documented: string) => { name: string; found?: string } {
    const lists = new Map<string, DataTencentcloudMonitorAlarmMetric>();
    return (type, documented) => {
      if (!(props.alarmMetricLookupEnabled ?? true)) return { name: documented };
      let list = lists.get(type);
      if (!list) {
        list = new DataTencentcloudMonitorAlarmMetric(this, `metrics-${lists.size}`, { provider: props.provider, module: "monitor", monitorType: "MT_QCE", namespace: type });
        lists.set(type, list);
        this.metricLookups.push(list);
      }
      // Matches `Error`, `error`, `http_433` for `Http433`: the spellings Tencent's pages use.
      const matches = `[for m in ${list.fqn}.metrics : m.metric_name if lower(replace(m.metric_name, "_", "")) == "${documented.toLowerCase()}"]`;
      return { name: `\${try(${matches}[0], "")}`, found: `\${length(${matches}) > 0}` };
    };
  }

  /** Names this backup's policies share with other policies in the stack. */
  private sharedNames(): string[] {
    const mine = new Set(this.node.findAll().filter((c): c is MonitorAlarmPolicy => c instanceof MonitorAlarmPolicy).map((p) => p.policyNameInput));
    const problems: string[] = [];
    // Per stack: stacks of one app (prod and staging, say) deploy apart, often to other accounts or regions.
    for (const other of TerraformStack.of(this).node.findAll()) {
      if (!(other instanceof MonitorAlarmPolicy) || other.node.scope === this) continue;
      const name = other.policyNameInput;
      if (typeof name === "string" && !Token.isUnresolved(name) && mine.has(name)) {
        problems.push(`alarmNamePrefix: the alarm policy name "${name}" is also used by ${other.node.path}; give one of the backups another alarmNamePrefix or functionName`);
      }
    }
    return problems;
  }
}

/** The objects a policy is bound to: a policy type and its dimensions (a list, or a dynamic block). */
interface BoundObjects {
  readonly type: string;
  readonly dimensions: unknown;
}

/** What the consumer-group alarms watch: the group on each topic, and on each partition with `parallelism` above 1. */
interface WatchedTopics {
  readonly onGroup: BoundObjects;
  readonly onPartitions?: BoundObjects;
  /** The plan-time check that the topics exist, and what it says when they do not. */
  readonly topicFound?: string;
  readonly missingTopic?: string;
  /** With a pattern, a binding has an object only once a topic matches (the provider wants at least one). */
  readonly groupBindingCount?: number;
  readonly topicLookup?: DataTencentcloudCkafkaTopics;
}

const groupPolicyTypes = (props: BackupAlarmProps) => ({
  ckafkaType: props.ckafkaAlarmPolicyType ?? POLICY_TYPES.consumerGroupTopic,
  partitionType: props.ckafkaPartitionAlarmPolicyType ?? POLICY_TYPES.consumerGroupPartition,
});

/** One topic: its id given or read at plan time (and its partition count with `parallelism` above 1). */
function watchOneTopic(scope: Construct, props: BackupAlarmsProps, topic: string): WatchedTopics {
  const { ckafkaType, partitionType } = groupPolicyTypes(props);
  let topicId = props.topicId;
  let partitions: ListTerraformIterator | undefined;
  let topicLookup: DataTencentcloudCkafkaTopics | undefined;
  let topicFound: string | undefined;
  if (topicId === undefined || props.parallelism > 1) {
    topicLookup = new DataTencentcloudCkafkaTopics(scope, "topic", { provider: props.provider, instanceId: props.instanceId, topicName: topic });
    // The data source's name filter may match more than one topic: keep the exact name.
    const topics = `[for t in ${topicLookup.fqn}.instance_list : t if t.topic_name == ${topicLookup.fqn}.topic_name]`;
    topicId ??= new TerraformLocal(scope, "topic-id", `\${try(${topics}[0].topic_id, "")}`).asString;
    topicFound = `\${length(${topics}) > 0}`;
    if (props.parallelism > 1) {
      const count = new TerraformLocal(scope, "partition-count", `\${try(${topics}[0].partition_num, 0)}`);
      partitions = TerraformIterator.fromList(Fn.range(0, count.asNumber));
    }
  }
  const missingTopic = `CKafka instance ${props.instanceId} has no topic named ${topic} (data source tencentcloud_ckafka_topics): create the topic before the alarms, or give topicId.`;
  const group = { appid: props.appId, consumer_group: props.consumerGroupId, instance_id: props.instanceId, topicid: topicId, topicname: topic };
  const onGroup = { type: ckafkaType, dimensions: [{ dimensionsJson: JSON.stringify(group), region: props.region }] };
  // One object per partition, as many as the topic has at plan time (a dynamic block; `each.value` is the partition).
  const onPartitions = partitions && {
    type: partitionType,
    dimensions: partitions.dynamic({ dimensions_json: JSON.stringify({ ...group, partition: Token.asString(partitions.value) }), region: props.region }),
  };
  return { onGroup, onPartitions, topicFound, missingTopic, topicLookup };
}

/**
 * Several topics or a pattern: every topic of the instance (no name filter: the data source pages through them all),
 * of which Terraform keeps the named ones or those the pattern matches as a whole (RE2; topicPropErrors refuses what
 * RE2 does not read).
 */
function watchTopics(scope: Construct, props: BackupAlarmsProps, s: Exclude<TopicSelection, { kind: "topic" }>): WatchedTopics {
  const { ckafkaType, partitionType } = groupPolicyTypes(props);
  const topicLookup = new DataTencentcloudCkafkaTopics(scope, "topics", { provider: props.provider, instanceId: props.instanceId });
  const keep = s.kind === "topics" ? `contains(${JSON.stringify(s.topics)}, t.topic_name)` : `can(regex(${hclString(`^(?:${s.pattern})$`)}, t.topic_name))`;
  const watched = new TerraformLocal(scope, "topics-watched", `\${[for t in ${topicLookup.fqn}.instance_list : { topic_id = t.topic_id, topic_name = t.topic_name, partition_num = t.partition_num } if ${keep}]}`);
  const watchedRef = `local.${watched.friendlyUniqueId}`;
  const group = (it: TerraformIterator) => ({ appid: props.appId, consumer_group: props.consumerGroupId, instance_id: props.instanceId, topicid: it.getString("topic_id"), topicname: it.getString("topic_name") });
  // One object per topic watched, per topic and partition for the stalled-partition alarm.
  const topicsIt = TerraformIterator.fromList(watched.asList);
  const onGroup = { type: ckafkaType, dimensions: topicsIt.dynamic({ dimensions_json: Fn.jsonencode(group(topicsIt)), region: props.region }) };
  let onPartitions: BoundObjects | undefined;
  if (props.parallelism > 1) {
    const pairs = new TerraformLocal(scope, "partitions-watched", `\${flatten([for t in ${watchedRef} : [for p in range(t.partition_num) : { topic_id = t.topic_id, topic_name = t.topic_name, partition = tostring(p) }]])}`);
    const pairsIt = TerraformIterator.fromList(pairs.asList);
    onPartitions = { type: partitionType, dimensions: pairsIt.dynamic({ dimensions_json: Fn.jsonencode({ ...group(pairsIt), partition: pairsIt.getString("partition") }), region: props.region }) };
  }
  if (s.kind === "topics") {
    return {
      onGroup, onPartitions, topicLookup,
      topicFound: `\${length(${watchedRef}) == ${s.topics.length}}`,
      missingTopic: `CKafka instance ${props.instanceId} lacks some of the topics ${s.topics.join(", ")} (data source tencentcloud_ckafka_topics): create them before the alarms.`,
    };
  }
  return { onGroup, onPartitions, topicLookup, groupBindingCount: new TerraformLocal(scope, "topics-watched-count", `\${length(${watchedRef}) > 0 ? 1 : 0}`).asNumber };
}

/** `value` as a Terraform string literal: JSON's escapes, and `${`/`%{` kept from being read as templates. */
function hclString(value: string): string {
  return JSON.stringify(value).replace(/([$%])\{/g, (_, c: string) => `${c}${c}{`);
}
