// Disaster recovery against real services: a topic of cluster A, backed up by the bundled handler, comes back on a
// second, independent Kafka cluster B (its own process, cluster id and log dir) as it was: created with A's
// partitions and settings, every record byte for byte, and each application consumer group at exactly the records it
// had not read on A, also across compaction gaps, transaction markers, a point-in-time restore and a killed restore.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigResourceTypes, Kafka, logLevel, type Consumer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../function/backup-run";
import { fingerprint } from "../helpers/backup-reader";
import { TEST_BUCKET, TEST_REGION, cosEndpoint } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { brokers, createTopic, produce, produceTransaction, recordOfShape, testKafka, textRecords, uniqueName, type SentRecord } from "../helpers/kafka";
import { startKafkaBroker, type KafkaBroker } from "../services/kafka-broker";
import { CREDENTIALS, cli, refusal } from "../helpers/cli";

const work = mkdtempSync(join(tmpdir(), "ckb-recovery-test-"));
let clusterB: KafkaBroker;
const kafkaB = () => new Kafka({ clientId: "ckb-test-b", brokers: [clusterB.plaintext], logLevel: logLevel.NOTHING });

beforeAll(async () => {
  clusterB = await startKafkaBroker();
});
afterAll(async () => {
  await clusterB?.stop();
});

const source = (topic: string, prefix: string) => ["--bucket", TEST_BUCKET, "--region", TEST_REGION, "--endpoint", cosEndpoint(), "--instance", "ckafka-test", "--topic", topic, "--prefix", prefix];
const checkpoint = () => ["--checkpoint", join(work, `${uniqueName("cp")}.json`)];
const toB = () => ["--brokers", clusterB.plaintext];

/**
 * Backs the topic up with the bundled handler. Groups are chosen by a pattern: cluster A holds the groups of every
 * other test too, more than the 100 a run reads.
 */
async function backUp(topic: string, consumerGroups: string[], prefix = `${topic}/`): Promise<{ prefix: string; manifest: RunManifest }> {
  const run = await invokeHandler(synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024, consumerGroups }));
  expect(run.ok, run.stderr).toBe(true);
  return { prefix, manifest: run.result! };
}

interface Read {
  partition: number;
  offset: number;
  record: SentRecord;
}

/**
 * A real consumer of `groupId` on `kafka`: reads each partition until `until(partition, offset)` says stop, commits
 * the offset after the last record it read (autoCommit off, so the commit is exactly that), and leaves the group.
 */
async function consumeAndCommit(kafka: Kafka, groupId: string, topic: string, expected: number, stopAt: (partition: number, offset: number) => boolean = () => false): Promise<Read[]> {
  const consumer: Consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  const read: Read[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let left = expected;
    let idle: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve, reject) => {
      // Nothing more for 3 s once at the partitions' end: the group has read what it will (a compacted topic
      // holds fewer records than offsets). Short of the end, a slow fetch on a loaded machine is waited for.
      const settle = (atEnd: boolean) => {
        clearTimeout(idle);
        idle = setTimeout(resolve, atEnd ? 3_000 : 30_000);
      };
      settle(false);
      consumer
        .run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
            for (const m of batch.messages) {
              const offset = Number(m.offset);
              if (stopAt(batch.partition, offset)) {
                consumer.pause([{ topic, partitions: [batch.partition] }]);
                break;
              }
              const headers: Array<[string, Buffer]> = [];
              for (const [name, value] of Object.entries(m.headers ?? {})) for (const v of Array.isArray(value) ? value : [value]) headers.push([name, Buffer.from(v as Buffer)]);
              read.push({ partition: batch.partition, offset, record: { partition: batch.partition, key: m.key, value: m.value, headers, timestamp: Number(m.timestamp) } });
              resolveOffset(m.offset);
              left--;
            }
            await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition: batch.partition, offset: String(Number(read.filter((r) => r.partition === batch.partition).at(-1)?.offset ?? -1) + 1) }] }] });
            settle(Number(batch.lastOffset()) + 1 >= Number(batch.highWatermark));
            if (left <= 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return read;
}

