import { Fn, TerraformAsset, AssetType, TerraformOutput, TerraformProvider, TerraformStack, Token, Op } from "cdktf";
import { Construct } from "constructs";
import { CamPolicy } from "../generated/providers/tencentcloud/cam-policy";
import { CamRole } from "../generated/providers/tencentcloud/cam-role";
import { CamRolePolicyAttachment } from "../generated/providers/tencentcloud/cam-role-policy-attachment";
import { CosBucket, type CosBucketLifecycleRules } from "../generated/providers/tencentcloud/cos-bucket";
import { DataTencentcloudUserInfo } from "../generated/providers/tencentcloud/data-tencentcloud-user-info";
import { ScfFunction } from "../generated/providers/tencentcloud/scf-function";
import { ScfFunctionEventInvokeConfig } from "../generated/providers/tencentcloud/scf-function-event-invoke-config";
import { ScfReservedConcurrencyConfig } from "../generated/providers/tencentcloud/scf-reserved-concurrency-config";
import { ScfTrigger } from "../generated/providers/tencentcloud/scf-trigger";
import {
  LIMITS,
  formatSlotArgument,
  toEnvironment,
  type Compression,
  type Format,
  type SaslMechanism,
  type StartPosition,
} from "../function/config";
import { BackupAlarms, alarmsWanted, retentionHeadroomAlarmMs, type BackupAlarmProps } from "./alarms";
import { handlerCode } from "./handler-code";
import { memoryEnvironment } from "./handler-memory";
import { BackupLogTopic, type BackupLogProps } from "./logging";
import { backupPolicyDocument, scfTrustDocument } from "./policy";
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

  /** An existing bucket (`<name>-<appid>`) to back up into. @default a new bucket is created */
  readonly existingBucketName?: string;
  /**
   * Name of the new bucket without the `-<appid>` suffix: lowercase letters, digits and `-`, at most 49 characters.
   * @default the function name, lowercased
   */
  readonly bucketNamePrefix?: string;
  /** Account APPID (10 digits), for bucket names and CAM resources. @default read with the `tencentcloud_user_info` data source */
  readonly appId?: string;
  /** Keep object versions in the new bucket. @default false */
  readonly versioningEnabled?: boolean;
  /** Server-side encryption of the new bucket. @default "AES256" */
  readonly encryptionAlgorithm?: "AES256" | "KMS" | "SM4";
  /** Move backups to STANDARD_IA after this many days. @default no transition */
  readonly transitionToStandardIaAfterDays?: number;
  /** Move backups to ARCHIVE after this many days. @default no transition */
  readonly transitionToArchiveAfterDays?: number;
  /** Delete backups after this many days. @default kept forever */
  readonly expirationDays?: number;
  /** Abort incomplete multipart uploads after this many days; 0 turns the rule off. @default 7 */
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
  /** The topic to back up. */
  readonly topic: string;
  /** Where a partition without a committed offset starts: `earliest`, `latest`, or epoch milliseconds. @default "earliest" */
  readonly startPosition?: "earliest" | "latest" | number;
  /** Consumer group whose committed offsets track progress. @default the function name */
  readonly consumerGroupId?: string;

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
   * Object format: `"jsonl"`, JSON Lines, one record per line (gzip, see `compression`); `"parquet"`,
   * one row per record in columns a query engine reads directly (README, "What the backup writes"). A
   * backup may hold both (the CLI reads each object by its extension), so switching is safe.
   * @default "jsonl" - what stacks made before the prop existed write; Parquet is opted into.
   */
  readonly format?: Format;
  /** JSON Lines compression; not with `format: "parquet"`, whose pages are always gzip level 1 (README, "What the backup writes"). @default "gzip" */
  readonly compression?: Compression;
  /**
   * gzip level, 1 (least CPU) to 9 (fewest bytes). Level 1 backs up more records per CPU-second for
   * a few % more stored bytes: worth it when backups are kept only days, or when a tick must keep up
   * with a busy topic (README, "Memory and speed"). JSON Lines only, like `compression`.
   * @default 6
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
  /** Tags on the bucket, the role, the policy and the function. @default none */
  readonly tags?: Record<string, string>;
}

/**
 * The COS console's "CKafka message backup" as code: a bucket, a CAM role, a VPC-attached SCF function
 * with a timer trigger, and the bundled handler that dumps the topic into the bucket every few minutes.
 */
export class CkafkaCosBackup extends Construct {
  /** The new bucket; undefined when `existingBucketName` is given. */
  public readonly bucket?: CosBucket;
  /** The full bucket name, `<name>-<appid>` (may be a token). */
  public readonly bucketName: string;
  /** Account lookup; defined when appid or uin had to be read from the account. */
  public readonly userInfo?: DataTencentcloudUserInfo;
  /** The function's role; undefined when `existingRoleName` is given. */
  public readonly role?: CamRole;
  /** The role's least-privilege policy; undefined when `existingRoleName` is given. */
  public readonly policy?: CamPolicy;
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
  /** The function's CLS logset and topic; defined with `logTopicEnabled`. */
  public readonly logTopic?: BackupLogTopic;

