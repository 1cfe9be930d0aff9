// The construct's props: where a prop is declared and documented (API.md is generated from this TSDoc).
import type { TerraformProvider } from "cdktf";
import type { Compression } from "../function/formats/format";
import type { Format } from "../function/formats/registry";
import type { BackupAlarmProps } from "./alarms";
import type { BackupLogProps } from "./logging";
import type { TopicSelection } from "./topic-selection";
import type { SaslMechanism } from "../function/contracts";

export interface CkafkaCosBackupProps extends BackupAlarmProps, BackupLogProps {
  /**
   * SCF function name: 2–60 characters, starts with a letter, letters, digits, `-` and `_`, not ending in `-` or `_`.
   * It is the function's identity: changing it replaces the function (a new function, a new consumer group
   * unless `consumerGroupId` is set).
   */
  readonly functionName: string;
  /** SCF namespace. @default "default" */
  readonly namespace?: string;
  /**
   * Region of the bucket, the function and the CKafka instance, e.g. `ap-guangzhou`. It goes into the
   * role's policy and the handler's configuration; the resources are created in the provider's region,
   * so give the same region to the provider (see `provider`).
   */
  readonly region: string;
  /**
   * The tencentcloud provider for every resource and data source of the construct, e.g. an aliased
   * provider in a multi-region stack. @default the stack's default tencentcloud provider
   */
  readonly provider?: TerraformProvider;

  /**
   * An existing bucket (`<name>-<appid>`) to back up into. The construct does not own it: `versioningEnabled`
   * sets its versioning (a `tencentcloud_cos_bucket_version`), `encryptionAlgorithm` and `kmsKeyId` encrypt
   * each object the function writes; the lifecycle props and `objectLockDays` are refused, because the
   * provider keeps them in the bucket's own definition (README, "An existing bucket").
   * @default a new bucket is created
   */
  readonly existingBucketName?: string;
  /**
   * Name of the new bucket without the `-<appid>` suffix: lowercase letters, digits and `-`, at most 49 characters.
   * @default the function name, lowercased
   */
  readonly bucketNamePrefix?: string;
  /** Account APPID (10 digits), for bucket names and CAM resources. @default read with the `tencentcloud_user_info` data source */
  readonly appId?: string;
  /**
   * Keep object versions in the bucket. With `existingBucketName`, a `tencentcloud_cos_bucket_version` sets the
   * existing bucket's versioning to `Enabled` (true) or `Suspended` (false). Not with `objectLockDays`.
   * @default false for a new bucket; an existing bucket's versioning is left as it is
   */
  readonly versioningEnabled?: boolean;
  /**
   * Server-side encryption: the new bucket's default, or, with `existingBucketName`, the encryption the
   * function asks for on every object it writes (`x-cos-server-side-encryption`).
   * @default "AES256" for a new bucket, "KMS" with `kmsKeyId`; an existing bucket's own default otherwise
   */
  readonly encryptionAlgorithm?: "AES256" | "KMS" | "SM4";
  /**
   * The customer's KMS key id for SSE-KMS (the bucket's `kms_id`, or each object's key with `existingBucketName`).
   * Implies `encryptionAlgorithm: "KMS"`. The function's role may use this key and no other; whoever reads the
   * backup needs `kms:Decrypt` on it (the reader policy grants it; README, "Customer keys").
   * @default COS's default KMS key with `encryptionAlgorithm: "KMS"`
   */
  readonly kmsKeyId?: string;
  /**
   * WORM retention: every object of the new bucket cannot be overwritten or deleted for this many days,
   * 1 to 36,500 (COS Object Lock, COMPLIANCE mode). Irreversible: the bucket's lock cannot be turned off
   * or shortened. COS offers it to allowlisted accounts only, not on multi-AZ buckets nor with intelligent
   * tiering; `expirationDays` must not end before it. Not with `existingBucketName` (README, "WORM retention").
   * @default no Object Lock
   */
  readonly objectLockDays?: number;
  /** Move backups to STANDARD_IA after this many days (a lifecycle rule of the new bucket; not with `existingBucketName`). @default no transition */
  readonly transitionToStandardIaAfterDays?: number;
  /** Move backups to ARCHIVE after this many days (a lifecycle rule of the new bucket; not with `existingBucketName`). @default no transition */
  readonly transitionToArchiveAfterDays?: number;
  /** Delete backups after this many days (a lifecycle rule of the new bucket; not with `existingBucketName`). @default kept forever */
  readonly expirationDays?: number;
  /**
   * Abort incomplete multipart uploads after this many days; 0 turns the rule off. A lifecycle rule of the new
   * bucket: not with `existingBucketName`, whose own rules decide.
   * @default 7 for a new bucket
   */
  readonly abortIncompleteMultipartUploadDays?: number;