/** Every record of a topic on `kafka`, per partition in offset order. */
async function readAll(kafka: Kafka, topic: string): Promise<Read[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const total = ends.reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
  const read = total ? await consumeAndCommit(kafka, uniqueName("read-all"), topic, total) : [];
  return read.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

async function describeTopic(kafka: Kafka, topic: string): Promise<{ partitions: number; configs: Record<string, string> }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const partitions = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions.length;
    const d = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
    const configs = Object.fromEntries(d.resources[0].configEntries.filter((e) => e.configSource === 1).map((e) => [e.configName, e.configValue]));
    return { partitions, configs };
  } finally {
    await admin.disconnect();
  }
}

async function endOffsets(kafka: Kafka, topic: string): Promise<number[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition).map((o) => Number(o.high));
  } finally {
    await admin.disconnect();
  }
}

// Retention far longer than the test records' age (their timestamps are from 2023, recordOfShape): with 7 days the
// broker's retention check would delete them, on A or on B, while a test still reads them.
const RETENTION_MS = "3153600000000";
const SETTINGS = { "retention.ms": RETENTION_MS, "max.message.bytes": "2097152", "segment.bytes": "536870912", "message.timestamp.type": "CreateTime" };

describe("restore onto another cluster", () => {
  it("creates the topic with A's partitions and settings, restores every record byte for byte, and a group resumes on B exactly where it stopped on A", async () => {
    const topic = uniqueName("orders");
    await createTopic(topic, 3, SETTINGS);
    const sent = Array.from({ length: 900 }, (_, i) => recordOfShape(i, 3));
    await produce(topic, sent);
    // A real application group reads part of each partition on A and commits there.
    const group = uniqueName("billing");
    const cut = [97, 150, 3];
    const readOnA = await consumeAndCommit(testKafka(), group, topic, 250, (p, o) => o >= cut[p]);
    expect(readOnA).toHaveLength(250);
    const { prefix, manifest } = await backUp(topic, ["billing-*"]);

    // The run recorded the topic, the application group and not the backup's own group.
    const snapshot = manifest.topicSnapshot!;
    expect(snapshot).toMatchObject({ partitionCount: 3, replicationFactor: 1, configs: SETTINGS, endOffsets: { 0: "300", 1: "300", 2: "300" }, problems: [] });
    expect(snapshot.clusterId).toMatch(/^\S{22}$/);
    expect(snapshot.groups).toContainEqual({ groupId: group, state: "Empty", offsets: { 0: "97", 1: "150", 2: "3" } });
    expect(snapshot.groups!.map((g) => g.groupId)).not.toContain(manifest.groupId);

    // Into its own name on A itself: refused; a dry run against B says what it would do, writing nothing.
    const own = await refusal("restore", ...source(topic, prefix), "--brokers", brokers().join(","), "--target-topic", topic, ...checkpoint());
    expect(own).toEqual({ status: 2, message: expect.stringContaining(`--target-topic: "${topic}" is the backed-up topic on the backed-up cluster (id ${snapshot.clusterId})`) });
    const dry = await cli("restore", ...source(topic, prefix), ...toB(), "--target-topic", topic, "--create-topic", "--consumer-groups", "all", "--dry-run");
    expect(dry.lines).toContain(`would create topic ${topic}: 3 partition(s), replication factor the cluster's default, settings: ${Object.entries(SETTINGS).sort().map(([k, v]) => `${k}=${v}`).join(", ")}`);
    const label = topic.replace(/-/g, "_");
    expect(dry.lines.join("\n")).toContain(
      [
        `resource "tencentcloud_ckafka_topic" "${label}" {`,
        "  instance_id    = var.ckafka_instance_id",
        `  topic_name     = "${topic}"`,
        "  partition_num  = 3",
        "  replica_num    = 1",
        "  max_message_bytes = 2097152",
        `  retention      = ${RETENTION_MS}`,
        "  segment_bytes  = 536870912",
        "  # no argument for: message.timestamp.type=CreateTime (set them in the CKafka console or API)",
        "}",
      ].join("\n"),
    );
    const table = dry.lines.slice(dry.lines.indexOf("consumer group positions that would be committed:") + 1).slice(0, 4);
    expect(table.map((l) => l.split(/\s+/))).toEqual([["group", "partition", "source", "offset", "target", "offset"], [group, "0", "97", "97"], [group, "1", "150", "150"], [group, "2", "3", "3"]]);
    await expect(describeTopic(kafkaB(), topic)).rejects.toThrow(/does not host|UNKNOWN_TOPIC/i);

    const restored = await cli("restore", ...source(topic, prefix), ...toB(), "--target-topic", topic, "--create-topic", "--consumer-groups", "all", ...checkpoint());
    expect(restored.code).toBe(0);
    expect(restored.lines.at(-1)).toBe(`900 records restored into ${topic}`);
    expect(restored.lines.filter((l) => l.startsWith("check partition "))).toEqual([0, 1, 2].map((p) => `check partition ${p}: 300 of 300 records read back, digest matches`));
    expect(await describeTopic(kafkaB(), topic)).toEqual({ partitions: 3, configs: SETTINGS });
    const onB = await readAll(kafkaB(), topic);
    const onA = await readAll(testKafka(), topic);
    expect(onB.map((r) => `${r.offset}|${fingerprint(r.record)}`)).toEqual(onA.map((r) => `${r.offset}|${fingerprint(r.record)}`));

    // The group resumes on B with a real consumer: exactly the records it had not read on A.
    const resumed = await consumeAndCommit(kafkaB(), group, topic, 900 - 250);
    const notReadOnA = onA.filter((r) => r.offset >= cut[r.partition]);
    expect(resumed.map((r) => fingerprint(r.record)).sort()).toEqual(notReadOnA.map((r) => fingerprint(r.record)).sort());
    expect(resumed).toHaveLength(650);
  });

  it("on a compacted topic written by a transactional producer, a group's position maps across compaction gaps and transaction markers", async () => {
    const topic = uniqueName("ledger");
    // Small segments and an eager cleaner, so that compaction really removes older values of a key.
    await createTopic(topic, 1, { "cleanup.policy": "compact", "segment.ms": "100", "min.cleanable.dirty.ratio": "0.01", "min.compaction.lag.ms": "5000", "delete.retention.ms": "0" });
    const early = uniqueName("ledger-app");
    // Timestamps of now: min.compaction.lag.ms keeps them 5 s from the cleaner, time for the first group to read them.
    const keyed = (i: number, key: string): SentRecord => ({ partition: 0, key: Buffer.from(key), value: Buffer.from(`v${i}`), headers: [["i", Buffer.from(String(i))]], timestamp: Date.now() });
    for (let round = 0; round < 4; round++) {
      await produceTransaction(topic, Array.from({ length: 10 }, (_, i) => keyed(round * 10 + i, `k${i % 5}`)), "commit");
      await produceTransaction(topic, [keyed(1000 + round, "aborted")], "abort");
      await new Promise((r) => setTimeout(r, 150)); // segment.ms passes: the next write rolls a segment
      if (round === 1) {
        // One group reads before compaction: 0–9, (a marker, an aborted record, a marker), 13–17; it commits 18.
        expect(await consumeAndCommit(testKafka(), early, topic, 15, (_, o) => o >= 18)).toHaveLength(15);
      }
    }
    await produceTransaction(topic, Array.from({ length: 10 }, (_, i) => keyed(100 + i, `late${i}`)), "commit");
    // Wait for the cleaner (log.cleaner.backoff.ms 15 s) to remove the early group's position, offset 18 (k0's
    // value of round 1, superseded by round 3's).
    const deadline = Date.now() + 90_000;
    let onA = await readAll(testKafka(), topic);
    while (onA.some((r) => r.offset === 18) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2_000));
      onA = await readAll(testKafka(), topic);
    }
    expect(onA.map((r) => r.offset), "the cleaner did not remove offset 18 within 90 s").not.toContain(18);
    const offsets = onA.map((r) => r.offset);
    // Gaps in the source offsets: compaction, aborted records and markers.
    expect(offsets.at(-1)! + 1 - offsets.length).toBeGreaterThan(10);

    // The group reads up to the end of a transaction: it commits the offset of that transaction's marker, which no record has.
    const group = uniqueName("ledger-app");
    // A record right after a gap, in the middle of those: the group stops right before it.
    const afterGaps = onA.map((r, j) => j).filter((j) => j > 0 && onA[j].offset > onA[j - 1].offset + 1);
    expect(afterGaps.length, onA.map((r) => r.offset).join(",")).toBeGreaterThan(0);
    const i = afterGaps[afterGaps.length >> 1];
    const half = onA[i].offset;
    const readOnA = await consumeAndCommit(testKafka(), group, topic, i, (_, o) => o >= half);
    expect(readOnA).toHaveLength(i);
    const { prefix, manifest } = await backUp(topic, ["ledger-app-*"]);
    const committed = (g: string) => Number(manifest.topicSnapshot!.groups!.find((x) => x.groupId === g)!.offsets[0]);
    expect(committed(early)).toBe(18);
    expect(committed(group)).toBe(readOnA.at(-1)!.offset + 1);
    // Neither position is a record the topic still holds: one was compacted away, the other is a transaction marker.
    for (const g of [early, group]) expect(onA.some((r) => r.offset === committed(g))).toBe(false);

    const restored = await cli("restore", ...source(topic, prefix), ...toB(), "--target-topic", topic, "--create-topic", "--consumer-groups", `${early},${group}`, ...checkpoint());
    expect(restored.code).toBe(0);
    expect((await describeTopic(kafkaB(), topic)).configs["cleanup.policy"]).toBe("compact");
    for (const g of [early, group]) {
      const notRead = onA.filter((r) => r.offset >= committed(g));
      const resumed = await consumeAndCommit(kafkaB(), g, topic, notRead.length);
      expect(resumed.map((r) => fingerprint(r.record)), g).toEqual(notRead.map((r) => fingerprint(r.record)));
    }
  });

  it("a point-in-time restore that ends before a group's position puts the group at the end; a killed restore resumes and still translates exactly", async () => {
    const topic = uniqueName("events");
    await createTopic(topic, 2);
    const sent = textRecords(4_000, 2, 1_000);
    await produce(topic, sent);
    const group = uniqueName("events-app");
    await consumeAndCommit(testKafka(), group, topic, 2_700, (p, o) => o >= (p === 0 ? 1_500 : 1_200));
    const { prefix } = await backUp(topic, ["events-app-*"]);

    // Only records before offset 1300 of each partition: partition 0's position (1500) is past the restore's end.
    const pit = uniqueName("events-pit");
    const r = await cli("restore", ...source(topic, prefix), ...toB(), "--target-topic", pit, "--create-topic", "--to-offset", "1300", "--consumer-groups", group, ...checkpoint());
    expect(r.code).toBe(0);
    expect(r.lines.filter((l) => l.startsWith(group)).map((l) => l.split(/\s+/))).toEqual([[group, "0", "1500", "1300"], [group, "1", "1200", "1200"]]);
    const rest = await consumeAndCommit(kafkaB(), group, pit, 100);
    expect(rest.map((x) => `${x.partition}:${x.offset}`)).toEqual(Array.from({ length: 100 }, (_, i) => `1:${1200 + i}`));

    // A restore killed midway (SIGKILL, throttled so that it is midway) and resumed.
    const target = uniqueName("events-killed");
    const cp = checkpoint();
    const args = ["restore", ...source(topic, prefix), ...toB(), "--target-topic", target, "--create-topic", "--consumer-groups", group, "--max-bytes-per-second", "400000", ...cp];
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "../../cli/main.ts"), ...args], { env: { ...process.env, ...CREDENTIALS }, stdio: "ignore" });
    for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((res) => setTimeout(res, 100))) {
      if (existsSync(cp[1]) && Object.keys(JSON.parse(readFileSync(cp[1], "utf8")).restored).length) break;
    }
    child.kill("SIGKILL");
    await new Promise((res) => child.once("exit", res));
    const partial = (await endOffsets(kafkaB(), target)).reduce((a, b) => a + b, 0);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(4_000);
    const resumed = await cli(...args.filter((a) => a !== "400000" && a !== "--max-bytes-per-second"), "--resume");
    expect(resumed.code).toBe(0);
    expect(resumed.lines.filter((l) => l.startsWith("check partition ")).every((l) => l.endsWith("2000 of 2000 records read back, digest matches"))).toBe(true);
    expect(await endOffsets(kafkaB(), target)).toEqual([2_000, 2_000]);
    const afterKill = await consumeAndCommit(kafkaB(), group, target, 1_300);
    expect(afterKill).toHaveLength(1_300);
    expect(afterKill.map((x) => fingerprint(x.record)).sort()).toEqual(
      sent.filter((s, i) => Math.floor(i / 2) >= (s.partition === 0 ? 1_500 : 1_200)).map(fingerprint).sort(),
    );
  });

  it("--max-bytes-per-second holds the rate across partitions, within 15 %", async () => {
    const topic = uniqueName("throttled");
    await createTopic(topic, 4);
    await produce(topic, textRecords(3_000, 4, 1_000));
    const { prefix } = await backUp(topic, []);
    // Low enough that the loaded test machine sends faster unthrottled.
    const limit = 500_000;
    const r = await cli("restore", ...source(topic, prefix), ...toB(), "--target-topic", uniqueName("throttled"), "--create-topic", "--concurrency", "4", "--max-bytes-per-second", String(limit), "--json", ...checkpoint());
    const report = JSON.parse(r.lines.join("\n"));
    const rate = report.bytes / report.sendSeconds;
    expect(report.records).toBe(3_000);
    expect(Math.abs(rate - limit) / limit, `${Math.round(rate)} bytes/s`).toBeLessThan(0.15);
  });
});

