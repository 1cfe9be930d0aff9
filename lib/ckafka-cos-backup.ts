import { Fn, TerraformAsset, AssetType, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack, Token, Op } from "cdktf";
import { Construct } from "constructs";
import { CamPolicy } from "../generated/providers/tencentcloud/cam-policy";
import { CamRole } from "../generated/providers/tencentcloud/cam-role";
import { CamRolePolicyAttachment } from "../generated/providers/tencentcloud/cam-role-policy-attachment";
import { CosBucket, type CosBucketLifecycleRules } from "../generated/providers/tencentcloud/cos-bucket";
import { CosBucketVersion } from "../generated/providers/tencentcloud/cos-bucket-version";
import { MonitorAlarmPolicy } from "../generated/providers/tencentcloud/monitor-alarm-policy";
import { DataTencentcloudUserInfo } from "../generated/providers/tencentcloud/data-tencentcloud-user-info";
import { ScfFunction } from "../generated/providers/tencentcloud/scf-function";
import { ScfFunctionEventInvokeConfig } from "../generated/providers/tencentcloud/scf-function-event-invoke-config";
import { ScfReservedConcurrencyConfig } from "../generated/providers/tencentcloud/scf-reserved-concurrency-config";
import { ScfTrigger } from "../generated/providers/tencentcloud/scf-trigger";
import {
  ALL_GROUPS,
  LIMITS,
  checkTags,
  defaultCompressionLevel,
  formatSlotArgument,
  toEnvironment,
  type Encryption,
  type SaslMechanism,
  type StartPosition,
} from "../function/config";
import type { Compression } from "../function/formats/format";
import type { Format } from "../function/formats/registry";
import { BackupAlarms, alarmsWanted, retentionHeadroomAlarmMs, type BackupAlarmProps } from "./alarms";
import { handlerCode } from "./handler-code";
import { memoryEnvironment, memoryPrecondition } from "./handler-memory";
import { BackupLogTopic, type BackupLogProps } from "./logging";
import { backupPolicyDocument, readerPolicyDocument, scfTrustDocument, type BackupKeySpace } from "./policy";
import { cliTopicOptions, namedTopics, topicSelection, topicsText } from "./topic-selection";
import { validateProps, timeoutFor, cronFor } from "./validation";

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

/** The context key whose object of tags every backup under it carries (`tags` adds to and overrides it). */
export const TAGS_CONTEXT_KEY = "ckafka-cos-backup:tags";

/**
 * The COS console's "CKafka message backup" as code: a bucket, a CAM role, a VPC-attached SCF function
 * with a timer trigger, and the bundled handler that dumps the topic into the bucket every few minutes.
 */
export class CkafkaCosBackup extends Construct {
  /** The new bucket; undefined when `existingBucketName` is given. */
  public readonly bucket?: CosBucket;
  /** The existing bucket's versioning; defined with `existingBucketName` and `versioningEnabled`. */
  public readonly bucketVersioning?: CosBucketVersion;
  /** The full bucket name, `<name>-<appid>` (may be a token). */
  public readonly bucketName: string;
  /** Account lookup; defined when appid or uin had to be read from the account. */
  public readonly userInfo?: DataTencentcloudUserInfo;
  /** The function's role; undefined when `existingRoleName` is given. */
  public readonly role?: CamRole;
  /** The role's least-privilege policy: writes only this backup's keys; undefined when `existingRoleName` is given. */
  public readonly policy?: CamPolicy;
  /**
   * Read-only access to this backup's objects and manifests (and its KMS key), for the people who run the CLI:
   * `history`, `verify`, `export` and `restore` (restore writes only to Kafka, authorized by the target's SASL user).
   * Attach it to a CAM user, group or role.
   */
  public readonly readerPolicy: CamPolicy;
  public readonly policyAttachment?: CamRolePolicyAttachment;
  /** The function's role name (may be a token). */
  public readonly roleName: string;
  /** The backup function. */
  public readonly function: ScfFunction;
  /** Runs the function every `timeGranularityMinutes`: instance 0 of `parallelism` (`timerTriggers[0]`). */
  public readonly timerTrigger: ScfTrigger;
  /** One timer trigger per instance of a tick; trigger i carries `{"slot":i,"parallelism":N}` as its argument. */
  public readonly timerTriggers: ScfTrigger[];
  /** No retries, and a queued tick lives one interval. */
  public readonly eventInvokeConfig: ScfFunctionEventInvokeConfig;
  /** `parallelism` instances' worth of reserved concurrency. */
  public readonly reservedConcurrency: ScfReservedConcurrencyConfig;
  /** The handler's zip, shipped prebuilt in the package. */
  public readonly codeAsset: TerraformAsset;
  /** The environment given to the function (the handler's configuration). */
  public readonly environment: Record<string, string>;
  /** The alarm policies; defined when alarms are enabled (README, "Operations"). */
  public readonly alarms?: BackupAlarms;
  /** The function's CLS topic, its index, and the logset when the construct made it; defined with `logTopicEnabled`. */
  public readonly logTopic?: BackupLogTopic;
  /**
   * What the backup's output names start with: the construct id with characters other than letters, digits
   * and `_` as `_`, e.g. `orders_bucket_name`, `orders_cli_verify` for id `orders`.
   */
  public readonly outputNamePrefix: string;

