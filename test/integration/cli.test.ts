// The operator commands against a real backup, a real broker and a real object server: verify finds what is
// wrong and names it, restore replays byte for byte (or resumes without duplicates), export downloads exactly.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitStatus, main } from "../../cli/main";
import { readObject } from "../../cli/object-reader";
import { quietProgress } from "../../cli/progress";
import { parseObjectKey } from "../../function/object-keys";
import { decodeRecord } from "../../function/formats/jsonl/line";
import type { KafkaRecord } from "../../function/formats/record";
import { fingerprint, readBackup } from "../helpers/backup-reader";
import { TEST_BUCKET, TEST_REGION, cosEndpoint, getBytes, listKeys, testCos } from "../helpers/cos";
import { startFlakyProxy } from "../helpers/flaky-proxy";
import { PARQUET_SCHEMA, parquetObject } from "../helpers/parquet-object";
import { produceWithJava } from "../helpers/java-producer";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { SASL_USERS } from "../services/kafka-broker";
import { brokers, consumeAll, createTopic, produce, produceTransaction, recordOfShape, uniqueName, withAdmin, type SentRecord } from "../helpers/kafka";
import { CREDENTIALS, cli, refusal } from "../helpers/cli";
import type { RunManifest } from "../../function/contracts";
import { muteServer, type MuteServer } from "../helpers/mute-server";

const work = mkdtempSync(join(tmpdir(), "ckb-cli-test-"));

async function backedUp(partitions: number, count: number, bigEvery = 1_000): Promise<{ topic: string; prefix: string; sent: SentRecord[]; env: Record<string, string> }> {
  const topic = uniqueName("cli");
  const prefix = `${topic}/`;
  await createTopic(topic, partitions);
  // A value over 1 MiB every 1,000 records, and a 1 MiB cap: each partition has several objects.
  const sent = Array.from({ length: count }, (_, i) => recordOfShape(i, partitions, bigEvery));
  await produce(topic, sent);
  const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024 });
  const run = await invokeHandler(env);
  expect(run.ok, run.stderr).toBe(true);
  return { topic, prefix, sent, env };
}

const source = (topic: string, prefix: string, endpoint = cosEndpoint()) => ["--bucket", TEST_BUCKET, "--region", TEST_REGION, "--endpoint", endpoint, "--instance", "ckafka-test", "--topic", topic, "--prefix", prefix];
const checkpoint = () => ["--checkpoint", join(work, `${uniqueName("cp")}.json`)];
const kafka = () => ["--brokers", brokers().join(",")];
const put = (Key: string, Body: Buffer) => testCos().putObject({ Bucket: TEST_BUCKET, Region: TEST_REGION, Key, Body });
const remove = (Key: string) => testCos().deleteObject({ Bucket: TEST_BUCKET, Region: TEST_REGION, Key });
const escape = (s: string) => s.replace(/[.+*?()[\]\\]/g, "\\$&");

