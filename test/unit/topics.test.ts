// Many topics: the config's topics and pattern, which topics a run resolves, when a topic counts as recreated
// and where it goes, the slot rule over topic-partitions, and the run's one summary line.
import { describe, expect, it } from "vitest";
import { ConfigError, checkTopicPattern, configTopics, fromEnvironment, toEnvironment, topicMatcher } from "../../function/config";
import { assignBySlot, decodeClaim, ownedOf, slotAssigner, type MemberClaim } from "../../function/partition-assigner";
import { planPartition, type PartitionPlan } from "../../function/run-plan";
import { incarnationOf, locateTopics, locationName, newestIncarnation, recreatedEvidence, selectTopics } from "../../function/topic-locations";
import { MemoryStorage } from "../helpers/memory-storage";

const BASE = { CKB_BROKERS: "127.0.0.1:9092", CKB_INSTANCE_ID: "ckafka-1", CKB_BUCKET: "b-1250000000", CKB_REGION: "ap-guangzhou", CKB_GROUP_ID: "g" };
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe("topics in the config", () => {
  it("reads one topic (CKB_TOPIC, as single-topic stacks set it), a list, or a pattern; and writes one topic back as CKB_TOPIC", () => {
    const one = fromEnvironment({ ...BASE, CKB_TOPIC: "orders" });
    expect(one).toMatchObject({ topics: ["orders"], topicPattern: undefined });
    expect(toEnvironment(one)).toMatchObject({ CKB_TOPIC: "orders" });
    expect(Object.keys(toEnvironment(one))).not.toContain("CKB_TOPICS");
    const list = fromEnvironment({ ...BASE, CKB_TOPICS: "orders, billing" });
    expect(list.topics).toEqual(["orders", "billing"]);
    expect(toEnvironment(list)).toMatchObject({ CKB_TOPICS: "orders,billing" });
    const pattern = fromEnvironment({ ...BASE, CKB_TOPIC_PATTERN: "orders-.*" });
    expect(pattern).toMatchObject({ topics: [], topicPattern: "orders-.*" });
    expect(toEnvironment(pattern)).toMatchObject({ CKB_TOPIC_PATTERN: "orders-.*" });
    expect(configTopics(pattern)).toBe("pattern orders-.*");
  });

  it("takes exactly one of the three", () => {
    expect(() => fromEnvironment(BASE)).toThrow(new ConfigError("CKB_TOPIC: exactly one of CKB_TOPIC (one topic), CKB_TOPICS (comma-separated names) and CKB_TOPIC_PATTERN (a regular expression) must be set"));
    expect(() => fromEnvironment({ ...BASE, CKB_TOPIC: "a", CKB_TOPIC_PATTERN: "a.*" })).toThrow("CKB_TOPIC and CKB_TOPIC_PATTERN: exactly one of");
    expect(() => fromEnvironment({ ...BASE, CKB_TOPICS: "a,a" })).toThrow('CKB_TOPICS: "a" is named twice');
    expect(() => fromEnvironment({ ...BASE, CKB_TOPICS: "a,b c" })).toThrow('CKB_TOPICS: "b c" is not a Kafka topic name');
    expect(() => fromEnvironment({ ...BASE, CKB_TOPIC_PATTERN: "(?i)orders" })).toThrow("CKB_TOPIC_PATTERN: \"(?i)orders\" uses inline flags");
  });
});

describe("checkTopicPattern", () => {
  it("accepts what Java and JavaScript read alike", () => {
    for (const ok of ["orders-.*", "(orders|billing)\\.v[0-9]+", "[a-z]+_events", "a{2,3}", "(?:x|y)z", "\\d+", "(?<name>a)b", "\\p{L}+"]) expect(checkTopicPattern(ok), ok).toBeUndefined();
  });

  it("refuses Java-only syntax and what does not compile, naming what is allowed", () => {
    const cases: [string, string][] = [
      ["(?i)orders", "inline flags"],
      ["a(?s:b)", "inline flags"],
      ["orders.*+", "possessive quantifiers"],
      ["a++", "possessive quantifiers"],
      ["a?+", "possessive quantifiers"],
      ["\\Qa.b\\E", "quoting with \\Q…\\E"],
      ["\\p{javaLowerCase}+", "Java character classes"],
      ["\\p{Lower}+", "Java character classes"],
      ["\\Aorders\\z", "the anchors"],
      ["(?<=a)b", "lookbehind"],
      ["(?>ab)", "atomic"],
      ["[a-z&&[^x]]", "intersection"],
      ["orders(", "does not compile"],
      ["", "is not a pattern"],
    ];
    for (const [bad, why] of cases) {
      const message = checkTopicPattern(bad);
      expect(message, bad).toContain(why);
      expect(message, bad).toContain("expected a regular expression that Java and JavaScript read alike");
    }
    // An escaped "+" followed by a quantifier is no possessive one.
    expect(checkTopicPattern("a\\++")).toBeUndefined();
  });

  it("matches whole topic names only, as topics.regex does", () => {
    const m = topicMatcher("orders|billing");
    expect(["orders", "billing", "orders2", "xbilling"].map(m)).toEqual([true, true, false, false]);
  });
});

