// Which run reads which partition. Every run of a backup is a member of its one consumer group, so Kafka
// fences the commits of a run that lost a partition; this assigner decides who gets what. Instance `slot`
// of `parallelism` (config.ts, InstanceSlot) may read the partitions p with p % parallelism === slot, and a
// partition stays with the member that holds it: an instance that joins seconds after the others, or an
// overlapping tick, takes nothing away from a member that is writing, so nobody drops a half-written object.
// A partition whose instance is not running (late, failed) waits for it, or for the next tick.
// With many topics the rule is the same for each topic's partitions (the topic's name does not enter it): a
// topic added later moves no other topic's partitions, a single-topic backup keeps its assignment, and each
// topic's partitions spread over the instances. Topics with fewer partitions than instances all sit on the
// low slots (partition 0 is always slot 0's).
import { AssignerProtocol, type GroupMember, type MemberDescription, type PartitionAssigner } from "kafkajs";
import type { InstanceSlot } from "./contracts";

/** The group protocol's name: members that all run this handler agree on it. */
export const SLOT_ASSIGNER = "ckafka-cos-backup-slots";
const VERSION = 1;

/**
 * What a member says when it joins: its slot and the partitions it holds now, by topic (a list alone: a
 * handler from before several topics, which held partitions of its one topic).
 */
export interface MemberClaim extends InstanceSlot {
  memberId: string;
  owned: readonly number[] | Readonly<Record<string, readonly number[]>>;
}

/** The partitions of `topic` a member holds. */
export function ownedOf(claim: Pick<MemberClaim, "owned">, topic: string): readonly number[] {
  return Array.isArray(claim.owned) ? claim.owned : ((claim.owned as Record<string, readonly number[]>)[topic] ?? []);
}

/** Whether instance `s` may read partition `p` (of any topic: see above). */
export function inSlot(s: InstanceSlot, partition: number): boolean {
  return partition % s.parallelism === s.slot;
}

/**
 * Partitions per member: each partition to a member whose slot includes it, preferring the one that
 * holds it, else the one with the fewest so far (overlapping runs of one slot share). Members with
 * other parallelisms (a deploy that changed it, while a run of the old one still runs) take part alike.
 */
export function assignBySlot(partitions: readonly number[], members: readonly MemberClaim[], topic = ""): Map<string, number[]> {
  const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const result = new Map<string, number[]>(sorted.map((m) => [m.memberId, []]));
  for (const p of [...partitions].sort((a, b) => a - b)) {
    const candidates = sorted.filter((m) => inSlot(m, p));
    if (!candidates.length) continue;
    const owner =
      candidates.find((m) => ownedOf(m, topic).includes(p)) ??
      candidates.reduce((least, m) => (result.get(m.memberId)!.length < result.get(least.memberId)!.length ? m : least));
    result.get(owner.memberId)!.push(p);
  }
  return result;
}

/** A member's claim from its join metadata, or undefined for a member that does not speak this protocol. */
export function decodeClaim(member: Pick<GroupMember, "memberId" | "memberMetadata">): MemberClaim | undefined {
  try {
    const userData = AssignerProtocol.MemberMetadata.decode(member.memberMetadata)?.userData;
    if (!userData) return undefined;
    const c = JSON.parse(userData.toString("utf8")) as Partial<MemberClaim>;
    if (!Number.isInteger(c.slot) || !Number.isInteger(c.parallelism) || typeof c.owned !== "object" || c.owned === null) return undefined;
    return { memberId: member.memberId, slot: c.slot!, parallelism: c.parallelism!, owned: c.owned };
  } catch {
    return undefined;
  }
}

/**
 * Whether a member of a running group (admin describeGroups) may hold `partition`: a member of this
 * protocol whose slot includes it, or any member of another protocol (an older handler reads any).
 */
export function mayHold(group: { protocol: string; members: MemberDescription[] }, partition: number): boolean {
  return group.members.some((m) => {
    if (group.protocol !== SLOT_ASSIGNER) return true;
    const c = decodeClaim(m);
    return !c || inSlot(c, partition);
  });
}

/** The kafkajs assigner for `slot`; `owned()` answers which partitions (of each topic) this member holds now. */
export function slotAssigner(slot: InstanceSlot, owned: () => MemberClaim["owned"]): PartitionAssigner {
  return ({ cluster }) => ({
    name: SLOT_ASSIGNER,
    version: VERSION,
    async assign({ members, topics }) {
      // A member that cannot be read is given nothing: it cannot say which partitions are its own.
      const claims = members.map(decodeClaim).filter((c): c is MemberClaim => c !== undefined);
      const perTopic = topics.map((topic) => ({
        topic,
        byMember: assignBySlot(
          cluster.findTopicPartitionMetadata(topic).map((m) => m.partitionId),
          claims,
          topic,
        ),
      }));
      return members.map(({ memberId }) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: VERSION,
          assignment: Object.fromEntries(perTopic.map(({ topic, byMember }) => [topic, byMember.get(memberId) ?? []])),
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      const userData = Buffer.from(JSON.stringify({ slot: slot.slot, parallelism: slot.parallelism, owned: owned() }));
      return { name: SLOT_ASSIGNER, metadata: AssignerProtocol.MemberMetadata.encode({ version: VERSION, topics, userData }) };
    },
  });
}
