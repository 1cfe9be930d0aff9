// The one start-offset rule: a run's plan and its retention headroom agree on the first offset not backed up,
// for every start position, with and without a committed offset. Both are read through one fake admin client
// that answers as Kafka does (kafkajs gives the end offset where ListOffsets by time finds no record).
import type { Kafka } from "kafkajs";
import { describe, expect, it } from "vitest";
import { SINGLE_INSTANCE, fromEnvironment, type StartPosition } from "../../function/config";
import { measureRetentionHeadroom } from "../../function/retention-headroom";
import { planRun, type PartitionPlan } from "../../function/run-plan";

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);
const RETENTION_MS = 7 * 24 * 60 * MIN;
const NOW = T0 + 300 * MIN;
// The partition's log holds offsets 100..199 (older ones were deleted); offset i was written at T0 + i minutes.
const LOW = 100;
const HIGH = 200;
const writtenAt = (offset: number) => T0 + offset * MIN;

/** A topic "t" of one partition; `commit`: the group's committed offset (Kafka's -1 or none: no commit). */
function kafkaWith(commit: number | undefined): Kafka {
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    fetchTopicOffsets: async () => [{ partition: 0, low: String(LOW), high: String(HIGH), offset: String(HIGH) }],
    fetchOffsets: async () => [{ topic: "t", partitions: commit === undefined ? [] : [{ partition: 0, offset: String(commit), metadata: null }] }],
    fetchTopicOffsetsByTimestamp: async (_topic: string, t: number) => {
      let first = LOW;
      while (first < HIGH && writtenAt(first) < t) first++;
      return [{ partition: 0, offset: String(first) }];
    },
    describeConfigs: async () => ({ resources: [{ configEntries: [{ configName: "retention.ms", configValue: String(RETENTION_MS) }] }] }),
    describeGroups: async () => ({ groups: [{ groupId: "g", state: "Empty", protocol: "", protocolType: "consumer", members: [] }] }),
  };
  return { admin: () => admin } as unknown as Kafka;
}

const base = fromEnvironment({ CKB_BROKERS: "127.0.0.1:9092", CKB_TOPIC: "t", CKB_INSTANCE_ID: "i", CKB_BUCKET: "b-1250000000", CKB_REGION: "ap-guangzhou", CKB_GROUP_ID: "g" });
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const STARTS: Array<[string, StartPosition]> = [
  ["earliest", "earliest"],
  ["latest", "latest"],
  ["a timestamp before the log", { timestampMs: writtenAt(50) }],
  ["a timestamp inside the log", { timestampMs: writtenAt(150) }],
  ["a timestamp after the log", { timestampMs: writtenAt(250) }],
];
// Where each start position starts a partition without a usable commit.
const UNCOMMITTED_START: Record<string, number> = {
  earliest: LOW,
  latest: HIGH,
  "a timestamp before the log": LOW,
  "a timestamp inside the log": 150,
  "a timestamp after the log": HIGH,
};
const COMMITS: Array<[string, number | undefined, number | undefined]> = [
  ["no commit", undefined, undefined],
  ["Kafka's -1", -1, undefined],
  ["a commit inside the log", 170, 170],
  ["a commit retention passed", 40, LOW],
  ["a commit at the end", HIGH, HIGH],
];

describe("plan and retention headroom", () => {
  for (const [startName, startPosition] of STARTS) {
    for (const [commitName, commit, committedStart] of COMMITS) {
      it(`agree on the first offset not backed up: ${startName}, ${commitName}`, async () => {
        const config = { ...base, startPosition, topic: "t" };
        const kafka = kafkaWith(commit);
        const plan = ((await planRun(kafka, config, ["t"], quiet, SINGLE_INSTANCE)).get("t") as { plans: PartitionPlan[] }).plans[0];
        const expected = committedStart ?? UNCOMMITTED_START[startName];
        expect(plan.startOffset).toBe(expected);

        const headroom = await measureRetentionHeadroom(kafka, config, quiet, SINGLE_INSTANCE, NOW);
        expect(headroom.error).toBeUndefined();
        expect(headroom.lagRecords).toBe(HIGH - plan.startOffset);
        if (plan.startOffset === HIGH) {
          expect(headroom.headroomMs).toBeNull();
        } else {
          // The headroom is that of the plan's first record, to the second (rounded down).
          const exact = writtenAt(plan.startOffset) + RETENTION_MS - NOW;
          expect(headroom.headroomMs).toBeGreaterThan(exact - 1_000);
          expect(headroom.headroomMs).toBeLessThanOrEqual(exact);
        }
      });
    }
  }
});