/** The backup's lines of a topic as decoded records, in partition and offset order. */
async function backupRecords(prefix: string) {
  const objects = await readBackup(testCos(), `${prefix}ckafka-test/`);
  return objects.flatMap((o) => o.records).sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

describe("verify and restore", () => {
  it("a backup of records of every shape verifies as sound and restores byte for byte into another topic", async () => {
    const { topic, prefix, sent } = await backedUp(3, 9_000);
    const verified = await cli("verify", ...source(topic, prefix));
    expect(verified.lines.at(-1)).toBe("backup is sound");
    expect(verified.code).toBe(0);
    const objects = (await listKeys(testCos(), `${prefix}ckafka-test/`)).length;
    expect(objects).toBeGreaterThan(3);
    expect(verified.lines).toContain(`${objects} object(s) checked against 1 manifest(s) (size and sha256)`);
    expect(verified.lines.filter((l) => l.startsWith("partition ")).map((l) => /(\d+) records/.exec(l)![1]).map(Number)).toEqual([3000, 3000, 3000]);

    const target = uniqueName("restored");
    await createTopic(target, 3);
    const restored = await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...checkpoint());
    expect(restored.code).toBe(0);
    expect(restored.lines.at(-1)).toBe(`9000 records restored into ${target}`);
    const back = await consumeAll(target);
    expect(back.map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
  });

  it("restore can take a range of offsets of chosen partitions", async () => {
    const { topic, prefix, sent } = await backedUp(2, 400);
    const target = uniqueName("restored");
    await createTopic(target, 2);
    const r = await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, "--partition", "1", "--from-offset", "50", "--to-offset", "150", ...checkpoint());
    expect(r.lines[0]).toMatch(/^partition 1: 100 records restored \(offsets 50–149\), \d+ bytes$/);
    expect(r.lines.at(-1)).toBe(`100 records restored into ${target}`);
    const wanted = sent.filter((s) => s.partition === 1).slice(50, 150);
    expect((await consumeAll(target)).map(fingerprint).sort()).toEqual(wanted.map(fingerprint).sort());
  });

  it("restore sends large records in requests the target takes: record bytes per request are capped by its max.message.bytes", async () => {
    const topic = uniqueName("cli-big");
    const prefix = `${topic}/`;
    await createTopic(topic, 1);
    // 12 records of 150 KiB: as one request they would form a 1.8 MB record batch, and 512 KiB of them still exceed
    // the target's 400 KiB max.message.bytes.
    const sent: SentRecord[] = Array.from({ length: 12 }, (_, i) => ({ partition: 0, key: Buffer.from(`k${i}`), value: Buffer.alloc(150 * 1024, 97 + i), headers: [], timestamp: 1_700_000_000_000 + i }));
    await produce(topic, sent, 2);
    const run = await invokeHandler(synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix }));
    expect(run.ok, run.stderr).toBe(true);
    const target = uniqueName("restored");
    await createTopic(target, 1, { "max.message.bytes": String(400 * 1024) });
    const restored = await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...checkpoint());
    expect(restored.lines.at(-1)).toBe(`12 records restored into ${target}`);
    expect(restored.code).toBe(0);
    expect((await consumeAll(target)).map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
  });

  it("restore authenticates with SASL/SCRAM, the password taken from KAFKA_SASL_PASSWORD", async () => {
    const { topic, prefix, sent } = await backedUp(1, 50);
    const target = uniqueName("restored");
    await createTopic(target, 1);
    const { username, password } = SASL_USERS.scram;
    const args = ["restore", ...source(topic, prefix), "--brokers", process.env.CKB_KAFKA_SASL_BROKERS!, "--target-topic", target, "--sasl-mechanism", "scram-sha-512", "--sasl-username", username];
    await expect(main([...args, ...checkpoint()], { ...CREDENTIALS, KAFKA_SASL_PASSWORD: "wrong" }, () => undefined, quietProgress)).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    expect(await main([...args, ...checkpoint()], { ...CREDENTIALS, KAFKA_SASL_PASSWORD: password }, () => undefined, quietProgress)).toBe(0);
    expect((await consumeAll(target)).map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
  });

  it("restore carries null header values, repeated header names in per-name order and binary values byte for byte", async () => {
    const topic = uniqueName("cli-nullh");
    const prefix = `${topic}/`;
    await createTopic(topic, 1);
    // Null header values, as the Java client (and librdkafka) send them; kafkajs cannot.
    await produceWithJava(topic, [
      { partition: 0, key: Buffer.from("k1"), value: Buffer.from("v1"), headers: [["nullh", null], ["b", Buffer.from("x")], ["nullh", Buffer.alloc(0)]] },
      { partition: 0, key: Buffer.from("k2"), value: Buffer.from("v2"), headers: [["only-null", null]] },
    ]);
    await produce(topic, [recordOfShape(2, 1), recordOfShape(4, 1)]); // repeated names, a binary value, an empty value
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix });
    expect((await invokeHandler(env)).ok).toBe(true);
    const before = await backupRecords(prefix);
    const perName = (h: Array<[string, Buffer | null]>) => [...new Set(h.map(([n]) => n))].flatMap((n) => h.filter(([m]) => m === n));
    expect(perName(before[0].headers)).toEqual([["nullh", null], ["nullh", Buffer.alloc(0)], ["b", Buffer.from("x")]]);
    expect(before[1].headers).toEqual([["only-null", null]]);

    const target = uniqueName("restored");
    await createTopic(target, 1);
    const r = await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...checkpoint());
    expect(r.lines.at(-1)).toBe(`4 records restored into ${target}`);
    // Back up the target too, and compare what the two backups hold.
    const targetPrefix = `${target}/`;
    expect((await invokeHandler(synthesizedEnvironment({ functionName: uniqueName("fn"), topic: target, deliveryPathPrefix: targetPrefix }))).ok).toBe(true);
    const comparable = (rs: typeof before) => rs.map((x) => ({ ...x, headers: perName(x.headers) }));
    expect(comparable(await backupRecords(targetPrefix))).toEqual(comparable(before));
  });

  it("a backup with any int64 timestamp and null header values verifies as sound and restores exactly, also by time", async () => {
    const topic = uniqueName("cli-ts");
    const prefix = `${topic}/`;
    await createTopic(topic, 1);
    const timestamps = ["1700000000000", "1700000000000123456", "-1", "9007199254740993", "9223372036854775807", "0", "1700000000001", "253402300800000"];
    await produceWithJava(
      topic,
      timestamps.map((timestamp, i) => ({
        partition: 0,
        key: Buffer.from(`k${i}`),
        value: i % 3 === 0 ? null : Buffer.from([0xff, i, 0x00]),
        headers: i % 2 === 0 ? [["nullh", null], ["b", Buffer.from("x")], ["nullh", Buffer.alloc(0)]] : [],
        timestamp,
      })),
    );
    expect((await invokeHandler(synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix }))).ok).toBe(true);
    const verified = await cli("verify", ...source(topic, prefix));
    expect(verified.lines.at(-1)).toBe("backup is sound");

    const perName = (h: Array<[string, Buffer | null]>) => [...new Set(h.map(([n]) => n))].flatMap((n) => h.filter(([m]) => m === n));
    const comparable = (rs: Awaited<ReturnType<typeof backupRecords>>) => rs.map((x) => ({ ...x, headers: perName(x.headers) }));
    const before = await backupRecords(prefix);
    expect(before.map((r) => r.timestamp)).toEqual(timestamps);
    for (const [args, wanted] of [
      [[], before],
      [["--from-time", "2023-11-14T22:00:00Z", "--to-time", "2023-11-14T23:00:00Z"], before.filter((r) => r.timestamp.startsWith("170000000000") && r.timestamp.length === 13)],
    ] as const) {
      const target = uniqueName("restored");
      await createTopic(target, 1);
      const r = await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...args, ...checkpoint());
      expect(r.lines.at(-1)).toBe(`${wanted.length} records restored into ${target}`);
      const targetPrefix = `${target}/`;
      expect((await invokeHandler(synthesizedEnvironment({ functionName: uniqueName("fn"), topic: target, deliveryPathPrefix: targetPrefix }))).ok).toBe(true);
      const back = await backupRecords(targetPrefix);
      expect(comparable(back).map((x) => ({ ...x, offset: 0 }))).toEqual(comparable([...wanted]).map((x) => ({ ...x, offset: 0 })));
    }
  });

  it("a restore stopped midway says what it wrote and --resume finishes it without duplicates", async () => {
    const { topic, prefix, sent } = await backedUp(2, 4_000);
    const target = uniqueName("restored");
    await createTopic(target, 2);
    const cp = checkpoint();
    // The object store stops answering after a few requests: listing, then some objects.
    const proxy = await startFlakyProxy(cosEndpoint(), 4_000);
    let stopped: Error | undefined;
    try {
      // --no-scan: the preflight would otherwise meet the failure before any write.
      await cli("restore", ...source(topic, prefix, proxy.endpoint), ...kafka(), "--target-topic", target, "--timeout", "5", "--no-scan", ...cp);
    } catch (err) {
      stopped = err as Error;
    } finally {
      await proxy.close();
    }
    expect(stopped?.name).toBe("RestoreStopped");
    const written = /written into "[^"]+" \(last source offset restored\): (.*)\n/.exec(stopped!.message)![1];
    expect(written).toMatch(/^partition 0 → (offset \d+|nothing), partition 1 → (offset \d+|nothing)$/);
    const partial = await consumeAll(target);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(sent.length);
    for (const m of written.matchAll(/partition (\d) → offset (\d+)/g)) {
      expect(partial.filter((r) => r.partition === Number(m[1]))).toHaveLength(Number(m[2]) + 1);
    }
    // Without --resume the checkpoint refuses a second start; with it, the rest is sent once.
    await expect(cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...cp)).rejects.toThrow(/add --resume to continue it/);
    const resumed = await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...cp, "--resume");
    expect(resumed.code).toBe(0);
    expect((await consumeAll(target)).map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
  });

  it("--resume counts a send in flight as written exactly when the target moved by it, and refuses any other move", async () => {
    const { topic, prefix, sent } = await backedUp(1, 1_200);
    const target = uniqueName("restored");
    await createTopic(target, 1);
    const cp = checkpoint();
    expect((await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...cp)).code).toBe(0);
    const done = JSON.parse(readFileSync(cp[1], "utf8"));
    expect(done).toMatchObject({ complete: true, restored: { 0: 1199 }, targetEnds: { 0: "1200" } });
    // As if it stopped with its last send (offsets 1000–1199) in flight, and that send was written.
    // The digest of what was sent stays that of all 1200 records, the send's own adds nothing: the read-back compares all.
    const inFlight = { ...done, complete: false, restored: { 0: 999 }, targetEnds: { 0: "1000" }, inFlight: { 0: { lastOffset: 1199, counts: { 0: 200 }, digests: { 0: { records: 0, digest: "0".repeat(64) } }, resolves: {} } } };
    writeFileSync(cp[1], JSON.stringify(inFlight));
    const r = await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...cp, "--resume");
    expect(r.lines.at(-1)).toBe(`0 records restored into ${target}`);
    expect((await consumeAll(target)).map(fingerprint)).toEqual(sent.map(fingerprint));
    // The target moved by neither 0 nor the send's 200 records: another writer; resuming would guess.
    writeFileSync(cp[1], JSON.stringify({ ...inFlight, targetEnds: { 0: "900" } }));
    await expect(cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...cp, "--resume")).rejects.toThrow(
      `cannot resume exactly: target partition(s) 0 of "${target}" moved by 300 record(s), while the send in flight, written in order, would move it by 0 or 200: something else writes to "${target}"`,
    );
  });

  it("verify names a missing middle object, a missing last object and a flipped bit", async () => {
    const { topic, prefix } = await backedUp(3, 6_000, 400);
    const keys = await listKeys(testCos(), `${prefix}ckafka-test/`);
    const ofPartition = (p: number) => keys.filter((k) => k.includes(`/${topic}+${p}+`));
    expect(ofPartition(0).length).toBeGreaterThanOrEqual(3);
    const verify = async () => {
      const r = await cli("verify", ...source(topic, prefix));
      return { code: r.code, problems: r.lines.filter((l) => l.startsWith("PROBLEM ")) };
    };
    const middle = ofPartition(0)[1];
    await remove(middle);
    let r = await verify();
    expect(r.code).toBe(1);
    expect(r.problems).toContainEqual(expect.stringMatching(new RegExp(`^PROBLEM ${escape(middle)}: missing; manifest .* lists it \\(partition 0, offsets? \\d+(–\\d+)?, \\d+ records\\)$`)));

    const last = ofPartition(1).at(-1)!;
    await remove(last);
    r = await verify();
    expect(r.problems).toContainEqual(expect.stringMatching(new RegExp(`^PROBLEM ${escape(last)}: missing; manifest`)));

    const flipped = ofPartition(2)[0];
    const bytes = await getBytes(testCos(), flipped);
    bytes[Math.floor(bytes.length / 2)] ^= 0x10;
    await put(flipped, bytes);
    r = await verify();
    // What is wrong: the gzip stream breaks, or decompresses into a line that is not a record.
    // Named by its digest, and not decoded: bytes that differ from the manifest are damaged.
    expect(r.problems.filter((l) => l.startsWith(`PROBLEM ${flipped}`))).toEqual([expect.stringMatching(new RegExp(`^PROBLEM ${escape(flipped)}: \\d+ bytes with sha256 [0-9a-f]{64}; manifest .* recorded`))]);
    expect(r.code).toBe(1);
  });

  it("verify reports overlapping objects, changed bytes, lines that do not decode and keys outside the layout", async () => {
    const { topic, prefix } = await backedUp(3, 3_000);
    const cos = testCos();
    const keys = await listKeys(cos, `${prefix}ckafka-test/`);
    // Partition 0: its first object without its first line, under the next offset's key, overlaps it.
    const first0 = keys.find((k) => k.includes(`${topic}+0+`))!;
    const lines0 = gunzipSync(await getBytes(cos, first0)).toString("utf8").split("\n").filter(Boolean);
    await put(first0.replace(/\+0{20}\.jsonl\.gz$/, "+00000000000000000001.jsonl.gz"), gzipSync(lines0.slice(1).join("\n") + "\n"));
    // Partition 0 again: an object whose first record is not the offset its key says.
    const misnamed = first0.replace(/\+0{20}\.jsonl\.gz$/, "+00000000000000000002.jsonl.gz");
    await put(misnamed, gzipSync(lines0[0] + "\n"));
    // Partition 1: an object rewritten without its last line no longer has the recorded sha256.
    const first1 = keys.find((k) => k.includes(`${topic}+1+`))!;
    const lines = gunzipSync(await getBytes(cos, first1)).toString("utf8").split("\n").filter(Boolean);
    await put(first1, gzipSync(lines.slice(0, -1).join("\n") + "\n"));
    // Partition 2: an object no manifest lists (so it is decoded) with a line cut short.
    const first2 = keys.find((k) => k.includes(`${topic}+2+`))!;
    await put(first2.replace(/\+0{20}\.jsonl\.gz$/, "+00000000000000099999.jsonl.gz"), gzipSync('{"partition":2,"offset":99999,"timestamp":1700000000002,"key":"k2","val\n'));
    // A key under the topic's folder that is not in the layout.
    const stray = `${prefix}ckafka-test/${topic}/dt=+058871-03/hour=20/${topic}+0+00000000000000000999.jsonl.gz`;
    await put(stray, gzipSync("{}\n"));

    const r = await cli("verify", ...source(topic, prefix));
    expect(r.code).toBe(1);
    const problems = r.lines.filter((l) => l.startsWith("PROBLEM "));
    expect(problems).toEqual(
      expect.arrayContaining([
        `PROBLEM ${misnamed}: the key says first offset 2, the first record has 0`,
        expect.stringMatching(/\+0\+00000000000000000001\.jsonl\.gz overlaps .*\+0\+0{20}\.jsonl\.gz: offsets 1–\d+ are in both$/),
        expect.stringMatching(new RegExp(`${escape(first1)}: \\d+ bytes with sha256 [0-9a-f]{64}; manifest .* recorded \\d+ bytes with sha256 [0-9a-f]{64}$`)),
        expect.stringMatching(/\+2\+0{15}99999\.jsonl\.gz, line 1: not a backup record/),
        `PROBLEM ${stray}: not a backup object key in the documented layout (prefix/instance/topic/dt=YYYY-MM-DD/hour=HH/topic+partition+offset.jsonl[.gz] or .parquet); restore does not read it`,
      ]),
    );
    expect(r.lines.at(-1)).toBe(`${problems.length} problem(s) found`);
  });

  it("verify lists a retention gap the manifest recorded as a hole, not a problem", async () => {
    const topic = uniqueName("cli-gap");
    const prefix = `${topic}/`;
    await createTopic(topic, 1);
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix });
    await produce(topic, Array.from({ length: 50 }, (_, i) => recordOfShape(i, 1)));
    expect((await invokeHandler(env)).ok).toBe(true);
    await produce(topic, Array.from({ length: 50 }, (_, i) => recordOfShape(50 + i, 1)));
    await withAdmin(async (admin) => {
      await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: "80" }] });
    });
    expect((await invokeHandler(env)).ok).toBe(true);
    const r = await cli("verify", ...source(topic, prefix));
    expect(r.lines[0]).toBe("partition 0: 2 objects, 70 records, offsets 0–99, no records at 50–79 (retention gap, recorded)");
    expect(r.code).toBe(0);

    // history: both runs, newest first, the gap in the newest.
    const h = await cli("history", ...source(topic, prefix));
    expect(h.code).toBe(0);
    expect(h.lines).toHaveLength(4);
    expect(h.lines[0]).toMatch(/^\S+Z {2}\d+\.\d s {2}20 records {2}\d+ bytes {2}1 objects {2}stop: caught-up 1 {2}gaps: p0 50–79$/);
    expect(h.lines[1]).toMatch(/^\S+Z {2}\d+\.\d s {2}50 records .* stop: caught-up 1$/);
    expect(h.lines[2]).toBe("2 of 2 run(s) shown");
    expect(h.lines[3]).toMatch(/^caught up as of \S+Z \(\d+ s ago\): every partition was read to its plan's end by a run started then or later; the newest runs left 0 offset\(s\) behind their plans$/);
    const j = JSON.parse((await cli("history", ...source(topic, prefix), "--json", "--limit", "1")).lines.join("\n"));
    expect(j.runs).toHaveLength(1);
    expect(j.runs[0].gaps).toEqual([{ partition: 0, from: 50, to: 80 }]);
    expect(j.totalRuns).toBe(2);
  });

  it("a hole of aborted records is explained by the run that read it; without manifests, only --brokers can tell", async () => {
    const topic = uniqueName("cli-tx");
    const prefix = `${topic}/`;
    await createTopic(topic, 1);
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix });
    await produce(topic, Array.from({ length: 10 }, (_, i) => recordOfShape(i, 1)));
    expect((await invokeHandler(env)).ok).toBe(true);
    await produceTransaction(topic, Array.from({ length: 5 }, (_, i) => recordOfShape(10 + i, 1)), "abort"); // aborted records and a marker from offset 10
    await produce(topic, Array.from({ length: 10 }, (_, i) => recordOfShape(20 + i, 1)));
    expect((await invokeHandler(env)).ok).toBe(true);
    let r = await cli("verify", ...source(topic, prefix));
    const [, last, holeEnd] = /^partition 0: 2 objects, 20 records, offsets 0–(\d+), no records at 10–(\d+) \(read by a run, no record: transaction markers, aborted or compacted records\)$/.exec(r.lines[0])!;
    expect(Number(last)).toBe(Number(holeEnd) + 10);
    expect(r.code).toBe(0);

    for (const key of await listKeys(testCos(), `${prefix}_manifests/`)) await remove(key);
    r = await cli("verify", ...source(topic, prefix));
    expect(r.code).toBe(1);
    expect(r.lines).toContain(
      `PROBLEM partition 0: no record at offsets 10–${holeEnd} and nothing explains it (no manifest records a retention gap there or a run that read there); --brokers asks the topic whether it holds records there`,
    );
    r = await cli("verify", ...source(topic, prefix), ...kafka(), "--group", env.CKB_GROUP_ID);
    // The abort's marker may land after the next records (Kafka writes markers after it answers EndTxn): the group then
    // committed past the backup's last record; the topic holds no record there, so the backup trails by nothing.
    expect(r.lines[0]).toMatch(new RegExp(`^partition 0: 2 objects, 20 records, offsets 0–${last}, no records at 10–${holeEnd} \\(the topic holds no record there\\), group committed (\\d+), topic end \\1, the backup trails the end by 0 offset\\(s\\)$`));
    expect(r.code).toBe(0);
  });

  it("verify --brokers compares with the group's committed offsets and says how far the backup trails", async () => {
    const { topic, prefix } = await backedUp(2, 200);
    await produce(topic, Array.from({ length: 30 }, (_, i) => recordOfShape(200 + i, 2)));
    const r = await cli("verify", ...source(topic, prefix), ...kafka(), "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.lines.join("\n"));
    expect(report.partitions.map((p: { committedOffset: number; topicEnd: number; trailingOffsets: number }) => [p.committedOffset, p.topicEnd, p.trailingOffsets])).toEqual([
      [100, 115, 15],
      [100, 115, 15],
    ]);
  });

  it("restore refuses the backed-up topic on its own cluster and a target with too few partitions, and bad options name themselves", async () => {
    const { topic, prefix } = await backedUp(3, 30);
    await expect(cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", topic, ...checkpoint())).rejects.toThrow(
      new RegExp(`^--target-topic: "${topic}" is the backed-up topic on the backed-up cluster \\(id \\S+\\): restoring into it would add every record a second time; restore into another topic or cluster, or add --into-source-topic if that is what you want$`),
    );
    const small = uniqueName("small");
    await createTopic(small, 2);
    await expect(cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", small, ...checkpoint())).rejects.toThrow(
      `target topic "${small}" has 2 partition(s); the backup has partition(s) 2: give the topic at least 3, or add --repartition to place records by key`,
    );
    expect(await consumeAll(small)).toEqual([]);
    await expect(cli("verify", ...source(topic, "no-slash"))).rejects.toThrow('--prefix: "no-slash" must end with "/"');
    await expect(cli("restore", ...source(topic, prefix), "--brokers", "nope", "--target-topic", small)).rejects.toThrow('--brokers: "nope" is not a broker address');
    await expect(cli("verify", ...source(topic, prefix).map((a) => (a === TEST_REGION ? "ap-guangzho" : a)))).rejects.toThrow('--region: "ap-guangzho" is not an SCF region (did you mean "ap-guangzhou"?)');
    await expect(main(["verify", ...source(topic, prefix)], {}, () => undefined, quietProgress)).rejects.toThrow("TENCENTCLOUD_SECRET_ID (or TENCENTCLOUD_SECRETID) and TENCENTCLOUD_SECRET_KEY (or TENCENTCLOUD_SECRETKEY) must be set");
  });
});

