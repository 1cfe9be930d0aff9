import "./cdktf-matchers";
import { Testing, TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { CkafkaCosBackup, type CkafkaCosBackupProps } from "../../lib";
import { ENV, fromEnvironment, parseSlotArgument } from "../../function/config";
import { CamRole } from "../../generated/providers/tencentcloud/cam-role";
import { CosBucket } from "../../generated/providers/tencentcloud/cos-bucket";
import { DataTencentcloudUserInfo } from "../../generated/providers/tencentcloud/data-tencentcloud-user-info";
import { ScfFunction } from "../../generated/providers/tencentcloud/scf-function";
import { ScfFunctionEventInvokeConfig } from "../../generated/providers/tencentcloud/scf-function-event-invoke-config";
import { ScfReservedConcurrencyConfig } from "../../generated/providers/tencentcloud/scf-reserved-concurrency-config";
import { ScfTrigger } from "../../generated/providers/tencentcloud/scf-trigger";
import { BasicBackupStack } from "../../examples/basic/main";
import { SaslExistingBucketStack } from "../../examples/sasl-existing-bucket/main";
import { ThreeTopicsBackupStack } from "../../examples/three-topics/main";
import { TopicPatternBackupStack } from "../../examples/topic-pattern/main";
import { base } from "./base-props";

function synth(props: Partial<CkafkaCosBackupProps> = {}) {
  let backup!: CkafkaCosBackup;
  const json = Testing.synthScope((scope) => {
    backup = new CkafkaCosBackup(scope, "backup", { ...base, ...props });
  });
  return { json, tf: JSON.parse(json), backup };
}

/** The document of the CAM policy named `name`. */
const policyDocument = (tf: { resource: Record<string, Record<string, { name?: string; document?: string }>> }, name: string): string => {
  const found = Object.values(tf.resource.tencentcloud_cam_policy ?? {}).filter((p) => p.name === name);
  expect(found).toHaveLength(1);
  return found[0].document!;
};

const only = <T>(group: Record<string, T> | undefined): T => {
  const values = Object.values(group ?? {});
  expect(values).toHaveLength(1);
  return values[0];
};

describe("CkafkaCosBackup resources", () => {
  it("a new bucket is private, encrypted, named <name>-<appid>, and aborts stale multipart uploads", () => {
    const { json } = synth({ deliveryPathPrefix: "backups/" });
    expect(json).toHaveResourceWithProperties(CosBucket, {
      acl: "private",
      encryption_algorithm: "AES256",
      versioning_enable: false,
      lifecycle_rules: [{ id: "abort-incomplete-uploads", filter_prefix: "backups/", abort_incomplete_multipart_upload: { days_after_initiation: 7 } }],
    });
    expect(json).toHaveDataSourceWithProperties(DataTencentcloudUserInfo, {});
    const { tf } = synth();
    expect(only<{ bucket: string }>(tf.resource.tencentcloud_cos_bucket).bucket).toMatch(/^orders-backup-\$\{data\.tencentcloud_user_info\.\S+\.app_id\}$/);
  });

  it("lifecycle transitions and expiration map to the bucket's rules", () => {
    const { tf } = synth({ appId: "1250000000", transitionToStandardIaAfterDays: 30, transitionToArchiveAfterDays: 90, expirationDays: 365, abortIncompleteMultipartUploadDays: 0 });
    const bucket = only<{ bucket: string; lifecycle_rules: unknown[] }>(tf.resource.tencentcloud_cos_bucket);
    expect(bucket.bucket).toBe("orders-backup-1250000000");
    expect(bucket.lifecycle_rules).toEqual([
      { id: "backup-retention", filter_prefix: "", transition: [{ days: 30, storage_class: "STANDARD_IA" }, { days: 90, storage_class: "ARCHIVE" }], expiration: { days: 365 } },
    ]);
    expect(tf.data).toBeUndefined();
  });

  it("the role trusts scf.qcloud.com, and the policy allows only the handler's COS actions on the backup's folders, and listing its topic's manifests", () => {
    const { tf } = synth({ appId: "1250000000", deliveryPathPrefix: "kafka/" });
    const role = only<{ document: string }>(tf.resource.tencentcloud_cam_role);
    expect(JSON.parse(role.document)).toEqual({
      version: "2.0",
      statement: [{ action: ["name/sts:AssumeRole"], effect: "allow", principal: { service: ["scf.qcloud.com"] } }],
    });
    const doc = policyDocument(tf, "orders-backup-policy");
    expect(doc).not.toMatch(/"name\/[a-z]+:\*"|"\*"/);
    const bucket = /qcs::cos:ap-guangzhou:uid\/1250000000:\$\{tencentcloud_cos_bucket\.\S+\.bucket\}/.exec(doc)![0];
    const resources = [...doc.matchAll(/qcs::[^"\\]+/g)].map((m) => m[0].slice(bucket.length));
    // The topic's location and a recreated topic's (orders~2, ...), and their manifests; the bucket to list.
    expect(resources).toEqual(["/kafka/ckafka-abcd1234/orders/*", "/kafka/ckafka-abcd1234/orders~*", "/kafka/_manifests/ckafka-abcd1234/orders/*", "/kafka/_manifests/ckafka-abcd1234/orders~*", "/*"]);
    // Listing only the names of the topic's locations and their manifests (a first run, a recreated topic).
    expect(doc).toContain('"action" = ["name/cos:GetBucket"], "resource" = ["' + bucket + '/*"], "condition" = {"string_like" = {"cos:prefix" = ["kafka/_manifests/ckafka-abcd1234/orders", "kafka/_manifests/ckafka-abcd1234/orders/*", "kafka/_manifests/ckafka-abcd1234/orders~*"]}}');
    // Uploads, and the reads a rerun compares an object already written with; nothing that deletes.
    for (const action of ["PutObject", "InitiateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "AbortMultipartUpload", "HeadObject", "GetObject"]) {
      expect(doc).toContain(`name/cos:${action}`);
    }
    expect(doc).not.toContain("DeleteObject");
    expect(doc).not.toContain("ssm:");
  });

  it("SASL adds ssm:GetSecretValue on that one secret, and the password is nowhere in the configuration", () => {
    const { json, tf } = synth({ appId: "1250000000", ownerUin: "100000000001", saslMechanism: "scram-sha-256", saslUsername: "ckafka-abcd1234#backup", saslPasswordSecretName: "kafka-pass" });
    const policy = policyDocument(tf, "orders-backup-policy");
    expect(policy).toContain('"name/ssm:GetSecretValue"');
    expect(policy).toContain("qcs::ssm:ap-guangzhou:uin/100000000001:secret/creatorUin/100000000001/kafka-pass");
    expect([...policy.matchAll(/qcs::ssm[^"\\]+/g)]).toHaveLength(1);
    const fn = only<{ environment: Record<string, string> }>(tf.resource.tencentcloud_scf_function);
    expect(fn.environment).toMatchObject({ [ENV.saslMechanism]: "scram-sha-256", [ENV.saslUsername]: "ckafka-abcd1234#backup", [ENV.saslSecretName]: "kafka-pass" });
    expect(json).not.toMatch(/password"\s*:/i);
  });

  it("the function runs in the VPC with the handler, runtime, memory, timeout and environment", () => {
    const { json, tf } = synth({ deliveryPathPrefix: "p/", memoryMiB: 1024, timeGranularityMinutes: 10 });
    expect(json).toHaveResourceWithProperties(ScfFunction, {
      name: "orders-backup",
      namespace: "default",
      handler: "index.main_handler",
      runtime: "Nodejs18.15",
      mem_size: 1024,
      timeout: 570,
      vpc_id: "vpc-1",
      subnet_id: "subnet-1",
      enable_public_net: true,
    });
    const fn = only<{ environment: Record<string, string>; zip_file: string; role: string }>(tf.resource.tencentcloud_scf_function);
    expect(fn.zip_file).toMatch(/^assets\/.+\/[0-9a-f]{32}\/function\.zip$/);
    expect(fn.role).toMatch(/^\$\{tencentcloud_cam_role\.\S+\.name\}$/);
    // The environment is exactly what the handler reads, and it parses.
    const config = fromEnvironment({ ...fn.environment, [ENV.bucket]: "b-1250000000" });
    expect(config).toMatchObject({ brokers: ["10.0.0.15:9092"], topics: ["orders"], instanceId: "ckafka-abcd1234", prefix: "p/", groupId: "orders-backup", format: "jsonl", compression: "gzip", startPosition: "earliest", partitionMaxBytes: 64 * 1024 * 1024, memoryMiB: 1024 });
    // V8's heap is held to half the function's memory (Node 18 would size it from the machine).
    expect(fn.environment.NODE_OPTIONS).toBe("--max-old-space-size=512");
  });

  it.each([
    [5, "0 */5 * * * * *", 270],
    [15, "0 */15 * * * * *", 870],
  ])("granularity %i minutes fires on cron %s with a timeout of %i s", (minutes, cron, timeout) => {
    const { json } = synth({ timeGranularityMinutes: minutes });
    expect(json).toHaveResourceWithProperties(ScfTrigger, { type: "timer", trigger_desc: cron, enable: "OPEN" });
    expect(json).toHaveResourceWithProperties(ScfFunction, { timeout });
    expect(json).toHaveResourceWithProperties(ScfFunctionEventInvokeConfig, { async_trigger_config: { msg_ttl: minutes * 60, retry_config: [{ retry_num: 0 }] } });
  });

  it("reserves one instance of concurrency so ticks never run in parallel by accident", () => {
    const { json, tf } = synth({ memoryMiB: 768 });
    expect(json).toHaveResourceWithProperties(ScfReservedConcurrencyConfig, { reserved_concurrency_mem: 768, namespace: "default" });
    const triggers = Object.values(tf.resource.tencentcloud_scf_trigger) as { trigger_name: string; custom_argument: string }[];
    expect(triggers).toEqual([expect.objectContaining({ trigger_name: "backup-timer", custom_argument: '{"slot":0,"parallelism":1}' })]);
  });

  it("parallelism N defines N timer triggers, each naming its slot, and reserves N instances", () => {
    const { tf, backup } = synth({ parallelism: 4, memoryMiB: 768, timeGranularityMinutes: 10 });
    const triggers = Object.values(tf.resource.tencentcloud_scf_trigger) as { trigger_name: string; trigger_desc: string; custom_argument: string }[];
    expect(triggers.map((t) => [t.trigger_name, t.trigger_desc, parseSlotArgument(t.custom_argument)]).sort((a, b) => (a[0] < b[0] ? -1 : 1))).toEqual(
      [0, 1, 2, 3].map((slot) => [slot === 0 ? "backup-timer" : `backup-timer-${slot}`, "0 */10 * * * * *", { slot, parallelism: 4 }]),
    );
    expect(backup.timerTriggers).toHaveLength(4);
    expect(backup.timerTrigger).toBe(backup.timerTriggers[0]);
    expect(only<{ reserved_concurrency_mem: number }>(tf.resource.tencentcloud_scf_reserved_concurrency_config).reserved_concurrency_mem).toBe(4 * 768);
  });

  it("an existing bucket and role define neither, and the function uses them by name", () => {
    const { tf, backup } = synth({ existingBucketName: "archive-1250000000", existingRoleName: "my-role", appId: "1250000000" });
    expect(tf.resource.tencentcloud_cos_bucket).toBeUndefined();
    expect(tf.resource.tencentcloud_cam_role).toBeUndefined();
    expect(backup.bucket).toBeUndefined();
    const fn = only<{ role: string; environment: Record<string, string> }>(tf.resource.tencentcloud_scf_function);
    expect(fn.role).toBe("my-role");
    expect(fn.environment[ENV.bucket]).toBe("archive-1250000000");
    expect(Object.keys(tf.output).sort()).toEqual(
      ["bucket_name", "cli_options", "cli_verify", "consumer_group", "function_name", "instance_id", "prefix", "reader_policy_name", "region", "role_name", "topic"].map((n) => `backup_${n}`).sort(),
    );
  });

  it("exposes every child resource", () => {
    const { backup } = synth();
    for (const child of [backup.bucket, backup.role, backup.policy, backup.policyAttachment, backup.function, backup.timerTrigger, backup.eventInvokeConfig, backup.reservedConcurrency, backup.codeAsset, backup.userInfo]) {
      expect(child).toBeDefined();
    }
    expect(backup.role).toBeInstanceOf(CamRole);
  });
});

describe("CkafkaCosBackup validation", () => {
  it.each<[Partial<CkafkaCosBackupProps>, string]>([
    [{ timeGranularityMinutes: 4 }, "timeGranularityMinutes: 4 is not allowed; expected one of 5, 6, 10, 12, 15"],
    [{ timeGranularityMinutes: 16 }, "timeGranularityMinutes: 16 is not allowed; expected one of 5, 6, 10, 12, 15"],
    [{ deliveryPathPrefix: "backups" }, 'deliveryPathPrefix: "backups" must end with "/"'],
    [{ functionName: "9lives" }, 'functionName: "9lives" is not an SCF function name'],
    [{ functionName: "ends-with-" }, 'functionName: "ends-with-" is not an SCF function name'],
    [{ subnetId: "" }, "subnetId: vpcId and subnetId are required together"],
    [{ brokers: ["10.0.0.1"] }, 'brokers: "10.0.0.1" is not a broker address; expected host:port'],
    [{ brokers: ["10.0.0.1:99999"] }, 'brokers: "10.0.0.1:99999" is not a broker address'],
    [{ startPosition: 1234 }, 'startPosition: 1234 is not allowed; expected "earliest", "latest", or a timestamp in epoch milliseconds'],
    [{ memoryMiB: 300 }, "memoryMiB: 300 is not allowed; expected a multiple of 128 from 256 to 3072"],
    [{ memoryMiB: 128 }, "memoryMiB: 128 is not allowed; expected a multiple of 128 from 256 to 3072"],
    [{ memoryMiB: 4096 }, "memoryMiB: 4096 is not allowed"],
    [{ partitionMaxBytes: 100 }, "partitionMaxBytes: 100 must be a whole number from 1048576 to 524288000 bytes (1 MiB to 500 MiB)"],
    [{ timeoutSeconds: 300 }, "timeoutSeconds: 300 must be a whole number from 60 to 299 (below the 5-minute granularity"],
    [{ existingBucketName: "NoAppId" }, 'existingBucketName: "NoAppId" is not a COS bucket name'],
    [{ saslMechanism: "plain" }, "saslUsername: is required with saslMechanism"],
    [{ saslUsername: "u" }, "saslMechanism: is required when saslUsername"],
    [{ clsLogsetId: "l" }, "clsTopicId: clsLogsetId and clsTopicId are required together"],
    [{ runtime: "Python3.9" }, 'runtime: "Python3.9" is not allowed'],
    [{ region: "ap-guangzho" }, 'region: "ap-guangzho" is not an SCF region (did you mean "ap-guangzhou"?)'],
    [{ compressionLevel: 0 }, "compressionLevel: 0 must be a whole number from 1 to 9 (gzip levels)"],
    [{ compressionLevel: 10 }, "compressionLevel: 10 must be a whole number from 1 to 9"],
    [{ compressionLevel: 2.5 }, "compressionLevel: 2.5 must be a whole number from 1 to 9"],
    [{ parallelism: 0 }, "parallelism: 0 must be a whole number from 1 to 10 instances per tick (one timer trigger each; SCF allows 10 timer triggers per function)"],
    [{ parallelism: 11 }, "parallelism: 11 must be a whole number from 1 to 10"],
    [{ parallelism: "4" as unknown as number }, 'parallelism: "4" must be a whole number from 1 to 10'],
    [{ format: "avro" as never }, 'format: "avro" is not allowed; expected one of jsonl, parquet'],
    [{ compression: "lz4" as never }, 'compression: "lz4" is not allowed; expected one of gzip, zstd, none'],
    [{ format: "parquet", compression: "none" }, 'compression: "none" is not allowed with format "parquet", whose pages are always compressed; expected gzip or zstd (the page codec)'],
    [{ compression: "zstd", compressionLevel: 0 }, "compressionLevel: 0 must be a whole number from 1 to 19 (zstd levels)"],
    [{ compression: "zstd", compressionLevel: 22 }, "compressionLevel: 22 must be a whole number from 1 to 19 (zstd levels)"],
    [{ format: "parquet", compression: "zstd", compressionLevel: 20 }, "compressionLevel: 20 must be a whole number from 1 to 19 (zstd levels)"],
    [{ format: "parquet", compressionLevel: 12 }, "compressionLevel: 12 must be a whole number from 1 to 9 (gzip levels)"],
    [{ compression: "none", compressionLevel: 3 }, 'compressionLevel: does not apply with compression "none"; leave it unset'],
  ])("%o is rejected: %s", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  it.each<[Partial<CkafkaCosBackupProps>, { format: string; compression: string; compressionLevel: number }]>([
    [{}, { format: "jsonl", compression: "gzip", compressionLevel: 6 }],
    [{ compression: "zstd" }, { format: "jsonl", compression: "zstd", compressionLevel: 1 }],
    [{ compression: "zstd", compressionLevel: 19 }, { format: "jsonl", compression: "zstd", compressionLevel: 19 }],
    [{ format: "parquet" }, { format: "parquet", compression: "gzip", compressionLevel: 1 }],
    [{ format: "parquet", compression: "zstd", compressionLevel: 3 }, { format: "parquet", compression: "zstd", compressionLevel: 3 }],
    [{ compression: "none" }, { format: "jsonl", compression: "none", compressionLevel: 0 }],
  ])("gives the handler %o as the codec and level it reads back: %o", (props, want) => {
    const fn = only<{ environment: Record<string, string> }>(synth(props).tf.resource.tencentcloud_scf_function);
    expect(fromEnvironment({ ...fn.environment, [ENV.bucket]: "b-1250000000" })).toMatchObject(want);
  });

  it("gives the handler format parquet, which it reads back; a bad CKB_FORMAT names the allowed values", () => {
    const fn = only<{ environment: Record<string, string> }>(synth({ format: "parquet" }).tf.resource.tencentcloud_scf_function);
    expect(fn.environment[ENV.format]).toBe("parquet");
    expect(fromEnvironment({ ...fn.environment, [ENV.bucket]: "b-1250000000" }).format).toBe("parquet");
    expect(() => fromEnvironment({ ...fn.environment, [ENV.bucket]: "b-1250000000", [ENV.format]: "csv" })).toThrow('CKB_FORMAT: "csv" is not allowed; expected one of jsonl, parquet');
  });

  it("reports every problem at once", () => {
    expect(() => synth({ timeGranularityMinutes: 20, memoryMiB: 100 })).toThrow(/timeGranularityMinutes[\s\S]*memoryMiB/);
  });
});

describe("examples", () => {
  const scrub = (json: string) => json.replace(/[0-9a-f]{32}\/function\.zip/g, "<hash>/function.zip");
  it.each([
    ["basic", BasicBackupStack],
    ["sasl-existing-bucket", SaslExistingBucketStack],
    ["three-topics", ThreeTopicsBackupStack],
    ["topic-pattern", TopicPatternBackupStack],
  ] as const)("%s synthesizes to its snapshot", (name, Stack) => {
    const app = Testing.app();
    const stack: TerraformStack = new Stack(app, name);
    const json = Testing.synth(stack, true);
    expect(json).toBeTruthy();
    expect(scrub(json)).toMatchSnapshot();
  });

  it("three-topics: one notification template and one logset for three backups, each with its own indexed topic and policy names", () => {
    const tf = JSON.parse(Testing.synth(new ThreeTopicsBackupStack(Testing.app(), "three-topics"), true));
    const count = (type: string) => Object.keys(tf.resource[type] ?? {}).length;
    expect([count("tencentcloud_monitor_alarm_notice"), count("tencentcloud_cls_logset"), count("tencentcloud_cls_topic"), count("tencentcloud_cls_index")]).toEqual([1, 1, 3, 3]);
    const names = Object.values(tf.resource.tencentcloud_monitor_alarm_policy).map((p) => (p as { policy_name: string }).policy_name);
    // 3 alarms each, and the per-partition one for clickstream's 3 instances.
    expect(names).toHaveLength(10);
    expect(new Set(names).size).toBe(10);
    expect(names).toEqual(expect.arrayContaining(["orders-backup-fail", "orders-backup-stall"]));
  });
});
