// format "parquet" end to end: the bundled handler against real Kafka and a real object server writes every
// record once, byte for byte, in Parquet objects of several parts; a switch back to JSON Lines adds objects
// of that format beside them.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENV } from "../../function/config";
import { PART_BYTES } from "../../function/formats/object-writer";
import { readBackup, fingerprint } from "../helpers/backup-reader";
import { TEST_BUCKET, TEST_REGION, cosEndpoint, getBytes, testCos } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { edgeRecords, produceWithJava } from "../helpers/java-producer";
import { brokers, committedOffsets, createTopic, partitionOffsets, produce, recordOfShape, uniqueName, type SentRecord } from "../helpers/kafka";
import { rowGroupRows } from "../helpers/parquet-records";
import { cli } from "../helpers/cli";

const multiset = (items: string[]) => [...items].sort();

/** Runs a CLI command; its output lines and exit code. */
describe("handler with format parquet", () => {
  it("backs up every record shape exactly once in multipart Parquet objects, then JSON Lines beside them after a switch", async () => {
    const topic = uniqueName("parquet");
    const prefix = `${topic}/`;
    await createTopic(topic, 3);
    // Every shape kafkajs sends, 12 MiB of random values in partition 0 (more than two parts stored), and from
    // the Java client int64 timestamps past 2^53 and outside any date, and null header values.
    const shapes: SentRecord[] = Array.from({ length: 3_000 }, (_, i) => recordOfShape(i, 3));
    const big: SentRecord[] = Array.from({ length: 12 }, (_, i) => ({ partition: 0, key: Buffer.from(`big-${i}`), value: randomBytes(1024 * 1024), headers: [], timestamp: 1_700_000_000_000 }));
    await produce(topic, shapes.slice(0, 1_500));
    await produce(topic, big, 1);
    await produce(topic, shapes.slice(1_500));
    const edges = edgeRecords(3);
    await produceWithJava(topic, edges);
    const sent = [...[...shapes, ...big].map((r) => ({ ...r, timestamp: String(r.timestamp) })), ...edges.map((r) => ({ ...r, timestamp: r.timestamp! }))];

    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, format: "parquet" });
    const run = await invokeHandler(env);
    expect(run.error, run.stderr).toBeUndefined();
    expect(run.ok).toBe(true);

    const cos = testCos();
    const objects = await readBackup(cos, prefix);
    const got = objects.flatMap((o) => o.records);
    expect(got.length).toBe(sent.length);
    expect(multiset(got.map(fingerprint))).toEqual(multiset(sent.map(fingerprint)));
    // Every offset once, in order within each object.
    const offsets = got.map((r) => `${r.partition}:${r.offset}`);
    expect(new Set(offsets).size).toBe(offsets.length);
    for (const o of objects) {
      const first = o.records[0];
      expect(o.key).toMatch(new RegExp(`^${prefix}ckafka-test/${topic}/(dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}|dt=none/hour=none)/${topic}\\+${first.partition}\\+0*${first.offset}\\.parquet$`));
      expect(o.records.map((r) => r.offset)).toEqual(o.records.map((_, i) => first.offset + i));
    }
    const ends = await partitionOffsets(topic);
    const committed = await committedOffsets(env[ENV.groupId], topic);
    for (const [partition, { high }] of ends) expect(committed.get(partition)).toBe(high);

    // The manifest names the format, per run and per object; the big object went up in parts, in row groups.
    const manifest = run.result!;
    expect(manifest.format).toBe("parquet");
    const written = manifest.partitions.flatMap((p) => p.objects);
    expect(written.every((o) => o.format === "parquet")).toBe(true);
    const multipart = written.filter((o) => o.parts > 2);
    expect(multipart.length).toBeGreaterThan(0);
    for (const o of multipart) {
      expect(o.storedBytes).toBeGreaterThan(2 * PART_BYTES);
      expect(rowGroupRows(await getBytes(cos, o.key)).length).toBeGreaterThan(1);
    }

    // Switched to JSON Lines: the next records go to .jsonl.gz objects; the Parquet ones stay as they are.
    const more = Array.from({ length: 300 }, (_, i) => recordOfShape(10_000 + i, 3));
    await produce(topic, more);
    const second = await invokeHandler({ ...env, [ENV.format]: "jsonl" });
    expect(second.ok, second.stderr).toBe(true);
    expect(second.result!.format).toBe("jsonl");
    const after = await readBackup(cos, prefix);
    const fresh = after.filter((o) => !objects.some((b) => b.key === o.key));
    expect(fresh.every((o) => o.key.endsWith(".jsonl.gz"))).toBe(true);
    expect(multiset(fresh.flatMap((o) => o.records).map(fingerprint))).toEqual(multiset(more.map((r) => ({ ...r, timestamp: String(r.timestamp) })).map(fingerprint)));
    expect(after.length).toBe(objects.length + fresh.length);

    // The CLI verifies the mixed backup against the runs' manifests and restores it (partitions 1 and 2:
    // partition 0's run of 1 MiB values is more than the CLI's restore puts in one send to this broker).
    const source = ["--bucket", TEST_BUCKET, "--region", TEST_REGION, "--endpoint", cosEndpoint(), "--instance", "ckafka-test", "--topic", topic, "--prefix", prefix];
    const verified = await cli("verify", ...source);
    expect(verified.lines.at(-1), verified.lines.join("\n")).toBe("backup is sound");
    const target = uniqueName("restored");
    await createTopic(target, 3);
    const restored = await cli("restore", ...source, "--brokers", brokers().join(","), "--target-topic", target, "--partition", "1", "--partition", "2", "--checkpoint", join(tmpdir(), `${uniqueName("cp")}.json`));
    expect(restored.code, restored.lines.join("\n")).toBe(0);
    const expected = [...sent, ...more].filter((r) => r.partition !== 0).length;
    expect(restored.lines.at(-1)).toBe(`${expected} records restored into ${target}`);
  });
});
