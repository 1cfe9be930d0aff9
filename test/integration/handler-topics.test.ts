// Many topics, one backup: a pattern over 20 topics with parallelism 3, topics created between ticks, one
// deleted and created again, a killed run; every record of every topic exactly once, each topic in its own
// location. And a list of topics with one missing: the others are backed up, the invocation names the missing one.
import { describe, expect, it } from "vitest";
import { ENV } from "../../function/config";
import { expectExactlyOnce } from "../helpers/assertions";
import { cosEndpoint, getBytes, listKeys, testCos } from "../helpers/cos";
import { startFlakyProxy } from "../helpers/flaky-proxy";
import { invokeTick, synthesizedEnvironment, type Invocation } from "../helpers/handler";
import { committedOffsets, createTopic, partitionOffsets, produce, retrying, textRecords, uniqueName, withAdmin, type SentRecord } from "../helpers/kafka";
import type { RunManifest, RunReport } from "../../function/contracts";

const PARTITIONS = 6;
const INSTANCE = "ckafka-test";

/** The reports of a tick's runs (killed ones left out), each topic-partition read by one instance only, of its slot. */
function reportsOf(tick: Invocation[]): RunReport[] {
  const reports = tick.filter((r) => !r.killed).map((r) => {
    expect(r.error, r.stdout + r.stderr).toBeUndefined();
    return r.result as unknown as RunReport;
  });
  const owner = new Map<string, number>();
  for (const report of reports) {
    for (const m of report.manifests) {
      for (const p of m.partitions) {
        if (p.stopReason === "not-assigned") continue;
        const id = `${m.topic}:${p.partition}`;
        expect(owner.has(id), `${id} was read by two instances in one tick`).toBe(false);
        expect(p.partition % report.slot.parallelism, `${id} read by instance ${report.slot.slot}`).toBe(report.slot.slot);
        owner.set(id, report.slot.slot);
      }
    }
  }
  return reports;
}

/** The summary lines a run logged. */
const summaries = (run: Invocation) =>
  run.stdout
    .split("\n")
    .filter((l) => l.startsWith("{") && l.includes('"msg":"backup run"'))
    .map((l) => JSON.parse(l) as { topicCount: number; topics: { topic: string; records: number }[]; records: number; ok: boolean });


/**
 * Creates a topic, retrying while the broker's metadata lags behind (its leaders not yet known) and, after a
 * deletion, until the deletion has completed in the background.
 */
async function create(topic: string, partitions = PARTITIONS): Promise<void> {
  await retrying(async () => {
    try {
      await createTopic(topic, partitions);
    } catch (err) {
      if ((err as { type?: string }).type !== "TOPIC_ALREADY_EXISTS" || (await partitionOffsets(topic).catch(() => new Map())).size !== partitions) throw err;
    }
  });
}

