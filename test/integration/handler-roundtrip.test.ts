// The bundled handler against real Kafka and a real object server: every record, once, losslessly.
import { describe, expect, it } from "vitest";
import { ENV } from "../../function/config";
import { readBackup, fingerprint } from "../helpers/backup-reader";
import { testCos } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import {
  committedOffsets,
  createTopic,
  partitionOffsets,
  produce,
  produceTransaction,
  recordOfShape,
  uniqueName,
  type SentRecord,
} from "../helpers/kafka";

const multiset = (items: string[]) => [...items].sort();

describe("handler round trip", () => {
  it("backs up 10,000 records of every shape over 6 partitions exactly once, then only what is new", async () => {
    const topic = uniqueName("roundtrip");
    const prefix = `${topic}/`;
    await createTopic(topic, 6);
    const sent: SentRecord[] = Array.from({ length: 10_000 }, (_, i) => recordOfShape(i, 6, 2_000));
    await produce(topic, sent.slice(0, 5_000));
    const committedTx = Array.from({ length: 30 }, (_, i) => recordOfShape(20_000 + i, 6));
    const abortedTx = Array.from({ length: 30 }, (_, i) => ({ ...recordOfShape(30_000 + i, 6), value: Buffer.from(`aborted ${i}`) }));
    await produceTransaction(topic, committedTx, "commit");
    await produceTransaction(topic, abortedTx, "abort");
    await produce(topic, sent.slice(5_000));

    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix });
    const run = await invokeHandler(env);
    expect(run.error, run.stderr).toBeUndefined();
    expect(run.ok).toBe(true);

    const cos = testCos();
    const objects = await readBackup(cos, prefix);
    const got = objects.flatMap((o) => o.records);
    const expected = [...sent, ...committedTx];
    expect(got.length).toBe(expected.length);
    expect(multiset(got.map(fingerprint))).toEqual(multiset(expected.map(fingerprint)));
    // No offset in two objects.
    const offsets = got.map((r) => `${r.partition}:${r.offset}`);
    expect(new Set(offsets).size).toBe(offsets.length);
    expect(got.some((r) => r.value?.toString().startsWith("aborted"))).toBe(false);
    // Keys follow the layout and name the first record's offset.
    for (const o of objects) {
      const first = o.records[0];
      expect(o.key).toMatch(new RegExp(`^${prefix}ckafka-test/${topic}/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/${topic}\\+${first.partition}\\+0*${first.offset}\\.jsonl\\.gz$`));
    }
    const ends = await partitionOffsets(topic);
    const committed = await committedOffsets(env[ENV.groupId], topic);
    for (const [partition, { high }] of ends) expect(committed.get(partition)).toBe(high);
    expect(run.result!.totals.records).toBe(expected.length);
    expect(run.result!.partitions.every((p) => p.stopReason === "caught-up")).toBe(true);
    // The manifest is in the bucket and says what the run returned.
    const manifest = await cos.getObject({ Bucket: env[ENV.bucket], Region: env[ENV.region], Key: run.result!.manifestKey });
    expect(JSON.parse(String(manifest.Body)).totals).toEqual(run.result!.totals);

    // Incremental: a second run writes only the new records, in new objects; old objects are untouched.
    const before = new Map(objects.map((o) => [o.key, o.storedBytes]));
    const more = Array.from({ length: 600 }, (_, i) => recordOfShape(40_000 + i, 6));
    await produce(topic, more);
    const second = await invokeHandler(env);
    expect(second.ok, second.stderr).toBe(true);
    expect(second.result!.totals.records).toBe(more.length);
    const after = await readBackup(cos, prefix);
    for (const o of after) if (before.has(o.key)) expect(o.storedBytes).toBe(before.get(o.key));
    const fresh = after.filter((o) => !before.has(o.key)).flatMap((o) => o.records);
    expect(multiset(fresh.map(fingerprint))).toEqual(multiset(more.map(fingerprint)));
  });
});
