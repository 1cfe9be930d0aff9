// Alarm policies, their bindings and notification template, and the CLS log topic with its index, as synthesized.
import "./cdktf-matchers";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { describe, expect, it } from "vitest";
import { BackupAlarmNotice, CkafkaCosBackup, type CkafkaCosBackupProps } from "../../lib";
import { ENV } from "../../function/config";
import { ClsIndex } from "../../generated/providers/tencentcloud/cls-index";
import { ClsLogset } from "../../generated/providers/tencentcloud/cls-logset";
import { ClsTopic } from "../../generated/providers/tencentcloud/cls-topic";
import { MonitorAlarmNotice } from "../../generated/providers/tencentcloud/monitor-alarm-notice";
import { TencentcloudProvider } from "../../generated/providers/tencentcloud/provider";
import { SCF_LOG_FIELDS } from "../../lib/logging";
import { base } from "./base-props";
import { synthStack } from "../helpers/synth";

interface Rule {
  metric_name: string;
  operator: string;
  value: string;
  period: number;
  continue_period: number;
  notice_frequency: number;
  is_power_notice: number;
  rule_type: string;
  filter?: unknown;
}
interface Policy {
  policy_name: string;
  monitor_type: string;
  namespace: string;
  enable: number;
  notice_ids: string[] | string;
  remark: string;
  conditions: { is_union_rule: number; rules: Rule[] };
  lifecycle?: { precondition: { condition: string; error_message: string }[] };
}
interface Binding {
  policy_id: string;
  dimensions?: { dimensions_json: string; region: string }[];
  dynamic?: { dimensions: { for_each: string; iterator: string; content: { dimensions_json: string; region: string } } };
  lifecycle?: { precondition: { condition: string; error_message: string }[] };
}
type Tf = {
  resource: Record<string, Record<string, unknown>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  locals?: Record<string, string>;
};

/** Synthesizes one stack, with validations run; `define` adds backups (and anything they share) to it. */
function synthAlarms(define: (stack: TerraformStack) => void) {
  const { json, tf } = synthStack<Tf>(define);
  const policies = (tf.resource.tencentcloud_monitor_alarm_policy ?? {}) as Record<string, Policy>;
  const bindings = (tf.resource.tencentcloud_monitor_policy_binding_object ?? {}) as Record<string, Binding>;
  const byName = Object.fromEntries(Object.values(policies).map((p) => [p.policy_name, p]));
  // A policy's binding, by the policy's name.
  const bindingOf = (name: string) => {
    const id = Object.entries(policies).find(([, p]) => p.policy_name === name)![0];
    return Object.values(bindings).find((b) => b.policy_id === `\${tencentcloud_monitor_alarm_policy.${id}.id}`)!;
  };
  return { json, tf, policies, byName, bindingOf };
}

function synth(props: Partial<CkafkaCosBackupProps> = {}) {
  const out = synthAlarms((s) => new CkafkaCosBackup(s, "backup", { ...base, ...props }));
  const fn = Object.values(out.tf.resource.tencentcloud_scf_function)[0] as { environment: Record<string, string>; cls_logset_id?: string; cls_topic_id?: string };
  return { ...out, fn };
}

const only = (p: Policy) => {
  expect(p.conditions.rules).toHaveLength(1);
  return p.conditions.rules[0];
};
// Known account and topic: the binding JSON is then plain JSON.
const known = { appId: "1251316163", topicId: "topic-abcd1234", alarmMetricLookupEnabled: false } as const;