describe("help, timeouts and failures", () => {
  let mute: MuteServer;
  beforeAll(async () => {
    mute = await muteServer();
  });
  afterAll(() => mute.close());

  it("--help and --version answer with exit 0, for the tool and each command, and name the environment", async () => {
    for (const args of [["--help"], ["-h"], ["history", "--help"], ["verify", "--help"], ["restore", "--help"], ["export", "--help"]]) {
      const r = await cli(...args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.lines.join("\n")).toContain("TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY");
      expect(r.lines.join("\n")).toContain("4  restore stopped midway");
    }
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.lines[0]).toBe("Usage: ckafka-cos-backup [options] [command]");
    const v = await cli("--version");
    expect(v).toEqual({ code: 0, lines: [JSON.parse(readFileSync("package.json", "utf8")).version] });
    await expect(cli("verify", "--bogus")).rejects.toThrow(/unknown option '--bogus'|required option/);
  });

  it("every command exits 1 on a location without a backup, saying nothing is there; export writes no file", async () => {
    const empty = source("no-such-topic", "no-such-prefix/");
    const r = await cli("verify", ...empty);
    expect(r.code).toBe(1);
    expect(r.lines).toContain(`PROBLEM no backup object and no run manifest under ${TEST_BUCKET}/no-such-prefix/ckafka-test/no-such-topic/: check --bucket, --region, --prefix, --instance and --topic`);
    const check = "check --bucket, --region, --prefix, --instance and --topic (history lists the runs of a location)";
    expect(await refusal("history", ...empty)).toEqual({ status: 1, message: `error: no run manifest under ${TEST_BUCKET}/no-such-prefix/_manifests/ckafka-test/no-such-topic/: ${check}` });
    const out = join(work, `${uniqueName("export")}.jsonl`);
    for (const args of [["export", ...empty, "--out", out], ["restore", ...empty, "--target-topic", "t2", "--dry-run"], ["restore", ...empty, ...kafka(), "--target-topic", "t2", ...checkpoint()]]) {
      expect(await refusal(...args), args.join(" ")).toEqual({ status: 1, message: `error: no backup object under ${TEST_BUCKET}/no-such-prefix/ckafka-test/no-such-topic/: ${check}` });
    }
    expect(existsSync(out)).toBe(false);
  });

  it("a mute object store fails within --timeout, naming the endpoint and the wait", async () => {
    const started = Date.now();
    await expect(cli("verify", ...source("t", "p/", `http://${mute.address}`), "--timeout", "2")).rejects.toThrow(
      `COS http://${mute.address}/${TEST_BUCKET} did not answer GetBucket p/_manifests/ckafka-test/t/ within 2 s (--timeout)`,
    );
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it("a mute broker and a refused broker fail fast, in one line naming the broker", async () => {
    const { topic, prefix } = await backedUp(1, 10);
    const started = Date.now();
    await expect(cli("restore", ...source(topic, prefix), "--brokers", mute.address, "--target-topic", "t2", "--timeout", "2", ...checkpoint())).rejects.toThrow(
      `Kafka ${mute.address} did not answer connect within 2 s (--timeout)`,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    const refused = await new Promise<string>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(`127.0.0.1:${port}`));
      });
    });
    await expect(cli("restore", ...source(topic, prefix), "--brokers", refused, "--target-topic", "t2", "--timeout", "5", ...checkpoint())).rejects.toThrow(
      new RegExp(`^Kafka ${refused}: connect failed: .*ECONNREFUSED`),
    );
  });
});

