// The backup's bucket: a new one (private, encrypted, with the lifecycle rules and Object Lock of the props),
// or an existing one, whose versioning alone the construct may set.
import { Fn, Token } from "cdktf";
import type { Construct } from "constructs";
import { CosBucket, type CosBucketLifecycleRules } from "../generated/providers/tencentcloud/cos-bucket";
import { CosBucketVersion } from "../generated/providers/tencentcloud/cos-bucket-version";
import { checkBucket, checkIntRange, type Encryption } from "../function/config";
import { known, literal, propErrors, reference } from "./prop-checks";
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

/** "prop: why" for each invalid bucket prop. */
export function bucketPropErrors(props: CkafkaCosBackupProps): string[] {
  const { errors, check } = propErrors();
  const given = (p: keyof CkafkaCosBackupProps) => known(props, p);
  if (props.existingBucketName !== undefined && literal(props.existingBucketName)) check("existingBucketName", checkBucket(props.existingBucketName));
  if (props.existingBucketName) for (const [p, why] of existingBucketRefusals(props)) check(p, why);
  if (props.bucketNamePrefix !== undefined && literal(props.bucketNamePrefix)) check("bucketNamePrefix", checkBucketPrefix(props.bucketNamePrefix));
  for (const p of ["transitionToStandardIaAfterDays", "transitionToArchiveAfterDays", "expirationDays"] as const) {
    if (props[p] !== undefined && !reference(props[p])) check(p, checkIntRange(props[p]!, 0, 36500));
  }
  if (given("abortIncompleteMultipartUploadDays")) check("abortIncompleteMultipartUploadDays", checkIntRange(props.abortIncompleteMultipartUploadDays!, 0, 3650));
  if (given("objectLockDays")) {
    check("objectLockDays", checkIntRange(props.objectLockDays!, 1, 36500)?.concat(" days (COS Object Lock's retention)"));
    // Which of the COS pages holds is UNVERIFIED (README, "Choices"): refused until it is known to work.
    if (props.versioningEnabled) check("versioningEnabled", "cannot be combined with objectLockDays: COS documents that a bucket with versioning enabled cannot enable Object Lock; leave versioningEnabled unset");
    const expiration = props.expirationDays;
    if (typeof expiration === "number" && !reference(expiration) && expiration < props.objectLockDays!) {
      check("expirationDays", `${expiration} ends before objectLockDays (${props.objectLockDays}): COS keeps a locked object until its retention ends, so the rule could not delete it; use at least ${props.objectLockDays}`);
    }
  }
  if (props.kmsKeyId !== undefined && props.encryptionAlgorithm !== undefined && props.encryptionAlgorithm !== "KMS") {
    check("encryptionAlgorithm", `"${props.encryptionAlgorithm}" cannot be combined with kmsKeyId: a customer key is SSE-KMS; set "KMS" or leave encryptionAlgorithm unset`);
  }
  if (props.kmsKeyId !== undefined && literal(props.kmsKeyId) && !/^[A-Za-z0-9-]{1,128}$/.test(props.kmsKeyId)) {
    check("kmsKeyId", `"${props.kmsKeyId}" is not a KMS key id; expected letters, digits and "-", e.g. 23e80852-1e38-11e9-b129-5cb9019b4b01`);
  }
  return errors;
}

function checkBucketPrefix(value: string): string | undefined {
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(value) && value.length <= 49) return undefined;
  return `"${value}" is not a bucket name prefix; expected lowercase letters, digits and "-", not starting or ending with "-", at most 49 characters (the bucket is named <prefix>-<10-digit appid>, at most 60 characters)`;
}

/**
 * The bucket props an existing bucket cannot take, each with why and what to do. The provider (1.83.25) keeps
 * lifecycle rules and Object Lock inside `tencentcloud_cos_bucket`, the bucket's own definition: there is no
 * separate resource for them, and defining the bucket a second time would replace its owner's settings.
 * (Versioning and encryption take effect: a `tencentcloud_cos_bucket_version`, and headers on each object.)
 */
function existingBucketRefusals(props: CkafkaCosBackupProps): [keyof CkafkaCosBackupProps, string][] {
  const bucket = props.existingBucketName;
  // The delivery prefix holds the objects and the manifests; without one, the objects' folder (the instance's, for several topics).
  const folder = props.deliveryPathPrefix || (props.topic !== undefined ? `${props.instanceId}/${props.topic}/` : `${props.instanceId}/`);
  const lifecycle = (what: string) =>
    `cannot be applied to existingBucketName "${bucket}": ${what} is a lifecycle rule, which the provider keeps in the bucket's own definition (tencentcloud_cos_bucket lifecycle_rules; no separate resource), so adding one here would replace the owner's rules. Add a rule with filter prefix "${folder}" where the bucket is defined (its stack or the COS console), and leave this prop unset`;
  const refused: [keyof CkafkaCosBackupProps, string | undefined][] = [
    ["bucketNamePrefix", "cannot be combined with existingBucketName: it names a new bucket"],
    ["transitionToStandardIaAfterDays", lifecycle("a transition to STANDARD_IA")],
    ["transitionToArchiveAfterDays", lifecycle("a transition to ARCHIVE")],
    ["expirationDays", lifecycle("an expiration")],
    ["abortIncompleteMultipartUploadDays", lifecycle("aborting incomplete multipart uploads")],
    [
      "objectLockDays",
      `cannot be applied to existingBucketName "${bucket}": Object Lock is set in the bucket's own definition (tencentcloud_cos_bucket object_lock_configuration) and cannot be turned off once on. Enable it where the bucket is defined, or let the construct create a locked bucket (leave existingBucketName unset)`,
    ],
  ];
  return refused.filter(([p]) => props[p] !== undefined) as [keyof CkafkaCosBackupProps, string][];
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