describe("topic resolution", () => {
  const cluster = new Set(["orders", "orders-eu", "billing", "__consumer_offsets", "__orders"]);

  it("a pattern: every matching topic, internal ones never; a pattern matching nothing is a warning, not an error", () => {
    expect(selectTopics(cluster, { topics: [], topicPattern: "orders.*" }, quiet)).toEqual({ topics: ["orders", "orders-eu"], missing: [] });
    expect(selectTopics(cluster, { topics: [], topicPattern: ".*" }, quiet).topics).toEqual(["billing", "orders", "orders-eu"]);
    const warned: string[] = [];
    const none = selectTopics(cluster, { topics: [], topicPattern: "payments" }, { ...quiet, warn: (msg) => warned.push(msg) });
    expect(none).toEqual({ topics: [], missing: [], unmatchedPattern: "payments" });
    expect(warned).toEqual(["the topic pattern matches no topic of the cluster; nothing to back up"]);
  });

  it("a list: the topics that exist, and the ones that do not", () => {
    expect(selectTopics(cluster, { topics: ["billing", "payments", "orders"] }, quiet)).toEqual({ topics: ["billing", "orders"], missing: ["payments"] });
  });
});

describe("a recreated topic", () => {
  const slot = { slot: 0, parallelism: 1 };
  const plans = (ends: number[], committed?: number): PartitionPlan[] =>
    ends.map((high, partition) => planPartition({ partition, low: 0, high, committed }, "earliest"));
  const recorded = (next: number[]) => new Map(next.map((nextOffset, p) => [p, { nextOffset }]));

  it("is told by offsets gone back or partitions gone, only when no partition has a committed offset", () => {
    expect(recreatedEvidence(plans([3, 3]), recorded([40, 2]), slot)).toBe("partition 0: the manifests' next offset 40 is past the end offset 3 now");
    expect(recreatedEvidence(plans([50]), recorded([40, 40]), slot)).toBe("partition 1 is in the manifests but not in the topic now");
  });

  it("is never a first run, a retention gap, offsets the group let expire, or another slot's partitions", () => {
    expect(recreatedEvidence(plans([3, 3]), new Map(), slot)).toBeUndefined();
    expect(recreatedEvidence(plans([3, 3], 1), recorded([40, 40]), slot)).toBeUndefined();
    expect(recreatedEvidence(plans([40, 45]), recorded([40, 40]), slot)).toBeUndefined();
    expect(recreatedEvidence(plans([3]), recorded([0, 40]), { slot: 0, parallelism: 2 })).toBeUndefined();
  });

  it("goes to <topic>~2; the next runs find it in their committed offsets' metadata, without reading the store", async () => {
    const storage = new MemoryStorage();
    const config = { prefix: "p/", instanceId: "ckafka-1" };
    const manifest = { partitions: [{ partition: 0, committedOffset: 40, planned: { start: 0 } }] };
    storage.objects.set("p/_manifests/ckafka-1/orders/2026-01-01T00-00-00-000Z_r1.json", Buffer.from(JSON.stringify(manifest)));
    storage.objects.set("p/_manifests/ckafka-1/orders-eu/2026-01-01T00-00-00-000Z_r1.json", Buffer.from(JSON.stringify(manifest)));
    const topics = (entries: [string, PartitionPlan[], (string | null)[]][]) => new Map(entries.map(([t, plans, commitMetadata]) => [t, { plans, commitMetadata }]));
    const first = await locateTopics(topics([["orders", plans([3]), []], ["billing", plans([5], 5), [null]], ["new", plans([5]), []]]), config, storage, slot, quiet);
    expect(first.get("orders")).toEqual({ location: "orders~2", recreated: { previousLocation: "orders", evidence: "partition 0: the manifests' next offset 40 is past the end offset 3 now" } });
    expect(first.get("billing")).toEqual({ location: "billing" });
    expect(first.get("new")).toEqual({ location: "new" });
    // Later: the new incarnation's offsets are committed with its location; the store is not read.
    const unreadable = { listKeys: () => Promise.reject(new Error("not read")), listFolders: () => Promise.reject(new Error("not read")), getObject: () => Promise.reject(new Error("not read")) };
    expect((await locateTopics(topics([["orders", plans([9], 3), ["orders~2", null]]]), config, unreadable, slot, quiet)).get("orders")).toEqual({ location: "orders~2" });
    // Recreated again: the newest location's manifests are compared, and the topic moves on to ~3.
    storage.objects.set("p/_manifests/ckafka-1/orders~2/2026-01-02T00-00-00-000Z_r2.json", Buffer.from(JSON.stringify(manifest)));
    expect((await locateTopics(topics([["orders", plans([2]), []]]), config, storage, slot, quiet)).get("orders")).toMatchObject({ location: "orders~3" });
    // Offsets the group let expire on an idle topic: the newest location goes on.
    expect((await locateTopics(topics([["orders", plans([40]), []]]), config, storage, slot, quiet)).get("orders")).toEqual({ location: "orders~2" });
    // A store that cannot be read when it must be: the topic is not read this run.
    const failed = (await locateTopics(topics([["orders", plans([3]), []]]), config, unreadable, slot, quiet)).get("orders");
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toContain("could not tell from the bucket whether topic orders, which has no committed offset, was deleted and created again");
  });

  it("names its locations <topic>~<n>", () => {
    expect(locationName("orders", 1)).toBe("orders");
    expect(locationName("orders", 3)).toBe("orders~3");
    expect(incarnationOf("orders", "orders~3")).toBe(3);
    expect(incarnationOf("orders", "orders-eu")).toBeUndefined();
    expect(newestIncarnation("orders", [null, "orders~2", "orders-eu~5", "orders~3"])).toBe(3);
  });
});