describe("dry run, time ranges, repartition and export", () => {
  it("a dry run reports what would be sent and sends nothing", async () => {
    const { topic, prefix } = await backedUp(2, 300);
    const target = uniqueName("restored");
    await createTopic(target, 2);
    const cp = checkpoint();
    const r = await cli("restore", ...source(topic, prefix), "--target-topic", target, "--dry-run", "--from-offset", "10", ...cp);
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatch(/^partition 0: would send 140 records \(offsets 10–149\), \d+ bytes$/);
    expect(r.lines.at(-1)).toMatch(new RegExp(`^dry run: would send 280 records, \\d+ bytes, read from \\d+ objects, into ${target}; nothing sent$`));
    expect(await consumeAll(target)).toEqual([]);
    expect(existsSync(cp[1])).toBe(false);

    // A range past the backup's end selects nothing and says what the backup holds; a partition it lacks is a usage error.
    const past = await cli("restore", ...source(topic, prefix), "--target-topic", target, "--dry-run", "--partition", "0", "--from-offset", "1000");
    expect(past.code).toBe(0);
    expect(past.lines[0]).toBe("partition 0: no record selected; the backup holds offsets 0–149 of partition 0");
    expect(await refusal("restore", ...source(topic, prefix), "--target-topic", target, "--dry-run", "--partition", "2")).toEqual({
      status: 2,
      message: "error: --partition: the backup has no partition 2; it has partitions 0, 1\n(add --help for usage)",
    });
  });

  it("restore by time takes exactly the records whose timestamps are in the range", async () => {
    const { topic, prefix, sent } = await backedUp(2, 400);
    const target = uniqueName("restored");
    await createTopic(target, 2);
    // recordOfShape: record i has timestamp 1_700_000_000_000 + i s.
    const from = 1_700_000_000_000 + 123_000;
    const to = 1_700_000_000_000 + 321_000;
    const r = await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, "--from-time", new Date(from).toISOString(), "--to-time", new Date(to).toISOString(), ...checkpoint());
    expect(r.lines.at(-1)).toBe(`198 records restored into ${target}`);
    const wanted = sent.filter((s) => s.timestamp >= from && s.timestamp < to);
    expect((await consumeAll(target)).map(fingerprint).sort()).toEqual(wanted.map(fingerprint).sort());
  });

  it("--repartition places each keyed record where Kafka's Java client would", async () => {
    const { topic, prefix, sent } = await backedUp(3, 300);
    const target = uniqueName("restored");
    await createTopic(target, 5);
    const r = await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, "--repartition", ...checkpoint());
    expect(r.lines.at(-1)).toBe(`300 records restored into ${target}`);
    // The partition the Java client (kafka-clients 3.9, murmur2) computes for each key.
    const libs = execFileSync("bash", ["test/services/install-kafka.sh"]).toString().trim();
    const java = join(work, "Placement.java");
    writeFileSync(
      java,
      `public class Placement { public static void main(String[] a) { for (String k : a) { byte[] b = java.util.HexFormat.of().parseHex(k.substring(1));
        System.out.println(org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(b)) % 5); } } }`,
    );
    const keyed = sent.filter((s) => s.key !== null);
    const placed = execFileSync("java", ["-cp", `${libs}/*`, java, ...keyed.map((s) => `x${s.key!.toString("hex")}`)]).toString().trim().split("\n").map(Number);
    const expected = [...keyed.map((s, i) => ({ ...s, partition: placed[i] })), ...sent.filter((s) => s.key === null).map((s) => ({ ...s, partition: s.partition % 5 }))];
    expect(new Set(placed).size).toBe(5);
    expect((await consumeAll(target)).map(fingerprint).sort()).toEqual(expected.map(fingerprint).sort());
  });

  it("export writes a partition's lines byte for byte, and raw values concatenated or one file each", async () => {
    const { topic, prefix, sent } = await backedUp(2, 3_000);
    const keys = (await listKeys(testCos(), `${prefix}ckafka-test/`)).filter((k) => k.includes(`/${topic}+1+`));
    const lines = Buffer.concat(await Promise.all(keys.map(async (k) => gunzipSync(await getBytes(testCos(), k)))));
    const jsonl = join(work, `${uniqueName("export")}.jsonl`);
    const r = await cli("export", ...source(topic, prefix), "--partition", "1", "--out", jsonl);
    expect(r.lines.at(-1)).toMatch(new RegExp(`^1500 records, \\d+ bytes \\(\\d+ without a value\\), from ${keys.length} objects, written to ${escape(jsonl)}$`));
    expect(readFileSync(jsonl).equals(lines)).toBe(true);
    await expect(cli("export", ...source(topic, prefix), "--out", jsonl)).rejects.toThrow(/exists/);

    const ofOne = sent.filter((s) => s.partition === 1).slice(100, 110);
    const values = join(work, `${uniqueName("export")}.bin`);
    await cli("export", ...source(topic, prefix), "--partition", "1", "--from-offset", "100", "--to-offset", "110", "--format", "values", "--separator", "\\0", "--out", values);
    expect(readFileSync(values).equals(Buffer.concat(ofOne.flatMap((s, i) => [...(i ? [Buffer.from([0])] : []), s.value ?? Buffer.alloc(0)])))).toBe(true);
    const dir = join(work, uniqueName("export"));
    await cli("export", ...source(topic, prefix), "--partition", "1", "--from-offset", "100", "--to-offset", "110", "--format", "value-files", "--out", dir);
    const withValue = ofOne.map((s, i) => ({ s, offset: 100 + i })).filter(({ s }) => s.value !== null);
    expect(readdirSync(dir).sort()).toEqual(withValue.map(({ offset }) => `1-${offset}`).sort());
    for (const { s, offset } of withValue) expect(readFileSync(join(dir, `1-${offset}`)).equals(s.value!)).toBe(true);
  });
});

