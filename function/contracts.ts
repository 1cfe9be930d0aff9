// The run's contracts: the types the handler's modules, the construct and the CLI share. The settings
// (BackupConfig; config.ts reads and checks them), the ports a run talks through (Logger, ObjectStorage,
// StoreReader, MemoryProbe), a run's options, and what it leaves behind: the manifest per topic (the CLI's
// input) and the report over all topics. Types only, plus SINGLE_INSTANCE: this module imports nothing of
// the run, so every module can import it without an import circle.
import type { Kafka } from "kafkajs";
// The formats own their ids and compressions (formats/registry.ts); these modules import nothing of the run either.
import type { Compression } from "./formats/format";
import type { Format } from "./formats/registry";

// --- The settings: the function's environment, as config.ts reads it

export type StartPosition = "earliest" | "latest" | { timestampMs: number };

export type SaslMechanism = "plain" | "scram-sha-256" | "scram-sha-512";

/** Server-side encryption the handler asks for on every object it writes (the bucket's own default applies otherwise). */
export type Encryption = { algorithm: "AES256" | "SM4" } | { algorithm: "KMS"; kmsKeyId?: string };

export interface BackupConfig {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: string[];
  /**
   * The topics backed up, by name (CKB_TOPIC for one, CKB_TOPICS for several); empty when `topicPattern` names them.
   * Use `configTopics` for what a config names; a run resolves them each time (topic-locations.ts).
   */
  readonly topics: readonly string[];
  /**
   * A regular expression every topic backed up matches as a whole (like Kafka Connect's `topics.regex`), checked by
   * `checkTopicPattern`; the cluster's topics are matched at every run, so new ones are backed up from the next tick.
   */
  readonly topicPattern?: string;
  /** CKafka instance id; the first folder of every object key. */
  readonly instanceId: string;
  /** `<name>-<appid>`. */
  readonly bucket: string;
  readonly region: string;
  /** `""` (bucket root) or a path ending in `/`. */
  readonly prefix: string;
  readonly partitionMaxBytes: number;
  readonly startPosition: StartPosition;
  readonly groupId: string;
  readonly format: Format;
  /** JSON Lines: the object's compression; Parquet: the page codec (gzip or zstd); formats/registry.ts lists the formats. */
  readonly compression: Compression;
  /** The codec's level (COMPRESSION_LEVELS): gzip 1 to 9, zstd 1 to 19; unused with "none". */
  readonly compressionLevel: number;
  readonly sasl?: { mechanism: SaslMechanism; username: string; secretName: string };
  readonly tls: boolean;
  /** Time kept back from the invocation's budget for the last upload and commit. */
  readonly deadlineMarginMs: number;
  /** Backup objects open at once; each can hold one part of compressed bytes (see LIMITS). */
  readonly maxOpenObjects: number;
  /** The run fails (so the failed-run alarm fires) when retention may delete records not backed up within this time. Unset: never. */
  readonly retentionHeadroomAlarmMs?: number;
  /**
   * Set when the bucket's default encryption is not the construct's to set (an existing bucket), or names a key:
   * each object is uploaded with these encryption headers.
   */
  readonly encryption?: Encryption;
  /**
   * The bucket keeps objects write-once (COS Object Lock): an object found already written with other
   * bytes is an error naming its key, never replaced. Otherwise a rerun may replace it with a longer run.
   */
  readonly writeOnce: boolean;
  /**
   * Consumer groups whose committed offsets on the topic each run records for a restore (topic-snapshot.ts):
   * names, or patterns where `*` is any run of characters; `[]` records none.
   */
  readonly consumerGroups: readonly string[];
  /**
   * The function's memory in MiB, which the handler keeps its process under (memory-guard.ts). Unset: SCF's
   * context's, if it says. The construct writes it with NODE_OPTIONS (lib/handler-memory.ts), not toEnvironment:
   * it may be a reference.
   */
  readonly memoryMiB?: number;
  /**
   * A run ends when no partition has had a new record for this long (and two fetches came back empty): the
   * partitions not at their plan then stop with `idle`. CKB_IDLE_MS (LIMITS.idleMs), for tests and operations:
   * the construct never sets it. Unset: 3000 ms.
   */
  readonly idleMs?: number;
  /** Overrides the COS endpoint (`http://host:port`, path-style). Tests only; unset in the cloud. */
  readonly cosEndpoint?: string;
  /** Overrides the SSM API endpoint. Tests only; unset in the cloud. */
  readonly ssmEndpoint?: string;
}

/** One topic of a run: `topic` is the Kafka topic; the per-topic parts (plan, headroom, snapshot, keys) read it. */
export type TopicConfig = BackupConfig & { readonly topic: string };

