// The handler's guarantees under crashes, deadlines, concurrency and every start position.
import { describe, expect, it } from "vitest";
import { ENV } from "../../function/config";
import { PART_BYTES } from "../../function/formats/object-writer";
import { expectExactlyOnce } from "../helpers/assertions";
import { readBackup } from "../helpers/backup-reader";
import { TEST_BUCKET, cosEndpoint, listKeys, testCos } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { completesObjectUnder, startHoldingProxy } from "../helpers/holding-proxy";
import { committedOffsets, createTopic, partitionOffsets, produce, produceTransaction, textRecords, uniqueName, withAdmin } from "../helpers/kafka";

async function drain(env: Record<string, string>, topic: string, maxRuns = 20, timeLimitMs?: number): Promise<number> {
  for (let run = 1; run <= maxRuns; run++) {
    const r = await invokeHandler(env, { timeLimitMs });
    expect(r.error, r.stderr).toBeUndefined();
    const ends = await partitionOffsets(topic);
    const committed = await committedOffsets(env[ENV.groupId], topic);
    if ([...ends].every(([p, { high }]) => committed.get(p) === high)) return run;
  }
  throw new Error(`not drained after ${maxRuns} runs`);
}

describe("handler guarantees", () => {
  it.each(["jsonl", "parquet"] as const)("a run killed at any point, then run again, leaves every record exactly once (%s)", async (format) => {
    const topic = uniqueName("crash");
    const prefix = `${topic}/`;
    await createTopic(topic, 3);
    // 3 partitions × ~12 MiB, objects cut at 10 MiB uncompressed: multipart uploads of 5 MiB parts.
    const sent = textRecords(12_000, 3, 3_000);
    await produce(topic, sent);
    const env = synthesizedEnvironment(
      { functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: 10 * 1024 * 1024, ...(format === "parquet" ? { format } : { compression: "none" as const }) },
      {},
    );
    let killedRuns = 0;
    for (const ms of [700, 1_500, 2_500, 4_000]) {
      const r = await invokeHandler(env, { killAfterMs: ms });
      if (r.killed) killedRuns++;
    }
    expect(killedRuns).toBeGreaterThan(0);
    await drain(env, topic);
    const objects = await expectExactlyOnce(prefix, sent);
    expect(objects.every((o) => o.key.endsWith(format === "parquet" ? ".parquet" : ".jsonl"))).toBe(true);
    // Multipart objects were written (gzip pages shrink these text records' Parquet objects below a part;
    // handler-parquet.test.ts has multipart Parquet objects).
    if (format === "jsonl") expect(objects.some((o) => o.storedBytes > PART_BYTES)).toBe(true);
  });

  it("killed after COS confirmed an object and before its offset was committed, the next run rewrites that key and duplicates nothing", async () => {
    const topic = uniqueName("between");
    const prefix = `${topic}/`;
    await createTopic(topic, 2);
    const sent = textRecords(4_000, 2, 1_000); // about 2 MiB a partition: two 1 MiB objects each
    await produce(topic, sent);
    const direct = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024 });
    // The first data object to become durable (PutObject, or CompleteMultipartUpload) is never confirmed.
    const proxy = await startHoldingProxy(cosEndpoint(), completesObjectUnder(`${prefix}ckafka-test/`));
    let heldKey: string;
    try {
      const run = await invokeHandler({ ...direct, [ENV.cosEndpoint]: proxy.endpoint }, { killOn: proxy.held });
      expect(run.killed).toBe(true);
      heldKey = decodeURIComponent(new URL(await proxy.held, "http://x").pathname).replace(`/${TEST_BUCKET}/`, "");
    } finally {
      await proxy.close();
    }
    // Durable, but not committed: the partition's committed offset is still at the object's first offset.
    expect(await listKeys(testCos(), heldKey)).toEqual([heldKey]);
    const [, partition, first] = /\+(\d+)\+(\d{20})\.jsonl\.gz$/.exec(heldKey)!;
    const committed = (await committedOffsets(direct[ENV.groupId], topic)).get(Number(partition)) ?? -1;
    expect(committed === -1 ? 0 : committed).toBe(Number(first));

    await drain(direct, topic);
    const objects = await expectExactlyOnce(prefix, sent);
    expect(objects.map((o) => o.key)).toContain(heldKey);
  });

  it("stops at the deadline, commits what it uploaded, and later runs finish the backlog", async () => {
    const topic = uniqueName("deadline");
    const prefix = `${topic}/`;
    await createTopic(topic, 4);
    // About five times what a run with a 1-second deadline backs up on the development machine
    // (300,000 such records took 2.3 s), so the deadline must stop it.
    const sent = textRecords(600_000, 4, 300);
    await produce(topic, sent, 5_000);
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix }, { [ENV.deadlineMarginMs]: "1000" });
    const t0 = Date.now();
    const first = await invokeHandler(env, { timeLimitMs: 2_000 }); // deadline: 2 s - 1 s margin
    const took = Date.now() - t0;
    expect(first.ok, first.stderr).toBe(true);
    expect(first.result!.partitions.some((p) => p.stopReason === "deadline")).toBe(true);
    expect(first.result!.totals.records).toBeLessThan(sent.length);
    expect(took).toBeLessThan(2_000 + 4_000); // budget, plus process start and the final uploads
    // What was committed is exactly what was uploaded.
    const committed = await committedOffsets(env[ENV.groupId], topic);
    for (const p of first.result!.partitions) {
      const last = p.objects.at(-1);
      if (last) expect(committed.get(p.partition)).toBe(last.lastOffset + 1);
    }
    await drain(env, topic, 40, 3_000);
    await expectExactlyOnce(prefix, sent);
  });

  it("two invocations at once in one group lose nothing and duplicate nothing", async () => {
    const topic = uniqueName("concurrent");
    const prefix = `${topic}/`;
    await createTopic(topic, 6);
    const sent = textRecords(30_000, 6, 200);
    await produce(topic, sent, 2_000);
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix });
    const [a, b] = await Promise.all([invokeHandler(env, { requestId: "a" }), invokeHandler(env, { requestId: "b" })]);
    expect(a.error, a.stderr).toBeUndefined();
    expect(b.error, b.stderr).toBeUndefined();
    for (const r of [a, b]) {
      // Neither came near its deadline: a partition it read nothing of was another's (not-assigned), never `deadline`.
      for (const p of r.result!.partitions) if (p.records === 0) expect([p.partition, p.stopReason]).not.toEqual([p.partition, "deadline"]);
      // The rebalances of two members joining are ordinary: not error lines.
      const errors = r.stderr.split("\n").filter((l) => l.includes('"level":"error"'));
      expect(errors.filter((l) => /rebalanc|coordinator/i.test(l))).toEqual([]);
    }
    await drain(env, topic);
    await expectExactlyOnce(prefix, sent);
  });

  it("start positions: latest skips the backlog, a timestamp starts at the first record at or after it", async () => {
    const topic = uniqueName("start");
    await createTopic(topic, 2);
    const old = textRecords(100, 2, 50, 0);
    await produce(topic, old);

    const latestEnv = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: `${topic}/latest/`, startPosition: "latest" });
    const empty = await invokeHandler(latestEnv);
    expect(empty.ok, empty.stderr).toBe(true);
    expect(empty.result!.totals.records).toBe(0);
    const fresh = textRecords(40, 2, 50, 100);
    await produce(topic, fresh);
    expect((await invokeHandler(latestEnv)).ok).toBe(true);
    await expectExactlyOnce(`${topic}/latest/`, fresh);

    const all = [...old, ...fresh];
    const cut = all[60].timestamp;
    const tsEnv = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: `${topic}/ts/`, startPosition: cut });
    expect((await invokeHandler(tsEnv)).ok).toBe(true);
    await expectExactlyOnce(`${topic}/ts/`, all.filter((r) => r.timestamp >= cut));
  });

  it("with one open object allowed, partitions take turns and every record is still backed up once", async () => {
    const topic = uniqueName("turns");
    const prefix = `${topic}/`;
    await createTopic(topic, 6);
    const sent = textRecords(24_000, 6, 500);
    await produce(topic, sent, 2_000);
    const env = synthesizedEnvironment(
      { functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024 },
      { [ENV.maxOpenObjects]: "1" },
    );
    const r = await invokeHandler(env);
    expect(r.ok, r.stderr).toBe(true);
    expect(r.result!.partitions.map((p) => p.stopReason)).toEqual(Array(6).fill("caught-up"));
    expect(r.result!.partitions.reduce((n, p) => n + p.slotWaits, 0)).toBeGreaterThan(0);
    expect(r.result!.totals.objects).toBeGreaterThanOrEqual(12);
    await expectExactlyOnce(prefix, sent);
  });

  it("partitions that end in transaction markers or aborted records finish, free their slot and commit past them", async () => {
    const topic = uniqueName("tx-tail");
    const prefix = `${topic}/`;
    await createTopic(topic, 6);
    const kept = textRecords(1_200, 6, 200);
    for (let i = 0; i < kept.length; i += 400) await produceTransaction(topic, kept.slice(i, i + 400), "commit");
    await produceTransaction(topic, textRecords(60, 6, 200, 1_200), "abort"); // every partition ends aborted
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix }, { [ENV.maxOpenObjects]: "2" });

    const first = await invokeHandler(env);
    expect(first.ok, first.stderr).toBe(true);
    // With two slots for six partitions, the others get theirs only if the first ones finish at their markers.
    expect(first.result!.partitions.map((p) => p.stopReason)).toEqual(Array(6).fill("caught-up"));
    const ends = await partitionOffsets(topic);
    expect(await committedOffsets(env[ENV.groupId], topic)).toEqual(new Map([...ends].map(([p, { high }]) => [p, high])));
    await expectExactlyOnce(prefix, kept);

    const second = await invokeHandler(env);
    expect(second.result!.partitions.every((p) => p.planned.start === p.planned.end)).toBe(true);
  });

  it("partition_max caps objects within one record, and a rerun of the same range writes the same keys", async () => {
    const topic = uniqueName("cap");
    const prefix = `${topic}/`;
    await createTopic(topic, 2);
    const sent = textRecords(6_000, 2, 1_000);
    await produce(topic, sent);
    const cap = 1024 * 1024;
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: cap });
    const first = await invokeHandler(env);
    expect(first.ok, first.stderr).toBe(true);
    const objects = first.result!.partitions.flatMap((p) => p.objects);
    expect(objects.length).toBeGreaterThan(4);
    for (const o of objects) expect(o.encodedBytes).toBeLessThanOrEqual(cap);
    const keys = (await readBackup(testCos(), prefix)).map((o) => o.key);

    // Rewind the group and run again: the same keys, overwritten, nothing new.
    await withAdmin((admin) => admin.resetOffsets({ groupId: env[ENV.groupId], topic, earliest: true }));
    const again = await invokeHandler(env);
    expect(again.ok, again.stderr).toBe(true);
    expect(again.result!.partitions.flatMap((p) => p.objects).map((o) => o.key).sort()).toEqual(keys);
    expect((await readBackup(testCos(), prefix)).map((o) => o.key)).toEqual(keys);
    await expectExactlyOnce(prefix, sent);
  });
});
