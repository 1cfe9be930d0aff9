// history, verify and export of several topics (--topic repeated, --all-topics) and recreated topics' backup
// locations (<topic>~<n>): how they are given, checked before any network call (exit 2).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { refused } from "../helpers/cli";
import { topicsAsked } from "../../cli/main";
import { targetsOf } from "../../cli/restore-topics";
import { checkLocation, incarnationOf, topicOf, topicsWanted } from "../../cli/topics";

// The endpoint refuses connections: a network call made before the check would fail with exit 3.
const location = ["--bucket", "backup-1250000000", "--region", "ap-guangzhou", "--instance", "ckafka-abcd1234", "--endpoint", "http://127.0.0.1:1", "--timeout", "1"];


describe("history, verify and export of several topics", () => {
  it.each(["history", "verify", "export"])("%s refuses each bad way of giving the topics with exit 2, naming why, before any network call", async (command) => {
    const extra = command === "export" ? ["--out", "/tmp/never-written"] : [];
    const cases: Array<[string[], string]> = [
      [[], "give --topic <topic> (repeat it for several topics) or --all-topics: the backed-up topics to work on"],
      [["--topic", "a", "--all-topics"], "--topic and --all-topics together: give the topics with --topic, or every topic of the location with --all-topics"],
      [["--topic", "a", "--topic", "b", "--topic", "a"], '--topic: "a" is given twice; give each topic once'],
      [["--topic", "a~1"], '--topic: "a~1" is neither a Kafka topic name (1 to 249 of letters, digits, ".", "_" and "-") nor a recreated topic\'s backup location, <topic>~<n> with n of 2 or more, e.g. orders~2'],
      [["--topic", "a b~2"], '--topic: "a b~2" is neither a Kafka topic name'],
    ];
    for (const [args, message] of cases) {
      const all = [command, ...location, ...extra, ...args];
      const got = await refused(all);
      expect(got.status, all.join(" ")).toBe(2);
      expect(got.message, all.join(" ")).toContain(message);
    }
  });

  it("export refuses one topic's partitions or offsets with several topics", async () => {
    expect(await refused(["export", ...location, "--out", "/tmp/never-written", "--all-topics", "--partition", "0"])).toEqual({
      status: 2,
      message: "error: --partition with --all-topics: partitions and offsets are each topic's own; give that topic alone (one --topic), or select by time (--from-time, --to-time)",
    });
    expect((await refused(["export", ...location, "--out", "/tmp/never-written", "--topic", "a", "--topic", "b", "--to-offset", "9"])).message).toMatch(/^error: --to-offset with 2 topics: /);
  });

  it("takes a recreated topic's location and several topics to the network (exit 3 here, not a usage error)", async () => {
    for (const args of [["history", "--topic", "orders~2"], ["verify", "--topic", "orders", "--topic", "orders~2"], ["history", "--all-topics"]]) {
      expect((await refused([args[0], ...location, ...args.slice(1)])).status, args.join(" ")).toBe(3);
    }
  });
});

describe("local mistakes with several topics, refused with exit 2 before any network call", () => {
  it("restore: a --target-topic-prefix that cannot begin a topic name, with named topics or --all-topics", async () => {
    const message = '--target-topic-prefix: "bad prefix!" cannot begin a Kafka topic name; expected up to 248 of letters, digits, ".", "_" and "-" (with the topic\'s name after it, at most 249)';
    for (const topics of [["--topic", "a", "--topic", "b"], ["--all-topics"], ["--topic", "a"]]) {
      expect(await refused(["restore", ...location, "--dry-run", ...topics, "--target-topic-prefix", "bad prefix!"]), topics.join(" ")).toEqual({ status: 2, message: `error: ${message}` });
    }
    expect((await refused(["restore", ...location, "--dry-run", "--all-topics", "--target-topic-prefix", "x".repeat(249)])).message).toMatch(/^error: --target-topic-prefix: "x{249}" cannot begin/);
    // Named topics: each target's full name is checked at once.
    expect((await refused(["restore", ...location, "--dry-run", "--topic", "a", "--topic", "b".repeat(245), "--target-topic-prefix", "restored."])).message).toMatch(/^error: --target-topic-prefix: "restored." before "b{245}" makes no topic name/);
    expect((await refused(["restore", ...location, "--dry-run", "--all-topics", "--target-topic-prefix", "dr."])).status).toBe(3);
  });

  it("export: an existing file as --out, where several topics need a folder", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ckb-cli-topics-")), "a-file");
    writeFileSync(file, "");
    for (const topics of [["--topic", "a", "--topic", "b"], ["--all-topics"]]) {
      const which = topics.length > 1 ? "2 topics" : "--all-topics";
      expect(await refused(["export", ...location, ...topics, "--out", file]), topics.join(" ")).toEqual({ status: 2, message: `error: --out: ${file} is a file; with ${which} it names a folder (new, or existing) that gets a file per topic: give a folder` });
    }
    // An existing folder is what several topics need: on to the location (exit 3 here).
    expect((await refused(["export", ...location, "--topic", "a", "--topic", "b", "--out", tmpdir()])).status).toBe(3);
  });
});