/**
 * Rewrites JSON Lines objects of a backup as Parquet objects of the same records (`.parquet` keys, several row
 * groups each) and the manifests that list them, as runs with `format: "parquet"` would have written them.
 */
async function asParquet(prefix: string, keys: string[]): Promise<Array<{ key: string; records: KafkaRecord[] }>> {
  const cos = testCos();
  const written = new Map<string, { key: string; storedBytes: number; sha256: string; records: KafkaRecord[] }>();
  for (const key of keys) {
    const records = gunzipSync(await getBytes(cos, key)).toString("utf8").split("\n").filter(Boolean).map(decodeRecord);
    const body = parquetObject(records, { rowGroupRows: 100 });
    const parquetKey = key.replace(/\.jsonl\.gz$/, ".parquet");
    await put(parquetKey, body);
    await remove(key);
    written.set(key, { key: parquetKey, storedBytes: body.length, sha256: createHash("sha256").update(body).digest("hex"), records });
  }
  for (const manifestKey of await listKeys(cos, `${prefix}_manifests/`)) {
    const manifest = JSON.parse((await getBytes(cos, manifestKey)).toString("utf8")) as RunManifest;
    for (const p of manifest.partitions) {
      p.objects = p.objects.map((o) => {
        const w = written.get(o.key);
        return w ? { ...o, key: w.key, storedBytes: w.storedBytes, sha256: w.sha256 } : o;
      });
    }
    await put(manifestKey, Buffer.from(JSON.stringify(manifest, null, 2) + "\n"));
  }
  return [...written.values()].map(({ key, records }) => ({ key, records }));
}

