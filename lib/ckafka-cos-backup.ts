// The construct: it checks the props, then builds its parts in order (each part's module says what it makes)
// and checks at synth what only the whole stack shows.
import { TerraformProvider, TerraformStack, type TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import type { CamPolicy } from "../generated/providers/tencentcloud/cam-policy";
import type { CamRole } from "../generated/providers/tencentcloud/cam-role";
import type { CamRolePolicyAttachment } from "../generated/providers/tencentcloud/cam-role-policy-attachment";
import type { CosBucket } from "../generated/providers/tencentcloud/cos-bucket";
import type { CosBucketVersion } from "../generated/providers/tencentcloud/cos-bucket-version";
import { DataTencentcloudUserInfo } from "../generated/providers/tencentcloud/data-tencentcloud-user-info";
import type { ScfFunction } from "../generated/providers/tencentcloud/scf-function";
import type { ScfFunctionEventInvokeConfig } from "../generated/providers/tencentcloud/scf-function-event-invoke-config";
import type { ScfReservedConcurrencyConfig } from "../generated/providers/tencentcloud/scf-reserved-concurrency-config";
import type { ScfTrigger } from "../generated/providers/tencentcloud/scf-trigger";
import { LIMITS, timeoutFor } from "../function/config";
import { backupAccess } from "./access";
import { BackupAlarms, alarmsWanted } from "./alarms";
import { backupBucket } from "./bucket";
import { backupFunction } from "./backup-function";
import { handlerEnvironment } from "./handler-config";
import { BackupLogTopic } from "./logging";
import { literal } from "./prop-checks";
import { backupOutputs, outputNamePrefix } from "./outputs";
import type { BackupBasics, CkafkaCosBackupProps } from "./props";
import { backupTags, tagResources } from "./tags";
import { topicSelection, topicsText } from "./topic-selection";
import { validateProps } from "./validation";

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
    const provider = props.provider;
    // The appid names the bucket, every policy's COS resources and the alarms; the uin the SSM secret and the KMS key.
    const needsAccount = !props.appId || (!props.ownerUin && (!!props.kmsKeyId || (!!props.saslMechanism && !props.existingRoleName)));
    if (needsAccount) this.userInfo = new DataTencentcloudUserInfo(this, "account", { provider });
    const granularityMinutes = props.timeGranularityMinutes ?? 5;
    const basics: BackupBasics = {
      selection: topicSelection(props),
      namespace: props.namespace ?? "default",
      granularityMinutes,
      timeoutSeconds: props.timeoutSeconds ?? timeoutFor(granularityMinutes),
      prefix: props.deliveryPathPrefix ?? "",
      groupId: props.consumerGroupId ?? props.functionName,
      memoryMiB: props.memoryMiB ?? LIMITS.memoryMiB.default,
      parallelism: props.parallelism ?? LIMITS.parallelism.default,
      appId: props.appId ?? this.userInfo?.appId ?? "",
      ownerUin: props.ownerUin ?? this.userInfo?.ownerUin ?? "",
    };
    const tags = backupTags(this, props.tags);

    const bucket = backupBucket(this, props, basics);
    this.bucket = bucket.bucket;
    this.bucketVersioning = bucket.versioning;
    this.bucketName = bucket.name;
    this.environment = handlerEnvironment(props, basics, this.bucketName);

    const access = backupAccess(this, props, basics, this.bucketName);
    this.readerPolicy = access.readerPolicy;
    this.role = access.role;
    this.policy = access.policy;
    this.policyAttachment = access.policyAttachment;
    this.roleName = access.roleName;

    if (props.logTopicEnabled) {
      this.logTopic = new BackupLogTopic(this, "logs", {
        functionName: props.functionName, backedUp: topicsText(basics.selection), retentionDays: props.logRetentionDays, tags, provider,
        logsetId: props.clsLogsetId, indexEnabled: props.logIndexEnabled,
      });
    }
    const fn = backupFunction(this, props, basics, { environment: this.environment, roleName: this.roleName, dependsOn: this.policyAttachment, logTopic: this.logTopic });
    this.codeAsset = fn.codeAsset;
    this.function = fn.function;
    this.timerTriggers = fn.timerTriggers;
    this.timerTrigger = fn.timerTriggers[0];
    this.eventInvokeConfig = fn.eventInvokeConfig;
    this.reservedConcurrency = fn.reservedConcurrency;

    if (alarmsWanted(props)) {
      this.alarms = new BackupAlarms(this, "alarms", {
        ...props,
        functionName: props.functionName,
        functionNamespace: basics.namespace,
        timeoutSeconds: basics.timeoutSeconds,
        timeGranularityMinutes: basics.granularityMinutes,
        consumerGroupId: basics.groupId,
        topics: basics.selection,
        parallelism: basics.parallelism,
        appId: basics.appId,
      });
    }
    if (tags) tagResources(this, tags);

    this.outputNamePrefix = outputNamePrefix(id);
    backupOutputs(this, this.outputNamePrefix, props, basics, {
      bucketName: this.bucketName, functionName: this.function.name, roleName: this.roleName, readerPolicyName: this.readerPolicy.name,
    });
    // Checked at synth, when the whole stack exists: a default provider is often defined after the construct.
    this.node.addValidation({ validate: () => this.stackProblems(props.region, !props.provider) });
  }

  /** What only the whole stack shows: a default provider in another region, another backup with this function's name. */
  private stackProblems(region: string, usesDefaultProvider: boolean): string[] {
    const problems: string[] = [];
    const all = TerraformStack.of(this).node.findAll();
    if (usesDefaultProvider && literal(region)) {
      for (const p of all) {
        if (!(p instanceof TerraformProvider) || p.terraformResourceType !== "tencentcloud") continue;
        const { alias, region: providerRegion } = p as TerraformProvider & { alias?: string; region?: unknown };
        if (!alias && literal(providerRegion) && providerRegion !== region) {
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
      if (literal(name) && other.function.nameInput === name && other.function.namespaceInput === namespace) {
        problems.push(`functionName: "${name}" is also the function of ${other.node.path} in namespace "${namespace}": each backup needs its own function (and, by default, its own consumer group)`);
      }
    }
    return problems;
  }
}
