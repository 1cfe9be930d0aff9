// The backup's bucket: a new one (private, encrypted, with the lifecycle rules and Object Lock of the props),
// or an existing one, whose versioning alone the construct may set.
import { Fn, Token } from "cdktf";
import type { Construct } from "constructs";
import { CosBucket, type CosBucketLifecycleRules } from "../generated/providers/tencentcloud/cos-bucket";
import { CosBucketVersion } from "../generated/providers/tencentcloud/cos-bucket-version";
import type { Encryption } from "../function/config";
import type { BackupBasics, CkafkaCosBackupProps } from "./props";

export interface BackupBucket {
  /** The new bucket; undefined with `existingBucketName`. */
  readonly bucket?: CosBucket;
  /** The existing bucket's versioning; defined with `existingBucketName` and `versioningEnabled`. */
  readonly versioning?: CosBucketVersion;
  /** `<name>-<appid>` (may be a token). */
  readonly name: string;
}

export function backupBucket(scope: Construct, props: CkafkaCosBackupProps, basics: BackupBasics): BackupBucket {
  const provider = props.provider;
  if (props.existingBucketName) {
    const versioning = props.versioningEnabled === undefined ? undefined : new CosBucketVersion(scope, "bucket-versioning", {
      provider,
      bucket: props.existingBucketName,
      status: props.versioningEnabled ? "Enabled" : "Suspended",
    });
    return { versioning, name: props.existingBucketName };
  }
  const encryption = encryptionOf(props);
  const bucketPrefix = props.bucketNamePrefix ?? defaultBucketPrefix(props.functionName);
  const bucket = new CosBucket(scope, "bucket", {
    provider,
    bucket: `${bucketPrefix}-${basics.appId}`,
    acl: "private",
    encryptionAlgorithm: encryption?.algorithm ?? "AES256",
    kmsId: encryption?.algorithm === "KMS" ? encryption.kmsKeyId : undefined,
    versioningEnable: props.versioningEnabled ?? false,
    lifecycleRules: lifecycleRules(props, basics.prefix),
    objectLockConfiguration: props.objectLockDays !== undefined ? { enabled: true, rule: { days: props.objectLockDays } } : undefined,
  });
  return { bucket, name: bucket.bucket };
}

/** The encryption asked for: `kmsKeyId` implies KMS. */
export function encryptionOf(props: CkafkaCosBackupProps): Encryption | undefined {
  if (props.kmsKeyId) return { algorithm: "KMS", kmsKeyId: props.kmsKeyId };
  if (!props.encryptionAlgorithm) return undefined;
  return props.encryptionAlgorithm === "KMS" ? { algorithm: "KMS" } : { algorithm: props.encryptionAlgorithm };
}

/** The function name, lowercased, with `_` (not allowed in bucket names) as `-`; a reference becomes Terraform functions. */
function defaultBucketPrefix(functionName: string): string {
  if (Token.isUnresolved(functionName)) return Fn.replace(Fn.lower(functionName), "_", "-");
  return functionName.toLowerCase().replace(/_/g, "-");
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
