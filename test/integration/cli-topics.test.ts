// The operator commands on several topics of one backup location, against a real broker and a real object server:
// three topics backed up by the bundled handler (one run each, as one-topic backups under one prefix), one of them
// deleted and created again (its new records under the location <topic>~2); then verify --all-topics, history of
// two topics, export of two topics and a restore of every location, one command each.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprint } from "../helpers/backup-reader";
import { TEST_BUCKET, TEST_REGION, cosEndpoint, listKeys, testCos } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { brokers, consumeAll, createTopic, produce, recordOfShape, retrying, uniqueName, withAdmin, type SentRecord } from "../helpers/kafka";
import { cli, refusal } from "../helpers/cli";

const work = mkdtempSync(join(tmpdir(), "ckb-cli-topics-test-"));


describe("several topics in one command", () => {
  it("verify --all-topics, history of two topics, export of two topics and a restore of every location, each under its topic's name, then totals", async () => {
    const prefix = `${uniqueName("topics")}/`;
    const [a, b, c] = [uniqueName("ta"), uniqueName("tb"), uniqueName("tc")];
    const partitions = { [a]: 3, [b]: 2, [c]: 1 };
    const sent = new Map<string, SentRecord[]>();
    const backUp = async (topic: string, functionName: string) => {
      const run = await invokeHandler(synthesizedEnvironment({ functionName, topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024 }));
      expect(run.ok, run.stderr).toBe(true);
    };
    const fns = new Map<string, string>();
    for (const [i, t] of [a, b, c].entries()) {
      await createTopic(t, partitions[t]);
      const records = Array.from({ length: 300 + 100 * i }, (_, j) => recordOfShape(j, partitions[t]));
      await produce(t, records);
      sent.set(t, records);
      fns.set(t, uniqueName("fn"));
      await backUp(t, fns.get(t)!);
    }
    // Topic a deleted and created again with fewer records: its next run backs them up under a~2, apart.
    await withAdmin((admin) => admin.deleteTopics({ topics: [a] }));
    await retrying(() => createTopic(a, partitions[a]));
    const again = Array.from({ length: 30 }, (_, j) => recordOfShape(j, partitions[a]));
    await retrying(() => produce(a, again));
    sent.set(`${a}~2`, again);
    await backUp(a, fns.get(a)!);
    expect((await listKeys(testCos(), `${prefix}ckafka-test/${a}~2/`)).length).toBeGreaterThan(0);

    const location = ["--bucket", TEST_BUCKET, "--region", TEST_REGION, "--endpoint", cosEndpoint(), "--instance", "ckafka-test", "--prefix", prefix];
    const locations = [a, `${a}~2`, b, c].sort();

    // verify: every location under its name, then the totals; --json per topic.
    const verified = await cli("verify", ...location, "--all-topics");
    expect(verified.code, verified.lines.join("\n")).toBe(0);
    expect(verified.lines.filter((l) => l.startsWith("topic "))).toEqual(locations.map((t) => `topic ${t}:`));
    expect(verified.lines.filter((l) => l === "  backup is sound")).toHaveLength(4);
    expect(verified.lines.at(-1)).toMatch(new RegExp(`^4 topics: \\d+ objects, ${300 + 400 + 500 + 30} records; every topic's backup is sound$`));
    const asJson = JSON.parse((await cli("verify", ...location, "--all-topics", "--json")).lines.join("\n"));
    expect(asJson.topics.map((t: { topic: string; partitions: { records: number }[] }) => [t.topic, t.partitions.reduce((n, p) => n + p.records, 0)])).toEqual(locations.map((t) => [t, sent.get(t)!.length]));
    expect(asJson.problems).toBe(0);
    // With the brokers, each location is compared with its topic (a~2 with a, as it is now), the group's own.
    const withBrokers = await cli("verify", ...location, "--topic", `${a}~2`, "--topic", b, "--brokers", brokers().join(","), "--group", fns.get(b)!);
    expect(withBrokers.lines.filter((l) => l.includes(`  partition 0: `) && l.includes("topic end"))).toHaveLength(2);

    // history of two topics: each one's runs, then the totals.
    const history = await cli("history", ...location, "--topic", a, "--topic", b);
    expect(history.code).toBe(0);
    expect(history.lines.filter((l) => l.startsWith("topic "))).toEqual([`topic ${a}:`, `topic ${b}:`]);
    expect(history.lines.filter((l) => l === "  1 of 1 run(s) shown")).toHaveLength(2);
    expect(history.lines.at(-1)).toMatch(/^2 topics: 2 run\(s\); every topic caught up, the least fresh as of \S+ \(\d+ s ago\)$/);
    const historyJson = JSON.parse((await cli("history", ...location, "--topic", a, "--topic", `${a}~2`, "--json")).lines.join("\n"));
    expect(historyJson.topics.map((t: { topic: string; totalRuns: number; runs: { records: number }[] }) => [t.topic, t.totalRuns, t.runs[0].records])).toEqual([[a, 1, 300], [`${a}~2`, 1, 30]]);

    // export of two topics: one file each in the folder, the same bytes as each topic's own export.
    const dir = join(work, "two");
    const exported = await cli("export", ...location, "--topic", b, "--topic", c, "--out", dir);
    expect(exported.code).toBe(0);
    expect(exported.lines.at(-1)).toMatch(new RegExp(`^2 topics: 900 records, \\d+ bytes, from \\d+ objects, written to ${dir.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`));
    for (const t of [b, c]) {
      const alone = join(work, `${t}.alone.jsonl`);
      expect((await cli("export", ...location, "--topic", t, "--out", alone)).code).toBe(0);
      expect(readFileSync(join(dir, `${t}.jsonl`)).equals(readFileSync(alone))).toBe(true);
      expect(readFileSync(alone, "utf8").trimEnd().split("\n")).toHaveLength(sent.get(t)!.length);
    }
    // Again into the same folder: refused before anything is written, naming the file.
    expect(await refusal("export", ...location, "--topic", b, "--topic", c, "--out", dir)).toEqual({ status: 2, message: expect.stringContaining(`--out: ${join(dir, `${b}.jsonl`)} (or ${join(dir, `${b}.jsonl`)}.partial) exists`) });
    // A topic not backed up there is named, before anything is written.
    expect(await refusal("export", ...location, "--topic", b, "--topic", "nosuch", "--out", join(work, "none"))).toEqual({ status: 1, message: expect.stringContaining('no backup of topic "nosuch"') });
    expect(existsSync(join(work, "none"))).toBe(false);

    // restore of every location: a~2's name is no topic name, so it needs a prefix.
    const cp = () => ["--checkpoint-dir", mkdtempSync(join(work, "cp-"))];
    const kafka = ["--brokers", brokers().join(",")];
    expect(await refusal("restore", ...location, "--all-topics", ...kafka, "--create-topic", ...cp())).toEqual({ status: 2, message: expect.stringContaining(`topic location "${a}~2" holds incarnation 2 of topic "${a}" (deleted and recreated)`) });
    const restored = await cli("restore", ...location, "--all-topics", "--target-topic-prefix", "r-", ...kafka, "--create-topic", ...cp());
    expect(restored.code, restored.lines.join("\n")).toBe(0);
    expect(restored.lines.at(-1)).toBe(`${300 + 400 + 500 + 30} records restored from 4 topic(s)`);
    for (const [loc, target] of [[a, `r-${a}`], [`${a}~2`, `r-${a}-2`], [b, `r-${b}`], [c, `r-${c}`]]) {
      expect(restored.lines).toContain(`topic ${loc} → ${target}:`);
      expect((await consumeAll(target)).map(fingerprint).sort(), target).toEqual(sent.get(loc)!.map(fingerprint).sort());
    }

    // One location damaged: verify --all-topics exits 1, the problem under its topic and named in the totals.
    const key = (await listKeys(testCos(), `${prefix}ckafka-test/${c}/`))[0];
    await testCos().deleteObject({ Bucket: TEST_BUCKET, Region: TEST_REGION, Key: key });
    const damaged = await cli("verify", ...location, "--all-topics");
    expect(damaged.code).toBe(1);
    const atC = damaged.lines.indexOf(`topic ${c}:`);
    expect(damaged.lines.slice(atC).some((l) => l.startsWith("  PROBLEM ") && l.includes(key))).toBe(true);
    expect(damaged.lines.at(-1)).toMatch(new RegExp(`; \\d+ problem\\(s\\) found, in ${c}$`));
  });

  it("a construct's topics and topicPattern reach the handler: one run backs up the named or matching topics, which the CLI finds with --all-topics", async () => {
    const base = uniqueName("sel");
    const [x, y, z] = [`${base}-x`, `${base}-y`, `${base}-zz`];
    for (const t of [x, y, z]) {
      await createTopic(t, 2);
      await produce(t, Array.from({ length: 50 }, (_, j) => recordOfShape(j, 2)));
    }
    const stacks: Array<[string, { topics?: string[]; topicPattern?: string }]> = [["list", { topics: [x, z] }], ["pattern", { topicPattern: `${base}-[a-z]` }]];
    for (const [name, props] of stacks) {
      const prefix = `${base}-${name}/`;
      const run = await invokeHandler(synthesizedEnvironment({ functionName: uniqueName("fn"), topic: undefined, ...props, deliveryPathPrefix: prefix }));
      expect(run.ok, run.stderr).toBe(true);
      const verified = await cli("verify", "--bucket", TEST_BUCKET, "--region", TEST_REGION, "--endpoint", cosEndpoint(), "--instance", "ckafka-test", "--prefix", prefix, "--all-topics", "--json");
      expect(verified.code).toBe(0);
      const report = JSON.parse(verified.lines.join("\n"));
      // The list: the two named; the pattern: the two single-letter ones (a whole-name match: not -zz).
      expect(report.topics.map((t: { topic: string; partitions: { records: number }[] }) => [t.topic, t.partitions.reduce((n, p) => n + p.records, 0)])).toEqual((name === "list" ? [x, z] : [x, y]).map((t) => [t, 50]));
      expect(report.problems).toBe(0);
    }
  });
});