describe("the read-back after the restore", () => {
  it("finds a record another writer put into the target during the restore: a PROBLEM line and exit 1", async () => {
    const topic = uniqueName("checked");
    await createTopic(topic, 1);
    await produce(topic, textRecords(1_000, 1, 1_000));
    const { prefix } = await backUp(topic, []);
    const target = uniqueName("checked-target");
    // Throttled to about 4 s, so that the other writer's record lands between two of the restore's sends.
    const restoring = cli("restore", ...source(topic, prefix), ...toB(), "--target-topic", target, "--create-topic", "--max-bytes-per-second", "250000", ...checkpoint());
    for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      const ends = await endOffsets(kafkaB(), target).catch(() => [0]);
      if (ends[0] > 0) break;
    }
    const producer = kafkaB().producer();
    await producer.connect();
    await producer.send({ topic: target, messages: [{ key: "intruder", value: "x" }] });
    await producer.disconnect();
    const r = await restoring;
    expect(r.code).toBe(1);
    expect(r.lines).toContainEqual(expect.stringMatching(/^check partition 0: 1001 of 1000 records read back, PROBLEM: count differs/));
    expect(r.lines.at(-1)).toBe(`1000 records restored into ${target}; the read-back differs (PROBLEM above)`);
  });
});

describe("preflight refusals, before any write", () => {
  it("an oversized record, a partition count that differs, and a group with members on the target are refused, naming them; nothing is written", async () => {
    const topic = uniqueName("preflight");
    await createTopic(topic, 3, { "max.message.bytes": "3000000" });
    const big = { partition: 1, key: Buffer.from("big"), value: Buffer.alloc(1_500_000, 7), headers: [], timestamp: 1_700_000_000_000 };
    await produce(topic, [...textRecords(30, 3, 100), big, ...textRecords(30, 3, 100, 30)]);
    const group = uniqueName("preflight-app");
    await consumeAndCommit(testKafka(), group, topic, 9, (_, o) => o >= 3);
    const { prefix } = await backUp(topic, [group]);
    const admin = kafkaB().admin();
    await admin.connect();
    try {
      // Oversized: B's topic takes 1 MB records; partition 1 offset 10 holds 1.5 MB.
      const small = uniqueName("small-records");
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: small, numPartitions: 3, replicationFactor: 1, configEntries: [{ name: "max.message.bytes", value: "1000000" }] }] });
      const cp = checkpoint();
      const oversized = await refusal("restore", ...source(topic, prefix), ...toB(), "--target-topic", small, ...cp);
      expect(oversized.message).toContain(`the record at partition 1 offset 10 holds 1500003 bytes (key, value, headers), more than the 1000000 bytes of max.message.bytes of "${small}" allows`);
      expect(oversized.message).toContain("nothing was written");
      expect(await endOffsets(kafkaB(), small)).toEqual([0, 0, 0]);
      expect(existsSync(cp[1])).toBe(false);

      // Partition count: recorded 3, the target has 4.
      const four = uniqueName("four");
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: four, numPartitions: 4, replicationFactor: 1, configEntries: [{ name: "max.message.bytes", value: "3000000" }] }] });
      const mismatch = await refusal("restore", ...source(topic, prefix), ...toB(), "--target-topic", four, ...checkpoint());
      expect(mismatch.message).toMatch(new RegExp(`target topic "${four}" has 4 partition\\(s\\); "${topic}" had 3 when last recorded .*add --repartition`));
      expect(await endOffsets(kafkaB(), four)).toEqual([0, 0, 0, 0]);

      // A group with a member on the target.
      const target = uniqueName("busy");
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: target, numPartitions: 3, replicationFactor: 1, configEntries: [{ name: "max.message.bytes", value: "3000000" }] }] });
      const member = kafkaB().consumer({ groupId: group });
      await member.connect();
      await member.subscribe({ topic: target });
      await member.run({ eachMessage: async () => undefined });
      try {
        for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
          if ((await admin.describeGroups([group])).groups[0].members.length) break;
        }
        const busy = await refusal("restore", ...source(topic, prefix), ...toB(), "--target-topic", target, "--consumer-groups", group, ...checkpoint());
        expect(busy.message).toMatch(new RegExp(`consumer group\\(s\\) "${group}" \\(\\w+, 1 member\\(s\\): ckb-test-b@/127.0.0.1\\) have members on the target`));
        expect(await endOffsets(kafkaB(), target)).toEqual([0, 0, 0]);
      } finally {
        await member.disconnect();
      }
      // Unknown group: named, with the recorded ones.
      const unknown = await refusal("restore", ...source(topic, prefix), ...toB(), "--target-topic", target, "--consumer-groups", "nobody", ...checkpoint());
      expect(unknown).toEqual({ status: 2, message: expect.stringContaining(`--consumer-groups: "nobody" is not recorded; the backup records "${group}"`) });
    } finally {
      await admin.disconnect();
    }
  });
});

