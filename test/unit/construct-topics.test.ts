// A backup of several topics (`topics`) or of a pattern (`topicPattern`): the function's environment, the role's
// and the reader's policies, the outputs and the per-topic consumer-group alarms, with the alarms' plan-time topic
// filter evaluated by Terraform itself (`terraform console`; skipped, loudly, without a terraform binary).
import { TerraformVariable, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { CkafkaCosBackup, type CkafkaCosBackupProps } from "../../lib";
import { POLICY_TOPICS_MAX } from "../../lib/policy";
import { ENV, fromEnvironment } from "../../function/config";
import { base } from "./base-props";
import { terraformAvailable, terraformConsole } from "../helpers/terraform";

interface Binding {
  count?: string;
  policy_id: string;
  dimensions?: { dimensions_json: string }[];
  dynamic?: { dimensions: { for_each: string; content: { dimensions_json: string } } };
  lifecycle?: { precondition: { condition: string; error_message: string }[] };
}

function synth(props: Partial<CkafkaCosBackupProps>) {
  const json = Testing.synthScope((scope) => {
    new CkafkaCosBackup(scope, "backup", { ...base, topic: undefined, alarmNoticeIds: ["notice-abc"], ...props });
  });
  const tf = JSON.parse(json);
  const fn = Object.values(tf.resource.tencentcloud_scf_function as Record<string, { environment: Record<string, string>; description: string }>)[0];
  const policies = tf.resource.tencentcloud_cam_policy as Record<string, { name: string; document: string }>;
  const doc = (name: string) => Object.values(policies).find((p) => p.name === name)!.document;
  const bindings = tf.resource.tencentcloud_monitor_policy_binding_object as Record<string, Binding>;
  const binding = (kind: string) => Object.entries(bindings).find(([id]) => id.startsWith(`backup_alarms_${kind}-binding`))![1];
  return { tf, fn, doc, binding, outputs: tf.output as Record<string, { value: string }> };
}

const terraform = terraformAvailable("the alarms' topic filter");

/**
 * The objects a consumer-group binding gets for the instance's `topics` (the data source's answer): its locals and
 * its dynamic block's content evaluated by `terraform console`, the data sources standing in as locals.
 */
function boundObjects(tf: { locals: Record<string, string> }, b: Binding, topics: unknown[]): { count: number; objects: Record<string, string>[] } {
  const local = (e: string) => e.replace(/\bdata\.tencentcloud_ckafka_topics\.\w+\.instance_list/g, "local.instance_topics")
    .replace(/\bdata\.tencentcloud_user_info\.\w+\.app_id/g, '"1251316163"')
    .replace(/\blocal\.([\w-]+)/g, (_, k: string) => `local.${k.replace(/\W/g, "_")}`);
  const locals: Record<string, unknown> = { instance_topics: topics };
  for (const [k, v] of Object.entries(tf.locals)) locals[k.replace(/\W/g, "_")] = local(v);
  const inner = (e: string) => local(e).replace(/^\$\{([\s\S]*)\}$/, "$1");
  locals.objects = `\${[for v in ${inner(b.dynamic!.dimensions.for_each)} : ${inner(b.dynamic!.dimensions.content.dimensions_json).replaceAll("each.value", "v")}]}`;
  locals.count = b.count ? local(b.count) : 1;
  const got = JSON.parse(JSON.parse(terraformConsole("jsonencode({count = local.count, objects = local.objects})", locals))) as { count: number; objects: string[] };
  // A dynamic block over a set: its order is Terraform's, not the topics'.
  const objects = got.objects.map((o) => JSON.parse(o) as Record<string, string>).sort((a, b) => `${a.topicname}/${a.partition}`.localeCompare(`${b.topicname}/${b.partition}`));
  return { count: Number(got.count), objects };
}

const instanceTopics = [
  { topic_id: "topic-1", topic_name: "orders", partition_num: 2 },
  { topic_id: "topic-2", topic_name: "billing", partition_num: 1 },
  { topic_id: "topic-3", topic_name: "orders-eu", partition_num: 1 },
  { topic_id: "topic-4", topic_name: "audit", partition_num: 3 },
];

describe("a backup of several topics by name", () => {
  const { tf, fn, doc, binding, outputs } = synth({ topics: ["orders", "billing"], parallelism: 2 });

  it("gives the handler CKB_TOPICS, which it reads back, and no CKB_TOPIC", () => {
    expect(fn.environment[ENV.topics]).toBe("orders,billing");
    expect(fn.environment[ENV.topic]).toBeUndefined();
    expect(fromEnvironment({ ...fn.environment, [ENV.bucket]: "b-1250000000" })).toMatchObject({ topics: ["orders", "billing"], topicPattern: undefined });
    expect(fn.description).toBe("Backs up CKafka topics orders, billing of ckafka-abcd1234 to COS every 5 minutes");
  });

  it("lets the role write, and the reader read, each topic's folders and its later incarnations' (<topic>~<n>), and the role list their manifests, nothing else", () => {
    const writer = doc("orders-backup-policy");
    for (const folder of ["ckafka-abcd1234/orders/*", "ckafka-abcd1234/orders~*", "_manifests/ckafka-abcd1234/orders/*", "_manifests/ckafka-abcd1234/billing~*"]) {
      expect(writer).toContain(`}/${folder}"`);
    }
    expect(writer).toContain('"cos:prefix" = ["_manifests/ckafka-abcd1234/orders", "_manifests/ckafka-abcd1234/orders/*", "_manifests/ckafka-abcd1234/orders~*", "_manifests/ckafka-abcd1234/billing", "_manifests/ckafka-abcd1234/billing/*", "_manifests/ckafka-abcd1234/billing~*"]');
    expect(writer).not.toContain("}/ckafka-abcd1234/*");
    const reader = doc("orders-backup-reader");
    // The instance's folder itself may be listed (its topic folders' names: the CLI's --all-topics), not read.
    expect(reader).toContain('"cos:prefix" = ["ckafka-abcd1234/", "ckafka-abcd1234/orders/*", "ckafka-abcd1234/orders~*"');
    expect(reader).not.toContain("}/ckafka-abcd1234/*");
  });

  it("names at most three topics in descriptions and remarks, and how many more", () => {
    const { fn } = synth({ topics: ["a", "b", "c", "d", "e"] });
    expect(fn.description).toBe("Backs up CKafka topics a, b, c and 2 more of ckafka-abcd1234 to COS every 5 minutes");
  });

  it("outputs the topics and the CLI's options for them", () => {
    expect(outputs.backup_topics.value).toBe("orders,billing");
    expect(outputs.backup_topic).toBeUndefined();
    expect(outputs.backup_cli_verify.value).toMatch(/--instance ckafka-abcd1234 --topic orders --topic billing --group orders-backup$/);
  });

  it("reads the instance's topics once and requires every listed one before binding the consumer-group alarms", () => {
    expect(Object.values(tf.data.tencentcloud_ckafka_topics)).toEqual([{ instance_id: "ckafka-abcd1234" }]);
    const stall = binding("stall");
    expect(stall.count).toBeUndefined();
    expect(stall.lifecycle!.precondition[0].error_message).toContain("lacks some of the topics orders, billing");
    expect(binding("fail").dimensions![0].dimensions_json).toContain('"function_name":"orders-backup"');
  });

  it.skipIf(!terraform)("binds the lag alarms to each listed topic, and the stalled-partition alarm to each of their partitions", () => {
    const group = { appid: "1251316163", consumer_group: "orders-backup", instance_id: "ckafka-abcd1234" };
    expect(boundObjects(tf, binding("stall"), instanceTopics).objects).toEqual([
      { ...group, topicid: "topic-2", topicname: "billing" },
      { ...group, topicid: "topic-1", topicname: "orders" },
    ]);
    expect(boundObjects(tf, binding("pstall"), instanceTopics).objects).toEqual([
      { ...group, topicid: "topic-2", topicname: "billing", partition: "0" },
      { ...group, topicid: "topic-1", topicname: "orders", partition: "0" },
      { ...group, topicid: "topic-1", topicname: "orders", partition: "1" },
    ]);
  });
});

describe("a backup of more topics than the policies name one by one", () => {
  const topics = Array.from({ length: POLICY_TOPICS_MAX + 1 }, (_, i) => `topic-${i}`);
  const many = synth({ topics });
  const few = synth({ topics: topics.slice(0, POLICY_TOPICS_MAX) });

  it("scopes the role and the reader to the instance's folders, as for a pattern, so the documents stay small", () => {
    for (const name of ["orders-backup-policy", "orders-backup-reader"]) {
      expect(many.doc(name)).toContain("}/ckafka-abcd1234/*");
      expect(many.doc(name)).not.toContain("topic-0");
      expect(few.doc(name)).toContain("}/ckafka-abcd1234/topic-0/*");
      expect(many.doc(name).length).toBeLessThan(few.doc(name).length / 2);
    }
    expect(many.doc("orders-backup-policy")).toContain('"cos:prefix" = ["_manifests/ckafka-abcd1234/*"]');
    expect(many.fn.environment[ENV.topics]).toBe(topics.join(","));
  });
});

describe("a backup of the topics a pattern matches", () => {
  const { tf, fn, doc, binding, outputs } = synth({ topicPattern: "orders(-[a-z]+)?", lagAlarmUnconsumedMessages: 1000 });

  it("gives the handler CKB_TOPIC_PATTERN, which it reads back", () => {
    expect(fn.environment[ENV.topicPattern]).toBe("orders(-[a-z]+)?");
    expect(fn.environment[ENV.topic]).toBeUndefined();
    expect(fn.environment[ENV.topics]).toBeUndefined();
    expect(fromEnvironment({ ...fn.environment, [ENV.bucket]: "b-1250000000" })).toMatchObject({ topics: [], topicPattern: "orders(-[a-z]+)?" });
    expect(fn.description).toBe("Backs up CKafka topics matching orders(-[a-z]+)? of ckafka-abcd1234 to COS every 5 minutes");
  });

  it("scopes the role and the reader to the instance's folders (the topics are known only at run time)", () => {
    for (const name of ["orders-backup-policy", "orders-backup-reader"]) {
      expect(doc(name)).toContain('}/ckafka-abcd1234/*", "qcs::cos:ap-guangzhou:uid/');
      expect(doc(name)).toContain("}/_manifests/ckafka-abcd1234/*");
    }
    expect(doc("orders-backup-policy")).toContain('"cos:prefix" = ["_manifests/ckafka-abcd1234/*"]');
    expect(outputs.backup_topic_pattern.value).toBe("orders(-[a-z]+)?");
    expect(outputs.backup_cli_options.value).toMatch(/--instance ckafka-abcd1234 --all-topics$/);
  });

  it("binds the consumer-group alarms only once a topic matches, with no precondition (a pattern may match nothing yet)", () => {
    for (const kind of ["stall", "lag"]) {
      expect(binding(kind).count).toMatch(/^\$\{local\.backup_alarms_topics-watched-count_\w+\}$/);
      expect(binding(kind).lifecycle).toBeUndefined();
    }
    expect(binding("fail").count).toBeUndefined();
  });

  it.skipIf(!terraform)("binds the lag alarms to each topic the pattern matches as a whole, as Terraform's regex reads it", () => {
    const group = { appid: "1251316163", consumer_group: "orders-backup", instance_id: "ckafka-abcd1234" };
    for (const kind of ["stall", "lag"]) {
      const got = boundObjects(tf, binding(kind), [...instanceTopics, { topic_id: "topic-5", topic_name: "orders-eu2", partition_num: 1 }, { topic_id: "topic-6", topic_name: "xorders", partition_num: 1 }]);
      expect(got).toEqual({ count: 1, objects: [{ ...group, topicid: "topic-3", topicname: "orders-eu" }, { ...group, topicid: "topic-1", topicname: "orders" }] });
    }
    expect(boundObjects(tf, binding("stall"), [instanceTopics[1]])).toEqual({ count: 0, objects: [] });
  });

  it.skipIf(!terraform)("keeps a pattern's backslashes, quotes and ${ as the regular expression, not as Terraform syntax", () => {
    const { tf, binding } = synth({ topicPattern: "a\\.b[$]{0}" });
    const got = boundObjects(tf, binding("stall"), [{ topic_id: "t1", topic_name: "a.b", partition_num: 1 }, { topic_id: "t2", topic_name: "aXb", partition_num: 1 }]);
    expect(got.objects.map((o) => o.topicname)).toEqual(["a.b"]);
  });
});

describe("topic props refused at construction", () => {
  it.each<[string, Partial<CkafkaCosBackupProps>, string | RegExp]>([
    ["none", {}, "topic: a topic is required: give one topic with topic, several with topics, or a regular expression matching whole topic names with topicPattern"],
    ["topic and topics", { topic: "orders", topics: ["billing"] }, "topic and topics: only one may be given"],
    ["topics and topicPattern", { topics: ["billing"], topicPattern: "b.*" }, "topics and topicPattern: only one may be given"],
    ["an empty list", { topics: [] }, "topics: is empty; give at least one topic name, or a pattern with topicPattern"],
    ["a name twice", { topics: ["orders", "billing", "orders"] }, 'topics: "orders" is named twice; give each topic once'],
    ["an invalid name", { topics: ["orders", "bad name"] }, /topics: "bad name" is not a Kafka topic name; expected [^;]*$/],
    ["a list given as topic (plain JavaScript)", { topic: ["orders", "billing"] as unknown as string }, "topic: is an array; give one topic name, or several with topics"],
    ["a number in the list", { topics: ["orders", 5 as unknown as string] }, "topics: item 1 is number (5); give topic names"],
    ["a list given as topicPattern", { topicPattern: ["orders-.*"] as unknown as string }, 'topicPattern: is an array; give one regular expression as a string (several alternatives: "a|b")'],
    ["one string", { topics: "orders,billing" as unknown as string[] }, 'topics: is one string; pass an array of topic names, e.g. ["orders","billing"]'],
    ["an invalid pattern", { topicPattern: "orders-(" }, 'topicPattern: "orders-(" does not compile'],
    ["a Java-only pattern", { topicPattern: "(?i)orders" }, 'topicPattern: "(?i)orders" uses inline flags'],
    ["lookahead with alarms", { topicPattern: "orders(?!-test).*", alarmNoticeIds: ["notice-abc"] }, "topicPattern: \"orders(?!-test).*\" uses lookahead ((?=…), (?!…)), which Terraform's regex (RE2) lacks"],
    ["a pattern too long for the description", { topicPattern: `(${Array.from({ length: 60 }, (_, i) => `topic-number-${i}`).join("|")})` }, /topicPattern: is \d+ characters; at most 500: the function's description/],
    ["topicId with topics", { topics: ["orders"], topicId: "topic-1" }, "topicId: binds the alarms of one topic; with topics each topic's id is read at plan time"],
  ])("%s", (_, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  it("accepts lookahead without alarms (the handler reads it; only the alarms' plan-time filter cannot)", () => {
    expect(() => Testing.synthScope((scope) => new CkafkaCosBackup(scope, "backup", { ...base, topic: undefined, topicPattern: "orders(?!-test).*" }))).not.toThrow();
  });

  it("refuses a list reference: the policy and the alarms are made per topic at synth", () => {
    expect(() => Testing.synthScope((scope) => {
      const v = new TerraformVariable(scope, "topics", { type: "list(string)" });
      new CkafkaCosBackup(scope, "backup", { ...base, topic: undefined, topics: v.listValue });
    })).toThrow("topics: must be a literal array of topic names, not a Terraform reference");
  });
});
