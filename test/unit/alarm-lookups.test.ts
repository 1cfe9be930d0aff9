// The plan-time lookups (metric names, the topic's id and partitions, the account's appid) evaluated by Terraform
// itself: `terraform console` on the synthesized expressions, with the data sources' answers as locals.
// Skipped, loudly, without a terraform binary on PATH.
import { describe, expect, it } from "vitest";
import { CkafkaCosBackup } from "../../lib";
import { base } from "./base-props";
import { terraformAvailable, terraformConsole } from "../helpers/terraform";
import { synthStack } from "../helpers/synth";

const terraform = terraformAvailable("alarm lookups");

/** Evaluates `expressions` (Terraform JSON template strings) with `answers` standing in for the data sources. */
function evaluate(expressions: Record<string, string>, answers: Record<string, unknown>): Record<string, unknown> {
  const out = terraformConsole(`jsonencode({${Object.keys(expressions).map((k) => `${k} = local.${k}`).join(", ")}})`, { ...answers, ...expressions });
  return JSON.parse(JSON.parse(out));
}

function synth() {
  return synthStack((stack) => new CkafkaCosBackup(stack, "backup", { ...base, alarmNoticeIds: ["notice-abc"], parallelism: 2 })).tf;
}

/** The synthesized expressions, with references to data sources and locals rewritten to the stand-in locals. */
function expressions() {
  const tf = synth();
  const lists = tf.data.tencentcloud_monitor_alarm_metric as Record<string, { namespace: string }>;
  const policies = Object.values(tf.resource.tencentcloud_monitor_alarm_policy) as { policy_name: string; conditions: { rules: { metric_name: string }[] }; lifecycle: { precondition: { condition: string }[] } }[];
  const bindings = Object.values(tf.resource.tencentcloud_monitor_policy_binding_object) as { dimensions?: { dimensions_json: string }[]; lifecycle?: { precondition: { condition: string }[] } }[];
  const rewrite = (e: string) => {
    let out = e.replace(/data\.tencentcloud_user_info\.\w+\.app_id/g, "local.app_id")
      .replace(/data\.tencentcloud_ckafka_topics\.\w+\.instance_list/g, "local.topics")
      .replace(/data\.tencentcloud_ckafka_topics\.\w+\.topic_name/g, "local.topic_name");
    for (const [id, d] of Object.entries(lists)) out = out.replaceAll(`data.tencentcloud_monitor_alarm_metric.${id}.metrics`, `local.metrics_${d.namespace.replace(/\W/g, "_")}`);
    for (const k of Object.keys(tf.locals)) out = out.replaceAll(`local.${k}`, `local.${k.replace(/\W/g, "_")}`);
    return out;
  };
  const exprs: Record<string, string> = {};
  for (const [k, v] of Object.entries(tf.locals as Record<string, string>)) exprs[k.replace(/\W/g, "_")] = rewrite(v);
  for (const p of policies) {
    const kind = p.policy_name.replace(/^orders-backup-/, "");
    exprs[`metric_${kind}`] = rewrite(p.conditions.rules[0].metric_name);
    exprs[`found_${kind}`] = rewrite(p.lifecycle.precondition[0].condition);
  }
  const group = bindings.find((b) => b.dimensions?.[0].dimensions_json.includes("consumer_group"))!;
  exprs.group_binding = rewrite(group.dimensions![0].dimensions_json);
  exprs.topic_found = rewrite(group.lifecycle!.precondition[0].condition);
  exprs.fn_binding = rewrite(bindings.find((b) => b.dimensions?.[0].dimensions_json.includes("function_name"))!.dimensions![0].dimensions_json);
  return exprs;
}

const topics = [
  { topic_id: "topic-eu", topic_name: "orders-eu", partition_num: 6 },
  { topic_id: "topic-abcd1234", topic_name: "orders", partition_num: 12 },
];

describe.skipIf(!terraform)("plan-time lookups, evaluated by terraform", () => {
  it("pick the listed spelling of each documented metric, the exact topic's id and partitions, and the appid", () => {
    const exprs = expressions();
    const answers = {
      app_id: "1251316163",
      topic_name: "orders",
      topics,
      metrics_SCF: [{ metric_name: "duration" }, { metric_name: "error" }, { metric_name: "http_433" }],
      metrics_CKAFKA_CONSUMERGROUP_TOPIC: [{ metric_name: "UnconsumeTopic" }, { metric_name: "UnconsumeSizeTopic" }],
      metrics_CKAFKA_CONSUMERGROUP: [{ metric_name: "ctopic_unconsume_msg_count" }],
    };
    const got = evaluate(exprs, answers);
    expect(got).toMatchObject({
      metric_fail: "error", metric_slow: "duration", metric_stall: "UnconsumeTopic", metric_pstall: "ctopic_unconsume_msg_count",
      found_fail: true, found_slow: true, found_stall: true, found_pstall: true, topic_found: true,
    });
    expect(JSON.parse(got.fn_binding as string)).toEqual({ appid: "1251316163", function_name: "orders-backup", namespace: "default", version: "$latest" });
    expect(JSON.parse(got.group_binding as string)).toEqual({ appid: "1251316163", consumer_group: "orders-backup", instance_id: "ckafka-abcd1234", topicid: "topic-abcd1234", topicname: "orders" });
    const count = Object.keys(got).find((k) => k.includes("partition_count"))!;
    expect(got[count]).toBe(12);
  });

  it("a metric Cloud Monitor does not list, or a missing topic, fails the preconditions", () => {
    const got = evaluate(expressions(), {
      app_id: "1251316163", topic_name: "orders", topics: [topics[0]],
      metrics_SCF: [{ metric_name: "Invocation" }], metrics_CKAFKA_CONSUMERGROUP_TOPIC: [], metrics_CKAFKA_CONSUMERGROUP: [],
    });
    expect(got).toMatchObject({ found_fail: false, found_slow: false, found_stall: false, found_pstall: false, topic_found: false, metric_fail: "" });
  });
});
