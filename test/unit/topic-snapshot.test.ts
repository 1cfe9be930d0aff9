// The topic snapshot each run records for a restore: which groups it reads, what it keeps of a topic's settings,
// and that a refused describe (a missing ACL) is said once and never fails the run; the consumerGroups prop's
// path through the handler's configuration.
import { App, TerraformStack, Testing } from "cdktf";
import { ConfigResourceTypes, ConfigSource, type Kafka } from "kafkajs";
import { describe, expect, it } from "vitest";
import { ENV, fromEnvironment } from "../../function/config";
import { MAX_GROUPS, groupSelected, readTopicSnapshot } from "../../function/topic-snapshot";
import { CkafkaCosBackup, type CkafkaCosBackupProps } from "../../lib";
import { base } from "./base-props";

const quiet = { info() {}, warn() {}, error() {} };

function environment(props: Partial<CkafkaCosBackupProps>): Record<string, string> {
  const stack = new TerraformStack(new App(), "s");
  const c = new CkafkaCosBackup(stack, "b", { ...base, ...props });
  Testing.synth(stack);
  return { ...c.environment, [ENV.bucket]: "b-1250000000" };
}

describe("consumerGroups", () => {
  it("defaults to every group, passes names and patterns, and [] records none", () => {
    expect(fromEnvironment(environment({})).consumerGroups).toEqual(["*"]);
    expect(fromEnvironment(environment({ consumerGroups: ["orders-*", "billing"] })).consumerGroups).toEqual(["orders-*", "billing"]);
    expect(fromEnvironment(environment({ consumerGroups: [] })).consumerGroups).toEqual([]);
    // A stack synthesized before the prop existed has no variable: every group.
    const { [ENV.consumerGroups]: _, ...old } = environment({});
    expect(fromEnvironment(old).consumerGroups).toEqual(["*"]);
  });

  it("refuses an empty name at synth, and a variable that is not a JSON array in the handler", () => {
    expect(() => environment({ consumerGroups: [""] })).toThrow('consumerGroups: "" is not a group name or pattern');
    expect(() => fromEnvironment({ ...environment({}), [ENV.consumerGroups]: "orders" })).toThrow('CKB_CONSUMER_GROUPS: "orders" is not a JSON array');
  });

  it("matches names exactly and patterns with * as any run of characters", () => {
    expect(groupSelected("orders", ["orders"])).toBe(true);
    expect(groupSelected("orders-2", ["orders"])).toBe(false);
    expect(groupSelected("orders.v2", ["orders.*"])).toBe(true);
    expect(groupSelected("ordersXv2", ["orders.v*"])).toBe(false); // "." is no wildcard
    expect(groupSelected("a", ["*"])).toBe(true);
    expect(groupSelected("a", [])).toBe(false);
  });
});

/** An admin client answering from tables; `deny` names the calls that fail with an authorization error. */
function fakeKafka(opts: { groups?: string[]; offsets?: Record<string, Record<number, string>>; deny?: string[] }): { kafka: Kafka; calls: string[] } {
  const calls: string[] = [];
  const denied = (call: string) => {
    calls.push(call);
    if (opts.deny?.includes(call)) throw Object.assign(new Error("Not authorized"), { type: call === "describeConfigs" ? "TOPIC_AUTHORIZATION_FAILED" : "GROUP_AUTHORIZATION_FAILED" });
  };
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    describeCluster: async () => (denied("describeCluster"), { clusterId: "cluster-A", brokers: [], controller: 1 }),
    fetchTopicMetadata: async () => (denied("fetchTopicMetadata"), { topics: [{ name: "orders", partitions: [0, 1, 2].map((p) => ({ partitionId: p, replicas: [1, 2], isr: [], leader: 1 })) }] }),
    describeConfigs: async (req: { resources: Array<{ type: number }> }) => {
      denied("describeConfigs");
      expect(req.resources[0].type).toBe(ConfigResourceTypes.TOPIC);
      const entry = (configName: string, configValue: string, configSource: ConfigSource, isDefault = false) => ({ configName, configValue, configSource, isDefault, isSensitive: false, readOnly: false, configSynonyms: [] });
      return {
        resources: [
          {
            configEntries: [
              entry("cleanup.policy", "compact", ConfigSource.TOPIC_CONFIG),
              entry("retention.ms", "604800000", ConfigSource.TOPIC_CONFIG),
              entry("max.message.bytes", "1048588", ConfigSource.DEFAULT_CONFIG, true),
              entry("segment.bytes", "1073741824", ConfigSource.STATIC_BROKER_CONFIG),
            ],
          },
        ],
      };
    },
    listGroups: async () => (denied("listGroups"), { groups: (opts.groups ?? []).map((groupId) => ({ groupId, protocolType: "consumer" })) }),
    describeGroups: async (ids: string[]) => (denied("describeGroups"), { groups: ids.map((groupId) => ({ groupId, state: "Empty", members: [] })) }),
    fetchOffsets: async ({ groupId }: { groupId: string }) => {
      denied("fetchOffsets");
      const o = opts.offsets?.[groupId] ?? {};
      return [{ topic: "orders", partitions: [0, 1, 2].map((p) => ({ partition: p, offset: o[p] ?? "-1" })) }];
    },
    fetchTopicOffsets: async () => (denied("fetchTopicOffsets"), [0, 1, 2].map((p) => ({ partition: p, offset: "9", high: "9", low: "0" }))),
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, calls };
}