describe("Parquet objects and backups that hold both formats", () => {
  const perName = (h: Array<[string, Buffer | null]>) => [...new Set(h.map(([n]) => n))].flatMap((n) => h.filter(([m]) => m === n));
  const comparable = (rs: KafkaRecord[]) => rs.map((x) => ({ ...x, offset: 0, headers: perName(x.headers) }));

  it("a Parquet backup of every record shape verifies as sound, restores byte for byte and exports the lines JSON Lines objects hold", async () => {
    const topic = uniqueName("cli-parquet");
    const prefix = `${topic}/`;
    await createTopic(topic, 1);
    // Null header values and any int64 timestamp, as the Java client sends them; then every shape kafkajs sends.
    const timestamps = ["1700000000000", "-1", "9007199254740993", "9223372036854775807", "0", "253402300800000", "1700000000000123456"];
    await produceWithJava(
      topic,
      timestamps.map((timestamp, i) => ({
        partition: 0,
        key: i % 4 === 1 ? null : Buffer.from(`k${i}`),
        value: i % 3 === 0 ? null : Buffer.from([0xff, i, 0x00]),
        headers: i % 2 === 0 ? [["nullh", null], ["b", Buffer.from("x")], ["nullh", Buffer.alloc(0)]] : [],
        timestamp,
      })),
    );
    await produce(topic, Array.from({ length: 16 }, (_, i) => recordOfShape(i, 1)));
    expect((await invokeHandler(synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix }))).ok).toBe(true);
    const before = await backupRecords(prefix);
    expect(before.map((r) => r.timestamp).slice(0, timestamps.length)).toEqual(timestamps);
    const fromJsonLines = join(work, `${uniqueName("export")}.jsonl`);
    expect((await cli("export", ...source(topic, prefix), "--out", fromJsonLines)).code).toBe(0);

    const objects = await asParquet(prefix, await listKeys(testCos(), `${prefix}ckafka-test/`));
    expect(objects.length).toBeGreaterThan(2); // timestamps in several time folders
    expect((await listKeys(testCos(), `${prefix}ckafka-test/`)).every((k) => k.endsWith(".parquet"))).toBe(true);
    const verified = await cli("verify", ...source(topic, prefix));
    expect(verified.lines.slice(-2)).toEqual([`${objects.length} object(s) checked against 1 manifest(s) (size and sha256)`, "backup is sound"]);
    expect(verified.code).toBe(0);

    const fromParquet = join(work, `${uniqueName("export")}.jsonl`);
    expect((await cli("export", ...source(topic, prefix), "--out", fromParquet)).code).toBe(0);
    expect(readFileSync(fromParquet).equals(readFileSync(fromJsonLines))).toBe(true);

    const target = uniqueName("restored");
    await createTopic(target, 1);
    const r = await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...checkpoint());
    expect(r.lines.at(-1)).toBe(`${before.length} records restored into ${target}`);
    // Back up the target too (the consumer here cannot see null header values), and compare what the two backups hold.
    const targetPrefix = `${target}/`;
    expect((await invokeHandler(synthesizedEnvironment({ functionName: uniqueName("fn"), topic: target, deliveryPathPrefix: targetPrefix }))).ok).toBe(true);
    expect(comparable(await backupRecords(targetPrefix))).toEqual(comparable(before));
  });

  it("a backup that switched from JSON Lines to Parquet verifies, restores and exports as one; a damaged Parquet object is named", async () => {
    const topic = uniqueName("cli-mixed");
    const prefix = `${topic}/`;
    await createTopic(topic, 2);
    const sent = Array.from({ length: 2_000 }, (_, i) => recordOfShape(i, 2, 1_000));
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024 });
    await produce(topic, sent.slice(0, 1_000));
    expect((await invokeHandler(env)).ok).toBe(true);
    const firstRun = await listKeys(testCos(), `${prefix}ckafka-test/`);
    await produce(topic, sent.slice(1_000));
    expect((await invokeHandler(env)).ok).toBe(true);
    const all = await listKeys(testCos(), `${prefix}ckafka-test/`);
    const fromJsonLines = join(work, `${uniqueName("export")}.jsonl`);
    expect((await cli("export", ...source(topic, prefix), "--out", fromJsonLines)).code).toBe(0);
    // The second run's objects become Parquet: each partition holds JSON Lines objects, then Parquet ones.
    const parquet = await asParquet(prefix, all.filter((k) => !firstRun.includes(k)));
    for (const p of [0, 1]) {
      const keys = (await listKeys(testCos(), `${prefix}ckafka-test/`)).filter((k) => k.includes(`/${topic}+${p}+`));
      expect(keys.some((k) => k.endsWith(".jsonl.gz")) && keys.some((k) => k.endsWith(".parquet")), keys.join(" ")).toBe(true);
    }

    const verified = await cli("verify", ...source(topic, prefix));
    expect(verified.lines.slice(-2)).toEqual([`${all.length} object(s) checked against 2 manifest(s) (size and sha256)`, "backup is sound"]);
    expect(verified.lines.filter((l) => l.startsWith("partition ")).map((l) => /(\d+) records/.exec(l)![1]).map(Number)).toEqual([1000, 1000]);
    const fromBoth = join(work, `${uniqueName("export")}.jsonl`);
    expect((await cli("export", ...source(topic, prefix), "--out", fromBoth)).code).toBe(0);
    expect(readFileSync(fromBoth).equals(readFileSync(fromJsonLines))).toBe(true);
    const target = uniqueName("restored");
    await createTopic(target, 2);
    const restored = await cli("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...checkpoint());
    expect(restored.lines.at(-1)).toBe(`2000 records restored into ${target}`);
    expect((await consumeAll(target)).map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());

    // One Parquet object with a byte flipped, another rewritten with an annotated timestamp column.
    const [flipped, mistyped] = parquet;
    const bytes = await getBytes(testCos(), flipped.key);
    bytes[bytes.length >> 1] ^= 0xff;
    await put(flipped.key, bytes);
    const schema = PARQUET_SCHEMA.map((e) => (e.name === "timestamp" ? { ...e, converted_type: "TIMESTAMP_MILLIS" as const } : e));
    await put(mistyped.key, parquetObject(mistyped.records, { schema }));
    const damaged = await cli("verify", ...source(topic, prefix));
    expect(damaged.code).toBe(1);
    // Bytes that differ from the manifest are named and not decoded (damaged Parquet can make a decoder crash or
    // hang): one problem per object, the digests. An object no manifest lists is decoded, and refused by its schema.
    for (const o of [flipped, mistyped]) {
      expect(damaged.lines.filter((l) => l.startsWith(`PROBLEM ${o.key}`))).toEqual([
        expect.stringMatching(new RegExp(`^PROBLEM ${escape(o.key)}: \\d+ bytes with sha256 [0-9a-f]{64}; manifest .* recorded \\d+ bytes with sha256 [0-9a-f]{64}$`)),
      ]);
    }
    const unlisted = mistyped.key.replace(/\+\d{20}\.parquet$/, "+00000000000000099999.parquet");
    await put(unlisted, parquetObject(mistyped.records, { schema }));
    const foreign = await cli("verify", ...source(topic, prefix));
    expect(foreign.lines).toContain(
      `PROBLEM ${unlisted}: not a backup Parquet object: schema element 3 is "timestamp INT64 REQUIRED TIMESTAMP(MILLIS,UTC)", the backup format has "timestamp INT64 REQUIRED" (README "Record format")`,
    );
    expect(foreign.lines).not.toContain(`PROBLEM ${unlisted}: holds no record`); // it was not read at all
    const partition = String(parseObjectKey({ prefix, instanceId: "ckafka-test", topic }, unlisted)!.partition);
    const exported = await cli("export", ...source(topic, prefix), "--partition", partition, "--from-offset", "99999", "--out", join(work, uniqueName("x"))).then(() => ({ status: 0 }), exitStatus);
    expect(exported.status).toBe(1); // an object that does not decode is a problem of the backup, not a failed call
  });
});