describe("the slot rule over topic-partitions", () => {
  const member = (memberId: string, slot: number, parallelism: number, owned: MemberClaim["owned"] = {}): MemberClaim => ({ memberId, slot, parallelism, owned });

  it("spreads each topic's partitions over the instances as p % parallelism, whatever other topics there are", () => {
    const members = [member("a", 0, 3), member("b", 1, 3), member("c", 2, 3)];
    for (const topic of ["orders", "billing"]) {
      expect(Object.fromEntries(assignBySlot([0, 1, 2, 3, 4, 5], members, topic))).toEqual({ a: [0, 3], b: [1, 4], c: [2, 5] });
    }
  });

  it("keeps a partition with the member that holds it in that topic, not in another", () => {
    const members = [member("a-new", 1, 2), member("z-old", 1, 2, { orders: [1] })];
    expect(Object.fromEntries(assignBySlot([1, 3], members, "orders"))).toEqual({ "a-new": [3], "z-old": [1] });
    expect(Object.fromEntries(assignBySlot([1, 3], members, "billing"))).toEqual({ "a-new": [1], "z-old": [3] });
    // An older handler's claim (a list) holds its one topic's partitions.
    expect(ownedOf({ owned: [1, 3] }, "any")).toEqual([1, 3]);
  });

  it("announces its holdings by topic and assigns every subscribed topic", async () => {
    const cluster = { findTopicPartitionMetadata: () => [0, 1, 2, 3].map((partitionId) => ({ partitionId })) };
    const a = slotAssigner({ slot: 0, parallelism: 2 }, () => ({ orders: [0], billing: [2] }))({ cluster } as never);
    const b = slotAssigner({ slot: 1, parallelism: 2 }, () => ({}))({ cluster } as never);
    const members = [
      { memberId: "a", memberMetadata: a.protocol({ topics: ["orders", "billing"] }).metadata },
      { memberId: "b", memberMetadata: b.protocol({ topics: ["orders", "billing"] }).metadata },
    ];
    expect(decodeClaim(members[0])?.owned).toEqual({ orders: [0], billing: [2] });
    const result = await a.assign({ members, topics: ["orders", "billing"] });
    const { AssignerProtocol } = await import("kafkajs");
    const got = Object.fromEntries(result.map((r) => [r.memberId, AssignerProtocol.MemberAssignment.decode(r.memberAssignment)!.assignment]));
    expect(got).toEqual({ a: { orders: [0, 2], billing: [0, 2] }, b: { orders: [1, 3], billing: [1, 3] } });
  });
});