const config = (consumerGroups: string[]) => ({ ...fromEnvironment(environment({})), topic: "orders", groupId: "orders-backup", consumerGroups });

describe("readTopicSnapshot", () => {
  it("records the cluster, partitions, replicas, only the settings set on the topic, and the application groups with a commit on it", async () => {
    const { kafka } = fakeKafka({ groups: ["orders-backup", "billing", "audit", "idle"], offsets: { "orders-backup": { 0: "9" }, billing: { 0: "4", 2: "7" }, audit: { 1: "0" } } });
    const s = await readTopicSnapshot(kafka, config(["*"]), quiet);
    expect(s).toMatchObject({ clusterId: "cluster-A", partitionCount: 3, replicationFactor: 2, configs: { "cleanup.policy": "compact", "retention.ms": "604800000" }, endOffsets: { 0: "9", 1: "9", 2: "9" }, problems: [] });
    // The backup's own group is not an application's; "idle" committed nothing on the topic.
    expect(s.groups).toEqual([
      { groupId: "audit", state: "Empty", offsets: { 1: "0" } },
      { groupId: "billing", state: "Empty", offsets: { 0: "4", 2: "7" } },
    ]);
  });

  it("reads only the selected groups, none with [], and at most MAX_GROUPS, naming the rest", async () => {
    const many = Array.from({ length: MAX_GROUPS + 3 }, (_, i) => `g${String(i).padStart(3, "0")}`);
    const { kafka, calls } = fakeKafka({ groups: many, offsets: Object.fromEntries(many.map((g) => [g, { 0: "1" }])) });
    const s = await readTopicSnapshot(kafka, config(["g*"]), quiet);
    expect(s.groups).toHaveLength(MAX_GROUPS);
    expect(s.groupsSkipped).toEqual(many.slice(MAX_GROUPS));
    expect(calls.filter((c) => c === "fetchOffsets")).toHaveLength(MAX_GROUPS);
    const none = fakeKafka({ groups: many });
    expect((await readTopicSnapshot(none.kafka, config([]), quiet)).groups).toEqual([]);
    expect(none.calls).not.toContain("listGroups");
  });

  it("says what it was not allowed to read, once each, and records the rest", async () => {
    const warnings: unknown[] = [];
    const { kafka } = fakeKafka({ groups: ["billing"], offsets: { billing: { 0: "1" } }, deny: ["describeConfigs", "listGroups"] });
    const s = await readTopicSnapshot(kafka, config(["*"]), { ...quiet, warn: (msg, fields) => warnings.push([msg, fields]) });
    expect(s.configs).toBeNull();
    expect(s.groups).toBeNull();
    expect(s.partitionCount).toBe(3);
    expect(s.problems).toEqual([
      'describe the configs of "orders": TOPIC_AUTHORIZATION_FAILED (permission denied: grant the backup\'s user this on the instance\'s ACL to record it)',
      "list and read the consumer groups: GROUP_AUTHORIZATION_FAILED (permission denied: grant the backup's user this on the instance's ACL to record it)",
    ]);
    expect(warnings).toHaveLength(1);
  });
});