describe("restore and export check every object against the run manifests", () => {
  const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

  /** One partition backed up by two runs (two objects), as Parquet, gzip JSON Lines or uncompressed JSON Lines. */
  async function twoRuns(format: "parquet" | "jsonl.gz" | "jsonl") {
    const topic = uniqueName("cli-check");
    const prefix = `${topic}/`;
    await createTopic(topic, 1);
    const sent = Array.from({ length: 200 }, (_, i) => recordOfShape(i, 1));
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, compression: format === "jsonl" ? "none" : "gzip" });
    await produce(topic, sent.slice(0, 100));
    expect((await invokeHandler(env)).ok).toBe(true);
    await produce(topic, sent.slice(100));
    expect((await invokeHandler(env)).ok).toBe(true);
    let keys = await listKeys(testCos(), `${prefix}ckafka-test/`);
    if (format === "parquet") keys = (await asParquet(prefix, keys)).map((o) => o.key);
    expect(keys.map((k) => k.slice(k.lastIndexOf("+") + 1))).toEqual([`00000000000000000000.${format}`, `00000000000000000100.${format}`]);
    return { topic, prefix, sent, keys };
  }

  /** The object's bytes with one bit flipped such that they still decode, into other records than the object's. */
  async function flipThatDecodes(topic: string, prefix: string, key: string, bytes: Buffer): Promise<Buffer> {
    const object = { ...parseObjectKey({ prefix, instanceId: "ckafka-test", topic }, key)!, key };
    const decoded = async (b: Buffer) => {
      const out: string[] = [];
      for await (const { record } of readObject(object, b)) out.push(fingerprint(record));
      return out.join("\n");
    };
    const original = await decoded(bytes);
    for (let bit = (bytes.length >> 1) * 8; bit < bytes.length * 8; bit++) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3] ^= 1 << (bit & 7);
      try {
        if ((await decoded(flipped)) !== original) return flipped;
      } catch {
        // does not decode: the next bit
      }
    }
    throw new Error(`${key}: no single flipped bit in its second half decodes`);
  }

  for (const format of ["parquet", "jsonl"] as const) {
    it(`a .${format} object with a flipped bit that still decodes: restore and export stop before any of its records, naming it; repaired, --resume finishes`, async () => {
      const { topic, prefix, sent, keys } = await twoRuns(format);
      const [, damaged] = keys;
      const original = await getBytes(testCos(), damaged);
      await put(damaged, await flipThatDecodes(topic, prefix, damaged, original));
      const [manifestKey] = await listKeys(testCos(), `${prefix}_manifests/`).then((k) => k.slice(1));
      const wrong = `${escape(damaged)}: ${original.length} bytes with sha256 [0-9a-f]{64}; manifest ${escape(manifestKey)} recorded ${original.length} bytes with sha256 ${sha256(original)}: the object is damaged or was changed after its run wrote it`;

      const target = uniqueName("restored");
      await createTopic(target, 1);
      const cp = checkpoint();
      // The preflight reads every object before any write: the damaged one is refused, nothing is written.
      const refused = await refusal("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...cp);
      expect(refused.status).toBe(1);
      expect(refused.message).toMatch(new RegExp(`^error: ${wrong}\\nnothing was written into "${target}"; once the object is repaired \\(README "Operating a backup"\\), run the same command again$`));
      expect(await consumeAll(target)).toEqual([]);
      expect(existsSync(cp[1])).toBe(false);
      // Without the preflight's read, the restore stops right before the damaged object's records.
      const restore = ["restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, "--no-scan", ...cp];
      const stopped = await refusal(...restore);
      expect(stopped.status).toBe(1);
      expect(stopped.message).toMatch(
        new RegExp(
          `^error: restore stopped: ${wrong}\\nwritten into "${target}" \\(last source offset restored\\): partition 0 → offset 99\\n` +
            `once the object is repaired \\(README "Operating a backup"\\), run the same command with --resume to continue from there \\(checkpoint ${escape(cp[1])}\\)$`,
        ),
      );
      // The records of the object before it, and none of the damaged one's.
      expect((await consumeAll(target)).map(fingerprint)).toEqual(sent.slice(0, 100).map(fingerprint));
      const dry = await refusal("restore", ...source(topic, prefix), "--target-topic", target, "--dry-run");
      expect(dry.status).toBe(1);
      expect(dry.message).toMatch(new RegExp(`^error: ${wrong}$`));

      for (const format of ["jsonl", "values", "value-files"]) {
        const out = join(work, uniqueName("export"));
        const exported = await refusal("export", ...source(topic, prefix), "--format", format, "--out", out);
        expect(exported.status, format).toBe(1);
        expect(exported.message).toMatch(new RegExp(`^error: ${wrong}\\nexport stopped: nothing written to ${escape(out)}$`));
        expect([existsSync(out), existsSync(`${out}.partial`)]).toEqual([false, false]);
      }

      await put(damaged, original);
      expect((await cli(...restore, "--resume")).lines.at(-1)).toBe(`100 records restored into ${target}`);
      expect((await consumeAll(target)).map(fingerprint)).toEqual(sent.map(fingerprint));
    });
  }

  it("objects no manifest lists are read with one warning on stderr, and refused with --require-manifest before anything is sent or written", async () => {
    const { topic, prefix, sent, keys } = await twoRuns("jsonl.gz");
    const manifests = await listKeys(testCos(), `${prefix}_manifests/`);
    await remove(manifests[1]); // the second run's: its object is listed by none
    const warning = `warning: 1 of 2 object(s) to read is listed by no run manifest under ${TEST_BUCKET}/${prefix}_manifests/ckafka-test/${topic}/: their bytes cannot be checked against a recorded size and sha256 (--require-manifest refuses them)`;
    const withWarnings = async (...args: string[]) => {
      const lines: string[] = [];
      const warnings: string[] = [];
      const code = await main(args, CREDENTIALS, (l) => lines.push(l), quietProgress, (w) => warnings.push(w));
      return { code, lines, warnings };
    };

    const target = uniqueName("restored");
    await createTopic(target, 1);
    const cp = checkpoint();
    const refused = await refusal("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...cp, "--require-manifest");
    expect(refused).toEqual({
      status: 1,
      message: `error: 1 of 2 object(s) to read is listed by no run manifest under ${TEST_BUCKET}/${prefix}_manifests/ckafka-test/${topic}/ (${keys[1]}): their bytes cannot be checked, and --require-manifest refuses them; nothing was read`,
    });
    expect(existsSync(cp[1])).toBe(false);
    const out = join(work, `${uniqueName("export")}.jsonl`);
    expect((await refusal("export", ...source(topic, prefix), "--out", out, "--require-manifest")).status).toBe(1);
    expect([existsSync(out), existsSync(`${out}.partial`)]).toEqual([false, false]);
    expect(await consumeAll(target)).toEqual([]);

    // Only the objects to read count: the first run's object alone is listed.
    expect((await withWarnings("restore", ...source(topic, prefix), "--target-topic", target, "--dry-run", "--to-offset", "100", "--require-manifest")).code).toBe(0);
    const restored = await withWarnings("restore", ...source(topic, prefix), ...kafka(), "--target-topic", target, ...cp);
    expect(restored).toEqual({ code: 0, lines: expect.arrayContaining([`200 records restored into ${target}`]), warnings: [warning] });
    expect((await consumeAll(target)).map(fingerprint)).toEqual(sent.map(fingerprint));
    const exported = await withWarnings("export", ...source(topic, prefix), "--out", out);
    expect(exported.code).toBe(0);
    expect(exported.lines.at(-1)).toMatch(new RegExp(`^200 records, \\d+ bytes \\(\\d+ without a value\\), from 2 objects, written to ${escape(out)}$`));
    expect(exported.warnings).toEqual([warning]);
    expect(existsSync(`${out}.partial`)).toBe(false);

    // verify: counted by default; a problem with --require-manifest.
    const verified = await cli("verify", ...source(topic, prefix));
    // Exit 0 (their run may only have failed to store its manifest), but not called sound: they were not checked.
    expect([verified.code, verified.lines.at(-1)]).toEqual([0, "no problem found; 1 object(s) unchecked (WARNING above)"]);
    expect(verified.lines).toContain("1 object(s) checked against 1 manifest(s) (size and sha256); 1 object(s) no manifest lists");
    expect(verified.lines).toContain(
      "WARNING 1 object(s) is listed by no run manifest: their bytes were not checked against a recorded size and sha256, and history lists no run that wrote them (--require-manifest makes each a problem)",
    );
    const strict = await cli("verify", ...source(topic, prefix), "--require-manifest");
    expect(strict.code).toBe(1);
    expect(strict.lines).toContain(`PROBLEM ${keys[1]}: no run manifest lists it, so its bytes cannot be checked (--require-manifest)`);
  });
});
