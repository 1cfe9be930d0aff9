// Restoring several topics in one command: how the topics are given (checked before any network call, exit 2) and
// which topics of the location are restored (a topic not backed up there is named before anything is read or written).
import { describe, expect, it } from "vitest";
import { refused } from "../helpers/cli";
import type { BackupSource } from "../../cli/backup-source";
import { NothingBackedUp } from "../../cli/errors";
import { exitStatus, topicsAsked } from "../../cli/main";
import { restoreTopics, targetsOf } from "../../cli/restore-topics";
import { topicsAt } from "../../cli/topics";

// The endpoint refuses connections: a network call made before the check would fail with exit 3.
const location = ["--bucket", "backup-1250000000", "--region", "ap-guangzhou", "--instance", "ckafka-abcd1234", "--endpoint", "http://127.0.0.1:1", "--brokers", "127.0.0.1:1"];


describe("restore's topics", () => {
  it("refuses each bad way of giving the topics with exit 2, naming why, before any network call", async () => {
    const cases: Array<[string[], string]> = [
      [[], "give --topic <topic> (repeat it for several topics) or --all-topics: the backed-up topics to work on"],
      [["--topic", "a", "--all-topics"], "--topic and --all-topics together: give the topics with --topic, or every topic of the location with --all-topics"],
      [["--topic", "a", "--topic", "b", "--topic", "a"], '--topic: "a" is given twice; give each topic once'],
      [["--topic", "a"], "required option '--target-topic <topic>' not specified (or give --target-topic-prefix)"],
      [["--topic", "a", "--target-topic", "x", "--target-topic-prefix", "p-"], "--target-topic and --target-topic-prefix together: give the target's name, or a prefix put before the topic's own name"],
      [
        ["--topic", "a", "--topic", "b", "--target-topic", "x"],
        "--target-topic names the one topic a single --topic is restored into; with 2 topics each topic is restored into a topic of its own name (on another cluster) or, with --target-topic-prefix, of its name after the prefix",
      ],
      [
        ["--all-topics", "--target-topic", "x"],
        "--target-topic names the one topic a single --topic is restored into; with --all-topics each topic is restored into a topic of its own name (on another cluster) or, with --target-topic-prefix, of its name after the prefix",
      ],
      [["--all-topics", "--checkpoint", "c.json"], "--checkpoint names one topic's checkpoint file; with --all-topics each topic has its own, restore-<topic>-to-<target-topic>.checkpoint.json: give their folder with --checkpoint-dir"],
      [["--topic", "a", "--target-topic", "x", "--checkpoint-dir", "d"], "--checkpoint-dir is for several topics; with one --topic, give the checkpoint file with --checkpoint"],
      [["--topic", "a", "--topic", "b", "--partition", "0", "--from-offset", "5"], "--partition, --from-offset with 2 topics: partitions and offsets are each topic's own; give that topic alone (one --topic), or select by time (--from-time, --to-time)"],
    ];
    for (const [args, message] of cases) {
      const all = ["restore", ...location, ...args];
      expect(await refused(all), all.join(" ")).toEqual({ status: 2, message: `error: ${message}` });
    }
    expect(() => targetsOf(["a"], "bad/")).toThrow(/^--target-topic-prefix: "bad\/" before "a" makes no topic name: /);
  });

  it("one topic keeps its target; several go each into its own name, or after a prefix", () => {
    expect(topicsAsked({ topic: ["a"], targetTopic: "x", allTopics: false })).toEqual({ one: "a", targetTopic: "x" });
    expect(topicsAsked({ topic: ["a"], targetTopicPrefix: "restored-", allTopics: false })).toEqual({ one: "a", targetTopic: "restored-a" });
    expect(topicsAsked({ topic: ["a", "b"], allTopics: false, fromTime: 1 })).toEqual({ several: ["a", "b"] });
    expect(topicsAsked({ allTopics: true })).toEqual({ several: "all" });
    expect(targetsOf(["a", "b"], "dr.")).toEqual(["dr.a", "dr.b"]);
  });

  it("names a topic the location has no backup of, and what it has", () => {
    expect(topicsAt("all", ["a", "b"], "bkt/p/i/")).toEqual(["a", "b"]);
    expect(topicsAt(["b"], ["a", "b"], "bkt/p/i/")).toEqual(["b"]);
    expect(() => topicsAt(["a", "c", "d"], ["a", "b"], "bkt/p/i/")).toThrow(
      new NothingBackedUp('backup of topic "c", "d"', 'bkt/p/i/ (backed up there: "a", "b")'),
    );
    expect(() => topicsAt("all", [], "bkt/p/i/")).toThrow("no topic folder under bkt/p/i/: check --bucket, --region, --prefix and --instance (history lists the runs of a location)");
  });

  it("refuses a missing topic (exit 1) before reading any topic's backup", async () => {
    const read: string[] = [];
    const fake = { topics: async () => ["a", "b"], instanceLocation: "bkt/p/i/" } as unknown as BackupSource;
    const sourceOf = (topic: string) => {
      read.push(topic);
      return fake;
    };
    const err = await restoreTopics(fake, sourceOf, undefined, "", { topics: ["a", "missing"], dryRun: true }).catch((e: unknown) => e);
    expect(exitStatus(err)).toEqual({ status: 1, message: `error: no backup of topic "missing" under bkt/p/i/ (backed up there: "a", "b"): check --bucket, --region, --prefix, --instance and --topic (history lists the runs of a location)` });
    expect(read).toEqual([]);
    await expect(restoreTopics(fake, sourceOf, undefined, "", { topics: "all", dryRun: true, targetTopicPrefix: "bad/" })).rejects.toThrow(/^--target-topic-prefix: "bad\/" before "a" makes no topic name/);
  });
});
