import { AssignerProtocol, type Kafka } from "kafkajs";
import { describe, expect, it } from "vitest";
import { fromEnvironment } from "../../function/config";
import { SLOT_ASSIGNER } from "../../function/partition-assigner";
import { planPartition, planRun, type PartitionPlan } from "../../function/run-plan";

// A partition whose log holds offsets 100..199 (log start 100, end 200).
const log = { partition: 2, low: 100, high: 200 };

describe("planPartition", () => {
  it("starts at the committed offset and ends at the end offset read now", () => {
    expect(planPartition({ ...log, committed: 150 }, "latest")).toEqual({
      partition: 2,
      startOffset: 150,
      endOffset: 200,
      committedOffset: 150,
      gap: undefined,
    });
  });

  it("starts at the log start after retention deleted committed-but-unread offsets, and names the gap", () => {
    expect(planPartition({ ...log, committed: 40 }, "earliest")).toMatchObject({ startOffset: 100, gap: { from: 40, to: 100 } });
  });

  it("never starts past the end offset", () => {
    expect(planPartition({ ...log, committed: 250 }, "earliest")).toMatchObject({ startOffset: 200, endOffset: 200 });
  });

  it("without a committed offset (none, or Kafka's -1), starts at the start position", () => {
    expect(planPartition({ ...log }, "earliest").startOffset).toBe(100);
    expect(planPartition({ ...log, committed: -1 }, "latest")).toMatchObject({ startOffset: 200, committedOffset: null });
    expect(planPartition({ ...log, byTime: 170 }, { timestampMs: 1 }).startOffset).toBe(170);
    // A timestamp past every record (-1): nothing to read yet; before the log start: the log start.
    expect(planPartition({ ...log, byTime: -1 }, { timestampMs: 1 }).startOffset).toBe(200);
    expect(planPartition({ ...log, byTime: 20 }, { timestampMs: 1 }).startOffset).toBe(100);
  });
});

describe("planRun", () => {
  const config = fromEnvironment({
    CKB_BROKERS: "127.0.0.1:9092", CKB_TOPIC: "t", CKB_INSTANCE_ID: "i", CKB_BUCKET: "b-1250000000", CKB_REGION: "ap-guangzhou",
    CKB_GROUP_ID: "g", CKB_START_POSITION: "latest",
  });
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const slotMember = (slot: number, parallelism: number) => ({
    memberId: `m${slot}`, clientId: "c", clientHost: "h", memberAssignment: Buffer.alloc(0),
    memberMetadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics: ["t"], userData: Buffer.from(JSON.stringify({ slot, parallelism, owned: [] })) }),
  });
  /** A group that rebalances for its first `rebalancing` descriptions (members without metadata), then is stable with `members`. */
  const kafkaWith = (rebalancing: number, members: ReturnType<typeof slotMember>[]) => {
    let described = 0;
    const admin = {
      connect: async () => undefined,
      disconnect: async () => undefined,
      fetchTopicOffsets: async () => [0, 1, 2, 3].map((partition) => ({ partition, low: "0", high: "10", offset: "10" })),
      fetchOffsets: async () => [{ topic: "t", partitions: [0, 1, 2, 3].map((partition) => ({ partition, offset: "-1" })) }],
      describeGroups: async () => ({
        groups: [described++ < rebalancing
          ? { groupId: "g", state: "PreparingRebalance", protocol: "", protocolType: "consumer", members: members.map((m) => ({ ...m, memberMetadata: Buffer.alloc(0) })) }
          : { groupId: "g", state: "Stable", protocol: SLOT_ASSIGNER, protocolType: "consumer", members }],
      }),
    };
    return { admin: () => admin, described: () => described } as unknown as Kafka & { described(): number };
  };

  it("pins the starts of its slot's partitions when the other instances in the group hold other slots, once the group has settled", async () => {
    const kafka = kafkaWith(3, [slotMember(1, 2)]);
    const plans = ((await planRun(kafka, config, ["t"], quiet, { slot: 0, parallelism: 2 })).get("t") as { plans: PartitionPlan[] }).plans;
    expect(plans.map((p) => [p.partition, p.startOffset, p.pin])).toEqual([[0, 10, true], [2, 10, true]]);
    expect(kafka.described()).toBe(4);
  });

  it("leaves the start to the member that may hold the partition", async () => {
    const plans = ((await planRun(kafkaWith(0, [slotMember(0, 2)]), config, ["t"], quiet, { slot: 0, parallelism: 2 })).get("t") as { plans: PartitionPlan[] }).plans;
    expect(plans.map((p) => p.pin)).toEqual([false, false]);
  });
});