describe("many topics", () => {
  it("20 topics by pattern, 2 created between ticks, 1 deleted and recreated, parallelism 3, a killed run: every record of every topic once", async () => {
    const base = uniqueName("mt");
    const prefix = `${base}/`;
    const topics = Array.from({ length: 20 }, (_, i) => `${base}-t${String(i).padStart(2, "0")}`);
    const sent = new Map<string, SentRecord[]>();
    const produceTo = async (location: string, topic: string, count: number) => {
      const have = sent.get(location) ?? [];
      const more = textRecords(count, PARTITIONS, 200, have.length);
      await retrying(() => produce(topic, more));
      sent.set(location, [...have, ...more]);
    };
    for (const t of topics) await create(t);
    // Not matched: a longer name (the pattern matches whole names) and another prefix.
    await create(`${base}-t01x`, 1);
    await create(`x${base}-t02`, 1);
    for (const t of topics) await produceTo(t, t, 60);
    await retrying(() => produce(`${base}-t01x`, textRecords(5, 1, 100)));
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic: topics[0], deliveryPathPrefix: prefix, parallelism: 3 }, { [ENV.topic]: "", [ENV.topicPattern]: `${base}-t[0-9]+` });
    const groupId = env[ENV.groupId];

    const first = reportsOf(await invokeTick(env, 3, { tick: "m1" }));
    expect(first.map((r) => r.manifests.map((m) => m.topic).sort())).toEqual([topics, topics, topics]);
    const runs = await invokeTick(env, 3, { tick: "m1b" });
    reportsOf(runs);
    // One summary line per run, with each topic's own figures.
    const lines = summaries(runs[0]);
    expect(lines).toHaveLength(1);
    expect(lines[0].topicCount).toBe(20);

    // Between ticks: two new topics, more records, and t05 deleted and created again with fewer records.
    const added = [`${base}-t20`, `${base}-t21`];
    for (const t of added) {
      await create(t);
      await produceTo(t, t, 30);
    }
    for (const t of topics.slice(0, 4)) await produceTo(t, t, 12);
    const recreated = topics[5];
    expect([...(await committedOffsets(groupId, recreated)).values()].every((o) => o === 60 / PARTITIONS)).toBe(true);
    await withAdmin((admin) => admin.deleteTopics({ topics: [recreated] }));
    await create(recreated);
    // Kafka dropped the group's committed offsets of the deleted partitions: the group alone cannot tell.
    expect([...(await committedOffsets(groupId, recreated)).values()]).toEqual(Array(PARTITIONS).fill(-1));
    await produceTo(`${recreated}~2`, recreated, 12);

    // A tick in which instance 1 writes slowly and is killed mid-run.
    const slow = await startFlakyProxy(cosEndpoint(), Infinity, 1_500);
    let killedTick: Invocation[];
    try {
      killedTick = await invokeTick(env, 3, { tick: "m2", perSlot: (slot) => (slot === 1 ? { env: { [ENV.cosEndpoint]: slow.endpoint }, killAfterMs: 5_000 } : {}) });
    } finally {
      await slow.close();
    }
    expect(killedTick[1].killed).toBe(true);
    const second = reportsOf(killedTick);
    // The instance that planned first found the recreation (and logged it); the others, planning after its start
    // offsets were committed with the new location, read the location from those.
    const moved = second.flatMap((r) => r.manifests).filter((m) => m.kafkaTopic === recreated);
    expect(moved.map((m) => m.topic)).toEqual(moved.map(() => `${recreated}~2`));
    expect(moved.length).toBe(2);
    const found = killedTick.flatMap((r) => r.stderr.split("\n")).filter((l) => l.includes('"msg":"topic was deleted and created again'));
    expect(found.length).toBeGreaterThan(0);
    for (const line of found) expect(JSON.parse(line)).toMatchObject({ topic: recreated, location: `${recreated}~2`, previousLocation: recreated });
    for (const m of moved) if (m.recreated) expect(m.recreated.previousLocation).toBe(recreated);
    expect(second[0].manifests.map((m) => m.topic)).toEqual(expect.arrayContaining(added));

    // Later ticks finish what the killed run held.
    const all = [...topics, ...added];
    for (let tick = 0; tick < 10; tick++) {
      reportsOf(await invokeTick(env, 3, { tick: `m3-${tick}` }));
      let done = true;
      for (const t of all) {
        const ends = await partitionOffsets(t);
        const committed = await committedOffsets(groupId, t);
        if (![...ends].every(([p, { high }]) => committed.get(p) === high)) done = false;
      }
      if (done) break;
    }
    for (const t of all) {
      const ends = await partitionOffsets(t);
      expect(await committedOffsets(groupId, t), t).toEqual(new Map([...ends].map(([p, { high }]) => [p, high])));
    }
    // The recreated topic's offsets are committed with its location, which the later runs read.
    const commits = await withAdmin((admin) => admin.fetchOffsets({ groupId, topics: [recreated] }));
    expect(commits[0].partitions.map((p) => p.metadata)).toEqual(Array(PARTITIONS).fill(`${recreated}~2`));
    expect((await withAdmin((admin) => admin.fetchOffsets({ groupId, topics: [topics[0]] })))[0].partitions.map((p) => p.metadata ?? "")).toEqual(Array(PARTITIONS).fill(""));
    // Every record once, each topic in its own location; the recreated topic's new records apart from the old.
    for (const [location, records] of sent) await expectExactlyOnce(`${prefix}${INSTANCE}/${location}/`, records);
    const folders = new Set((await listKeys(testCos(), `${prefix}${INSTANCE}/`)).map((k) => k.split("/")[2]));
    expect([...folders].sort()).toEqual([...sent.keys()].sort());
    // The next run finds the new location again from the store.
    const manifestKeys = await listKeys(testCos(), `${prefix}_manifests/${INSTANCE}/${recreated}~2/`);
    const last = JSON.parse((await getBytes(testCos(), manifestKeys.at(-1)!)).toString("utf8")) as RunManifest;
    expect(last.kafkaTopic).toBe(recreated);
  }, 600_000);

  it("a list of topics with two missing: the others are backed up, the invocation fails naming the missing ones", async () => {
    const base = uniqueName("ml");
    const prefix = `${base}/`;
    const [a, b, missing, gone] = [`${base}-a`, `${base}-b`, `${base}-missing`, `${base}-gone`];
    const sent = new Map<string, SentRecord[]>();
    for (const t of [a, b]) {
      await create(t, 3);
      const records = textRecords(30, 3, 100);
      await retrying(() => produce(t, records));
      sent.set(t, records);
    }
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic: a, deliveryPathPrefix: prefix }, { [ENV.topic]: "", [ENV.topics]: [a, missing, b, gone].join(",") });
    const [run] = await invokeTick(env, 1, { tick: "l1" });
    expect(run.ok).toBe(false);
    expect(run.error).toBe(
      `2 topics failed (${missing}, ${gone}), after every topic's work was stored and committed: ` +
        `backup of topic ${missing}: the cluster has no topic "${missing}": create it, or remove it from the backup's topics | ` +
        `backup of topic ${gone}: the cluster has no topic "${gone}": create it, or remove it from the backup's topics`,
    );
    expect(summaries(run)[0]).toMatchObject({ ok: false, topicCount: 2, records: 60 });
    for (const [t, records] of sent) await expectExactlyOnce(`${prefix}${INSTANCE}/${t}/`, records);
  }, 120_000);

  it("a pattern that matches nothing: a warning and the summary say so each run; not an error", async () => {
    const base = uniqueName("none");
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic: "unused", deliveryPathPrefix: `${base}/` }, { [ENV.topic]: "", [ENV.topicPattern]: `${base}-.*` });
    for (const tick of ["n1", "n2"]) {
      const [run] = await invokeTick(env, 1, { tick });
      expect(run.error, run.stdout + run.stderr).toBeUndefined();
      expect((run.result as unknown as RunReport).unmatchedPattern).toBe(`${base}-.*`);
      expect(run.stderr).toContain('"msg":"the topic pattern matches no topic of the cluster; nothing to back up"');
      expect(summaries(run)[0]).toMatchObject({ ok: true, topicCount: 0, records: 0, unmatchedPattern: `${base}-.*` });
    }
  }, 120_000);
});
