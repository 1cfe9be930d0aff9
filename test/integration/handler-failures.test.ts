// Bad input and broken services: clear errors, nothing committed beyond what is durably written.
import { describe, expect, it } from "vitest";
import { runBackup } from "../../function/backup-run";
import { ENV, fromEnvironment } from "../../function/config";
import COS from "cos-nodejs-sdk-v5";
import { createServer as createHttpServer } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server } from "node:net";
import { CosStorage, cosErrorMessage, endpointOptions } from "../../function/cos-storage";
import { expectExactlyOnce } from "../helpers/assertions";
import { readBackup } from "../helpers/backup-reader";
import { TEST_REGION, cosEndpoint, testCos } from "../helpers/cos";
import { startFlakyProxy } from "../helpers/flaky-proxy";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { committedOffsets, createTopic, partitionOffsets, produce, recordOfShape, testKafka, uniqueName, withAdmin } from "../helpers/kafka";
import { startSsmStandIn } from "../helpers/ssm-stand-in";
import { SASL_USERS } from "../services/kafka-broker";

const records = (n: number, partitions: number, from = 0) => Array.from({ length: n }, (_, i) => recordOfShape(from + i, partitions));

describe("handler failures", () => {
  it("an invalid setting fails before connecting, naming the variable", async () => {
    const env = synthesizedEnvironment({ functionName: "fn-invalid", topic: "t" }, { [ENV.prefix]: "no-slash", [ENV.brokers]: "127.0.0.1:1" });
    const r = await invokeHandler(env);
    expect(r.ok).toBe(false);
    expect(r.error).toContain(`${ENV.prefix}: "no-slash" must end with "/"`);
  });

  it("an unreachable broker is a clear error and commits nothing", async () => {
    const topic = uniqueName("nobroker");
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic }, { [ENV.brokers]: "127.0.0.1:1" });
    const r = await invokeHandler(env);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/backup of topic \S+ \(brokers 127\.0\.0\.1:1\) failed: .*ECONNREFUSED 127\.0\.0\.1:1/);
    expect(await committedOffsets(env[ENV.groupId], topic).catch(() => new Map())).toEqual(new Map());
  });

  it("a broker address that is not Kafka fails in seconds, naming the address and what it answered", async () => {
    const listen = async (server: Server) => {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      return `127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    const http = createHttpServer((_req, res) => res.end("hello"));
    const silent = createTcpServer(() => undefined); // accepts, never answers
    try {
      const [httpAddress, silentAddress] = [await listen(http), await listen(silent)];
      const topic = uniqueName("notkafka");
      const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic }, { [ENV.brokers]: `${httpAddress},${silentAddress}` });
      const r = await invokeHandler(env);
      expect(r.ok).toBe(false);
      expect(r.error).toContain(`${httpAddress} does not speak Kafka: it answered "HTTP/1.1 400 Bad Request" to a Kafka ApiVersions request`);
      expect(r.error).toContain(`${silentAddress} does not speak Kafka: it accepted the connection but gave no Kafka answer within 5 s`);
      expect(r.elapsedMs).toBeLessThan(10_000); // kafkajs alone: "Broker not connected" after 30 s
      // One good address among bad ones: a warning naming the bad one, and the backup runs.
      await createTopic(topic, 1);
      await produce(topic, records(10, 1));
      const mixed = await invokeHandler({ ...env, [ENV.brokers]: `${httpAddress},${process.env.CKB_KAFKA_BROKERS}`, [ENV.prefix]: `${topic}/` });
      expect(mixed.ok, mixed.stderr).toBe(true);
      expect(mixed.stderr).toContain(`"msg":"a broker address does not speak Kafka; using the others","brokers":["${httpAddress}"]`);
    } finally {
      http.close();
      silent.close();
    }
  });

  it("storage errors name the bucket and say, as the store does, whether it does not exist or access is denied", async () => {
    const topic = uniqueName("nobucket");
    await createTopic(topic, 1);
    await produce(topic, records(10, 1));
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic }, { [ENV.bucket]: "nosuch-1250000000" });
    const r = await invokeHandler(env);
    expect(r.ok).toBe(false);
    // SeaweedFS answers a write to a missing bucket with 403 (COS with 404 NoSuchBucket, below).
    expect(r.error).toMatch(
      /partition 0 at offset 0: COS PutObject \S+ failed after 1 attempt\(s\): access denied to bucket nosuch-1250000000 \(region ap-guangzhou\) \(403 AccessDenied .*\): the function's role needs cos:PutObject there, and the bucket must exist/,
    );
    expect(await committedOffsets(env[ENV.groupId], topic)).toEqual(new Map([[0, 0]])); // the pinned start, nothing past it
    // The store's 404 for a missing bucket, as the SDK reports it, named as such.
    const cos = new COS({ SecretId: "test-id", SecretKey: "test-key", ...endpointOptions(cosEndpoint()) });
    const err = await cos.getBucket({ Bucket: "nosuch-1250000000", Region: TEST_REGION, MaxKeys: 1 }).catch((e: unknown) => e);
    expect(cosErrorMessage("GetBucket", { Bucket: "nosuch-1250000000", Region: TEST_REGION }, 1, err)).toBe(
      "COS GetBucket failed after 1 attempt(s): bucket nosuch-1250000000 (region ap-guangzhou) does not exist (404 NoSuchBucket The specified bucket does not exist): create it, or name an existing bucket",
    );
  });

  it("an object store that fails mid-run: error, and only durably written records are committed", async () => {
    const topic = uniqueName("storefail");
    const prefix = `${topic}/`;
    await createTopic(topic, 2);
    const sent = Array.from({ length: 4_000 }, (_, i) => ({ ...recordOfShape(i, 2), value: Buffer.from(`v${i}`.padEnd(2_000, "x")) }));
    await produce(topic, sent);
    const proxy = await startFlakyProxy(cosEndpoint(), 3 * 1024 * 1024);
    try {
      const env = synthesizedEnvironment(
        { functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024, compression: "none" },
        { [ENV.cosEndpoint]: proxy.endpoint },
      );
      const r = await invokeHandler(env);
      expect(r.ok).toBe(false);
      expect(r.error).toMatch(/partition\(s\) failed: partition \d at offset \d+: COS/);
      expect(r.stderr).toMatch(/"msg":"partition failed","topic":"[^"]+","partition":\d,"offset":\d+,"error":"COS/);
      // Every committed offset is covered by objects that exist; nothing past them.
      const committed = await committedOffsets(env[ENV.groupId], topic);
      const objects = await readBackup(testCos(), prefix);
      for (const [partition, offset] of committed) {
        if (offset < 0) continue;
        const written = objects.flatMap((o) => o.records).filter((x) => x.partition === partition);
        expect(written.length).toBe(offset);
        expect(Math.max(...written.map((x) => x.offset)) + 1).toBe(offset);
      }
      const ends = await partitionOffsets(topic);
      expect([...ends].some(([p, { high }]) => (committed.get(p) ?? -1) < high)).toBe(true);
      // With the store back, the next run completes the backup exactly once.
      const again = await invokeHandler({ ...env, [ENV.cosEndpoint]: cosEndpoint() });
      expect(again.ok, again.stderr).toBe(true);
      await expectExactlyOnce(prefix, sent);
    } finally {
      await proxy.close();
    }
  });

  it("an object store slower than the group session: the run keeps its partition and commits once", async () => {
    const topic = uniqueName("slowstore");
    const prefix = `${topic}/`;
    await createTopic(topic, 1);
    const sent = records(300, 1);
    await produce(topic, sent);
    // Every answer of the store comes 8 s late, past the 6 s session: only heartbeats sent while the
    // upload waits keep the run in the group, so that its commit is accepted.
    const proxy = await startFlakyProxy(cosEndpoint(), Number.MAX_SAFE_INTEGER, 8_000);
    try {
      const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix }, { [ENV.cosEndpoint]: proxy.endpoint });
      const r = await invokeHandler(env, { timeLimitMs: 120_000 });
      expect(r.ok, r.error ?? r.stderr.slice(-2000)).toBe(true);
      expect(await committedOffsets(env[ENV.groupId], topic)).toEqual(new Map([[0, sent.length]]));
      const objects = await readBackup(testCos(), prefix);
      expect(objects).toHaveLength(1);
      expect(objects[0].records).toHaveLength(sent.length);
    } finally {
      await proxy.close();
    }
  });

  it("SASL/SCRAM with the password from SSM succeeds; a wrong password fails and commits nothing", async () => {
    const topic = uniqueName("sasl");
    const prefix = `${topic}/`;
    await createTopic(topic, 2);
    const sent = records(300, 2);
    await produce(topic, sent);
    const ssm = await startSsmStandIn({ good: SASL_USERS.scram.password, bad: "wrong-password" });
    try {
      const base = { functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, saslMechanism: "scram-sha-512" as const, saslUsername: SASL_USERS.scram.username };
      const saslBrokers = { [ENV.brokers]: process.env.CKB_KAFKA_SASL_BROKERS!, [ENV.ssmEndpoint]: ssm.endpoint };
      const wrong = await invokeHandler(synthesizedEnvironment({ ...base, saslPasswordSecretName: "bad" }, saslBrokers));
      expect(wrong.ok).toBe(false);
      expect(wrong.error).toMatch(/SASL SCRAM SHA512 authentication failed/i);
      expect((await committedOffsets(base.functionName, topic)).size === 0 || [...(await committedOffsets(base.functionName, topic)).values()].every((o) => o < 0)).toBe(true);

      const env = synthesizedEnvironment({ ...base, saslPasswordSecretName: "good" }, saslBrokers);
      expect(env[ENV.saslSecretName]).toBe("good");
      expect(Object.values(env).join(" ")).not.toContain(SASL_USERS.scram.password);
      const right = await invokeHandler(env);
      expect(right.ok, right.stderr).toBe(true);
      await expectExactlyOnce(prefix, sent);
      expect(ssm.requests.at(-1)).toMatchObject({ action: "GetSecretValue", secret: "good", token: "test-token" });
      expect(ssm.requests.at(-1)!.auth).toMatch(/^TC3-HMAC-SHA256 Credential=test-secret-id\/\d{4}-\d{2}-\d{2}\/ssm\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/);
    } finally {
      await ssm.close();
    }
  });

  it("a retention gap (records deleted before they were backed up) is in the manifest and the log", async () => {
    const topic = uniqueName("gap");
    const prefix = `${topic}/`;
    await createTopic(topic, 1);
    await produce(topic, records(50, 1));
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix });
    expect((await invokeHandler(env)).ok).toBe(true);
    await produce(topic, records(100, 1, 50));
    // What retention does to old segments: the log start moves past records never backed up.
    await withAdmin(async (admin) => {
      await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: "80" }] });
    });
    const r = await invokeHandler(env);
    expect(r.ok, r.stderr).toBe(true);
    expect(r.result!.partitions[0].gaps).toEqual([{ from: 50, to: 80 }]);
    expect(r.result!.partitions[0].records).toBe(70);
    expect(r.stderr).toContain('"msg":"retention deleted records before they were backed up"');
    expect(r.stderr).toContain('"lostCount":30');
    const objects = await readBackup(testCos(), prefix);
    expect(objects.flatMap((o) => o.records).map((x) => x.offset)).toEqual([...Array(50).keys(), ...Array.from({ length: 70 }, (_, i) => 80 + i)]);
  });

  // In-process, because the race needs a hook between the plan and the first fetch.
  it("records deleted between the plan and the first fetch are a gap too, not a silent jump", async () => {
    const topic = uniqueName("gap-race");
    const prefix = `${topic}/`;
    await createTopic(topic, 1);
    await produce(topic, records(100, 1));
    const config = fromEnvironment(synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix }));
    const kafka = testKafka();
    const admin = kafka.admin.bind(kafka);
    // Retention strikes just after the plan has read the group's offsets (the plan's last read).
    kafka.admin = (...args) => {
      const a = admin(...args);
      const fetchOffsets = a.fetchOffsets.bind(a);
      a.fetchOffsets = (async (req: Parameters<typeof fetchOffsets>[0]) => {
        const res = await fetchOffsets(req);
        await a.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: "40" }] });
        return res;
      }) as typeof a.fetchOffsets;
      return a;
    };
    const warnings: string[] = [];
    const log = { info: () => undefined, error: () => undefined, warn: (msg: string, fields?: object) => warnings.push(`${msg} ${JSON.stringify(fields)}`) };
    const storage = new CosStorage({ ...config, cosEndpoint: cosEndpoint() }, { secretId: "test-id", secretKey: "test-key" });
    const [manifest] = (await runBackup({ config, kafka, storage, runId: "race", deadlineAt: Date.now() + 60_000, log })).manifests;

    expect(manifest.partitions[0].planned.start).toBe(0);
    expect(manifest.partitions[0].gaps).toEqual([{ from: 0, to: 40 }]);
    expect(manifest.partitions[0].records).toBe(60);
    expect(warnings.join("\n")).toContain('"lostFrom":0,"lostTo":40,"lostCount":40');
    const objects = await readBackup(testCos(), prefix);
    expect(objects.flatMap((o) => o.records).map((x) => x.offset)).toEqual(Array.from({ length: 60 }, (_, i) => 40 + i));
  });
});
