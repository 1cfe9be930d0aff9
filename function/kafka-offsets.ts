// The offsets a run's plan, its retention headroom and the CLI's verify read from Kafka, read one way each:
// the group's committed offsets, and per partition the first offset at a time.
import type { Admin } from "kafkajs";

/** A partition's committed offset and the metadata committed with it (topic-locations.ts). */
export interface Commit {
  offset: number;
  metadata: string | null;
}

/**
 * The group's committed offsets of `topics`, per topic and partition, in the order Kafka lists them. A partition
 * without one (Kafka answers -1) is absent, as is a topic without any.
 */
export async function committedOffsets(admin: Pick<Admin, "fetchOffsets">, groupId: string, topics: string[]): Promise<Map<string, Map<number, Commit>>> {
  const fetched = await admin.fetchOffsets({ groupId, topics });
  const result = new Map<string, Map<number, Commit>>();
  for (const t of fetched) {
    const commits = t.partitions.filter((p) => Number(p.offset) >= 0).map((p) => [p.partition, { offset: Number(p.offset), metadata: p.metadata ?? null }] as const);
    if (commits.length) result.set(t.topic, new Map(commits));
  }
  return result;
}

/** Per partition, the first offset whose timestamp is at or after `timestampMs` (Kafka's ListOffsets by time). */
export async function offsetsAtTime(admin: Pick<Admin, "fetchTopicOffsetsByTimestamp">, topic: string, timestampMs: number): Promise<Map<number, number>> {
  return new Map((await admin.fetchTopicOffsetsByTimestamp(topic, timestampMs)).map((p) => [p.partition, Number(p.offset)]));
}
