// Alarm policies, their notification template and the CLS log topic, as synthesized.
import "./cdktf-matchers";
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { CkafkaCosBackup, type CkafkaCosBackupProps } from "../../lib";
import { ENV } from "../../function/config";
import { ClsLogset } from "../../generated/providers/tencentcloud/cls-logset";
import { ClsTopic } from "../../generated/providers/tencentcloud/cls-topic";
import { MonitorAlarmNotice } from "../../generated/providers/tencentcloud/monitor-alarm-notice";
import { base } from "./base-props";

interface Rule {
  metric_name: string;
  operator: string;
  value: string;
  period: number;
  continue_period: number;
  notice_frequency: number;
  rule_type: string;
  filter: { type: string; dimensions: string };
}
interface Policy {
  policy_name: string;
  monitor_type: string;
  namespace: string;
  enable: number;
  notice_ids: string[];
  conditions: { is_union_rule: number; rules: Rule[] };
}

function synth(props: Partial<CkafkaCosBackupProps> = {}) {
  const json = Testing.synthScope((scope) => {
    new CkafkaCosBackup(scope, "backup", { ...base, ...props });
  });
  const tf = JSON.parse(json);
  const policies = (tf.resource.tencentcloud_monitor_alarm_policy ?? {}) as Record<string, Policy>;
  const byName = Object.fromEntries(Object.values(policies).map((p) => [p.policy_name, p]));
  const fn = Object.values(tf.resource.tencentcloud_scf_function)[0] as { environment: Record<string, string>; cls_logset_id?: string; cls_topic_id?: string };
  return { json, tf, byName, fn };
}

const only = (p: Policy) => {
  expect(p.conditions.rules).toHaveLength(1);
  return p.conditions.rules[0];
};

describe("alarms", () => {
  it("are off without a notification target: no policy, no notice, no headroom threshold", () => {
    const { tf, fn } = synth();
    expect(tf.resource.tencentcloud_monitor_alarm_policy).toBeUndefined();
    expect(tf.resource.tencentcloud_monitor_alarm_notice).toBeUndefined();
    expect(fn.environment[ENV.retentionHeadroomAlarmMs]).toBeUndefined();
  });

  it("with an existing notice id: four policies on the function and its consumer group, with the default thresholds", () => {
    const { tf, byName, fn } = synth({ alarmNoticeIds: ["notice-abc"] });
    // Policy names are at most 20 characters: the function name is cut to fit.
    expect(Object.keys(byName).sort()).toEqual(["orders-back-deadline", "orders-backup-failed", "orders-backup-lag", "orders-backup-stale"]);
    expect(tf.resource.tencentcloud_monitor_alarm_notice).toBeUndefined();
    const fnFilter = { type: "DIMENSION", dimensions: JSON.stringify([[{ Key: "functionName", Operator: "eq", Value: ["orders-backup"] }, { Key: "namespace", Operator: "eq", Value: ["default"] }]]) };
    for (const p of Object.values(byName)) {
      expect(p).toMatchObject({ monitor_type: "MT_QCE", enable: 1, notice_ids: ["notice-abc"], conditions: { is_union_rule: 0 } });
    }
    const failed = byName["orders-backup-failed"];
    expect(failed.namespace).toBe("scf_v2");
    expect(only(failed)).toEqual({ metric_name: "Error", operator: "ge", value: "1", period: 300, continue_period: 1, notice_frequency: 3600, is_power_notice: 0, rule_type: "STATIC", filter: fnFilter });
    // Timeout 270 s (5-minute ticks): 90% is 243,000 ms, for 3 ticks of 5 minutes.
    expect(only(byName["orders-back-deadline"])).toMatchObject({ metric_name: "Duration", operator: "ge", value: "243000", continue_period: 3, filter: fnFilter });
    expect(only(byName["orders-backup-stale"])).toMatchObject({ metric_name: "Http2xx", operator: "lt", value: "1", continue_period: 3, filter: fnFilter });
    const lag = byName["orders-backup-lag"];
    expect(lag.namespace).toBe("ckafka_consumer_group");
    expect(only(lag)).toMatchObject({
      metric_name: "UnconsumeTopic",
      operator: "cycle_increase",
      value: "10",
      continue_period: 3,
      filter: {
        type: "DIMENSION",
        dimensions: JSON.stringify([[
          { Key: "instanceId", Operator: "eq", Value: ["ckafka-abcd1234"] },
          { Key: "consumerGroup", Operator: "eq", Value: ["orders-backup"] },
          { Key: "topicName", Operator: "eq", Value: ["orders"] },
        ]]),
      },
    });
    // Retention headroom: four 5-minute ticks.
    expect(fn.environment[ENV.retentionHeadroomAlarmMs]).toBe(String(20 * 60_000));
  });

  it("thresholds, ticks and policy types follow the props; ticks become 5-minute periods", () => {
    const { byName, fn } = synth({
      alarmNoticeIds: ["notice-abc"],
      timeGranularityMinutes: 15,
      timeoutSeconds: 800,
      consumerGroupId: "backup-group",
      failedRunAlarmErrors: 2,
      deadlineAlarmPercent: 80,
      deadlineAlarmTicks: 2,
      staleAlarmTicks: 4,
      lagAlarmGrowthPercent: 25,
      lagAlarmTicks: 1,
      retentionHeadroomAlarmMinutes: 180,
      scfAlarmPolicyType: "scf_custom",
      ckafkaAlarmPolicyType: "ckafka_custom",
    });
    expect(byName["orders-backup-failed"]).toMatchObject({ namespace: "scf_custom" });
    expect(only(byName["orders-backup-failed"])).toMatchObject({ value: "2" });
    expect(only(byName["orders-back-deadline"])).toMatchObject({ value: "640000", continue_period: 6 });
    expect(only(byName["orders-backup-stale"])).toMatchObject({ continue_period: 12 });
    expect(byName["orders-backup-lag"]).toMatchObject({ namespace: "ckafka_custom" });
    expect(only(byName["orders-backup-lag"])).toMatchObject({ value: "25", continue_period: 3 });
    expect(only(byName["orders-backup-lag"]).filter.dimensions).toContain('"Value":["backup-group"]');
    expect(fn.environment[ENV.retentionHeadroomAlarmMs]).toBe(String(180 * 60_000));
  });

  it("recipients get a new notification template, which every policy notifies besides the given ids", () => {
    const { json, tf, byName } = synth({
      alarmNoticeIds: ["notice-abc"],
      alarmRecipientUserIds: [100001],
      alarmRecipientGroupIds: [7],
      alarmNoticeWays: ["EMAIL"],
      alarmWebhookUrls: ["https://hooks.example.com/backup"],
    });
    expect(json).toHaveResourceWithProperties(MonitorAlarmNotice, {
      name: "orders-backup backup",
      notice_type: "ALL",
      notice_language: "en-US",
      user_notices: [
        { receiver_type: "USER", start_time: 0, end_time: 86399, notice_way: ["EMAIL"], user_ids: [100001] },
        { receiver_type: "GROUP", start_time: 0, end_time: 86399, notice_way: ["EMAIL"], group_ids: [7] },
      ],
      url_notices: [{ url: "https://hooks.example.com/backup", start_time: 0, end_time: 86399 }],
    });
    const noticeId = `\${tencentcloud_monitor_alarm_notice.${Object.keys(tf.resource.tencentcloud_monitor_alarm_notice)[0]}.id}`;
    for (const p of Object.values(byName)) expect(p.notice_ids).toEqual(["notice-abc", noticeId]);
  });

  it("alarmsEnabled: false turns them off; true without a target is an error", () => {
    expect(synth({ alarmNoticeIds: ["notice-abc"], alarmsEnabled: false }).tf.resource.tencentcloud_monitor_alarm_policy).toBeUndefined();
    expect(() => synth({ alarmsEnabled: true })).toThrow("alarmsEnabled: the alarms need a notification target");
  });

  it.each<[Partial<CkafkaCosBackupProps>, string]>([
    [{ alarmWebhookUrls: ["ftp://x"] }, 'alarmWebhookUrls: "ftp://x" is not allowed; expected an http:// or https:// URL'],
    [{ alarmNoticeWays: ["PIGEON"] }, 'alarmNoticeWays: "PIGEON" is not allowed; expected one of EMAIL, SMS, CALL, WECHAT, SITE'],
    [{ deadlineAlarmPercent: 120 }, "deadlineAlarmPercent: 120 must be a whole number from 50 to 100"],
    [{ staleAlarmTicks: 0 }, "staleAlarmTicks: 0 must be a whole number from 1 to 12"],
    [{ retentionHeadroomAlarmMinutes: 0.5 }, "retentionHeadroomAlarmMinutes: 0.5 must be a whole number from 1 to 43200"],
  ])("%o is rejected: %s", (props, message) => {
    expect(() => synth({ alarmNoticeIds: ["notice-abc"], ...props })).toThrow(message);
  });
});

