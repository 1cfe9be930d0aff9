// The restore's target, checked before anything is written: which cluster it is (a topic of the backed-up
// name is fine on another cluster), whether the topic exists or is to be created with the recorded partitions
// and settings, its max.message.bytes, and whether the consumer groups to position have members there.
// Also the equivalent `tencentcloud_ckafka_topic` for teams that manage topics as code.
import { ConfigResourceTypes, type Admin, type PartitionMetadata } from "kafkajs";
import { kafkaCall, kafkaRead } from "./calls";
import { UsageError } from "./errors";
import type { TopicSnapshot } from "../function/contracts";

/** Kafka's own default max.message.bytes (1 MiB plus the batch overhead), when the target's cannot be read. */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

export interface TargetPlan {
  clusterId: string;
  /** Partitions of the existing topic; undefined when it is to be created. */
  existing?: PartitionMetadata[];
  /** The topic to create: partitions, replication factor (-1: the cluster's default) and settings. */
  create?: { partitions: number; replicationFactor: number; configs: Record<string, string> };
  /** The target's max.message.bytes, as read or as it will be created. */
  maxMessageBytes: number;
  /** Target partition -> end offset now (all 0 for a topic to create). */
  ends: Map<number, string>;
}

export interface TargetRequest {
  admin: Admin;
  brokers: string;
  timeoutMs: number;
  sourceTopic: string;
  targetTopic: string;
  snapshot?: TopicSnapshot;
  /** The backup's partitions to restore. */
  sourcePartitions: number[];
  repartition: boolean;
  createTopic: boolean;
  replicationFactor?: number;
  intoSourceTopic: boolean;
}

const unknownTopic = (err: unknown) => /does not host this topic-partition|UNKNOWN_TOPIC|This server does not host/i.test((err as Error).message);

/** Checks the target and says what the restore will do there; throws (naming what is wrong) before any write. */
export async function planTarget(r: TargetRequest): Promise<TargetPlan> {
  const { admin, brokers, timeoutMs, targetTopic, snapshot } = r;
  const cluster = await kafkaRead(timeoutMs, brokers, "describe the cluster", () => admin.describeCluster());
  if (typeof cluster.clusterId !== "string" || cluster.clusterId === "") throw new Error(`Kafka ${brokers}: the brokers gave no cluster id: is this a Kafka cluster (Kafka 0.10.1 or later)?`);
  if (targetTopic === r.sourceTopic && !r.intoSourceTopic) {
    const source = snapshot?.clusterId;
    if (!source) {
      throw new UsageError(
        `--target-topic: "${targetTopic}" is the backed-up topic, and the backup records no cluster id (its runs predate it) to tell whether ${brokers} is another cluster: if it is, add --into-source-topic; restoring into the source topic itself would add every record a second time`,
      );
    }
    if (source === cluster.clusterId) {
      throw new UsageError(
        `--target-topic: "${targetTopic}" is the backed-up topic on the backed-up cluster (id ${source}): restoring into it would add every record a second time; restore into another topic or cluster, or add --into-source-topic if that is what you want`,
      );
    }
  }
  const expected = snapshot?.partitionCount ?? Math.max(...r.sourcePartitions) + 1;
  let existing: PartitionMetadata[] | undefined;
  try {
    existing = (await kafkaRead(timeoutMs, brokers, `metadata of "${targetTopic}"`, () => admin.fetchTopicMetadata({ topics: [targetTopic] }))).topics[0].partitions;
  } catch (err) {
    if (!unknownTopic(err)) throw err;
    if (!r.createTopic) {
      throw new Error(`target topic "${targetTopic}" does not exist; add --create-topic to create it with the backup's ${expected} partition(s) and recorded settings, or create it first`);
    }
  }
  if (existing && !r.repartition) {
    const tooHigh = r.sourcePartitions.filter((p) => p >= existing!.length);
    if (tooHigh.length) {
      throw new Error(`target topic "${targetTopic}" has ${existing.length} partition(s); the backup has partition(s) ${tooHigh.join(", ")}: give the topic at least ${Math.max(...tooHigh) + 1}, or add --repartition to place records by key`);
    }
    if (snapshot?.partitionCount && existing.length !== snapshot.partitionCount) {
      throw new Error(`target topic "${targetTopic}" has ${existing.length} partition(s); "${r.sourceTopic}" had ${snapshot.partitionCount} when last recorded (${snapshot.readAt}): keys would not land where they were; add --repartition to place records by key, or restore into a topic with ${snapshot.partitionCount}`);
    }
  }
  const configs = snapshot?.configs ?? {};
  let maxMessageBytes = Number(configs["max.message.bytes"]) || NaN;
  if (existing) {
    // Without permission to read the topic's configuration (a CKafka ACL), Kafka's default stands.
    maxMessageBytes = await kafkaRead(timeoutMs, brokers, `max.message.bytes of "${targetTopic}"`, () =>
      admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: targetTopic, configNames: ["max.message.bytes"] }], includeSynonyms: false }),
    ).then((d) => Number(d.resources[0]?.configEntries.find((e) => e.configName === "max.message.bytes")?.configValue), () => NaN);
  } else if (Number.isNaN(maxMessageBytes)) {
    // Created with the broker's default: read it from a broker, when allowed.
    const broker = String(cluster.brokers[0]?.nodeId ?? "");
    maxMessageBytes = await kafkaRead(timeoutMs, brokers, "the broker's message.max.bytes", () =>
      admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: broker, configNames: ["message.max.bytes"] }], includeSynonyms: false }),
    ).then((d) => Number(d.resources[0]?.configEntries.find((e) => e.configName === "message.max.bytes")?.configValue), () => NaN);
  }
  const ends = existing
    ? new Map((await kafkaRead(timeoutMs, brokers, `end offsets of "${targetTopic}"`, () => admin.fetchTopicOffsets(targetTopic))).map((o) => [o.partition, o.high]))
    : new Map(Array.from({ length: expected }, (_, p) => [p, "0"]));
  return {
    clusterId: cluster.clusterId,
    existing,
    create: existing ? undefined : { partitions: expected, replicationFactor: r.replicationFactor ?? -1, configs },
    maxMessageBytes: maxMessageBytes > 0 ? maxMessageBytes : KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
    ends,
  };
}

