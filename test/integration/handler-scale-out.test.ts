// Scale-out: N instances per tick, each reading its own partitions (p % N = its slot), exactly once
// together, when N changes between ticks, when one is killed, and when they start seconds apart.
import { describe, expect, it } from "vitest";
import { ENV } from "../../function/config";
import { expectExactlyOnce } from "../helpers/assertions";
import { cosEndpoint } from "../helpers/cos";
import { startFlakyProxy } from "../helpers/flaky-proxy";
import { invokeHandler, invokeTick, synthesizedEnvironment, type Invocation } from "../helpers/handler";
import { committedOffsets, createTopic, partitionOffsets, produce, textRecords, uniqueName, withAdmin, type SentRecord } from "../helpers/kafka";
import type { RunManifest } from "../../function/contracts";

/** The partitions each run of a tick took part in (not-assigned ones left out), checked to be disjoint. */
function ownersOf(tick: Invocation[]): Map<number, RunManifest> {
  const owners = new Map<number, RunManifest>();
  for (const run of tick) {
    expect(run.error, run.stderr).toBeUndefined();
    for (const p of run.result!.partitions) {
      if (p.stopReason === "not-assigned") continue;
      expect(owners.has(p.partition), `partition ${p.partition} was read by two instances in one tick`).toBe(false);
      owners.set(p.partition, run.result!);
    }
  }
  return owners;
}

/** A tick of `parallelism` instances in which instance `slowSlot` writes through an object store that answers 1.5 s late. */
async function tickWithSlowInstance(
  env: Record<string, string>,
  parallelism: number,
  slowSlot: number,
  opts: { tick: string; killSlowAfterMs?: number; startDelayMs?: (slot: number) => number },
): Promise<Invocation[]> {
  const slow = await startFlakyProxy(cosEndpoint(), Infinity, 1_500);
  try {
    return await invokeTick(env, parallelism, {
      tick: opts.tick,
      startDelayMs: opts.startDelayMs,
      perSlot: (slot) => (slot === slowSlot ? { env: { [ENV.cosEndpoint]: slow.endpoint }, killAfterMs: opts.killSlowAfterMs } : {}),
    });
  } finally {
    await slow.close();
  }
}

async function expectAllCommitted(groupId: string, topic: string): Promise<void> {
  const ends = await partitionOffsets(topic);
  expect(await committedOffsets(groupId, topic)).toEqual(new Map([...ends].map(([p, { high }]) => [p, high])));
}

