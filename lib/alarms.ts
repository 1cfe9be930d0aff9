// Alarms for a backup, as Cloud Monitor alarm policies: a run failed, runs keep ending by their deadline,
// no run succeeded for a while (stale), the consumer group's lag keeps growing. Retention headroom is
// measured by the handler itself (function/retention-headroom.ts): below its threshold the run fails, and
// the failed-run alarm reports it. Metric names: Tencent Cloud's metric pages for SCF (namespace
// QCE/SCF_V2, cloud.tencent.com/document/product/248/34638) and CKafka consumer groups (QCE/CKAFKA,
// product/248/45122). The policy types (`namespace` of an alarm policy) are UNVERIFIED: props.
import { Token, type TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { MonitorAlarmNotice } from "../generated/providers/tencentcloud/monitor-alarm-notice";
import { MonitorAlarmPolicy, type MonitorAlarmPolicyConditionsRules } from "../generated/providers/tencentcloud/monitor-alarm-policy";
import { checkIntRange } from "../function/config";

/** The alarm props of CkafkaCosBackupProps. */
export interface BackupAlarmProps {
  /** Existing Cloud Monitor notification templates (`notice-…`) the alarms notify. @default none */
  readonly alarmNoticeIds?: string[];
  /** CAM user ids (sub-account UIDs) a new notification template notifies. @default none */
  readonly alarmRecipientUserIds?: number[];
  /** CAM user group ids a new notification template notifies. @default none */
  readonly alarmRecipientGroupIds?: number[];
  /** How the new template reaches those users: `EMAIL`, `SMS`, `CALL`, `WECHAT`, `SITE`. @default ["EMAIL", "SMS"] */
  readonly alarmNoticeWays?: string[];
  /** Webhook URLs (http or https) the new template calls. @default none */
  readonly alarmWebhookUrls?: string[];
  /** Language of the new template's messages. @default "en-US" */
  readonly alarmNoticeLanguage?: "en-US" | "zh-CN";
  /**
   * Create the alarm policies. They need a notification target: `alarmNoticeIds`, `alarmRecipientUserIds`,
   * `alarmRecipientGroupIds` or `alarmWebhookUrls`.
   * @default true when a notification target is given, false otherwise
   */
  readonly alarmsEnabled?: boolean;
  /** Failed runs (SCF `Error`) within 5 minutes that raise the failed-run alarm. @default 1 */
  readonly failedRunAlarmErrors?: number;
  /** A run counts as ended by its deadline when its duration (SCF `Duration`) reaches this percent of the timeout. @default 90 */
  readonly deadlineAlarmPercent?: number;
  /** Ticks in a row whose runs end by their deadline that raise the deadline alarm. @default 3 */
  readonly deadlineAlarmTicks?: number;
  /** Ticks in a row without a successful run (SCF `Http2xx` below 1) that raise the stale alarm. @default 3 */
  readonly staleAlarmTicks?: number;
  /** Growth of the consumer group's lag (CKafka `UnconsumeTopic`) per 5 minutes, in percent, that counts as growing. @default 10 */
  readonly lagAlarmGrowthPercent?: number;
  /** Ticks the lag must keep growing to raise the lag alarm. @default 3 */
  readonly lagAlarmTicks?: number;
  /**
   * A run fails (and the failed-run alarm fires) when Kafka retention may delete records not backed up
   * within this many minutes.
   * @default 4 ticks (4 × timeGranularityMinutes)
   */
  readonly retentionHeadroomAlarmMinutes?: number;
  /** Alarm policy type of SCF metrics (an alarm policy's `namespace`); UNVERIFIED. @default "scf_v2" */
  readonly scfAlarmPolicyType?: string;
  /** Alarm policy type of CKafka consumer-group metrics (an alarm policy's `namespace`); UNVERIFIED. @default "ckafka_consumer_group" */
  readonly ckafkaAlarmPolicyType?: string;
}

/** What the alarms watch besides their props. */
export interface BackupAlarmsProps extends BackupAlarmProps {
  /** The SCF function's name (a literal: policy names are built from it). */
  readonly functionName: string;
  readonly functionNamespace: string;
  readonly timeoutSeconds: number;
  readonly timeGranularityMinutes: number;
  readonly instanceId: string;
  readonly topic: string;
  readonly consumerGroupId: string;
  /** @default the stack's default tencentcloud provider */
  readonly provider?: TerraformProvider;
}

/** Cloud Monitor keeps SCF and CKafka metrics at 60 s and 300 s; 300 s holds at most one run (ticks are 5–15 minutes). */
export const PERIOD_SECONDS = 300;
/** A firing alarm repeats every hour until it recovers. */
const NOTICE_FREQUENCY_SECONDS = 3600;
/** Policy names are at most 20 characters (CreateAlarmPolicy). */
const POLICY_NAME_MAX = 20;
const ALARM_DEFAULTS = { failedRunAlarmErrors: 1, deadlineAlarmPercent: 90, deadlineAlarmTicks: 3, staleAlarmTicks: 3, lagAlarmGrowthPercent: 10, lagAlarmTicks: 3, headroomTicks: 4 };

export function alarmsWanted(props: BackupAlarmProps): boolean {
  const target = !!(props.alarmNoticeIds?.length || props.alarmRecipientUserIds?.length || props.alarmRecipientGroupIds?.length || props.alarmWebhookUrls?.length);
  return props.alarmsEnabled ?? target;
}

/** The handler's headroom threshold in ms, when alarms are on. */
export function retentionHeadroomAlarmMs(props: BackupAlarmProps, timeGranularityMinutes: number): number | undefined {
  if (!alarmsWanted(props)) return undefined;
  return (props.retentionHeadroomAlarmMinutes ?? ALARM_DEFAULTS.headroomTicks * timeGranularityMinutes) * 60_000;
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
  const target = props.alarmNoticeIds?.length || props.alarmRecipientUserIds?.length || props.alarmRecipientGroupIds?.length || props.alarmWebhookUrls?.length;
  if (props.alarmsEnabled && !target) {
    errors.push("alarmsEnabled: the alarms need a notification target: alarmNoticeIds, alarmRecipientUserIds, alarmRecipientGroupIds or alarmWebhookUrls");
  }
  for (const url of props.alarmWebhookUrls ?? []) {
    if (!/^https?:\/\/\S+$/.test(url)) errors.push(`alarmWebhookUrls: "${url}" is not allowed; expected an http:// or https:// URL`);
  }
  const ways = ["EMAIL", "SMS", "CALL", "WECHAT", "SITE"];
  for (const w of props.alarmNoticeWays ?? []) {
    if (!ways.includes(w)) errors.push(`alarmNoticeWays: "${w}" is not allowed; expected one of ${ways.join(", ")}`);
  }
  if (props.alarmNoticeLanguage !== undefined && !["en-US", "zh-CN"].includes(props.alarmNoticeLanguage)) {
    errors.push(`alarmNoticeLanguage: "${props.alarmNoticeLanguage}" is not allowed; expected en-US or zh-CN`);
  }
  range("failedRunAlarmErrors", 1, 100);
  range("deadlineAlarmPercent", 50, 100);
  range("deadlineAlarmTicks", 1, 12);
  range("staleAlarmTicks", 1, 12);
  range("lagAlarmGrowthPercent", 1, 1000);
  range("lagAlarmTicks", 1, 12);
  range("retentionHeadroomAlarmMinutes", 1, 30 * 24 * 60);
  return errors;
}

/** `[[dimension = value, …]]`: the filter that binds a rule to one function or one consumer group (AlarmPolicyFilter). */
function dimensions(values: Record<string, string>): { type: string; dimensions: string } {
  return { type: "DIMENSION", dimensions: JSON.stringify([Object.entries(values).map(([Key, v]) => ({ Key, Operator: "eq", Value: [v] }))]) };
}

/**
 * The backup's alarm policies and, when recipients are given, their notification template. Each policy
 * is one kind of trouble, so its notification says what happened (README, "Operations").
 */
export class BackupAlarms extends Construct {
  /** The new notification template; undefined when only `alarmNoticeIds` are given. */
  public readonly notice?: MonitorAlarmNotice;
  /** A run failed: the handler threw (a partition or the manifest failed, retention headroom too short, bad config, unreachable broker). */
  public readonly failedRunPolicy: MonitorAlarmPolicy;
  /** Runs keep ending by their deadline: the backlog does not fit in a run. */
  public readonly deadlinePolicy: MonitorAlarmPolicy;
  /** No successful run for a number of ticks. */
  public readonly stalePolicy: MonitorAlarmPolicy;
  /** The consumer group's lag on the topic keeps growing. */
  public readonly lagPolicy: MonitorAlarmPolicy;

  constructor(scope: Construct, id: string, props: BackupAlarmsProps) {
    super(scope, id);
    const d = ALARM_DEFAULTS;
    const g = props.timeGranularityMinutes;
    // Ticks → 5-minute periods.
    const periods = (ticks: number) => Math.ceil((ticks * g * 60) / PERIOD_SECONDS);

    const noticeIds = [...(props.alarmNoticeIds ?? [])];
    const users = props.alarmRecipientUserIds ?? [];
    const groups = props.alarmRecipientGroupIds ?? [];
    const urls = props.alarmWebhookUrls ?? [];
    if (users.length || groups.length || urls.length) {
      const allDay = { startTime: 0, endTime: 86399 };
      const noticeWay = props.alarmNoticeWays ?? ["EMAIL", "SMS"];
      this.notice = new MonitorAlarmNotice(this, "notice", {
        provider: props.provider,
        name: `${props.functionName} backup`,
        noticeType: "ALL", // alarm and recovery
        noticeLanguage: props.alarmNoticeLanguage ?? "en-US",
        userNotices: nonEmpty([
          ...(users.length ? [{ ...allDay, receiverType: "USER", noticeWay, userIds: users }] : []),
          ...(groups.length ? [{ ...allDay, receiverType: "GROUP", noticeWay, groupIds: groups }] : []),
        ]),
        urlNotices: nonEmpty(urls.map((url) => ({ ...allDay, url }))),
      });
      noticeIds.push(this.notice.id);
    }

    const fn = dimensions({ functionName: props.functionName, namespace: props.functionNamespace });
    const policy = (suffix: string, type: string, rule: MonitorAlarmPolicyConditionsRules) =>
      new MonitorAlarmPolicy(this, suffix, {
        provider: props.provider,
        policyName: `${props.functionName.slice(0, POLICY_NAME_MAX - suffix.length - 1)}-${suffix}`,
        monitorType: "MT_QCE",
        namespace: type,
        enable: 1,
        noticeIds,
        conditions: {
          isUnionRule: 0,
          rules: [{ period: PERIOD_SECONDS, noticeFrequency: NOTICE_FREQUENCY_SECONDS, isPowerNotice: 0, ruleType: "STATIC", ...rule }],
        },
      });
    const scf = props.scfAlarmPolicyType ?? "scf_v2";

    this.failedRunPolicy = policy("failed", scf, {
      metricName: "Error",
      operator: "ge",
      value: String(props.failedRunAlarmErrors ?? d.failedRunAlarmErrors),
      continuePeriod: 1,
      filter: fn,
    });
    this.deadlinePolicy = policy("deadline", scf, {
      metricName: "Duration",
      operator: "ge",
      value: String(Math.floor(props.timeoutSeconds * 10 * (props.deadlineAlarmPercent ?? d.deadlineAlarmPercent))), // ms
      continuePeriod: periods(props.deadlineAlarmTicks ?? d.deadlineAlarmTicks),
      filter: fn,
    });
    this.stalePolicy = policy("stale", scf, {
      metricName: "Http2xx",
      operator: "lt",
      value: "1",
      continuePeriod: periods(props.staleAlarmTicks ?? d.staleAlarmTicks),
      filter: fn,
    });
    this.lagPolicy = policy("lag", props.ckafkaAlarmPolicyType ?? "ckafka_consumer_group", {
      metricName: "UnconsumeTopic",
      operator: "cycle_increase",
      value: String(props.lagAlarmGrowthPercent ?? d.lagAlarmGrowthPercent),
      continuePeriod: periods(props.lagAlarmTicks ?? d.lagAlarmTicks),
      filter: dimensions({ instanceId: props.instanceId, consumerGroup: props.consumerGroupId, topicName: props.topic }),
    });
  }
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);