/**
 * Which share of the topic's partitions an invocation reads: instance `slot` (0-based) of `parallelism`
 * owns the partitions p with p % parallelism === slot. Each timer trigger carries its own as the custom
 * argument (the timer event's `Message`), so every invocation knows its share without asking anyone,
 * and a deploy that changes the parallelism changes each trigger's argument with it.
 */
export interface InstanceSlot {
  readonly slot: number;
  readonly parallelism: number;
}

/** A run that is the only instance of its tick: it may read every partition. */
export const SINGLE_INSTANCE: InstanceSlot = { slot: 0, parallelism: 1 };

// --- The ports: what a run talks through

/** The handler's log: one JSON object per line (index.ts). */
export interface Logger {
  info(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
  error(msg: string, fields?: object): void;
}

/** A part of a multipart upload, as the store confirmed it. */
export interface UploadedPart {
  PartNumber: number;
  ETag: string;
}

/** What the writer needs from object storage; small enough to fake in unit tests. */
export interface ObjectStorage {
  /** The bucket keeps objects write-once (BackupConfig.writeOnce): an object is never replaced. */
  readonly writeOnce?: boolean;
  putObject(key: string, body: Buffer): Promise<void>;
  initMultipart(key: string): Promise<string>;
  uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<UploadedPart>;
  completeMultipart(key: string, uploadId: string, parts: UploadedPart[]): Promise<void>;
  abortMultipart(key: string, uploadId: string): Promise<void>;
  /** The object's size, or undefined when there is no object under `key`. */
  headObject(key: string): Promise<{ size: number } | undefined>;
  /** SHA-256 (hex) of the object's bytes, streamed: memory stays small whatever its size. */
  sha256Of(key: string): Promise<string>;
}

/** What a run reads back from the store besides its objects: manifests and topic locations (topic-locations.ts). */
export interface StoreReader {
  /** The keys under `prefix`, sorted; none when the bucket does not exist. */
  listKeys(prefix: string): Promise<string[]>;
  /** The folders right under `prefix` that start with `start` (`prefix` + name + "/"), sorted; none when the bucket does not exist. */
  listFolders(prefix: string, start: string): Promise<string[]>;
  /** A small object's bytes (a manifest). */
  getObject(key: string): Promise<Buffer>;
}

/** One reading of the process's memory. */
export interface MemoryReading {
  rssBytes: number;
  heapUsedBytes: number;
}

/** How the guard reads the process's memory and asks for a full garbage collection. */
export interface MemoryProbe {
  read(): MemoryReading;
  /** A full, synchronous collection; absent where it cannot be had. */
  collect?: () => void;
  /** V8's old-space limit in bytes: shows whether --max-old-space-size took effect. */
  heapLimitBytes(): number;
}

// --- A run

/** What a run is given (backup-run.ts runBackup). */
export interface RunOptions {
  config: BackupConfig;
  kafka: Kafka;
  storage: ObjectStorage & StoreReader;
  runId: string;
  /** Epoch ms at which consuming stops so the last uploads and commits fit in the invocation. */
  deadlineAt: number;
  log: Logger;
  /** This invocation's share of the partitions (the timer trigger's argument). @default slot 0 of 1 */
  slot?: InstanceSlot;
  /** The function's memory in MiB, which the run keeps under (memory-guard.ts). @default unknown: peaks are only recorded */
  memoryMiB?: number;
  /** How the run reads its memory. Tests only. @default this process's (processMemoryProbe) */
  memoryProbe?: MemoryProbe;
}

// --- What a run leaves: a manifest per topic, the report over all

/** One topic's part of a run, stored under `_manifests/<instance>/<topic>/` as it always was. */
export interface RunManifest {
  runId: string;
  /** Where the topic's objects and manifests are: its name, or `<name>~<n>` once it was recreated (topic-locations.ts). */
  topic: string;
  /** The Kafka topic, when `topic` is a location other than its name. */
  kafkaTopic?: string;
  /** Set by the run that found the topic deleted and created again, and moved it to this location. */
  recreated?: Recreation;
  instanceId: string;
  groupId: string;
  /** Which instance of its tick this run was (`slot` of `parallelism`). */
  slot: InstanceSlot;
  /** The format of this run's objects (each object also names its own: a backup may hold both). */
  format: Format;
  startedAt: string;
  endedAt: string;
  deadlineAt: string;
  partitions: PartitionResult[];
  totals: { records: number; encodedBytes: number; storedBytes: number; objects: number; failedPartitions: number };
  manifestKey: string;
  /** Lag after the run and how long until retention may delete records not backed up. */
  retention: RetentionHeadroom;
  /**
   * The topic's partitions, settings and application groups' offsets, for a restore (topic-snapshot.ts). Recorded
   * by instance 0 of a tick only; absent in manifests written before it existed and in the other instances'.
   */
  topicSnapshot?: TopicSnapshot;
  /** The run's memory: the function's, the peak the handler saw, and whether it held back for it. */
  memory: MemoryReport;
  /** Set when the manifest could not be stored (the objects and commits above still stand). */
  manifestError?: string;
}

/** What a run did with one partition: its part of the manifest. */
export interface PartitionResult {
  partition: number;
  planned: { start: number; end: number };
  lastOffsetWritten: number | null;
  committedOffset: number | null;
  records: number;
  encodedBytes: number;
  storedBytes: number;
  objects: WrittenObject[];
  stopReason: StopReason;
  error?: string;
  /** With `error`: the partition's first offset not backed up, where the next run starts again. */
  errorOffset?: number;
  /** Offsets deleted by retention before they were backed up: seen when planning or while reading. */
  gaps: Gap[];
  /** Times the partition waited for another's object to finish (memory allows only so many open). */
  slotWaits: number;
}

/**
 * `idle`: the run ended because no partition made progress for a while, before this one reached its plan.
 * `memory`: the run ended early because flushing its objects did not bring it back under the function's memory.
 */
export type StopReason = "caught-up" | "deadline" | "idle" | "error" | "revoked" | "not-assigned" | "memory";

/** One stored backup object, as the manifest lists it. */
export interface WrittenObject {
  key: string;
  format: Format;
  firstOffset: number;
  lastOffset: number;
  records: number;
  /** The bytes partition_max caps: JSON Lines, the encoded lines; Parquet, the records' own bytes (formats/parquet/rows.ts). */
  encodedBytes: number;
  /** Bytes stored. */
  storedBytes: number;
  sha256: string;
  parts: number;
}

/** Offsets retention deleted before they were backed up. */
export interface Gap {
  /** First offset lost. */
  from: number;
  /** First offset kept: the log start offset when the loss was seen. */
  to: number;
}

/** Where a recreated topic's new incarnation goes, and why it was judged recreated. */
export interface Recreation {
  previousLocation: string;
  /** What told: e.g. `partition 2: manifest's next offset 40 > end offset 3`. */
  evidence: string;
}

/** Lag after the run and how long until retention may delete records not backed up (retention-headroom.ts). */
export interface RetentionHeadroom {
  /**
   * Milliseconds until retention may delete the oldest record not backed up; 0 when it may do so now.
   * null when no record is waiting, retention is unlimited, or it could not be measured (see `error`).
   */
  headroomMs: number | null;
  /** The partition holding that record. */
  partition?: number;
  /** The topic's `retention.ms`; null when unlimited (-1) or unreadable. */
  retentionMs: number | null;
  /** Records in the topic not backed up yet (end offset minus the first offset not backed up, summed): the lag after the run. */
  lagRecords: number | null;
  /** Why the headroom or the lag could not be measured. */
  error?: string;
}

/** The topic as a restore needs it: partitions, settings, application groups' offsets. */
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
  /** Groups matching the selection beyond MAX_GROUPS (topic-snapshot.ts), not read this run. */
  groupsSkipped?: string[];
  /** What could not be read and why, one line each (a missing permission, for instance). */
  problems: string[];
}