describe("scale-out", () => {
  it("four instances over 16 partitions: each partition read by the one instance of its slot, every record once", async () => {
    const topic = uniqueName("scale4");
    const prefix = `${topic}/`;
    await createTopic(topic, 16);
    const sent: SentRecord[] = textRecords(16_000, 16, 300);
    await produce(topic, sent, 2_000);
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, parallelism: 4, partitionMaxBytes: 1024 * 1024 });

    for (const tick of ["t1", "t2"]) {
      const runs = await invokeTick(env, 4, { tick });
      const owners = ownersOf(runs);
      expect([...owners.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, p) => p));
      for (const [p, m] of owners) {
        expect(p % m.slot.parallelism, `partition ${p} read by instance ${m.slot.slot}`).toBe(m.slot.slot);
        expect(m.partitions.find((r) => r.partition === p)!.stopReason).toBe("caught-up");
      }
      if (tick === "t1") expect(runs.every((r) => r.result!.totals.records > 0)).toBe(true);
      await expectAllCommitted(env[ENV.groupId], topic);
      const more = textRecords(4_000, 16, 300, sent.length);
      await produce(topic, more, 2_000);
      sent.push(...more);
    }
    await invokeTick(env, 4, { tick: "t3" });
    await expectAllCommitted(env[ENV.groupId], topic);
    await expectExactlyOnce(prefix, sent);
  });

  it("parallelism changed 1 → 3 → 2 between ticks, with a tick stopped by its deadline: nothing lost, nothing twice", async () => {
    const topic = uniqueName("rescale");
    const prefix = `${topic}/`;
    await createTopic(topic, 6);
    const sent: SentRecord[] = [];
    const produceMore = async (count: number) => {
      const more = textRecords(count, 6, 400, sent.length);
      await produce(topic, more, 2_000);
      sent.push(...more);
    };
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024 });

    await produceMore(6_000);
    ownersOf(await invokeTick(env, 1, { tick: "n1" }));
    await expectAllCommitted(env[ENV.groupId], topic);

    // A large backlog and a 3 s budget: the tick ends at its deadline with partitions part-way.
    await produceMore(60_000);
    const partial = ownersOf(await invokeTick(env, 3, { tick: "n3", timeLimitMs: 3_000 }));
    for (const [p, m] of partial) expect(p % 3).toBe(m.slot.slot);

    await produceMore(3_000);
    for (let tick = 0; tick < 20; tick++) {
      ownersOf(await invokeTick(env, 2, { tick: `n2-${tick}` }));
      const ends = await partitionOffsets(topic);
      const committed = await committedOffsets(env[ENV.groupId], topic);
      if ([...ends].every(([p, { high }]) => committed.get(p) === high)) break;
    }
    await expectAllCommitted(env[ENV.groupId], topic);
    await expectExactlyOnce(prefix, sent);
  });

  it("one instance SIGKILLed mid-run: the others finish their partitions; the next tick backs up the rest once", async () => {
    const topic = uniqueName("scale-kill");
    const prefix = `${topic}/`;
    await createTopic(topic, 8);
    const sent = textRecords(40_000, 8, 500);
    await produce(topic, sent, 2_000);
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024 });

    // Slot 2 writes slowly, so it is still writing when it is killed.
    const first = await tickWithSlowInstance(env, 4, 2, { tick: "k1", killSlowAfterMs: 4_000 });
    expect(first[2].killed).toBe(true);
    const survivors = ownersOf(first.filter((_, slot) => slot !== 2));
    // The killed member held partitions 2 and 6 until its session ran out; nobody else took them,
    // and the survivors lost nothing to the rebalance that followed.
    expect([...survivors.keys()].sort((a, b) => a - b)).toEqual([0, 1, 3, 4, 5, 7]);
    for (const m of new Set(survivors.values())) {
      for (const r of m.partitions) expect([r.partition, r.stopReason]).toEqual([r.partition, "caught-up"]);
    }

    ownersOf(await invokeTick(env, 4, { tick: "k2" }));
    await expectAllCommitted(env[ENV.groupId], topic);
    await expectExactlyOnce(prefix, sent);
  });

  it("an instance that starts seconds after another takes only its own partitions: the first drops nothing", async () => {
    const topic = uniqueName("stagger");
    const prefix = `${topic}/`;
    await createTopic(topic, 4);
    const sent = textRecords(12_000, 4, 1_000);
    await produce(topic, sent, 2_000);
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024 });
    // Slot 0 writes slowly, so it is still writing when slot 1 joins the group.
    const runs = await tickWithSlowInstance(env, 2, 0, { tick: "s1", startDelayMs: (slot) => slot * 2_000 });
    const [first, late] = runs.map((r) => r.result!);
    ownersOf(runs);
    expect(Date.parse(late.startedAt)).toBeLessThan(Date.parse(first.endedAt) - 2_000);
    for (const r of first.partitions) {
      expect([r.partition, r.stopReason, r.records]).toEqual([r.partition, "caught-up", r.planned.end - r.planned.start]);
    }
    expect(first.partitions.map((r) => r.partition)).toEqual([0, 2]);
    expect(late.partitions.map((r) => r.partition)).toEqual([1, 3]);
    await expectExactlyOnce(prefix, sent);
  });

  it("start position latest and partitions added while another instance is busy: each instance pins its own new partitions", async () => {
    const topic = uniqueName("scale-latest");
    const prefix = `${topic}/`;
    await createTopic(topic, 4);
    await produce(topic, textRecords(400, 4, 100));
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, startPosition: "latest", partitionMaxBytes: 1024 * 1024 });
    ownersOf(await invokeTick(env, 2, { tick: "l1" }));

    // Partition 0 (slot 0) gets a backlog; partitions 4 (slot 0) and 5 (slot 1) are new, with no committed offset.
    const backlog = textRecords(8_000, 1, 1_000, 400).map((r) => ({ ...r, partition: 0 }));
    await produce(topic, backlog, 2_000);
    await withAdmin((admin) => admin.createPartitions({ topicPartitions: [{ topic, count: 6 }] }));
    // Slot 0 writes slowly; slot 1 plans while slot 0 is in the group, which can hold none of slot 1's partitions.
    const busy = await tickWithSlowInstance(env, 2, 0, { tick: "l2", startDelayMs: (slot) => slot * 2_000 });
    ownersOf(busy);
    expect(Date.parse(busy[1].result!.startedAt)).toBeLessThan(Date.parse(busy[0].result!.endedAt));
    const fresh = textRecords(600, 6, 100, 8_400);
    await produce(topic, fresh);
    ownersOf(await invokeTick(env, 2, { tick: "l3" }));
    await expectExactlyOnce(prefix, [...backlog, ...fresh]);
  });

  it("an instance alone reports and commits only its own partitions: lag, headroom and manifest", async () => {
    const topic = uniqueName("scale-own");
    const prefix = `${topic}/`;
    await createTopic(topic, 2);
    const sent = textRecords(1_000, 2, 100);
    await produce(topic, sent);
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix });
    // Instance 1 of 2 is late: instance 0 reads, commits and measures partition 0 only; partition 1 waits.
    const alone = await invokeHandler(env, { slot: { slot: 0, parallelism: 2 } });
    const m = alone.result!;
    expect(m.slot).toEqual({ slot: 0, parallelism: 2 });
    expect(m.partitions.map((p) => [p.partition, p.stopReason])).toEqual([[0, "caught-up"]]);
    expect(m.retention.lagRecords).toBe(0);
    expect(await committedOffsets(env[ENV.groupId], topic)).toEqual(new Map([[0, 500], [1, -1]])); // -1: nothing committed
    const late = await invokeHandler(env, { slot: { slot: 1, parallelism: 2 } });
    expect(late.result!.partitions.map((p) => [p.partition, p.records])).toEqual([[1, 500]]);
    await expectExactlyOnce(prefix, sent);
  });
});
