// CAM documents for a backup: the SCF trust, the function's policy (writes only this backup's keys) and the
// reader policy (reads only them), each scoped to the backup's own key space in the bucket.
import type { TopicSelection } from "./topic-selection";

export function scfTrustDocument(): object {
  return {
    version: "2.0",
    statement: [{ action: ["name/sts:AssumeRole"], effect: "allow", principal: { service: ["scf.qcloud.com"] } }],
  };
}

/** The COS actions the handler performs: single and multipart uploads of backup objects and manifests. */
export const COS_OBJECT_ACTIONS = [
  "name/cos:PutObject",
  "name/cos:InitiateMultipartUpload",
  "name/cos:UploadPart",
  "name/cos:CompleteMultipartUpload",
  "name/cos:AbortMultipartUpload",
] as const;

/**
 * The reads of one object: the handler's, when a rerun finds an object already written (it compares the
 * bytes instead of writing them again), and the CLI's.
 */
export const COS_READ_ACTIONS = ["name/cos:HeadObject", "name/cos:GetObject"] as const;

/** SSE-KMS on COS: the writer has a data key made, a reader has it decrypted. */
export const KMS_WRITE_ACTIONS = ["name/kms:GenerateDataKey", "name/kms:Decrypt"] as const;
export const KMS_READ_ACTIONS = ["name/kms:Decrypt"] as const;

/** Where one backup lives: one instance's topics under one prefix of one bucket. */
export interface BackupKeySpace {
  region: string;
  appId: string;
  bucket: string;
  prefix: string;
  instanceId: string;
  topics: TopicSelection;
  ownerUin: string;
  /** The customer's KMS key, when objects are encrypted with it. */
  kmsKeyId?: string;
}

export interface BackupPolicyInput extends BackupKeySpace {
  /** Set when the SASL password is read from SSM. */
  saslSecretName?: string;
}

/**
 * Each topic's backup locations, as key suffixes: `<topic>/`, and `<topic>~` for the later incarnations of a topic
 * deleted and recreated (`orders~2/`, function/topic-locations.ts; `~` is in no topic name). The trailing `/`
 * keeps topic `orders` out of `orders2`'s keys. A pattern's topics are known only at run time: every location.
 */
const locations = (s: TopicSelection): string[] => (perTopic(s) ? s.topics.flatMap((t) => [`${t}/`, `${t}~`]) : [""]);

/**
 * The most topics the policies name one by one; a longer list is scoped as a pattern is, to the instance's
 * folders. Each named topic adds about 575 characters to each document, and CAM's limit on a policy document is
 * not documented (UNVERIFIED; other clouds cap at 6,144 characters): five keep both documents under 4,000.
 */
export const POLICY_TOPICS_MAX = 5;
const perTopic = (s: TopicSelection): s is Exclude<TopicSelection, { kind: "pattern" }> => s.kind !== "pattern" && s.topics.length <= POLICY_TOPICS_MAX;

/** The folders of the topics' objects (`<prefix><instance>/<location>/`, function/object-keys.ts), as key prefixes. */
const objectFolders = (k: Pick<BackupKeySpace, "prefix" | "instanceId" | "topics">): string[] => locations(k.topics).map((l) => `${k.prefix}${k.instanceId}/${l}`);
/** The folders of the topics' run manifests (`<prefix>_manifests/<instance>/<location>/`, backup-run.ts), as key prefixes. */
const manifestFolders = (k: Pick<BackupKeySpace, "prefix" | "instanceId" | "topics">): string[] => locations(k.topics).map((l) => `${k.prefix}_manifests/${k.instanceId}/${l}`);
/** The backup's objects and manifests, as key prefixes. */
export const backupFolders = (k: Pick<BackupKeySpace, "prefix" | "instanceId" | "topics">): string[] => [...objectFolders(k), ...manifestFolders(k)];
/**
 * What the handler lists for a topic without any committed offset (function/topic-locations.ts), as `cos:prefix`
 * values: the names of the topic's locations (prefix `<prefix>_manifests/<instance>/<topic>`, delimiter `/`) and
 * the newest location's manifests.
 */
const manifestListing = (k: BackupKeySpace): string[] => {
  const folder = `${k.prefix}_manifests/${k.instanceId}/`;
  return perTopic(k.topics) ? k.topics.topics.flatMap((t) => [`${folder}${t}`, `${folder}${t}/*`, `${folder}${t}~*`]) : [`${folder}*`];
};

const bucketResource = (k: BackupKeySpace) => `qcs::cos:${k.region}:uid/${k.appId}:${k.bucket}`;
const folderResources = (k: BackupKeySpace) => backupFolders(k).map((f) => `${bucketResource(k)}/${f}*`);
/** Listing the bucket (GetBucket), limited to these key prefixes by the `cos:prefix` condition (UNVERIFIED). */
const listing = (k: BackupKeySpace, prefixes: string[]) => ({ effect: "allow", action: ["name/cos:GetBucket"], resource: [`${bucketResource(k)}/*`], condition: { string_like: { "cos:prefix": prefixes } } });
// Resource format per the KMS CAM docs as we read them (UNVERIFIED; see the README, "Choices").
const kmsKeyResource = (k: BackupKeySpace) => `qcs::kms:${k.region}:uin/${k.ownerUin}:key/${k.kmsKeyId}`;

export function backupPolicyDocument(input: BackupPolicyInput): object {
  const statement: object[] = [
    { effect: "allow", action: [...COS_OBJECT_ACTIONS, ...COS_READ_ACTIONS], resource: folderResources(input) },
    // A topic without any committed offset (a first run, a recreated topic): its locations and manifests.
    listing(input, manifestListing(input)),
  ];
  if (input.kmsKeyId) statement.push({ effect: "allow", action: [...KMS_WRITE_ACTIONS], resource: [kmsKeyResource(input)] });
  if (input.saslSecretName) {
    // Resource format per the SSM CAM docs as we read them (UNVERIFIED; see the README).
    statement.push({
      effect: "allow",
      action: ["name/ssm:GetSecretValue"],
      resource: [`qcs::ssm:${input.region}:uin/${input.ownerUin}:secret/creatorUin/${input.ownerUin}/${input.saslSecretName}`],
    });
  }
  return { version: "2.0", statement };
}

/**
 * What the CLI needs to read one backup: list its two folders (GetBucket, limited by the `cos:prefix`
 * condition, UNVERIFIED), read their objects, and decrypt with the backup's KMS key. Nothing that writes.
 */
export function readerPolicyDocument(k: BackupKeySpace): object {
  const statement: object[] = [
    // Also the instance's folder itself, whose listing names its topics' locations (the CLI's --all-topics).
    listing(k, [...(perTopic(k.topics) ? [`${k.prefix}${k.instanceId}/`] : []), ...backupFolders(k).map((f) => `${f}*`)]),
    { effect: "allow", action: [...COS_READ_ACTIONS], resource: folderResources(k) },
  ];
  if (k.kmsKeyId) statement.push({ effect: "allow", action: [...KMS_READ_ACTIONS], resource: [kmsKeyResource(k)] });
  return { version: "2.0", statement };
}