  /**
   * How often the backup runs, in minutes: 5, 6, 10, 12 or 15 (the console's time granularity; it must
   * divide 60 for the timer to keep even intervals). A literal: it shapes the cron and the timeout. @default 5
   */
  readonly timeGranularityMinutes?: number;
  /** The most bytes per partition per object (the console's `partition_max`), 1 MiB–500 MiB. @default 64 MiB */
  readonly partitionMaxBytes?: number;

  /** An existing CAM role name for the function. @default a new role with a least-privilege policy */
  readonly existingRoleName?: string;

  /** CKafka instance id, e.g. `ckafka-abcd1234`; the first folder of every object key. */
  readonly instanceId: string;
  /**
   * The topic to back up. Exactly one of `topic`, `topics` and `topicPattern` is given.
   * @default none - `topics` or `topicPattern` selects the topics instead
   */
  readonly topic?: string;
  /**
   * Several topics to back up by name, with one function (README, "Several topics"): each in its own folder
   * `<instance>/<topic>/`, with its own manifests, alarms and CLI commands. A topic deleted and recreated is
   * backed up under `<topic>~<n>/` from its recreation on. Not with `topic` or `topicPattern`.
   * @default none - `topic` or `topicPattern` selects the topics instead
   */
  readonly topics?: string[];
  /**
   * A regular expression the topics to back up match as a whole, like Kafka Connect's `topics.regex`, e.g.
   * `"orders-.*"`: the instance's topics are matched at every run, so a topic created later is backed up from the
   * next tick on, starting where `startPosition` says. Only syntax Java and JavaScript read alike is accepted, and
   * with alarms on, only what Terraform's RE2 reads too (the alarms match it at plan time; README, "Choices").
   * The role may write under the whole `<instance>/` folder. Not with `topic` or `topics`.
   * @default none - `topic` or `topics` names the topics instead
   */
  readonly topicPattern?: string;
  /** Where a partition without a committed offset starts: `earliest`, `latest`, or epoch milliseconds. @default "earliest" */
  readonly startPosition?: "earliest" | "latest" | number;
  /** Consumer group whose committed offsets track progress. @default the function name */
  readonly consumerGroupId?: string;
  /**
   * Application consumer groups whose committed offsets on the topic each run records in its manifest, so that a
   * restore can put them at the same records on another cluster (README, "Restoring a lost topic onto a new
   * cluster"): group names, or patterns where `*` matches any run of characters. `[]` records none. At most 100
   * matching groups are read per run; the backup's own group is never recorded. Without permission to describe
   * groups (a CKafka ACL), the run says so once and the backup goes on.
   * @default ["*"] - every group with a committed offset on the topic
   */
  readonly consumerGroups?: string[];

  /**
   * The CKafka VPC access address(es), `host:port`: an array of strings, or a list reference
   * (a `TerraformVariable`'s `listValue`, `Fn.split(...)`), joined with `,` into the handler's configuration.
   */
  readonly brokers: string[];
  /** VPC of the CKafka instance; the function runs inside it. */
  readonly vpcId: string;
  /** Subnet for the function (needs free IPs and DHCP). */
  readonly subnetId: string;

  /** Delivery path prefix; empty for the bucket root, otherwise it must end with `/`. @default "" */
  readonly deliveryPathPrefix?: string;
  /**
   * Object format: `"jsonl"`, JSON Lines, one record per line (compressed whole, see `compression`); `"parquet"`,
   * one row per record in columns a query engine reads directly (README, "What the backup writes"). A
   * backup may hold both (the CLI reads each object by its extension), so switching is safe.
   * @default "jsonl" - what stacks made before the prop existed write; Parquet is opted into.
   */
  readonly format?: Format;
  /**
   * Codec: with `format: "jsonl"` the object's compression, `"gzip"` (`.jsonl.gz`), `"zstd"` (`.jsonl.zst`) or
   * `"none"` (`.jsonl`); with `format: "parquet"` the page codec, `"gzip"` or `"zstd"` (Parquet's GZIP and ZSTD
   * codecs; `"none"` is refused). zstd stores fewer bytes for less CPU; gzip is read by every tool without
   * asking (README, "Memory and speed").
   * @default "gzip" - what stacks made before zstd existed write
   */
  readonly compression?: Compression;
  /**
   * The codec's level: gzip 1 (least CPU) to 9 (fewest bytes), zstd 1 to 19. A higher level stores fewer
   * bytes for more CPU per record (README, "Memory and speed"). Not with `compression: "none"`.
   * @default gzip: 6 for JSON Lines, 1 for Parquet pages; zstd: 1
   */
  readonly compressionLevel?: number;

