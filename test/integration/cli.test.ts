// The operator commands against a real backup: verify finds what is wrong, restore replays byte for byte.
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { fingerprint } from "../helpers/backup-reader";
import { TEST_BUCKET, TEST_REGION, cosEndpoint, getBytes, listKeys, testCos } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { SASL_USERS } from "../services/kafka-broker";
import { brokers, consumeAll, createTopic, produce, recordOfShape, uniqueName, withAdmin, type SentRecord } from "../helpers/kafka";

const CREDENTIALS = { TENCENTCLOUD_SECRETID: "test-id", TENCENTCLOUD_SECRETKEY: "test-key" };

async function backedUp(partitions: number, count: number): Promise<{ topic: string; prefix: string; sent: SentRecord[] }> {
  const topic = uniqueName("cli");
  const prefix = `${topic}/`;
  await createTopic(topic, partitions);
  // A value over 1 MiB every 1,000 records, and a 1 MiB cap: each partition has several objects.
  const sent = Array.from({ length: count }, (_, i) => recordOfShape(i, partitions, 1_000));
  await produce(topic, sent);
  const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024 });
  const run = await invokeHandler(env);
  expect(run.ok, run.stderr).toBe(true);
  return { topic, prefix, sent };
}

async function cli(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(args, CREDENTIALS, (l) => lines.push(l));
  return { code, lines };
}

const source = (topic: string, prefix: string) => ["--bucket", TEST_BUCKET, "--region", TEST_REGION, "--endpoint", cosEndpoint(), "--instance", "ckafka-test", "--topic", topic, "--prefix", prefix];

describe("verify and restore", () => {
  it("a backup of records of every shape verifies as sound and restores byte for byte into another topic", async () => {
    const { topic, prefix, sent } = await backedUp(3, 9_000);
    const verified = await cli("verify", ...source(topic, prefix));
    expect(verified.lines.at(-1)).toBe("backup is sound");
    expect(verified.code).toBe(0);
    const objects = (await listKeys(testCos(), `${prefix}ckafka-test/`)).length;
    expect(objects).toBeGreaterThan(3);
    expect(verified.lines).toContain(`${objects} object digest(s) checked against manifests`);
    expect(verified.lines.filter((l) => l.startsWith("partition ")).map((l) => /(\d+) records/.exec(l)![1]).map(Number)).toEqual([3000, 3000, 3000]);

    const target = uniqueName("restored");
    await createTopic(target, 3);
    const restored = await cli("restore", ...source(topic, prefix), "--brokers", brokers().join(","), "--target-topic", target);
    expect(restored.code).toBe(0);
    expect(restored.lines.at(-1)).toBe(`9000 records restored into ${target}`);
    const back = await consumeAll(target);
    expect(back.map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
  });

  it("restore can take a range of offsets of chosen partitions", async () => {
    const { topic, prefix, sent } = await backedUp(2, 400);
    const target = uniqueName("restored");
    await createTopic(target, 2);
    const r = await cli("restore", ...source(topic, prefix), "--brokers", brokers().join(","), "--target-topic", target, "--partition", "1", "--from-offset", "50", "--to-offset", "150");
    expect(r.lines).toEqual(["partition 1: 100 records restored", `100 records restored into ${target}`]);
    const wanted = sent.filter((s) => s.partition === 1).slice(50, 150);
    expect((await consumeAll(target)).map(fingerprint).sort()).toEqual(wanted.map(fingerprint).sort());
  });

  it("restore authenticates with SASL/SCRAM, the password taken from KAFKA_SASL_PASSWORD", async () => {
    const { topic, prefix, sent } = await backedUp(1, 50);
    const target = uniqueName("restored");
    await createTopic(target, 1);
    const { username, password } = SASL_USERS.scram;
    const args = ["restore", ...source(topic, prefix), "--brokers", process.env.CKB_KAFKA_SASL_BROKERS!, "--target-topic", target, "--sasl-mechanism", "scram-sha-512", "--sasl-username", username];
    await expect(main(args, { ...CREDENTIALS, KAFKA_SASL_PASSWORD: "wrong" }, () => undefined)).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    expect(await main(args, { ...CREDENTIALS, KAFKA_SASL_PASSWORD: password }, () => undefined)).toBe(0);
    expect((await consumeAll(target)).map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
  });

  it("verify reports overlapping objects, changed bytes and lines that do not decode", async () => {
    const { topic, prefix } = await backedUp(3, 3_000);
    const cos = testCos();
    const keys = await listKeys(cos, `${prefix}ckafka-test/`);
    const put = (Key: string, Body: Buffer) => cos.putObject({ Bucket: TEST_BUCKET, Region: TEST_REGION, Key, Body });
    // Partition 0: a copy of its first object under the next offset's key overlaps it.
    const first0 = keys.find((k) => k.includes(`${topic}+0+`))!;
    await put(first0.replace(/\+0{20}\.jsonl\.gz$/, "+00000000000000000001.jsonl.gz"), await getBytes(cos, first0));
    // Partition 1: an object rewritten without its last line no longer has the recorded sha256.
    const first1 = keys.find((k) => k.includes(`${topic}+1+`))!;
    const lines = gunzipSync(await getBytes(cos, first1)).toString("utf8").split("\n").filter(Boolean);
    await put(first1, gzipSync(lines.slice(0, -1).join("\n") + "\n"));
    // Partition 2: a line cut short.
    const first2 = keys.find((k) => k.includes(`${topic}+2+`))!;
    await put(first2, gzipSync('{"partition":2,"offset":0,"timestamp":1700000000002,"key":"k2","val\n'));

    const r = await cli("verify", ...source(topic, prefix));
    expect(r.code).toBe(1);
    const problems = r.lines.filter((l) => l.startsWith("PROBLEM "));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\+0\+00000000000000000001\.jsonl\.gz: the key says first offset 1, the first record has 0$/),
        expect.stringMatching(/\+0\+00000000000000000001\.jsonl\.gz overlaps .*\+0\+0{20}\.jsonl\.gz: offsets 0–\d+ are in both$/),
        expect.stringMatching(new RegExp(`${first1.replace(/[.+]/g, "\\$&")}: sha256 [0-9a-f]{64} differs from [0-9a-f]{64} in the manifest$`)),
        expect.stringMatching(/\+2\+0{20}\.jsonl\.gz, line 1: not a backup record/),
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
  });

  it("restore refuses the backed-up topic and a target with too few partitions, and bad options name themselves", async () => {
    const { topic, prefix } = await backedUp(3, 30);
    const kafka = ["--brokers", brokers().join(",")];
    await expect(cli("restore", ...source(topic, prefix), ...kafka, "--target-topic", topic)).rejects.toThrow(
      `target topic "${topic}" is the backed-up topic: restoring into it would add every record a second time; restore into another topic`,
    );
    const small = uniqueName("small");
    await createTopic(small, 2);
    await expect(cli("restore", ...source(topic, prefix), ...kafka, "--target-topic", small)).rejects.toThrow(
      `target topic "${small}" has 2 partition(s); the backup has partition(s) 2: give the topic at least 3`,
    );
    expect(await consumeAll(small)).toEqual([]);
    await expect(cli("verify", ...source(topic, "no-slash"))).rejects.toThrow('--prefix: "no-slash" must end with "/"');
    await expect(cli("restore", ...source(topic, prefix), "--brokers", "nope", "--target-topic", small)).rejects.toThrow('--brokers: "nope" is not a broker address');
    await expect(main(["verify", ...source(topic, prefix)], {}, () => undefined)).rejects.toThrow("TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set");
  });
});