  constructor(scope: Construct, id: string, props: CkafkaCosBackupProps) {
    super(scope, id);
    validateProps(props);
    const selection = topicSelection(props);
    const namespace = props.namespace ?? "default";
    const granularity = props.timeGranularityMinutes ?? 5;
    const memoryMiB = props.memoryMiB ?? LIMITS.memoryMiB.default;
    const parallelism = props.parallelism ?? LIMITS.parallelism.default;
    const runtime = props.runtime ?? "Nodejs18.15";
    const prefix = props.deliveryPathPrefix ?? "";
    const tags = backupTags(this, props.tags);
    const groupId = props.consumerGroupId ?? props.functionName;
    const encryption = encryptionOf(props);

    const provider = props.provider;
    // The appid names the bucket, every policy's COS resources and the alarms; the uin the SSM secret and the KMS key.
    const needsAccount = !props.appId || (!props.ownerUin && (!!props.kmsKeyId || (!!props.saslMechanism && !props.existingRoleName)));
    if (needsAccount) this.userInfo = new DataTencentcloudUserInfo(this, "account", { provider });
    const appId = props.appId ?? this.userInfo?.appId ?? "";
    const ownerUin = props.ownerUin ?? this.userInfo?.ownerUin ?? "";

    if (props.existingBucketName) {
      this.bucketName = props.existingBucketName;
      if (props.versioningEnabled !== undefined) {
        this.bucketVersioning = new CosBucketVersion(this, "bucket-versioning", {
          provider,
          bucket: this.bucketName,
          status: props.versioningEnabled ? "Enabled" : "Suspended",
        });
      }
    } else {
      const bucketPrefix = props.bucketNamePrefix ?? defaultBucketPrefix(props.functionName);
      this.bucket = new CosBucket(this, "bucket", {
        provider,
        bucket: `${bucketPrefix}-${appId}`,
        acl: "private",
        encryptionAlgorithm: encryption?.algorithm ?? "AES256",
        kmsId: encryption?.algorithm === "KMS" ? encryption.kmsKeyId : undefined,
        versioningEnable: props.versioningEnabled ?? false,
        lifecycleRules: lifecycleRules(props, prefix),
        objectLockConfiguration: props.objectLockDays !== undefined ? { enabled: true, rule: { days: props.objectLockDays } } : undefined,
      });
      this.bucketName = this.bucket.bucket;
    }

    this.environment = toEnvironment({
      brokers: Token.isUnresolved(props.brokers) ? [Fn.join(",", props.brokers)] : props.brokers,
      topics: namedTopics(selection),
      topicPattern: selection.kind === "pattern" ? selection.pattern : undefined,
      instanceId: props.instanceId,
      bucket: this.bucketName,
      region: props.region,
      prefix,
      partitionMaxBytes: props.partitionMaxBytes ?? LIMITS.partitionMaxBytes.default,
      startPosition: toStartPosition(props.startPosition),
      groupId,
      consumerGroups: props.consumerGroups ?? ALL_GROUPS,
      format: props.format ?? "jsonl",
      compression: props.compression ?? "gzip",
      compressionLevel: props.compressionLevel ?? defaultCompressionLevel(props.format ?? "jsonl", props.compression ?? "gzip"),
      sasl: props.saslMechanism
        ? { mechanism: props.saslMechanism, username: props.saslUsername!, secretName: props.saslPasswordSecretName! }
        : undefined,
      tls: props.tlsEnabled ?? false,
      deadlineMarginMs: LIMITS.deadlineMarginMs.default,
      maxOpenObjects: LIMITS.maxOpenObjects.default,
      retentionHeadroomAlarmMs: retentionHeadroomAlarmMs(props, granularity),
      // A new bucket encrypts with its own default; an existing one's default is not the construct's to set.
      encryption: props.existingBucketName ? encryption : undefined,
      writeOnce: props.objectLockDays !== undefined,
    });

    const keySpace: BackupKeySpace = {
      region: props.region,
      appId,
      bucket: this.bucketName,
      prefix,
      instanceId: props.instanceId,
      topics: selection,
      ownerUin,
      kmsKeyId: props.kmsKeyId,
    };
    this.readerPolicy = new CamPolicy(this, "reader-policy", {
      provider,
      name: `${props.functionName}-reader`,
      document: Fn.jsonencode(readerPolicyDocument(keySpace)),
      description: `Read-only access to the CKafka backup ${props.functionName} (history, verify, export, restore)`,
    });
    Object.assign(this.environment, memoryEnvironment(memoryMiB));

    if (props.existingRoleName) {
      this.roleName = props.existingRoleName;
    } else {
      this.role = new CamRole(this, "role", {
        provider,
        name: `${props.functionName}-role`,
        document: JSON.stringify(scfTrustDocument()),
        description: `Runs the CKafka backup function ${props.functionName}`,
      });
      this.policy = new CamPolicy(this, "policy", {
        provider,
        name: `${props.functionName}-policy`,
        document: Fn.jsonencode(backupPolicyDocument({ ...keySpace, saslSecretName: props.saslMechanism ? props.saslPasswordSecretName : undefined })),
        description: `Least privilege for the CKafka backup function ${props.functionName}`,
      });
      this.policyAttachment = new CamRolePolicyAttachment(this, "policy-attachment", {
        provider,
        roleId: this.role.id,
        policyId: this.policy.id,
      });
      this.roleName = this.role.name;
    }

    // The zip is built once, when the package is built; its hash names the asset folder, so the
    // `zip_file` path, and with it the deployed code, changes exactly when the code does.
    const code = handlerCode();
    this.codeAsset = new TerraformAsset(this, "code", {
      path: code.zipPath,
      type: AssetType.FILE,
      assetHash: code.sha256.slice(0, 32),
    });

    if (props.logTopicEnabled) {
      this.logTopic = new BackupLogTopic(this, "logs", {
        functionName: props.functionName, backedUp: topicsText(selection), retentionDays: props.logRetentionDays, tags, provider,
        logsetId: props.clsLogsetId, indexEnabled: props.logIndexEnabled,
      });
    }
    this.function = new ScfFunction(this, "function", {
      provider,
      name: props.functionName,
      namespace,
      description: `Backs up CKafka ${topicsText(selection)} of ${props.instanceId} to COS every ${granularity} minutes`,
      handler: "index.main_handler",
      runtime,
      memSize: memoryMiB,
      timeout: props.timeoutSeconds ?? timeoutFor(granularity),
      environment: this.environment,
      zipFile: this.codeAsset.path,
      role: this.roleName,
      vpcId: props.vpcId,
      subnetId: props.subnetId,
      enablePublicNet: props.publicNetEnabled ?? true,
      clsLogsetId: this.logTopic?.logsetId ?? props.clsLogsetId,
      clsTopicId: this.logTopic?.logTopic.id ?? props.clsTopicId,
      dependsOn: this.policyAttachment ? [this.policyAttachment] : undefined,
      // A reference cannot be checked at synth: the plan checks it as validateProps checks a literal.
      lifecycle: Token.isUnresolved(memoryMiB) ? { precondition: [memoryPrecondition(memoryMiB)] } : undefined,
    });

    // One trigger per instance, so that every instance starts on time and knows its share from its own
    // event: no instance depends on another to start it, and a failed one costs only its partitions' tick.
    this.timerTriggers = Array.from({ length: parallelism }, (_, slot) =>
      new ScfTrigger(this, slot === 0 ? "timer" : `timer-${slot}`, {
        provider,
        functionName: this.function.name,
        namespace,
        type: "timer",
        triggerName: slot === 0 ? "backup-timer" : `backup-timer-${slot}`,
        triggerDesc: cronFor(granularity),
        enable: "OPEN",
        customArgument: formatSlotArgument({ slot, parallelism }),
        description: parallelism === 1 ? `Every ${granularity} minutes` : `Every ${granularity} minutes, instance ${slot} of ${parallelism}`,
      }),
    );
    this.timerTrigger = this.timerTriggers[0];

    // A tick that fails or times out is not retried: the next tick resumes from the committed offsets,
    // and a retry would only run beside it. A queued tick lives at most one interval.
    this.eventInvokeConfig = new ScfFunctionEventInvokeConfig(this, "invoke-config", {
      provider,
      functionName: this.function.name,
      namespace,
      asyncTriggerConfig: {
        msgTtl: granularity * 60,
        retryConfig: [{ retryNum: props.asyncRetryCount ?? 0 }],
      },
    });
    // Reserved concurrency of one tick's instances (SCF counts it in MB): ticks never run two at a time by accident.
    this.reservedConcurrency = new ScfReservedConcurrencyConfig(this, "reserved-concurrency", {
      provider,
      functionName: this.function.name,
      namespace,
      reservedConcurrencyMem: Token.isUnresolved(memoryMiB) && parallelism > 1 ? Token.asNumber(Op.mul(memoryMiB, parallelism)) : memoryMiB * parallelism,
    });

    if (alarmsWanted(props)) {
      this.alarms = new BackupAlarms(this, "alarms", {
        ...props,
        functionName: props.functionName,
        functionNamespace: namespace,
        timeoutSeconds: props.timeoutSeconds ?? timeoutFor(granularity),
        timeGranularityMinutes: granularity,
        consumerGroupId: groupId,
        topics: selection,
        parallelism,
        appId,
      });
    }
    if (tags) tagResources(this, tags);

    this.outputNamePrefix = outputNamePrefix(id);
    const source = [`--bucket ${this.bucketName}`, `--region ${props.region}`, `--instance ${props.instanceId}`, cliTopicOptions(selection), ...(prefix ? [`--prefix '${prefix}'`] : [])].join(" ");
    const outputs: Record<string, { value: string; description: string }> = {
      bucket_name: { value: this.bucketName, description: "The backup's bucket" },
      region: { value: props.region, description: "The bucket's region" },
      prefix: { value: prefix, description: "deliveryPathPrefix: the key prefix before <instance>/<topic>/" },
      instance_id: { value: props.instanceId, description: "The CKafka instance backed up" },
      ...(selection.kind === "topic"
        ? { topic: { value: selection.topics[0], description: "The topic backed up" } }
        : selection.kind === "topics"
          ? { topics: { value: selection.topics.join(","), description: "The topics backed up, separated by commas" } }
          : { topic_pattern: { value: selection.pattern, description: "The regular expression the topics backed up match as a whole" } }),
      consumer_group: { value: groupId, description: "The consumer group whose committed offsets track the backup" },
      function_name: { value: this.function.name, description: "The backup function" },
      role_name: { value: this.roleName, description: "The function's CAM role" },
      reader_policy_name: { value: this.readerPolicy.name, description: "CAM policy to attach to whoever runs the CLI on this backup" },
      cli_options: { value: source, description: "The CLI's options that select this backup, for every command" },
      cli_verify: { value: `npx ckafka-cos-backup verify ${source} --group ${groupId}`, description: "Checks this backup (add --brokers to compare with the group's committed offsets)" },
    };
    for (const [name, o] of Object.entries(outputs)) {
      new TerraformOutput(this, name, o).overrideLogicalId(`${this.outputNamePrefix}_${name}`);
    }
    // Checked at synth, when the whole stack exists: a default provider is often defined after the construct.
    this.node.addValidation({ validate: () => this.stackProblems(props.region, !props.provider) });
  }