describe("alarm policies", () => {
  it("are off without a notification target: no policy, no notice, no headroom threshold", () => {
    const { tf, fn } = synth();
    expect(tf.resource.tencentcloud_monitor_alarm_policy).toBeUndefined();
    expect(tf.resource.tencentcloud_monitor_alarm_notice).toBeUndefined();
    expect(fn.environment[ENV.retentionHeadroomAlarmMs]).toBeUndefined();
  });

  it("use the documented policy types and metric names, with 5-minute periods computed from the schedule", () => {
    const { tf, byName, fn } = synth({ alarmNoticeIds: ["notice-abc"], ...known });
    expect(Object.keys(byName).sort()).toEqual(["orders-backup-fail", "orders-backup-slow", "orders-backup-stall"]);
    expect(tf.resource.tencentcloud_monitor_alarm_notice).toBeUndefined();
    for (const p of Object.values(byName)) {
      expect(p).toMatchObject({ monitor_type: "MT_QCE", enable: 1, notice_ids: ["notice-abc"], conditions: { is_union_rule: 0 } });
      // Bound by tencentcloud_monitor_policy_binding_object, not by a rule filter.
      expect(only(p).filter).toBeUndefined();
    }
    const common = { period: 300, notice_frequency: 3600, is_power_notice: 0, rule_type: "STATIC" };
    expect(byName["orders-backup-fail"].namespace).toBe("SCF");
    expect(only(byName["orders-backup-fail"])).toEqual({ ...common, metric_name: "Error", operator: "ge", value: "1", continue_period: 1 });
    // Timeout 270 s (5-minute ticks): 90% is 243,000 ms, for 3 ticks = 3 periods.
    expect(byName["orders-backup-slow"].namespace).toBe("SCF");
    expect(only(byName["orders-backup-slow"])).toEqual({ ...common, metric_name: "Duration", operator: "ge", value: "243000", continue_period: 3 });
    expect(byName["orders-backup-stall"].namespace).toBe("CKAFKA-CONSUMERGROUP-TOPIC");
    expect(only(byName["orders-backup-stall"])).toEqual({ ...common, metric_name: "UnconsumeTopic", operator: "cycle_increase", value: "5", continue_period: 6 });
    expect(fn.environment[ENV.retentionHeadroomAlarmMs]).toBe(String(20 * 60_000));
  });

  it("with 15-minute ticks: one run at its deadline suffices (periods between ticks have no data), the stall spans 2 ticks", () => {
    const { byName } = synth({ alarmNoticeIds: ["notice-abc"], timeGranularityMinutes: 15, ...known });
    // Timeout 870 s: 90% is 783,000 ms.
    expect(only(byName["orders-backup-slow"])).toMatchObject({ value: "783000", continue_period: 1 });
    expect(only(byName["orders-backup-stall"])).toMatchObject({ continue_period: 6 });
  });

  it("bind the function and the consumer group on the topic with the documented snake_case keys, the topic id included", () => {
    const { byName, bindingOf } = synth({ alarmNoticeIds: ["notice-abc"], namespace: "backups", consumerGroupId: "orders-archiver", ...known });
    const fnBinding = { appid: "1251316163", function_name: "orders-backup", namespace: "backups", version: "$latest" };
    const groupBinding = { appid: "1251316163", consumer_group: "orders-archiver", instance_id: "ckafka-abcd1234", topicid: "topic-abcd1234", topicname: "orders" };
    const names = Object.keys(byName);
    expect(names).toHaveLength(3);
    for (const name of names) {
      const b = bindingOf(name);
      expect(b.dimensions).toHaveLength(1);
      expect(b.dimensions![0].region).toBe("ap-guangzhou");
      expect(JSON.parse(b.dimensions![0].dimensions_json)).toEqual(name.endsWith("-stall") ? groupBinding : fnBinding);
    }
  });

  it("read the account's appid and the topic's id at plan time when not given; a missing topic fails the plan by name", () => {
    const { tf, byName, bindingOf } = synth({ alarmNoticeIds: ["notice-abc"], alarmMetricLookupEnabled: false });
    const account = Object.keys(tf.data!.tencentcloud_user_info)[0];
    const [topicsId, topics] = Object.entries(tf.data!.tencentcloud_ckafka_topics)[0];
    expect(topics).toEqual({ instance_id: "ckafka-abcd1234", topic_name: "orders" });
    const local = Object.keys(tf.locals!).find((k) => k.includes("topic-id"))!;
    expect(tf.locals![local]).toBe(
      `\${try([for t in data.tencentcloud_ckafka_topics.${topicsId}.instance_list : t if t.topic_name == data.tencentcloud_ckafka_topics.${topicsId}.topic_name][0].topic_id, "")}`,
    );
    const stall = bindingOf(Object.keys(byName).find((n) => n.endsWith("-stall"))!);
    expect(JSON.parse(stall.dimensions![0].dimensions_json)).toMatchObject({ appid: `\${data.tencentcloud_user_info.${account}.app_id}`, topicid: `\${local.${local}}` });
    expect(stall.lifecycle!.precondition[0].error_message).toBe(
      "CKafka instance ckafka-abcd1234 has no topic named orders (data source tencentcloud_ckafka_topics): create the topic before the alarms, or give topicId.",
    );
  });

  it("look metric names up at plan time, per policy type, and fail the plan naming a metric Cloud Monitor does not list", () => {
    const { tf, byName } = synth({ alarmNoticeIds: ["notice-abc"] });
    const lists = tf.data!.tencentcloud_monitor_alarm_metric;
    expect(Object.values(lists).map((d) => d.namespace).sort()).toEqual(["CKAFKA-CONSUMERGROUP-TOPIC", "SCF"]);
    for (const d of Object.values(lists)) expect(d).toMatchObject({ module: "monitor", monitor_type: "MT_QCE" });
    const scf = Object.entries(lists).find(([, d]) => d.namespace === "SCF")![0];
    const matches = `[for m in data.tencentcloud_monitor_alarm_metric.${scf}.metrics : m.metric_name if lower(replace(m.metric_name, "_", "")) == "error"]`;
    const fail = byName["orders-backup-fail"];
    expect(only(fail).metric_name).toBe(`\${try(${matches}[0], "")}`);
    expect(fail.lifecycle!.precondition).toEqual([{
      condition: `\${length(${matches}) > 0}`,
      error_message: 'Cloud Monitor lists no metric "Error" for alarm policy type "SCF" (data source tencentcloud_monitor_alarm_metric): check scf/ckafkaAlarmPolicyType, or set alarmMetricLookupEnabled: false to use the documented name.',
    }]);
  });

  it("thresholds, ticks and policy types follow the props", () => {
    const { byName, fn } = synth({
      alarmNoticeIds: ["notice-abc"],
      ...known,
      timeGranularityMinutes: 10,
      timeoutSeconds: 500,
      failedRunAlarmErrors: 2,
      deadlineAlarmPercent: 80,
      stalledAlarmTicks: 4,
      stalledAlarmGrowthPercent: 20,
      lagAlarmUnconsumedMessages: 5_000_000,
      lagAlarmTicks: 2,
      retentionHeadroomAlarmMinutes: 180,
      scfAlarmPolicyType: "scf_custom",
      ckafkaAlarmPolicyType: "ckafka_custom",
    });
    expect(byName["orders-backup-fail"]).toMatchObject({ namespace: "scf_custom" });
    expect(only(byName["orders-backup-fail"])).toMatchObject({ value: "2" });
    expect(only(byName["orders-backup-slow"])).toMatchObject({ value: "400000", continue_period: 1 });
    expect(byName["orders-backup-stall"]).toMatchObject({ namespace: "ckafka_custom" });
    expect(only(byName["orders-backup-stall"])).toMatchObject({ value: "20", continue_period: 8 });
    expect(byName["orders-backup-lag"]).toMatchObject({ namespace: "ckafka_custom" });
    expect(only(byName["orders-backup-lag"])).toMatchObject({ metric_name: "UnconsumeTopic", operator: "gt", value: "5000000", continue_period: 4 });
    expect(fn.environment[ENV.retentionHeadroomAlarmMs]).toBe(String(180 * 60_000));
  });

  it("with several instances, also watch each partition, bound per partition of the topic at plan time", () => {
    const { tf, byName, bindingOf } = synth({ alarmNoticeIds: ["notice-abc"], parallelism: 4, appId: "1251316163", alarmMetricLookupEnabled: false });
    const pstall = byName["orders-backup-pstall"];
    expect(pstall.namespace).toBe("CKAFKA_CONSUMERGROUP");
    expect(only(pstall)).toMatchObject({ metric_name: "CtopicUnconsumeMsgCount", operator: "cycle_increase", continue_period: 6 });
    const binding = bindingOf("orders-backup-pstall");
    const count = Object.keys(tf.locals!).find((k) => k.includes("partition-count"))!;
    expect(binding.dynamic!.dimensions.for_each).toBe(`\${toset(range(0, local.${count}, 1))}`);
    const topicId = Object.keys(tf.locals!).find((k) => k.includes("topic-id"))!;
    expect(JSON.parse(binding.dynamic!.dimensions.content.dimensions_json)).toEqual({
      appid: "1251316163", consumer_group: "orders-backup", instance_id: "ckafka-abcd1234", topicid: `\${local.${topicId}}`, topicname: "orders", partition: "${each.value}",
    });
  });
});

