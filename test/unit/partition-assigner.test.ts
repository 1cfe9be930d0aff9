import { AssignerProtocol, type MemberDescription } from "kafkajs";
import { describe, expect, it } from "vitest";
import { ConfigError, formatSlotArgument, parseSlotArgument } from "../../function/config";
import { SLOT_ASSIGNER, assignBySlot, decodeClaim, mayHold, slotAssigner, type MemberClaim } from "../../function/partition-assigner";

const PARTITIONS = Array.from({ length: 16 }, (_, p) => p);
const member = (memberId: string, slot: number, parallelism: number, owned: number[] = []): MemberClaim => ({ memberId, slot, parallelism, owned });
const sorted = (m: Map<string, number[]>) => Object.fromEntries([...m].map(([id, ps]) => [id, [...ps].sort((a, b) => a - b)]));

describe("assignBySlot", () => {
  it("gives instance i of N the partitions p with p % N = i, and nothing twice", () => {
    const byMember = assignBySlot(PARTITIONS, [member("d", 3, 4), member("a", 0, 4), member("c", 2, 4), member("b", 1, 4)]);
    expect(sorted(byMember)).toEqual({ a: [0, 4, 8, 12], b: [1, 5, 9, 13], c: [2, 6, 10, 14], d: [3, 7, 11, 15] });
  });

  it("leaves the partitions of an instance that is not there unassigned, so nobody else takes them", () => {
    const byMember = assignBySlot(PARTITIONS, [member("a", 0, 4), member("b", 1, 4)]);
    expect([...byMember.values()].flat().sort((x, y) => x - y)).toEqual([0, 1, 4, 5, 8, 9, 12, 13]);
  });

  it("keeps a partition with the member that holds it when another of its slot joins (an overlapping tick)", () => {
    const holder = member("z-old", 1, 4, [1, 5, 9, 13]);
    expect(sorted(assignBySlot(PARTITIONS, [member("a-new", 1, 4), holder]))).toEqual({ "a-new": [], "z-old": [1, 5, 9, 13] });
    // Two new members of one slot share its partitions.
    expect(sorted(assignBySlot(PARTITIONS, [member("x", 1, 4), member("y", 1, 4)]))).toEqual({ x: [1, 9], y: [5, 13] });
  });

  it("with parallelism changed between ticks, a run of the old one keeps what it holds and the new ones share the rest", () => {
    const old = member("old", 0, 3, [0, 3, 6, 9, 12, 15]);
    const byMember = assignBySlot(PARTITIONS, [old, member("n0", 0, 2), member("n1", 1, 2)]);
    expect(sorted(byMember)).toEqual({ old: [0, 3, 6, 9, 12, 15], n0: [2, 4, 8, 10, 14], n1: [1, 5, 7, 11, 13] });
  });

  it("a single instance (slot 0 of 1) may read every partition", () => {
    expect(sorted(assignBySlot([2, 0, 1], [member("only", 0, 1)]))).toEqual({ only: [0, 1, 2] });
  });
});

describe("the kafkajs assigner", () => {
  it("announces its slot and holdings, and assigns by them", async () => {
    const cluster = { findTopicPartitionMetadata: () => PARTITIONS.map((partitionId) => ({ partitionId })) };
    const make = (slot: number, owned: number[]) => slotAssigner({ slot, parallelism: 2 }, () => ({ t: owned }))({ cluster } as never);
    const a = make(0, [0, 2]);
    const b = make(1, []);
    const members = [
      { memberId: "a", memberMetadata: a.protocol({ topics: ["t"] }).metadata },
      { memberId: "b", memberMetadata: b.protocol({ topics: ["t"] }).metadata },
    ];
    expect(a.protocol({ topics: ["t"] }).name).toBe(SLOT_ASSIGNER);
    expect(decodeClaim(members[0])).toEqual({ memberId: "a", slot: 0, parallelism: 2, owned: { t: [0, 2] } });
    const result = await a.assign({ members, topics: ["t"] });
    const got = Object.fromEntries(result.map((r) => [r.memberId, AssignerProtocol.MemberAssignment.decode(r.memberAssignment)!.assignment.t]));
    expect(got).toEqual({ a: [0, 2, 4, 6, 8, 10, 12, 14], b: [1, 3, 5, 7, 9, 11, 13, 15] });
  });

  it("mayHold: a member of another protocol may hold anything; one of this protocol only its slot", () => {
    const metadata = (slot: number, parallelism: number) =>
      AssignerProtocol.MemberMetadata.encode({ version: 1, topics: ["t"], userData: Buffer.from(JSON.stringify({ slot, parallelism, owned: [] })) });
    const m = (memberMetadata: Buffer) => ({ memberId: "m", memberMetadata }) as MemberDescription;
    expect(mayHold({ protocol: SLOT_ASSIGNER, members: [m(metadata(1, 4))] }, 5)).toBe(true);
    expect(mayHold({ protocol: SLOT_ASSIGNER, members: [m(metadata(1, 4))] }, 6)).toBe(false);
    expect(mayHold({ protocol: "RoundRobinAssigner", members: [m(metadata(1, 4))] }, 6)).toBe(true);
    expect(mayHold({ protocol: SLOT_ASSIGNER, members: [] }, 6)).toBe(false);
  });
});

describe("the timer trigger's slot argument", () => {
  it("round-trips, and an empty message is slot 0 of 1", () => {
    expect(parseSlotArgument(formatSlotArgument({ slot: 3, parallelism: 4 }))).toEqual({ slot: 3, parallelism: 4 });
    expect(parseSlotArgument("")).toEqual({ slot: 0, parallelism: 1 });
    expect(parseSlotArgument(undefined)).toEqual({ slot: 0, parallelism: 1 });
  });

  it.each(['{"slot":4,"parallelism":4}', '{"slot":0,"parallelism":11}', '{"slot":-1,"parallelism":2}', '{"slot":"0","parallelism":2}', "slot 0", "{}"])(
    "refuses %s, naming the expected form",
    (message) => {
      expect(() => parseSlotArgument(message)).toThrow(ConfigError);
      expect(() => parseSlotArgument(message)).toThrow(/expected the timer trigger's custom argument to be empty or like \{"slot":0,"parallelism":2\}/);
    },
  );
});