  /** What only the whole stack shows: a default provider in another region, another backup with this function's name. */
  private stackProblems(region: string, usesDefaultProvider: boolean): string[] {
    const problems: string[] = [];
    const known = (v: unknown): v is string => typeof v === "string" && !Token.isUnresolved(v);
    const all = TerraformStack.of(this).node.findAll();
    if (usesDefaultProvider && known(region)) {
      for (const p of all) {
        if (!(p instanceof TerraformProvider) || p.terraformResourceType !== "tencentcloud") continue;
        const { alias, region: providerRegion } = p as TerraformProvider & { alias?: string; region?: unknown };
        if (!alias && known(providerRegion) && providerRegion !== region) {
          problems.push(`region: "${region}" differs from the region of the stack's default tencentcloud provider, "${providerRegion}": the resources are created in the provider's region, so the function would look for its bucket in the wrong one; give the construct a provider in "${region}" (provider prop) or use one region`);
        }
      }
    }
    // Set on the bucket after construction (escape hatches) or by an aspect: COS refuses Object Lock with them.
    if (this.bucket?.objectLockConfigurationInput !== undefined) {
      for (const [attribute, value] of [["multi_az", this.bucket.multiAzInput], ["enable_intelligent_tiering", this.bucket.enableIntelligentTieringInput]] as const) {
        if (value !== undefined && value !== false) {
          problems.push(`objectLockDays: the bucket also sets ${attribute}, and COS offers Object Lock neither on multi-AZ buckets nor with intelligent tiering: remove ${attribute}, or objectLockDays`);
        }
      }
    }
    const name = this.function.nameInput;
    const namespace = this.function.namespaceInput;
    for (const other of all) {
      if (other === this || !(other instanceof CkafkaCosBackup)) continue;
      if (other.outputNamePrefix === this.outputNamePrefix) {
        problems.push(`id: "${this.node.id}" names the outputs ${this.outputNamePrefix}_*, as ${other.node.path} does: give the backups ids that differ in letters, digits or "_"`);
      }
      if (known(name) && other.function.nameInput === name && other.function.namespaceInput === namespace) {
        problems.push(`functionName: "${name}" is also the function of ${other.node.path} in namespace "${namespace}": each backup needs its own function (and, by default, its own consumer group)`);
      }
    }
    return problems;
  }
}