  /** SASL mechanism for the broker. @default no SASL */
  readonly saslMechanism?: SaslMechanism;
  /** SASL user name; CKafka's look like `<instanceId>#<user>`. Required with `saslMechanism`. */
  readonly saslUsername?: string;
  /** Name of the SSM secret holding the SASL password, read at run time. Required with `saslMechanism`. */
  readonly saslPasswordSecretName?: string;
  /** Account UIN, for the SSM secret's CAM resource. @default read with the `tencentcloud_user_info` data source */
  readonly ownerUin?: string;
  /** Connect to the broker with TLS. @default false */
  readonly tlsEnabled?: boolean;

  /**
   * Function memory in MiB, a multiple of 128 from 256 to 3072. The handler's memory is bounded by a
   * fixed number of open backup objects, not by partitions or backlog; it peaks near 210–270 MiB
   * (README, "Memory and speed"). The function gets `NODE_OPTIONS=--max-old-space-size=<half of it>`
   * and `CKB_MEMORY_MIB`, which the handler keeps its process under (README, "Within the function's memory").
   * @default 512
   */
  readonly memoryMiB?: number;
  /** Function timeout in seconds, below the granularity and at most 900. @default granularity × 60 − 30, at most 900 */
  readonly timeoutSeconds?: number;
  /** SCF Node.js runtime, Nodejs18.15 or newer (the handler is built for Node.js 18). @default "Nodejs18.15" */
  readonly runtime?: string;
  /**
   * Public network access besides the VPC. On by default because the SASL password is read from the
   * SSM API and COS may be reached through public domains; whether both are reachable from a VPC alone is
   * unverified. Turn it off if your VPC reaches them privately.
   * @default true
   */
  readonly publicNetEnabled?: boolean;
  /**
   * Function instances per tick, 1 to 10, for a topic one instance cannot keep up with. Each has its own
   * timer trigger, and instance i of N reads the partitions p with p % N = i for the whole run; reserved
   * concurrency becomes N instances. Pick N from the topic's rate (README, "Scaling out"); more instances
   * than partitions leaves some idle. @default 1
   */
  readonly parallelism?: number;
  /** Times SCF retries a failed tick. The next tick resumes anyway, so retries only add overlap. @default 0 */
  readonly asyncRetryCount?: number;
  /**
   * Tags on every resource of the backup that takes them (the bucket, the role, the policies, the function, the
   * log topic, the alarm policies), over the stack's tags: the context value `ckafka-cos-backup:tags` (an object),
   * set on the app (`new App({ context: ... })`) or first thing in the stack's constructor (context cannot be set
   * once a construct has children).
   * @default the stack's tags, if any
   */
  readonly tags?: Record<string, string>;
}

/**
 * What several parts of the construct build from: the props' shared defaults applied once, and the account
 * (the constructor makes it; each part reads the rest from the props).
 */
export interface BackupBasics {
  readonly selection: TopicSelection;
  /** `namespace`, default "default". */
  readonly namespace: string;
  /** `timeGranularityMinutes`, default 5. */
  readonly granularityMinutes: number;
  /** `deliveryPathPrefix`, default "". */
  readonly prefix: string;
  /** `consumerGroupId`, default the function name. */
  readonly groupId: string;
  /** `timeoutSeconds`, default timeoutFor(granularityMinutes). */
  readonly timeoutSeconds: number;
  /** `memoryMiB`, default LIMITS.memoryMiB.default. */
  readonly memoryMiB: number;
  /** `parallelism`, default LIMITS.parallelism.default. */
  readonly parallelism: number;
  /** `appId`, or read from the account (a token). */
  readonly appId: string;
  /** `ownerUin`, or read from the account (a token); "" when nothing needs it. */
  readonly ownerUin: string;
}
