// What a backup may touch and what it promises: every bucket prop takes effect or is refused, each backup's
// policies name only its own keys, customer keys, tags on every taggable resource, readable outputs, WORM limits.
import { Testing, TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { CkafkaCosBackup, type CkafkaCosBackupProps } from "../../lib";
import { TAGS_CONTEXT_KEY } from "../../lib/tags";
import { ENV, fromEnvironment } from "../../function/config";
import { TencentcloudProvider } from "../../generated/providers/tencentcloud/provider";
import { base } from "./base-props";
import { synthStack } from "../helpers/synth";

type Tf = { resource: Record<string, Record<string, Record<string, unknown>>>; output: Record<string, { value: string }> };

function synth(props: Partial<CkafkaCosBackupProps>, more: Array<[string, Partial<CkafkaCosBackupProps>]> = [], context?: Record<string, unknown>): Tf {
  return synthStack<Tf>((stack) => {
    new CkafkaCosBackup(stack, "backup", { ...base, appId: "1250000000", ...props });
    for (const [id, p] of more) new CkafkaCosBackup(stack, id, { ...base, appId: "1250000000", ...p });
  }, context).tf;
}

const existing = { existingBucketName: "archive-1250000000" };

/**
 * Every bucket prop with a value, and where it shows in the stack when it takes effect. A new bucket prop
 * belongs in this table: the test below proves it is either applied to an existing bucket or refused.
 */
const BUCKET_PROPS: Array<[keyof CkafkaCosBackupProps, Partial<CkafkaCosBackupProps>, (tf: Tf) => boolean]> = [
  ["versioningEnabled", { versioningEnabled: true }, (tf) => Object.values(tf.resource.tencentcloud_cos_bucket_version ?? {}).some((v) => v.bucket === "archive-1250000000" && v.status === "Enabled")],
  ["encryptionAlgorithm", { encryptionAlgorithm: "SM4" }, (tf) => fnEnv(tf)[ENV.encryption] === "SM4"],
  ["kmsKeyId", { kmsKeyId: "key-1" }, (tf) => fnEnv(tf)[ENV.encryption] === "KMS" && fnEnv(tf)[ENV.kmsKeyId] === "key-1"],
  ["transitionToStandardIaAfterDays", { transitionToStandardIaAfterDays: 30 }, () => false],
  ["transitionToArchiveAfterDays", { transitionToArchiveAfterDays: 180 }, () => false],
  ["expirationDays", { expirationDays: 730 }, () => false],
  ["abortIncompleteMultipartUploadDays", { abortIncompleteMultipartUploadDays: 3 }, () => false],
  ["objectLockDays", { objectLockDays: 30 }, () => false],
  ["bucketNamePrefix", { bucketNamePrefix: "mine" }, () => false],
];

const fnEnv = (tf: Tf) => Object.values(tf.resource.tencentcloud_scf_function)[0].environment as Record<string, string>;
const policies = (tf: Tf) => Object.values(tf.resource.tencentcloud_cam_policy) as Array<{ name: string; document: string }>;
const policy = (tf: Tf, name: string) => policies(tf).find((p) => p.name === name)!.document;

describe("an existing bucket: every bucket prop takes effect or is refused", () => {
  it.each(BUCKET_PROPS)("%s", (prop, props, applied) => {
    let tf: Tf | undefined;
    let error: Error | undefined;
    try {
      tf = synth({ ...existing, ...props });
    } catch (err) {
      error = err as Error;
    }
    if (error) {
      // Refused: the message names the prop, the bucket and what to do instead.
      expect(error.message).toMatch(new RegExp(`- ${prop}: cannot be (applied to|combined with) existingBucketName`));
      expect(error.message).toMatch(/where the bucket is defined|leave existingBucketName unset|names a new bucket/);
    } else {
      expect(applied(tf!), `${prop} was accepted with an existing bucket but shows nowhere in the stack`).toBe(true);
    }
  });

  it("the lifecycle refusal says which prefix the owner's rule should filter on", () => {
    expect(() => synth({ ...existing, deliveryPathPrefix: "payments/", expirationDays: 730 })).toThrow(/filter prefix "payments\/"/);
  });

  it("a new bucket takes every one of them itself", () => {
    const tf = synth({ kmsKeyId: "key-1", versioningEnabled: false, transitionToArchiveAfterDays: 180, expirationDays: 730, objectLockDays: 30 });
    const bucket = Object.values(tf.resource.tencentcloud_cos_bucket)[0];
    expect(bucket).toMatchObject({ encryption_algorithm: "KMS", kms_id: "key-1", object_lock_configuration: { enabled: true, rule: { days: 30 } } });
    // The bucket encrypts with its own default: no per-object headers, and the handler runs write-once.
    expect(fnEnv(tf)[ENV.encryption]).toBeUndefined();
    expect(fnEnv(tf)[ENV.writeOnce]).toBe("true");
  });
});

describe("least privilege per backup", () => {
  // Two backups in one bucket and one prefix, and a third whose topic name starts like the first's.
  const shared = { existingBucketName: "shared-1250000000", deliveryPathPrefix: "kafka/" };
  const tf = synth({ ...shared, functionName: "orders-backup", topic: "orders" }, [
    ["payments", { ...shared, functionName: "payments-backup", topic: "payments" }],
    ["orders2", { ...shared, functionName: "orders2-backup", topic: "orders2" }],
  ]);
  const cosResources = (doc: string) => [...doc.matchAll(/qcs::cos:[^"\\]+/g)].map((m) => m[0]);
  /** Whether a CAM resource pattern (`*` at the end only) covers `key` in the shared bucket. */
  const covers = (resource: string, key: string) => {
    const full = `qcs::cos:ap-guangzhou:uid/1250000000:shared-1250000000/${key}`;
    return resource.endsWith("*") ? full.startsWith(resource.slice(0, -1)) : full === resource;
  };
  const keysOf = (topic: string) => [
    `kafka/ckafka-abcd1234/${topic}/dt=2026-11-25/hour=10/${topic}+0+00000000000000000000.jsonl.gz`,
    `kafka/_manifests/ckafka-abcd1234/${topic}/2026-11-25T10-00-00-000Z_run.json`,
    // The topic deleted and recreated: its new incarnation's location (function/topic-locations.ts).
    `kafka/ckafka-abcd1234/${topic}~2/dt=2026-11-25/hour=10/${topic}+0+00000000000000000000.jsonl.gz`,
    `kafka/_manifests/ckafka-abcd1234/${topic}~2/2026-11-25T10-00-00-000Z_run.json`,
  ];
  /** The resources of the statements that are not the listing (GetBucket on the bucket, limited by cos:prefix). */
  const objectResources = (doc: string) => cosResources(doc).filter((r) => !r.endsWith("shared-1250000000/*"));

  it.each([
    ["orders-backup-policy", "orders", ["payments", "orders2"]],
    ["payments-backup-policy", "payments", ["orders", "orders2"]],
    ["orders2-backup-policy", "orders2", ["orders", "payments"]],
  ])("%s writes its own objects and manifests, and no other backup's; lists only its topic's locations and manifests", (name, own, others) => {
    const resources = objectResources(policy(tf, name));
    for (const key of keysOf(own)) expect(resources.some((r) => covers(r, key)), key).toBe(true);
    for (const other of others) for (const key of keysOf(other)) expect(resources.some((r) => covers(r, key)), key).toBe(false);
    expect(policy(tf, name)).not.toMatch(/Delete|"\*"/);
    expect(policy(tf, name)).toContain(`"cos:prefix" = ["kafka/_manifests/ckafka-abcd1234/${own}", "kafka/_manifests/ckafka-abcd1234/${own}/*", "kafka/_manifests/ckafka-abcd1234/${own}~*"]`);
  });

  it("the reader policy reads one backup's folders, lists only them, and writes nothing", () => {
    const doc = policy(tf, "orders-backup-reader");
    expect(doc).not.toMatch(/Put|Upload|Delete|Abort|"\*"/);
    const readable = objectResources(doc);
    for (const key of keysOf("orders")) expect(readable.some((r) => covers(r, key)), key).toBe(true);
    for (const key of [...keysOf("payments"), ...keysOf("orders2")]) expect(readable.some((r) => covers(r, key)), key).toBe(false);
    // The instance's folder itself lists the names of its topics' locations (--all-topics), not their objects.
    expect(doc).toContain('"cos:prefix" = ["kafka/ckafka-abcd1234/", "kafka/ckafka-abcd1234/orders/*", "kafka/ckafka-abcd1234/orders~*", "kafka/_manifests/ckafka-abcd1234/orders/*", "kafka/_manifests/ckafka-abcd1234/orders~*"]');
  });

  it("a customer key: the function may use that key and no other, readers may decrypt with it", () => {
    const keyed = synth({ kmsKeyId: "key-1", ownerUin: "100000000001" });
    const fn = policy(keyed, "orders-backup-policy");
    const kms = [...fn.matchAll(/qcs::kms:[^"\\]+/g)].map((m) => m[0]);
    expect(kms).toEqual(["qcs::kms:ap-guangzhou:uin/100000000001:key/key-1"]);
    expect(fn).toContain("name/kms:GenerateDataKey");
    expect(policy(keyed, "orders-backup-reader")).toContain('"action" = ["name/kms:Decrypt"], "resource" = ["qcs::kms:ap-guangzhou:uin/100000000001:key/key-1"]');
    expect(policy(keyed, "orders-backup-reader")).not.toContain("GenerateDataKey");
    expect(policy(synth({}), "orders-backup-policy")).not.toContain("kms:");
  });

  it("the handler reads back what the construct wrote, and refuses a key id without KMS", () => {
    const env = fnEnv(synth({ ...existing, kmsKeyId: "key-1" }));
    expect(fromEnvironment(env).encryption).toEqual({ algorithm: "KMS", kmsKeyId: "key-1" });
    const newBucket = (props: Partial<CkafkaCosBackupProps>) => fromEnvironment({ ...fnEnv(synth(props)), [ENV.bucket]: "b-1250000000" }); // the name is known at apply
    expect(newBucket({ objectLockDays: 1 }).writeOnce).toBe(true);
    expect(newBucket({}).writeOnce).toBe(false);
    expect(() => fromEnvironment({ ...env, [ENV.encryption]: "AES256" })).toThrow("CKB_KMS_KEY_ID: is set, so CKB_ENCRYPTION must be KMS, not AES256");
    expect(() => fromEnvironment({ ...env, [ENV.encryption]: "DES" })).toThrow('CKB_ENCRYPTION: "DES" is not allowed; expected one of AES256, KMS, SM4');
  });

  it("kmsKeyId with another algorithm is refused", () => {
    expect(() => synth({ kmsKeyId: "key-1", encryptionAlgorithm: "AES256" })).toThrow(/encryptionAlgorithm: "AES256" cannot be combined with kmsKeyId/);
  });
});

describe("tags and outputs", () => {
  it("tags that are not an object of strings are refused, naming the prop or the context value", () => {
    expect(() => synth({ tags: { "": "x" } })).toThrow(/tags: the tag "": "x" is not allowed; keys must be non-empty and values strings/);
    expect(() => synth({ tags: { costCenter: 42 as unknown as string } })).toThrow(/tags: the tag "costCenter": 42 is not allowed/);
    expect(() => synth({}, [], { [TAGS_CONTEXT_KEY]: "costCenter=42" })).toThrow(/the context value "ckafka-cos-backup:tags": "costCenter=42" is not an object of tags/);
  });

  it("consumerGroups given as one string is refused with what to pass instead", () => {
    expect(() => synth({ consumerGroups: "billing" as unknown as string[] })).toThrow(/consumerGroups: is one string; pass an array of group names or patterns, e\.g\. \["billing"\]/);
  });

  it("every resource that takes tags carries the stack's tags with the backup's over them", () => {
    const tf = synth(
      { tags: { team: "orders" }, logTopicEnabled: true, alarmNoticeIds: ["notice-1"] },
      [],
      { [TAGS_CONTEXT_KEY]: { team: "platform", costCenter: "42" } },
    );
    const expected = { team: "orders", costCenter: "42" };
    const tagged = new Set<string>();
    for (const [type, resources] of Object.entries(tf.resource)) {
      for (const [name, r] of Object.entries(resources)) {
        if (type === "tencentcloud_monitor_alarm_policy") {
          expect(r.policy_tag, name).toEqual([{ key: "team", value: "orders" }, { key: "costCenter", value: "42" }]);
          tagged.add(type);
        } else if (["tencentcloud_cos_bucket", "tencentcloud_cam_role", "tencentcloud_cam_policy", "tencentcloud_scf_function", "tencentcloud_cls_logset", "tencentcloud_cls_topic"].includes(type)) {
          expect(r.tags, name).toEqual(expected);
          tagged.add(type);
        } else {
          expect(r.tags, `${name}: its type takes no tags in provider 1.83.25`).toBeUndefined();
        }
      }
    }
    expect([...tagged].sort()).toEqual(
      ["tencentcloud_cam_policy", "tencentcloud_cam_role", "tencentcloud_cls_logset", "tencentcloud_cls_topic", "tencentcloud_cos_bucket", "tencentcloud_monitor_alarm_policy", "tencentcloud_scf_function"],
    );
  });

  it("outputs have readable names per backup and give the CLI invocation", () => {
    const tf = synth({ deliveryPathPrefix: "kafka/", consumerGroupId: "orders-group" }, [["payments-backup", { functionName: "payments-backup", topic: "payments" }]]);
    expect(tf.output.backup_bucket_name.value).toMatch(/^\$\{tencentcloud_cos_bucket\.\S+\.bucket\}$/);
    expect(tf.output.backup_region.value).toBe("ap-guangzhou");
    expect(tf.output.backup_prefix.value).toBe("kafka/");
    expect(tf.output.backup_instance_id.value).toBe("ckafka-abcd1234");
    expect(tf.output.backup_topic.value).toBe("orders");
    expect(tf.output.backup_consumer_group.value).toBe("orders-group");
    expect(tf.output.backup_cli_verify.value).toMatch(
      /^npx ckafka-cos-backup verify --bucket \$\{tencentcloud_cos_bucket\.\S+\.bucket\} --region ap-guangzhou --instance ckafka-abcd1234 --topic orders --prefix 'kafka\/' --group orders-group$/,
    );
    expect(tf.output.payments_backup_topic.value).toBe("payments");
  });

  it("two backups whose ids give the same output names are refused", () => {
    expect(() => synth({}, [["or-ders", { functionName: "a-backup" }], ["or_ders", { functionName: "b-backup" }]])).toThrow(/names the outputs or_ders_\*/);
  });
});

describe("WORM retention (objectLockDays)", () => {
  it.each<[Partial<CkafkaCosBackupProps>, RegExp]>([
    [{ objectLockDays: 0 }, /objectLockDays: 0 must be a whole number from 1 to 36500 days/],
    [{ objectLockDays: 36501 }, /objectLockDays: 36501 must be a whole number from 1 to 36500/],
    [{ objectLockDays: 30, expirationDays: 29 }, /expirationDays: 29 ends before objectLockDays \(30\)/],
    [{ objectLockDays: 30, versioningEnabled: true }, /versioningEnabled: cannot be combined with objectLockDays/],
  ])("%j is refused", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  it("multi-AZ or intelligent tiering set on the locked bucket afterwards is refused at synth", () => {
    for (const set of [(b: CkafkaCosBackup) => (b.bucket!.multiAz = true), (b: CkafkaCosBackup) => (b.bucket!.enableIntelligentTiering = true)]) {
      const stack = new TerraformStack(Testing.app(), "stack");
      new TencentcloudProvider(stack, "tencentcloud", { region: "ap-guangzhou" });
      set(new CkafkaCosBackup(stack, "backup", { ...base, appId: "1250000000", objectLockDays: 30 }));
      expect(() => Testing.synth(stack, true)).toThrow(/COS offers Object Lock neither on multi-AZ buckets nor with intelligent tiering/);
    }
  });

  it("expiration at or after the retention is kept", () => {
    const bucket = Object.values(synth({ objectLockDays: 30, expirationDays: 30 }).resource.tencentcloud_cos_bucket)[0];
    expect(JSON.stringify(bucket.lifecycle_rules)).toContain('"expiration":{"days":30}');
  });
});