describe("log topic", () => {
  it("logTopicEnabled creates a logset and a topic with the retention in days, and the function logs there", () => {
    const { json, tf, fn } = synth({ logTopicEnabled: true, logRetentionDays: 90, tags: { team: "data" } });
    expect(json).toHaveResourceWithProperties(ClsLogset, { logset_name: "orders-backup-logs", tags: { team: "data" } });
    expect(json).toHaveResourceWithProperties(ClsTopic, { topic_name: "orders-backup-runs", period: 90, tags: { team: "data" } });
    const logset = Object.keys(tf.resource.tencentcloud_cls_logset)[0];
    const topic = Object.keys(tf.resource.tencentcloud_cls_topic)[0];
    expect((Object.values(tf.resource.tencentcloud_cls_topic)[0] as { logset_id: string }).logset_id).toBe(`\${tencentcloud_cls_logset.${logset}.id}`);
    expect(fn.cls_logset_id).toBe(`\${tencentcloud_cls_logset.${logset}.id}`);
    expect(fn.cls_topic_id).toBe(`\${tencentcloud_cls_topic.${topic}.id}`);
  });

  it("keeps logs 30 days by default; without it, the given ids or SCF's default logging", () => {
    expect(synth({ logTopicEnabled: true }).json).toHaveResourceWithProperties(ClsTopic, { period: 30 });
    const given = synth({ clsLogsetId: "ls-1", clsTopicId: "tp-1" });
    expect(given.tf.resource.tencentcloud_cls_topic).toBeUndefined();
    expect([given.fn.cls_logset_id, given.fn.cls_topic_id]).toEqual(["ls-1", "tp-1"]);
    expect(synth().fn.cls_topic_id).toBeUndefined();
  });

  it.each<[Partial<CkafkaCosBackupProps>, string]>([
    [{ logTopicEnabled: true, clsLogsetId: "l", clsTopicId: "t" }, "logTopicEnabled: cannot be combined with clsLogsetId/clsTopicId"],
    [{ logTopicEnabled: true, logRetentionDays: 4000 }, "logRetentionDays: 4000 must be a whole number from 1 to 3600 days"],
    [{ logRetentionDays: 7 }, "logRetentionDays: applies only to the topic logTopicEnabled creates"],
  ])("%o is rejected: %s", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
