// What a restore needs besides the records, read once per run and kept in the run's manifest: the cluster's
// id, the topic's partition count, replication factor and topic-level settings (only those set on the topic,
// not broker defaults), and the committed offsets of the application consumer groups that read the topic,
// with the topic's end offsets at that moment. A restore creates the target topic from it and translates
// each group's position (cli/restore.ts). Reading it never fails the backup: what could not be read (an ACL
// that denies describing configs or groups) is said once, in the manifest and the run's summary line.
//
// Cost per run: one metadata request, one DescribeConfigs, one ListGroups, one DescribeGroups, and one
// OffsetFetch per candidate group (kafkajs asks one group at a time), at most MAX_GROUPS of them.
import { ConfigResourceTypes, ConfigSource, type Admin, type Kafka } from "kafkajs";
import type { TopicConfig } from "./config";
import type { Logger } from "./backup-run";
import { committedOffsets, type Commit } from "./kafka-offsets";

/** Groups whose offsets one run fetches at most; the others are named as skipped in the snapshot. */
export const MAX_GROUPS = 100;

export interface GroupSnapshot {
  groupId: string;
  /** The group's state when read: Empty, Stable, ... */
  state: string;
  /** Partition -> committed offset (the next record the group reads); partitions without a commit are absent. */
  offsets: Record<string, string>;
}

export interface TopicSnapshot {
  /** When it was read (ISO 8601). */
  readAt: string;
  /** The source cluster's id (Kafka's cluster.id): a restore compares it with the target's. null when unread. */
  clusterId: string | null;
  partitionCount: number | null;
  replicationFactor: number | null;
  /** Topic-level settings set on the topic (configSource TOPIC_CONFIG); null when they could not be read. */
  configs: Record<string, string> | null;
  /** Partition -> the topic's end offset (high watermark) when the groups were read. */
  endOffsets: Record<string, string>;
  /** The patterns the groups were chosen by (the construct's consumerGroups); [] records none. */
  groupSelection: string[];
  /** Application groups with a committed offset on the topic (never the backup's own group); null when unread. */
  groups: GroupSnapshot[] | null;
  /** Groups matching the selection beyond MAX_GROUPS, not read this run. */
  groupsSkipped?: string[];
  /** What could not be read and why, one line each (a missing permission, for instance). */
  problems: string[];
}

/** Whether a group id matches one of the patterns: a name, or a glob where `*` is any run of characters. */
export function groupSelected(groupId: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.includes("*") ? new RegExp(`^${p.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s").test(groupId) : p === groupId));
}

function errorType(err: unknown): string {
  for (let e = err as { type?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.type) return e.type;
  }
  return "";
}

/** "what: TYPE message", with a hint when it is a permission the CKafka ACL can grant. */
function problem(what: string, err: unknown): string {
  const type = errorType(err);
  const denied = /AUTHORIZATION_FAILED/.test(type) ? " (permission denied: grant the backup's user this on the instance's ACL to record it)" : "";
  return `${what}: ${type || (err as Error)?.message || String(err)}${denied}`;
}

/** The snapshot of the topic; never throws. */
export async function readTopicSnapshot(kafka: Kafka, config: TopicConfig, log: Logger): Promise<TopicSnapshot> {
  const { topic } = config;
  const snapshot: TopicSnapshot = {
    readAt: new Date().toISOString(),
    clusterId: null,
    partitionCount: null,
    replicationFactor: null,
    configs: null,
    endOffsets: {},
    groupSelection: [...config.consumerGroups],
    groups: config.consumerGroups.length ? null : [],
    problems: [],
  };
  let admin: Admin | undefined;
  const step = async (what: string, fn: (a: Admin) => Promise<void>) => {
    try {
      await fn(admin!);
    } catch (err) {
      snapshot.problems.push(problem(what, err));
    }
  };
  try {
    admin = kafka.admin({ retry: { retries: 1 } });
    await admin.connect();
    await step("describe the cluster", async (a) => {
      snapshot.clusterId = (await a.describeCluster()).clusterId;
    });
    await step(`metadata of "${topic}"`, async (a) => {
      const partitions = (await a.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions;
      snapshot.partitionCount = partitions.length;
      snapshot.replicationFactor = partitions[0]?.replicas.length ?? null;
    });
    await step(`describe the configs of "${topic}"`, async (a) => {
      const d = await a.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
      const entries = d.resources[0]?.configEntries ?? [];
      snapshot.configs = Object.fromEntries(entries.filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG && !e.isDefault && !e.isSensitive).map((e) => [e.configName, e.configValue]));
    });
    if (config.consumerGroups.length) {
      await step("list and read the consumer groups", async (a) => {
        const candidates = (await a.listGroups()).groups
          .map((g) => g.groupId)
          .filter((id) => id !== config.groupId && groupSelected(id, config.consumerGroups))
          .sort();
        if (candidates.length > MAX_GROUPS) snapshot.groupsSkipped = candidates.splice(MAX_GROUPS);
        const states = candidates.length ? new Map((await a.describeGroups(candidates)).groups.map((g) => [g.groupId, g.state])) : new Map<string, string>();
        const groups: GroupSnapshot[] = [];
        for (const groupId of candidates) {
          try {
            const commits = (await committedOffsets(a, groupId, [topic])).get(topic) ?? new Map<number, Commit>();
            const offsets = Object.fromEntries([...commits].map(([p, c]) => [String(p), String(c.offset)]));
            if (Object.keys(offsets).length) groups.push({ groupId, state: states.get(groupId) ?? "Unknown", offsets });
          } catch (err) {
            snapshot.problems.push(problem(`committed offsets of group "${groupId}"`, err));
          }
        }
        snapshot.groups = groups;
      });
      if (snapshot.groupsSkipped) snapshot.problems.push(`${snapshot.groupsSkipped.length} group(s) beyond the first ${MAX_GROUPS} matching the selection were not read: narrow consumerGroups`);
    }
    await step(`end offsets of "${topic}"`, async (a) => {
      snapshot.endOffsets = Object.fromEntries((await a.fetchTopicOffsets(topic)).map((o) => [String(o.partition), o.high]));
    });
  } catch (err) {
    snapshot.problems.push(problem("connect", err));
  } finally {
    await admin?.disconnect().catch(() => undefined);
  }
  if (snapshot.problems.length) log.warn("topic snapshot incomplete; the backup itself is not affected", { problems: snapshot.problems });
  return snapshot;
}