describe("several topics of one backup location in one command", () => {
  /** Each group's committed offsets on B, by partition. */
  async function committedOnB(groupId: string, topic: string): Promise<Record<number, string>> {
    const admin = kafkaB().admin();
    await admin.connect();
    try {
      const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return Object.fromEntries(t.partitions.map((p) => [p.partition, p.offset]));
    } finally {
      await admin.disconnect();
    }
  }
  const exact = (read: Read[]) => read.map((r) => `${r.partition}|${r.offset}|${fingerprint(r.record)}`);
  /** What a topic holds after `sent` was produced into it, in readAll's order: offsets from 0 per partition. */
  const produced = (sent: SentRecord[], partitions: number) =>
    Array.from({ length: partitions }, (_, p) => sent.filter((r) => r.partition === p).map((r, offset) => `${p}|${offset}|${fingerprint(r)}`)).flat();

  it("--all-topics restores every topic into its own name on B, byte for byte, groups positioned, within one throttle; a killed one resumes; bad input is refused before any write", async () => {
    // Three topics of one instance, backed up under one prefix by the bundled handler (one function per topic).
    const prefix = `${uniqueName("instance")}/`;
    const topics = [uniqueName("mt-a"), uniqueName("mt-b"), uniqueName("mt-c")];
    const partitions = [4, 2, 1];
    const settings: Array<Record<string, string>> = [{ "retention.ms": RETENTION_MS }, { "max.message.bytes": "2097152" }, {}];
    const groups = topics.map((t) => `mt-app-${t}`);
    // Every shape of record (null keys and values, headers, repeated header names) and 1 MB of plain records.
    const sent = partitions.map((n) => [...Array.from({ length: 80 }, (_, j) => recordOfShape(j, n)), ...textRecords(1_000, n, 1_000)]);
    for (const [i, topic] of topics.entries()) {
      await createTopic(topic, partitions[i], settings[i]);
      await produce(topic, sent[i]);
      await consumeAndCommit(testKafka(), groups[i], topic, 100 * partitions[i], (_, o) => o >= 100);
    }
    for (const topic of topics) await backUp(topic, ["mt-app-*"], prefix);
    const location = ["--bucket", TEST_BUCKET, "--region", TEST_REGION, "--endpoint", cosEndpoint(), "--instance", "ckafka-test", "--prefix", prefix];
    const dir = () => ["--checkpoint-dir", mkdtempSync(join(work, "topics-"))];

    // A topic with no backup at the location: named, exit 1, before anything is read or written.
    const missing = await refusal("restore", ...location, "--topic", topics[0], "--topic", "nosuch-topic", ...toB(), "--create-topic", ...dir());
    expect(missing).toEqual({ status: 1, message: expect.stringContaining(`no backup of topic "nosuch-topic" under ${TEST_BUCKET}/${prefix}ckafka-test/ (backed up there: ${topics.map((t) => `"${t}"`).join(", ")})`) });
    // One topic failing its preflight (a target with another partition count) stops all: the first topic's target is not created.
    await withAdminB((admin) => admin.createTopics({ waitForLeaders: true, topics: [{ topic: `pre-${topics[1]}`, numPartitions: 3, replicationFactor: 1 }] }));
    const mismatch = await refusal("restore", ...location, "--all-topics", "--target-topic-prefix", "pre-", ...toB(), "--create-topic", ...dir());
    expect(mismatch).toEqual({ status: 3, message: expect.stringContaining(`error: topic "${topics[1]}": target topic "pre-${topics[1]}" has 3 partition(s)`) });
    expect(mismatch.message).toContain("nothing was written to any of the 3 topics");
    // A group no topic records: refused once every preflight passed, before any write.
    const unknownGroup = await refusal("restore", ...location, "--all-topics", "--target-topic-prefix", "ug-", ...toB(), "--create-topic", "--consumer-groups", "nosuch-group", ...dir());
    expect(unknownGroup).toEqual({ status: 2, message: expect.stringContaining(`--consumer-groups: "nosuch-group" is recorded by no topic's backup; the backups record ${groups.map((g) => `"${g}"`).sort().join(", ")}`) });
    const onB = await withAdminB((admin) => admin.listTopics());
    expect(onB.filter((t) => t.startsWith("pre-") || t.startsWith("ug-")).filter((t) => topics.some((s) => t.endsWith(s)))).toEqual([`pre-${topics[1]}`]);

    // A dry run prints each topic under its name, writing nothing.
    const dry = await cli("restore", ...location, "--all-topics", ...toB(), "--create-topic", "--consumer-groups", "all", "--dry-run");
    expect(dry.code).toBe(0);
    for (const [i, t] of topics.entries()) {
      expect(dry.lines).toContain(`topic ${t} → ${t}:`);
      expect(dry.lines.some((l) => l.startsWith(`  would create topic ${t}: ${partitions[i]} partition(s)`))).toBe(true);
    }
    expect(dry.lines.at(-1)).toMatch(/^dry run: would send 3240 records, \d+ bytes, read from \d+ objects, from 3 topic\(s\); nothing sent$/);

    // The whole instance onto B, throttled: one rate across every topic's partitions.
    const limit = 500_000;
    const r = await cli("restore", ...location, "--all-topics", ...toB(), "--create-topic", "--consumer-groups", "all", "--concurrency", "4", "--max-bytes-per-second", String(limit), "--json", ...dir());
    expect(r.code).toBe(0);
    const report = JSON.parse(r.lines.join("\n"));
    expect(report.topics.map((t: { topic: string; targetTopic: string; records: number }) => [t.topic, t.targetTopic, t.records])).toEqual(topics.map((t) => [t, t, 1_080]));
    expect(report.checkOk).toBe(true);
    const rate = report.bytes / report.sendSeconds;
    expect(Math.abs(rate - limit) / limit, `${Math.round(rate)} bytes/s`).toBeLessThan(0.15);
    for (const [i, t] of topics.entries()) {
      expect(await describeTopic(kafkaB(), t)).toEqual({ partitions: partitions[i], configs: settings[i] });
      expect(exact(await readAll(kafkaB(), t))).toEqual(produced(sent[i], partitions[i]));
      // Dense offsets on A: each group sits on B exactly where it was on A.
      expect(await committedOnB(groups[i], t)).toEqual(Object.fromEntries(Array.from({ length: partitions[i] }, (_, p) => [p, "100"])));
    }

    // Killed midway (throttled so that it is midway) and resumed: each topic continues from its checkpoint, nothing twice.
    const cp = dir();
    const args = ["restore", ...location, "--all-topics", "--target-topic-prefix", "killed-", ...toB(), "--create-topic", "--consumer-groups", "all", "--max-bytes-per-second", "400000", ...cp];
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "../../cli/main.ts"), ...args], { env: { ...process.env, ...CREDENTIALS }, stdio: "ignore" });
    const files = topics.map((t) => join(cp[1], `restore-${t}-to-killed-${t}.checkpoint.json`));
    for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((res) => setTimeout(res, 100))) {
      if (files.some((f) => existsSync(f) && Object.keys(JSON.parse(readFileSync(f, "utf8")).restored).length)) break;
    }
    child.kill("SIGKILL");
    await new Promise((res) => child.once("exit", res));
    const resumed = await cli(...args.filter((a) => a !== "400000" && a !== "--max-bytes-per-second"), "--resume");
    expect(resumed.code, resumed.lines.join("\n")).toBe(0);
    expect(resumed.lines.at(-1)).toMatch(/^\d+ records restored from 3 topic\(s\)$/);
    expect(resumed.lines.filter((l) => l.startsWith("  check partition ")).every((l) => /: (\d+) of \1 records read back, digest matches$/.test(l))).toBe(true);
    for (const [i, t] of topics.entries()) {
      expect(exact(await readAll(kafkaB(), `killed-${t}`))).toEqual(produced(sent[i], partitions[i]));
      expect(await committedOnB(groups[i], `killed-${t}`)).toEqual(Object.fromEntries(Array.from({ length: partitions[i] }, (_, p) => [p, "100"])));
    }
  });
});

async function withAdminB<T>(fn: (admin: ReturnType<Kafka["admin"]>) => Promise<T>): Promise<T> {
  const admin = kafkaB().admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}