describe("alarm names", () => {
  it("three backups in one stack: every policy has its own name, with the function in it and in the remark", () => {
    const topics = ["orders", "payments", "shipments"];
    const { policies } = synthAlarms((s) => {
      for (const topic of topics) new CkafkaCosBackup(s, topic, { ...base, functionName: `${topic}-backup`, topic, alarmNoticeIds: ["notice-abc"], ...known });
    });
    const names = Object.values(policies).map((p) => p.policy_name);
    expect(names).toHaveLength(9);
    expect(new Set(names).size).toBe(9);
    for (const p of Object.values(policies)) {
      expect(p.policy_name.length).toBeLessThanOrEqual(20);
      const topic = topics.find((t) => p.policy_name.startsWith(t.slice(0, 8)))!;
      expect(p.remark).toContain(`topic ${topic} of ckafka-abcd1234, function default/${topic}-backup`);
    }
  });

  it("long names are cut with a hash of the full name: two functions with one long prefix, or two namespaces, stay apart", () => {
    const { policies } = synthAlarms((s) => {
      new CkafkaCosBackup(s, "a", { ...base, functionName: "warehouse-events-backup-eu", alarmNoticeIds: ["n"], ...known });
      new CkafkaCosBackup(s, "b", { ...base, functionName: "warehouse-events-backup-us", alarmNoticeIds: ["n"], ...known });
      new CkafkaCosBackup(s, "c", { ...base, functionName: "orders-backup", namespace: "team-a", alarmNoticeIds: ["n"], ...known });
      new CkafkaCosBackup(s, "d", { ...base, functionName: "orders-backup", namespace: "team-b", alarmNoticeIds: ["n"], ...known });
    });
    const names = Object.values(policies).map((p) => p.policy_name);
    expect(new Set(names).size).toBe(12);
    for (const n of names) expect(n).toMatch(/^(warehous|orders-b)-[0-9a-f]{4}-(fail|slow|stall)$/);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(20);
  });

  it("alarmNamePrefix and alarmPolicyNameMaxLength shape the names", () => {
    expect(Object.keys(synth({ alarmNoticeIds: ["n"], alarmNamePrefix: "prod-", alarmPolicyNameMaxLength: 60, ...known }).byName).sort()).toEqual([
      "prod-orders-backup-fail", "prod-orders-backup-slow", "prod-orders-backup-stall",
    ]);
  });

  it("two backups that would share a policy name are refused, naming the other one", () => {
    expect(() =>
      synthAlarms((s) => {
        new CkafkaCosBackup(s, "a", { ...base, functionName: "a-orders", alarmNoticeIds: ["n"], ...known });
        new CkafkaCosBackup(s, "b", { ...base, functionName: "orders", alarmNamePrefix: "a-", alarmNoticeIds: ["n"], ...known });
      }),
    ).toThrow(/alarmNamePrefix: the alarm policy name "a-orders-fail" is also used by test\/(a|b)\/alarms\/fail/);
  });

  it("the same backup in two stacks of one app (prod and staging) keeps its names: stacks deploy apart", () => {
    const app = Testing.app();
    for (const [id, region] of [["prod", "ap-guangzhou"], ["staging", "ap-shanghai"]]) {
      const stack = new TerraformStack(app, id);
      new TencentcloudProvider(stack, "tencentcloud", { region });
      new CkafkaCosBackup(stack, "orders", { ...base, region, alarmNoticeIds: ["n"], ...known });
    }
    for (const stack of app.node.children as TerraformStack[]) {
      const names = Object.values(JSON.parse(Testing.synth(stack, true)).resource.tencentcloud_monitor_alarm_policy).map((p) => (p as Policy).policy_name);
      expect(names.sort()).toEqual(["orders-backup-fail", "orders-backup-slow", "orders-backup-stall"]);
    }
  });
});

