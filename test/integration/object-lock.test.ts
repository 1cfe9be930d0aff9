// A bucket with Object Lock (WORM): the object server refuses to delete a locked version, and a PUT of a key
// already written adds a second version. The handler must never write a key twice: a crash-and-rerun leaves
// exactly one version of every object and no error, an object with other bytes under a key it would write
// stops the run with the key named, and the CLI's verify and restore read the locked backup.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ENV } from "../../function/config";
import { objectKey } from "../../function/object-keys";
import { fingerprint } from "../helpers/backup-reader";
import { TEST_REGION, cosEndpoint } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { completesObjectUnder, startHoldingProxy } from "../helpers/holding-proxy";
import { brokers, committedOffsets, consumeAll, createTopic, partitionOffsets, produce, textRecords, uniqueName } from "../helpers/kafka";
import { cli } from "../helpers/cli";

const NAME = `locked${Date.now() % 1_000_000}`;
const BUCKET = `${NAME}-1250000000`;

/** Creates a bucket with Object Lock on and a default retention of one day, COMPLIANCE (S3's API, as COS's object_lock_configuration does). */
async function createLockedBucket(): Promise<void> {
  const created = await fetch(`${cosEndpoint()}/${BUCKET}`, { method: "PUT", headers: { "x-amz-bucket-object-lock-enabled": "true" } });
  expect(created.status, await created.text()).toBe(200);
  const rule =
    '<ObjectLockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ObjectLockEnabled>Enabled</ObjectLockEnabled>' +
    "<Rule><DefaultRetention><Mode>COMPLIANCE</Mode><Days>1</Days></DefaultRetention></Rule></ObjectLockConfiguration>";
  const locked = await fetch(`${cosEndpoint()}/${BUCKET}?object-lock`, { method: "PUT", body: rule });
  expect(locked.status, await locked.text()).toBe(200);
}

/** A PUT of `body` outside the handler (the object server wants Content-MD5 in a locked bucket, as S3 does). */
function putObject(key: string, body: string): Promise<Response> {
  return fetch(`${cosEndpoint()}/${BUCKET}/${key}`, { method: "PUT", body, headers: { "content-md5": createHash("md5").update(body).digest("base64") } });
}

/** Every version of every key under `prefix`: key → version ids. */
async function versions(prefix: string): Promise<Map<string, string[]>> {
  const res = await fetch(`${cosEndpoint()}/${BUCKET}?versions&prefix=${encodeURIComponent(prefix)}&max-keys=1000`);
  const xml = await res.text();
  expect(res.status, xml).toBe(200);
  expect(xml).not.toContain("<IsTruncated>true</IsTruncated>");
  const out = new Map<string, string[]>();
  for (const [, body] of xml.matchAll(/<Version>([\s\S]*?)<\/Version>/g)) {
    const key = /<Key>([^<]*)<\/Key>/.exec(body)![1];
    out.set(key, [...(out.get(key) ?? []), /<VersionId>([^<]*)<\/VersionId>/.exec(body)![1]]);
  }
  return out;
}

/** The handler's environment for a backup of `topic` into the locked bucket, as the construct synthesizes it with objectLockDays. */
function lockedEnvironment(topic: string, prefix: string, partitionMaxBytes = 1024 * 1024): Record<string, string> {
  const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes, compression: "none", existingBucketName: undefined, bucketNamePrefix: NAME, objectLockDays: 1 });
  expect(env[ENV.bucket]).toMatch(/^\$\{tencentcloud_cos_bucket\.\S+\.bucket\}$/); // the new bucket's name, known at apply
  expect(env[ENV.writeOnce]).toBe("true");
  return { ...env, [ENV.bucket]: BUCKET };
}

const source = (topic: string, prefix: string) => ["--bucket", BUCKET, "--region", TEST_REGION, "--endpoint", cosEndpoint(), "--instance", "ckafka-test", "--topic", topic, "--prefix", prefix];

async function drain(env: Record<string, string>, topic: string): Promise<void> {
  for (let run = 1; run <= 10; run++) {
    const r = await invokeHandler(env);
    expect(r.error, r.stderr).toBeUndefined();
    const ends = await partitionOffsets(topic);
    const committed = await committedOffsets(env[ENV.groupId], topic);
    if ([...ends].every(([p, { high }]) => committed.get(p) === high)) return;
  }
  throw new Error("not drained after 10 runs");
}