/** An application group's committed offsets on the topic. */
export interface GroupSnapshot {
  groupId: string;
  /** The group's state when read: Empty, Stable, ... */
  state: string;
  /** Partition -> committed offset (the next record the group reads); partitions without a commit are absent. */
  offsets: Record<string, string>;
}

/** What the manifest and the summary line report about a run's memory. */
export interface MemoryReport {
  /** The function's memory the guard held the run to; null when unknown (no CKB_MEMORY_MIB nor context). */
  budgetMiB: number | null;
  /** V8's old-space limit: about half the function's memory when NODE_OPTIONS took effect. */
  heapLimitMiB: number;
  /** Highest RSS and V8 heap in use seen by the guard's readings (between batches; a spike inside one can be missed). */
  peakRssMiB: number;
  peakHeapUsedMiB: number;
  /** Full collections the guard asked for. */
  collections: number;
  /** Times the run held back (paused fetching and flushed its objects) for memory. */
  throttled: number;
}

/** What one run did over all its topics: the handler's return value and its summary line (run-summary.ts). */
export interface RunReport {
  runId: string;
  instanceId: string;
  groupId: string;
  slot: InstanceSlot;
  startedAt: string;
  endedAt: string;
  /** The config's topics: names, or a pattern. */
  topicSelection: { topics: readonly string[]; topicPattern?: string };
  /** A manifest per topic read, by location. */
  manifests: RunManifest[];
  /** Topics that could not be read at all this run (not found, not planned), with why. */
  failedTopics: { topic: string; error: string }[];
  /** Set when the pattern matched no topic of the cluster (warned, not an error). */
  unmatchedPattern?: string;
  memory: MemoryReport;
}