describe("notification", () => {
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

  it("webhook URLs, notice ids and recipient ids from variables pass through (one by one, or as lists)", () => {
    const { tf, byName } = synthAlarms((s) => {
      const hook = new TerraformVariable(s, "hook", { type: "string", sensitive: true });
      const users = new TerraformVariable(s, "users", { type: "list(number)" });
      const notices = new TerraformVariable(s, "notices", { type: "list(string)" });
      new CkafkaCosBackup(s, "backup", {
        ...base, ...known,
        alarmWebhookUrls: [hook.stringValue],
        alarmRecipientUserIds: Token.asNumberList(users.value),
        alarmNoticeIds: notices.listValue,
      });
    });
    const [noticeKey, notice] = Object.entries(tf.resource.tencentcloud_monitor_alarm_notice)[0] as [string, Record<string, unknown>];
    expect(notice).toMatchObject({
      url_notices: [{ url: "${var.hook}", start_time: 0, end_time: 86399 }],
      user_notices: [{ receiver_type: "USER", user_ids: "${var.users}" }],
    });
    for (const p of Object.values(byName)) expect(p.notice_ids).toBe(`\${concat(var.notices, [tencentcloud_monitor_alarm_notice.${noticeKey}.id])}`);
  });

  it("a list variable of webhook URLs becomes one url_notices block per URL", () => {
    const { tf } = synthAlarms((s) => {
      const hooks = new TerraformVariable(s, "hooks", { type: "list(string)" });
      new CkafkaCosBackup(s, "backup", { ...base, ...known, alarmWebhookUrls: hooks.listValue });
    });
    const notice = Object.values(tf.resource.tencentcloud_monitor_alarm_notice)[0] as Record<string, unknown>;
    expect(notice).toMatchObject({
      dynamic: { url_notices: { for_each: "${toset(var.hooks)}", iterator: "each", content: { url: "${each.value}", start_time: 0, end_time: 86399 } } },
    });
  });

  it("one BackupAlarmNotice serves several backups: one template, every policy notifies it", () => {
    const { tf, policies } = synthAlarms((s) => {
      const notice = new BackupAlarmNotice(s, "oncall", { name: "kafka backups", recipientGroupIds: [7], webhookUrls: ["https://hooks.example.com/x"] });
      for (const topic of ["orders", "payments", "shipments"]) {
        new CkafkaCosBackup(s, topic, { ...base, functionName: `${topic}-backup`, topic, alarmNoticeIds: [notice.noticeId], ...known });
      }
    });
    const notices = Object.keys(tf.resource.tencentcloud_monitor_alarm_notice);
    expect(notices).toHaveLength(1);
    for (const p of Object.values(policies)) expect(p.notice_ids).toEqual([`\${tencentcloud_monitor_alarm_notice.${notices[0]}.id}`]);
    expect(() => new BackupAlarmNotice(new TerraformStack(Testing.app(), "x"), "n", { name: "none" })).toThrow(
      "recipientUserIds: a notification template needs recipientUserIds, recipientGroupIds or webhookUrls",
    );
  });
});