/** The stack's tags (context `ckafka-cos-backup:tags`) with `tags` over them; undefined when there are none. */
function backupTags(scope: Construct, tags: Record<string, string> | undefined): Record<string, string> | undefined {
  const stackTags: unknown = scope.node.tryGetContext(TAGS_CONTEXT_KEY);
  const problem = stackTags === undefined ? undefined : checkTags(stackTags);
  if (problem) throw new Error(`CkafkaCosBackup: the context value "${TAGS_CONTEXT_KEY}": ${problem}`);
  const merged = { ...(stackTags as Record<string, string> | undefined), ...tags };
  return Object.keys(merged).length ? merged : undefined;
}

/**
 * Tags every resource of the backup that takes tags and has none of its own: `tags` where the provider has
 * it, `policy_tag` on alarm policies. Done last, so that resources added by any part of the construct get them.
 */
function tagResources(scope: Construct, tags: Record<string, string>): void {
  for (const c of scope.node.findAll()) {
    if (c instanceof MonitorAlarmPolicy) {
      if (c.policyTagInput === undefined) c.putPolicyTag(Object.entries(tags).map(([key, value]) => ({ key, value })));
    } else if (c instanceof TerraformResource && "tags" in c) {
      const taggable = c as TerraformResource & { tags: Record<string, string>; tagsInput?: Record<string, string> };
      if (taggable.tagsInput === undefined) taggable.tags = tags;
    }
  }
}