  constructor(scope: Construct, id: string, props: CkafkaCosBackupProps) {
    super(scope, id);
    validateProps(props);
    const namespace = props.namespace ?? "default";
    const granularity = props.timeGranularityMinutes ?? 5;
    const memoryMiB = props.memoryMiB ?? LIMITS.memoryMiB.default;
    const parallelism = props.parallelism ?? LIMITS.parallelism.default;
    const runtime = props.runtime ?? "Nodejs18.15";
    const prefix = props.deliveryPathPrefix ?? "";
    const tags = props.tags;

    const provider = props.provider;
    const needsAccount = (!props.appId && (!props.existingBucketName || !props.existingRoleName)) ||
      (!!props.saslMechanism && !props.ownerUin && !props.existingRoleName);
    if (needsAccount) this.userInfo = new DataTencentcloudUserInfo(this, "account", { provider });
    const appId = props.appId ?? this.userInfo?.appId ?? "";
    const ownerUin = props.ownerUin ?? this.userInfo?.ownerUin ?? "";

    if (props.existingBucketName) {
      this.bucketName = props.existingBucketName;
    } else {
      const bucketPrefix = props.bucketNamePrefix ?? defaultBucketPrefix(props.functionName);
      this.bucket = new CosBucket(this, "bucket", {
        provider,
        bucket: `${bucketPrefix}-${appId}`,
        acl: "private",
        encryptionAlgorithm: props.encryptionAlgorithm ?? "AES256",
        versioningEnable: props.versioningEnabled ?? false,
        lifecycleRules: lifecycleRules(props, prefix),
        tags,
      });
      this.bucketName = this.bucket.bucket;
    }

    this.environment = toEnvironment({
      brokers: Token.isUnresolved(props.brokers) ? [Fn.join(",", props.brokers)] : props.brokers,
      topic: props.topic,
      instanceId: props.instanceId,
      bucket: this.bucketName,
      region: props.region,
      prefix,
      partitionMaxBytes: props.partitionMaxBytes ?? LIMITS.partitionMaxBytes.default,
      startPosition: toStartPosition(props.startPosition),
      groupId: props.consumerGroupId ?? props.functionName,
      format: props.format ?? "jsonl",
      compression: props.compression ?? "gzip",
      compressionLevel: props.compressionLevel ?? LIMITS.compressionLevel.default,
      sasl: props.saslMechanism
        ? { mechanism: props.saslMechanism, username: props.saslUsername!, secretName: props.saslPasswordSecretName! }
        : undefined,
      tls: props.tlsEnabled ?? false,
      deadlineMarginMs: LIMITS.deadlineMarginMs.default,
      maxOpenObjects: LIMITS.maxOpenObjects.default,
      retentionHeadroomAlarmMs: retentionHeadroomAlarmMs(props, granularity),
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
        tags,
      });
      this.policy = new CamPolicy(this, "policy", {
        provider,
        name: `${props.functionName}-policy`,
        document: Fn.jsonencode(
          backupPolicyDocument({
            region: props.region,
            appId,
            bucket: this.bucketName,
            prefix,
            ownerUin,
            saslSecretName: props.saslMechanism ? props.saslPasswordSecretName : undefined,
          }),
        ),
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
      this.logTopic = new BackupLogTopic(this, "logs", { functionName: props.functionName, topic: props.topic, retentionDays: props.logRetentionDays, tags, provider });
    }
    this.function = new ScfFunction(this, "function", {
      provider,
      name: props.functionName,
      namespace,
      description: `Backs up CKafka topic ${props.topic} of ${props.instanceId} to COS every ${granularity} minutes`,
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
      clsLogsetId: this.logTopic?.logset.id ?? props.clsLogsetId,
      clsTopicId: this.logTopic?.logTopic.id ?? props.clsTopicId,
      tags,
      dependsOn: this.policyAttachment ? [this.policyAttachment] : undefined,
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
        consumerGroupId: props.consumerGroupId ?? props.functionName,
      });
    }

    new TerraformOutput(this, "bucket_name", { value: this.bucketName });
    new TerraformOutput(this, "function_name", { value: this.function.name });
    new TerraformOutput(this, "role_name", { value: this.roleName });
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
    const name = this.function.nameInput;
    const namespace = this.function.namespaceInput;
    for (const other of all) {
      if (other === this || !(other instanceof CkafkaCosBackup)) continue;
      if (known(name) && other.function.nameInput === name && other.function.namespaceInput === namespace) {
        problems.push(`functionName: "${name}" is also the function of ${other.node.path} in namespace "${namespace}": each backup needs its own function (and, by default, its own consumer group)`);
      }
    }
    return problems;
  }
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