describe("alarm props", () => {
  it("alarmsEnabled: false turns them off; true without a target is an error", () => {
    expect(synth({ alarmNoticeIds: ["notice-abc"], alarmsEnabled: false }).tf.resource.tencentcloud_monitor_alarm_policy).toBeUndefined();
    expect(() => synth({ alarmsEnabled: true })).toThrow("alarmsEnabled: the alarms need a notification target");
  });

  it.each<[Partial<CkafkaCosBackupProps>, string]>([
    [{ alarmWebhookUrls: ["ftp://x"] }, 'alarmWebhookUrls: "ftp://x" is not allowed; expected an http:// or https:// URL'],
    [{ alarmNoticeWays: ["PIGEON"] }, 'alarmNoticeWays: "PIGEON" is not allowed; expected one of EMAIL, SMS, CALL, WECHAT, SITE'],
    [{ deadlineAlarmPercent: 120 }, "deadlineAlarmPercent: 120 must be a whole number from 50 to 100"],
    [{ stalledAlarmTicks: 1 }, "stalledAlarmTicks: 1 must be a whole number from 2 to 24"],
    [{ alarmPolicyNameMaxLength: 10 }, "alarmPolicyNameMaxLength: 10 must be a whole number from 20 to 60"],
    [{ alarmNamePrefix: "prod env/" }, 'alarmNamePrefix: "prod env/" is not allowed; expected at most 20 letters, digits, "-", "_" and "."'],
    [{ lagAlarmTicks: 2 }, "lagAlarmTicks: applies only to the lag alarm; set lagAlarmUnconsumedMessages too"],
    [{ retentionHeadroomAlarmMinutes: 0.5 }, "retentionHeadroomAlarmMinutes: 0.5 must be a whole number from 1 to 43200"],
  ])("%o is rejected: %s", (props, message) => {
    expect(() => synth({ alarmNoticeIds: ["notice-abc"], ...props })).toThrow(message);
  });
});