describe("estimate's topics", () => {
  it("refuses a topic given twice, --all-topics and no topic with exit 2, before any call to the brokers", async () => {
    const brokers = ["estimate", "--brokers", "127.0.0.1:1", "--timeout", "1", "--window", "1"];
    expect(await refused([...brokers, "--topic", "orders", "--topic", "orders"])).toEqual({ status: 2, message: 'error: --topic: "orders" is given twice; give each topic once' });
    expect(await refused([...brokers, "--all-topics"])).toEqual({
      status: 2,
      message: "error: --all-topics is not for estimate, which measures topics on the brokers and has no backup to list them from: name each topic with --topic (repeat it for several)",
    });
    expect(await refused(brokers)).toEqual({ status: 2, message: "error: required option '--topic <topic>' not specified (repeat it for several topics)" });
    expect(await refused([...brokers, "--topic", "orders", "--one-function"])).toEqual({ status: 2, message: "error: --one-function sizes one construct backing up several topics: give --topic twice or more" });
  });
});

describe("recreated topics' backup locations", () => {
  it("are <topic>~<n>, n of 2 or more, of a valid topic name", () => {
    expect(incarnationOf("orders~2")).toEqual({ topic: "orders", incarnation: 2 });
    expect(incarnationOf("orders~12")).toEqual({ topic: "orders", incarnation: 12 });
    expect(incarnationOf("orders")).toBeUndefined();
    expect(topicOf("orders~3")).toBe("orders");
    expect(topicOf("orders")).toBe("orders");
    expect(checkLocation("orders~2")).toBeUndefined();
    expect(checkLocation("orders")).toBeUndefined();
    for (const bad of ["orders~1", "orders~02", "orders~", "~2", "orders~2~3", "a/b~2"]) expect(checkLocation(bad), bad).toMatch(/is neither a Kafka topic name/);
    expect(topicsWanted({ topic: ["orders", "orders~2"] })).toEqual(["orders", "orders~2"]);
  });

  it("are restored only with --target-topic or --target-topic-prefix (their name is no topic name), into <prefix><topic>-<n>", () => {
    const message = 'topic location "orders~2" holds incarnation 2 of topic "orders" (deleted and recreated), and "orders~2" is not a Kafka topic name: give --target-topic-prefix (it is restored into <prefix>orders-2), or restore it alone with --target-topic <topic>';
    expect(() => topicsAsked({ topic: ["orders~2"], allTopics: false })).toThrow(message);
    expect(() => targetsOf(["orders", "orders~2"])).toThrow(message);
    expect(topicsAsked({ topic: ["orders~2"], targetTopic: "orders-restored", allTopics: false })).toEqual({ one: "orders~2", targetTopic: "orders-restored" });
    expect(topicsAsked({ topic: ["orders~2"], targetTopicPrefix: "dr.", allTopics: false })).toEqual({ one: "orders~2", targetTopic: "dr.orders-2" });
    expect(targetsOf(["orders", "orders~2"], "dr.")).toEqual(["dr.orders", "dr.orders-2"]);
    expect(() => targetsOf(["orders-2", "orders~2"], "")).toThrow('topic locations "orders-2" and "orders~2" would both be restored into "orders-2": restore one of them alone with --target-topic');
  });

  it("restore of a location without a target is refused with exit 2 before any network call", async () => {
    expect(await refused(["restore", ...location, "--brokers", "127.0.0.1:1", "--topic", "orders~2"])).toEqual({ status: 2, message: expect.stringContaining('topic location "orders~2" holds incarnation 2 of topic "orders"') });
  });
});