describe("a bucket with Object Lock", () => {
  beforeAll(createLockedBucket);

  it("the object server enforces the lock: a locked version cannot be deleted", async () => {
    const key = `${uniqueName("probe")}/object`;
    const put = await putObject(key, "x");
    expect(put.status, await put.text()).toBe(200);
    const [version] = (await versions(key)).get(key)!;
    const del = await fetch(`${cosEndpoint()}/${BUCKET}/${key}?versionId=${encodeURIComponent(version)}`, { method: "DELETE" });
    expect(del.status).toBe(403);
    expect((await versions(key)).get(key)).toEqual([version]);
  });

  it("killed after an object was written and before its offset was committed, the rerun finds it written: one version of every object, no error, and verify and restore read the backup", async () => {
    const topic = uniqueName("worm");
    const prefix = `${topic}/`;
    await createTopic(topic, 2);
    // About 12 MiB a partition, objects cut at 10 MiB: multipart uploads of 5 MiB parts, and single PUTs.
    const sent = textRecords(24_000, 2, 1_000);
    await produce(topic, sent);
    const env = lockedEnvironment(topic, prefix, 10 * 1024 * 1024);
    // The first data object to become durable is never confirmed, and the handler is killed then.
    const proxy = await startHoldingProxy(cosEndpoint(), completesObjectUnder(`${prefix}ckafka-test/`));
    let heldKey: string;
    try {
      const run = await invokeHandler({ ...env, [ENV.cosEndpoint]: proxy.endpoint }, { killOn: proxy.held });
      expect(run.killed).toBe(true);
      const held = await proxy.held;
      expect(held).toContain("uploadId="); // a 10 MiB object's CompleteMultipartUpload: the rerun meets a multipart object
      heldKey = decodeURIComponent(new URL(held, "http://x").pathname).replace(`/${BUCKET}/`, "");
    } finally {
      await proxy.close();
    }
    // More crashes at other points, then runs until the group has committed everything.
    for (const ms of [600, 1_200, 2_000]) await invokeHandler(env, { killAfterMs: ms });
    await drain(env, topic);

    const objects = await versions(`${prefix}ckafka-test/`);
    expect(objects.has(heldKey)).toBe(true);
    expect(objects.size).toBeGreaterThanOrEqual(4);
    for (const [key, ids] of objects) expect(ids, `${key} was written more than once`).toHaveLength(1);

    const verified = await cli("verify", ...source(topic, prefix));
    expect(verified.code, verified.lines.join("\n")).toBe(0);
    expect(verified.lines.filter((l) => l.startsWith("partition ")).map((l) => Number(/(\d+) records/.exec(l)![1]))).toEqual([12000, 12000]);
    const target = uniqueName("restored");
    await createTopic(target, 2);
    const restored = await cli("restore", ...source(topic, prefix), "--brokers", brokers().join(","), "--target-topic", target, "--checkpoint", `/tmp/${uniqueName("cp")}.json`);
    expect(restored.code, restored.lines.join("\n")).toBe(0);
    expect(restored.lines.at(-1)).toBe(`24000 records restored into ${target}`);
    expect((await consumeAll(target)).map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
  });

  it("an object with other bytes under a key the run would write stops the run with the key named, and stays as it was", async () => {
    const topic = uniqueName("worm-other");
    const prefix = `${topic}/`;
    await createTopic(topic, 1);
    const sent = textRecords(10, 1, 100);
    await produce(topic, sent);
    const key = objectKey({ prefix, instanceId: "ckafka-test", topic, format: "jsonl", compression: "none" }, 0, 0, String(sent[0].timestamp));
    expect((await putObject(key, "x")).status).toBe(200);

    const env = lockedEnvironment(topic, prefix);
    const run = await invokeHandler(env);
    expect(run.ok).toBe(false);
    expect(run.error).toContain(`${key} already holds 1 bytes that differ from this run's`);
    expect(run.error).toContain("write-once (Object Lock), so it is not replaced");
    expect((await versions(key)).get(key)).toHaveLength(1);
    expect((await committedOffsets(env[ENV.groupId], topic)).get(0) ?? 0).toBe(0); // nothing committed past it
  });
});