describe("log topic", () => {
  it("logTopicEnabled creates a logset, a topic with the retention in days, and its index; the function logs there", () => {
    const { json, tf, fn } = synth({ logTopicEnabled: true, logRetentionDays: 90, tags: { team: "data" } });
    expect(json).toHaveResourceWithProperties(ClsLogset, { logset_name: "orders-backup-logs", tags: { team: "data" } });
    expect(json).toHaveResourceWithProperties(ClsTopic, { topic_name: "orders-backup-runs", period: 90, tags: { team: "data" } });
    const logset = Object.keys(tf.resource.tencentcloud_cls_logset)[0];
    const topic = Object.keys(tf.resource.tencentcloud_cls_topic)[0];
    expect((Object.values(tf.resource.tencentcloud_cls_topic)[0] as { logset_id: string }).logset_id).toBe(`\${tencentcloud_cls_logset.${logset}.id}`);
    expect(fn.cls_logset_id).toBe(`\${tencentcloud_cls_logset.${logset}.id}`);
    expect(fn.cls_topic_id).toBe(`\${tencentcloud_cls_topic.${topic}.id}`);
    expect(json).toHaveResourceWithProperties(ClsIndex, { topic_id: `\${tencentcloud_cls_topic.${topic}.id}`, status: true });
  });

  it("the index covers full text and every SCF log field, with analysis, so that the README's queries run", () => {
    const { tf } = synth({ logTopicEnabled: true });
    const index = Object.values(tf.resource.tencentcloud_cls_index)[0] as {
      rule: { full_text: { tokenizer: string }; key_value: { key_values: { key: string; value: { type: string; sql_flag: boolean } }[] } };
    };
    expect(index.rule.full_text.tokenizer).toContain('"');
    const indexed = Object.fromEntries(index.rule.key_value.key_values.map((kv) => [kv.key, kv.value]));
    expect(Object.keys(indexed)).toEqual(Object.keys(SCF_LOG_FIELDS));
    for (const v of Object.values(indexed)) expect(v.sql_flag).toBe(true);

    // The README's CLS queries use only indexed SCF fields, and only fields the handler's summary line has.
    const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
    const queries = [...readme.matchAll(/```\n(SCF_FunctionName:[^`]*)```/g)].map((m) => m[1]);
    expect(queries.length).toBeGreaterThanOrEqual(2);
    const summaryLine = readme.match(/```json\n(\{"level":"info","msg":"backup run".*\})\n```/)![1];
    const summaryFields = Object.keys(JSON.parse(summaryLine));
    for (const q of queries) {
      for (const [field] of q.matchAll(/SCF_[A-Za-z]+/g)) expect(Object.keys(indexed)).toContain(field);
      for (const [, path] of q.matchAll(/'\$\.([A-Za-z]+)'/g)) expect(summaryFields).toContain(path);
    }
  });

  it("a shared logset: logTopicEnabled with clsLogsetId creates only the topic, in that logset", () => {
    const { tf, fn } = synth({ logTopicEnabled: true, clsLogsetId: "ls-shared" });
    expect(tf.resource.tencentcloud_cls_logset).toBeUndefined();
    expect(Object.values(tf.resource.tencentcloud_cls_topic)[0]).toMatchObject({ logset_id: "ls-shared" });
    expect(fn.cls_logset_id).toBe("ls-shared");
  });

  it("logIndexEnabled: false leaves the index out; without logTopicEnabled, the given ids or SCF's default logging", () => {
    expect(synth({ logTopicEnabled: true, logIndexEnabled: false }).tf.resource.tencentcloud_cls_index).toBeUndefined();
    expect(synth({ logTopicEnabled: true }).json).toHaveResourceWithProperties(ClsTopic, { period: 30 });
    const given = synth({ clsLogsetId: "ls-1", clsTopicId: "tp-1" });
    expect(given.tf.resource.tencentcloud_cls_topic).toBeUndefined();
    expect(given.tf.resource.tencentcloud_cls_index).toBeUndefined();
    expect([given.fn.cls_logset_id, given.fn.cls_topic_id]).toEqual(["ls-1", "tp-1"]);
    expect(synth().fn.cls_topic_id).toBeUndefined();
  });

  it.each<[Partial<CkafkaCosBackupProps>, string]>([
    [{ logTopicEnabled: true, clsLogsetId: "l", clsTopicId: "t" }, "logTopicEnabled: cannot be combined with clsTopicId"],
    [{ clsTopicId: "t" }, "clsLogsetId: clsLogsetId and clsTopicId are required together"],
    [{ logTopicEnabled: true, logRetentionDays: 4000 }, "logRetentionDays: 4000 must be a whole number from 1 to 3600 days"],
    [{ logRetentionDays: 7 }, "logRetentionDays: applies only to the topic logTopicEnabled creates"],
    [{ logIndexEnabled: true }, "logIndexEnabled: applies only to the topic logTopicEnabled creates"],
  ])("%o is rejected: %s", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