/** Creates the planned topic and waits for its leaders; returns its partitions. */
export async function createTargetTopic(admin: Admin, brokers: string, timeoutMs: number, topic: string, create: NonNullable<TargetPlan["create"]>): Promise<PartitionMetadata[]> {
  const configEntries = Object.entries(create.configs).map(([name, value]) => ({ name, value }));
  let replicationFactor = create.replicationFactor;
  if (replicationFactor === -1) {
    // kafkajs speaks CreateTopics up to v3, where -1 (the cluster's default) is refused: ask a broker for it.
    const cluster = await kafkaRead(timeoutMs, brokers, "describe the cluster", () => admin.describeCluster());
    const d = await kafkaRead(timeoutMs, brokers, "the broker's default.replication.factor", () =>
      admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: String(cluster.brokers[0].nodeId), configNames: ["default.replication.factor"] }], includeSynonyms: false }),
    ).catch(() => undefined);
    const configured = Number(d?.resources[0]?.configEntries.find((e) => e.configName === "default.replication.factor")?.configValue);
    replicationFactor = configured > 0 ? Math.min(configured, cluster.brokers.length) : Math.min(3, cluster.brokers.length);
  }
  await kafkaCall(timeoutMs, brokers, `create topic "${topic}"`, admin.createTopics({ waitForLeaders: true, timeout: timeoutMs, topics: [{ topic, numPartitions: create.partitions, replicationFactor, configEntries }] }));
  return (await kafkaRead(timeoutMs, brokers, `metadata of "${topic}"`, () => admin.fetchTopicMetadata({ topics: [topic] }))).topics[0].partitions;
}

/** Groups among `groupIds` with members on the target, each with its members' client ids and hosts. */
export async function activeGroups(admin: Admin, brokers: string, timeoutMs: number, groupIds: string[]): Promise<string[]> {
  if (!groupIds.length) return [];
  const described = await kafkaRead(timeoutMs, brokers, "describe the consumer groups", () => admin.describeGroups(groupIds));
  return described.groups
    .filter((g) => g.members.length > 0)
    .map((g) => `"${g.groupId}" (${g.state}, ${g.members.length} member(s): ${g.members.map((m) => `${m.clientId}@${m.clientHost}`).join(", ")})`);
}

/** The topic settings `tencentcloud_ckafka_topic` has an argument for (provider 1.83.25), and their argument names. */
const TERRAFORM_ARGUMENTS: Record<string, { name: string; type: "number" | "bool" | "string" }> = {
  "cleanup.policy": { name: "clean_up_policy", type: "string" },
  "retention.ms": { name: "retention", type: "number" },
  "max.message.bytes": { name: "max_message_bytes", type: "number" },
  "segment.ms": { name: "segment", type: "number" },
  "segment.bytes": { name: "segment_bytes", type: "number" },
  "min.insync.replicas": { name: "sync_replica_min_num", type: "number" },
  "unclean.leader.election.enable": { name: "unclean_leader_election_enable", type: "bool" },
};

/** The `tencentcloud_ckafka_topic` resource (HCL) for the topic a restore would create; settings without an argument are listed in a comment. */
export function terraformTopic(topic: string, partitions: number, replicas: number, configs: Record<string, string>): string {
  const label = topic.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1");
  const lines = [
    `resource "tencentcloud_ckafka_topic" "${label}" {`,
    `  instance_id    = var.ckafka_instance_id`,
    `  topic_name     = ${JSON.stringify(topic)}`,
    `  partition_num  = ${partitions}`,
    `  replica_num    = ${replicas}`,
  ];
  const other: string[] = [];
  for (const [name, value] of Object.entries(configs).sort()) {
    const arg = TERRAFORM_ARGUMENTS[name];
    if (!arg) other.push(`${name}=${value}`);
    else lines.push(`  ${arg.name.padEnd(14)} = ${arg.type === "string" ? JSON.stringify(value) : value}`);
  }
  if (other.length) lines.push(`  # no argument for: ${other.join(", ")} (set them in the CKafka console or API)`);
  lines.push("}");
  return lines.join("\n");
}