function outputNamePrefix(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, "_");
}

/** The encryption asked for: `kmsKeyId` implies KMS. */
function encryptionOf(props: CkafkaCosBackupProps): Encryption | undefined {
  if (props.kmsKeyId) return { algorithm: "KMS", kmsKeyId: props.kmsKeyId };
  if (!props.encryptionAlgorithm) return undefined;
  return props.encryptionAlgorithm === "KMS" ? { algorithm: "KMS" } : { algorithm: props.encryptionAlgorithm };
}

/** The function name, lowercased, with `_` (not allowed in bucket names) as `-`; a reference becomes Terraform functions. */
function defaultBucketPrefix(functionName: string): string {
  if (Token.isUnresolved(functionName)) return Fn.replace(Fn.lower(functionName), "_", "-");
  return functionName.toLowerCase().replace(/_/g, "-");
}

function toStartPosition(value: CkafkaCosBackupProps["startPosition"]): StartPosition {
  if (value === undefined) return "earliest";
  return typeof value === "number" ? { timestampMs: value } : value;
}

function lifecycleRules(props: CkafkaCosBackupProps, prefix: string): CosBucketLifecycleRules[] | undefined {
  const transition = [
    props.transitionToStandardIaAfterDays !== undefined && { days: props.transitionToStandardIaAfterDays, storageClass: "STANDARD_IA" },
    props.transitionToArchiveAfterDays !== undefined && { days: props.transitionToArchiveAfterDays, storageClass: "ARCHIVE" },
  ].filter((t): t is { days: number; storageClass: string } => !!t);
  const abortDays = props.abortIncompleteMultipartUploadDays ?? 7;
  const rules: CosBucketLifecycleRules[] = [];
  if (transition.length || props.expirationDays !== undefined) {
    rules.push({
      id: "backup-retention",
      filterPrefix: prefix,
      transition: transition.length ? transition : undefined,
      expiration: props.expirationDays !== undefined ? { days: props.expirationDays } : undefined,
    });
  }
  if (abortDays > 0) {
    rules.push({ id: "abort-incomplete-uploads", filterPrefix: prefix, abortIncompleteMultipartUpload: { daysAfterInitiation: abortDays } });
  }
  return rules.length ? rules : undefined;
}

