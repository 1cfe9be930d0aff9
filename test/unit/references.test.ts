// Props given as Terraform references (variables, data source attributes) pass through to the
// resources; an aliased provider reaches every resource; mistakes users make get the right message.
import "./cdktf-matchers";
import { Fn, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { CkafkaCosBackup, type CkafkaCosBackupProps } from "../../lib";
import { DataTencentcloudUserInfo } from "../../generated/providers/tencentcloud/data-tencentcloud-user-info";
import { TencentcloudProvider } from "../../generated/providers/tencentcloud/provider";
import { base } from "./base-props";
import { terraformAvailable, terraformConsole } from "../helpers/terraform";

const terraform = terraformAvailable("the memoryMiB precondition");

/** Synthesizes a stack; `props` may define references in it. */
function synth(props: (stack: TerraformStack) => Partial<CkafkaCosBackupProps>) {
  const stack = new TerraformStack(Testing.app(), "test");
  const backup = new CkafkaCosBackup(stack, "backup", { ...base, ...props(stack) });
  const tf = JSON.parse(Testing.synth(stack));
  const resources = Object.values(tf.resource as Record<string, Record<string, Record<string, unknown>>>).flatMap((g) => Object.values(g));
  const fn = Object.values(tf.resource.tencentcloud_scf_function)[0] as { environment: Record<string, string> } & Record<string, unknown>;
  return { tf, backup, resources, fn };
}

const message = (props: (stack: TerraformStack) => Partial<CkafkaCosBackupProps>): string => {
  try {
    synth(props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the props to be refused");
};

describe("references", () => {
  it("VPC, subnet and brokers from variables reach the function and its environment", () => {
    const { fn } = synth((s) => ({
      vpcId: new TerraformVariable(s, "vpc_id", { type: "string" }).stringValue,
      subnetId: new TerraformVariable(s, "subnet_id", { type: "string" }).stringValue,
      brokers: new TerraformVariable(s, "brokers", { type: "list(string)" }).listValue,
    }));
    expect(fn).toMatchObject({ vpc_id: "${var.vpc_id}", subnet_id: "${var.subnet_id}" });
    expect(fn.environment.CKB_BROKERS).toBe('${join(",", var.brokers)}');
  });

  it("brokers from Fn.split of a string variable, and single broker references in an array", () => {
    const split = synth((s) => ({ brokers: Fn.split(",", new TerraformVariable(s, "brokers", { type: "string" }).stringValue) })).fn;
    expect(split.environment.CKB_BROKERS).toBe('${join(",", split(",", var.brokers))}');
    const each = synth((s) => ({ brokers: [new TerraformVariable(s, "a", { type: "string" }).stringValue, "10.0.0.16:9092"] })).fn;
    expect(each.environment.CKB_BROKERS).toBe("${var.a},10.0.0.16:9092");
  });

  it("strings from a data source's attributes: function name, region, instance, topic, bucket prefix, group", () => {
    const { tf, fn } = synth((s) => {
      const account = new DataTencentcloudUserInfo(s, "me");
      return { functionName: account.uin, region: account.appId, instanceId: account.ownerUin, topic: account.uin, consumerGroupId: account.appId, deliveryPathPrefix: account.uin };
    });
    expect(fn.name).toBe("${data.tencentcloud_user_info.me.uin}");
    expect(fn.environment).toMatchObject({ CKB_REGION: "${data.tencentcloud_user_info.me.app_id}", CKB_INSTANCE_ID: "${data.tencentcloud_user_info.me.owner_uin}", CKB_GROUP_ID: "${data.tencentcloud_user_info.me.app_id}" });
    // The default bucket prefix is the function name, lowercased: a reference gets Terraform's lower().
    const bucket = Object.values(tf.resource.tencentcloud_cos_bucket)[0] as { bucket: string };
    expect(bucket.bucket).toContain('replace(lower(data.tencentcloud_user_info.me.uin), "_", "-")');
  });

  it("numbers that do not shape other values pass through", () => {
    const { fn, tf } = synth((s) => ({ memoryMiB: new TerraformVariable(s, "memory", { type: "number" }).numberValue }));
    expect(fn.mem_size).toBe("${var.memory}");
    // The handler's budget and V8's heap limit follow the reference, computed by Terraform.
    expect(fn.environment).toMatchObject({ CKB_MEMORY_MIB: "${var.memory}", NODE_OPTIONS: "--max-old-space-size=${floor((var.memory * 0.5))}" });
    expect(Object.values(tf.resource.tencentcloud_scf_reserved_concurrency_config)[0]).toMatchObject({ reserved_concurrency_mem: "${var.memory}" });
    const scaled = synth((s) => ({ parallelism: 3, memoryMiB: new TerraformVariable(s, "memory", { type: "number" }).numberValue }));
    expect(Object.values(scaled.tf.resource.tencentcloud_scf_reserved_concurrency_config)[0]).toMatchObject({ reserved_concurrency_mem: "${(var.memory * 3)}" });
  });

  it.skipIf(!terraform)("a referenced memoryMiB is checked at plan time as a literal is at synth (terraform console)", () => {
    const { fn } = synth((s) => ({ memoryMiB: new TerraformVariable(s, "memory", { type: "number" }).numberValue }));
    const [pre] = (fn.lifecycle as { precondition: { condition: string; error_message: string }[] }).precondition;
    expect(pre.error_message).toBe("memoryMiB is not allowed; expected a multiple of 128 from 256 to 3072 (SCF's memory sizes).");
    const holds = (memory: number) => terraformConsole(pre.condition.replaceAll("var.memory", String(memory)).replace(/^\$\{([\s\S]*)\}$/, "$1"));
    expect([256, 512, 3072].map(holds)).toEqual(["true", "true", "true"]);
    expect([128, 300, 3200, 512.5].map(holds)).toEqual(["false", "false", "false", "false"]);
  });

  it("a literal memoryMiB needs no plan-time check", () => {
    expect(synth(() => ({ memoryMiB: 1024 })).fn.lifecycle).toBeUndefined();
  });

  it.each<[keyof CkafkaCosBackupProps, RegExp]>([
    ["timeGranularityMinutes", /timeGranularityMinutes: must be a literal value, not a Terraform reference: it sets the timer's cron/],
    ["timeoutSeconds", /timeoutSeconds: must be a literal value, not a Terraform reference: it is checked against timeGranularityMinutes/],
    ["partitionMaxBytes", /partitionMaxBytes: must be a literal value/],
    ["stalledAlarmTicks", /^CkafkaCosBackup: invalid props:\n {2}- stalledAlarmTicks: must be a literal value, not a Terraform reference: the construct computes other values from it at synth$/],
  ])("a reference for %s is refused with the reason", (prop, expected) => {
    expect(message((s) => ({ [prop]: new TerraformVariable(s, "n", { type: "number" }).numberValue }))).toMatch(expected);
  });
});

describe("provider", () => {
  it("an aliased provider is used by every resource and data source", () => {
    let aliased!: TencentcloudProvider;
    const { tf, resources } = synth((s) => {
      new TencentcloudProvider(s, "default", { region: "ap-guangzhou" });
      aliased = new TencentcloudProvider(s, "shanghai", { region: "ap-shanghai", alias: "shanghai" });
      return { region: "ap-shanghai", provider: aliased, logTopicEnabled: true, alarmRecipientUserIds: [100001] };
    });
    // bucket, role, policy, reader policy, attachment, function, trigger, invoke config, concurrency, logset, topic, index,
    // notice, 3 alarm policies and their 3 bindings
    expect(resources).toHaveLength(19);
    for (const r of resources) expect(r.provider).toBe("tencentcloud.shanghai");
    // the account, the topic, the metric lists of 2 policy types
    const data = Object.values(tf.data as Record<string, Record<string, { provider: string }>>).flatMap((g) => Object.values(g));
    expect(data).toHaveLength(4);
    for (const d of data) expect(d.provider).toBe("tencentcloud.shanghai");
  });

  it("a function name from a reference is refused when alarms are on, whose policy names are cut from it", () => {
    expect(message((s) => ({ functionName: new TerraformVariable(s, "name", { type: "string" }).stringValue, alarmRecipientUserIds: [100001] }))).toContain(
      "functionName: must be a literal value, not a Terraform reference, when alarms are on",
    );
  });

  it("a provider in another region than `region` is refused", () => {
    const m = message((s) => ({ region: "ap-guangzhou", provider: new TencentcloudProvider(s, "sh", { region: "ap-shanghai", alias: "sh" }) }));
    expect(m).toContain('region: "ap-guangzhou" differs from the region of the given provider, "ap-shanghai"');
  });

  it("the stack's default provider in another region than `region` is refused at synth, wherever it is defined", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new CkafkaCosBackup(stack, "backup", base);
    new TencentcloudProvider(stack, "tc", { region: "ap-shanghai" });
    expect(() => Testing.synth(stack, true)).toThrow(`region: "ap-guangzhou" differs from the region of the stack's default tencentcloud provider, "ap-shanghai"`);
    const same = new TerraformStack(Testing.app(), "same");
    new TencentcloudProvider(same, "tc", { region: "ap-guangzhou" });
    new TencentcloudProvider(same, "sh", { region: "ap-shanghai", alias: "sh" });
    new CkafkaCosBackup(same, "backup", base);
    expect(() => Testing.synth(same, true)).not.toThrow();
  });

  it("two backups with one function name in one namespace are refused at synth", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new CkafkaCosBackup(stack, "a", base);
    new CkafkaCosBackup(stack, "b", { ...base, topic: "payments" });
    new CkafkaCosBackup(stack, "c", { ...base, topic: "payments", namespace: "other" });
    expect(() => Testing.synth(stack, true)).toThrow('functionName: "orders-backup" is also the function of test/b in namespace "default"');
  });

  it("without the prop, resources use the default provider", () => {
    const { resources } = synth(() => ({}));
    for (const r of resources) expect(r.provider).toBeUndefined();
  });
});

describe("messages for common mistakes", () => {
  it.each([7, 8, 9, 11, 13, 14])("granularity %i, which does not divide 60, is refused with the values that work", (minutes) => {
    expect(message(() => ({ timeGranularityMinutes: minutes }))).toContain(
      `timeGranularityMinutes: ${minutes} is not allowed; expected one of 5, 6, 10, 12, 15: the timer fires at the minutes of the hour divisible by it`,
    );
  });

  it.each([5, 6, 10, 12, 15])("granularity %i is accepted", (minutes) => {
    expect(() => synth(() => ({ timeGranularityMinutes: minutes }))).not.toThrow();
  });

  it("an uppercase bucketNamePrefix is told what a prefix looks like", () => {
    expect(message(() => ({ bucketNamePrefix: "Orders" }))).toContain(
      'bucketNamePrefix: "Orders" is not a bucket name prefix; expected lowercase letters, digits and "-"',
    );
  });

  it("a misspelled region is caught, with the nearest SCF region", () => {
    expect(message(() => ({ region: "ap-guangzou" }))).toContain('region: "ap-guangzou" is not an SCF region (did you mean "ap-guangzhou"?); expected one of ap-guangzhou,');
  });

  it("brokers given as one comma-separated string is told to pass an array", () => {
    const m = message(() => ({ brokers: "10.0.0.15:9092,10.0.0.16:9092" as unknown as string[] }));
    expect(m).toContain('brokers: is one string; pass an array with one "host:port" per broker, e.g. ["10.0.0.15:9092","10.0.0.16:9092"]');
    expect(m.split("\n")).toHaveLength(2);
  });

  it("a runtime older than the handler's build is refused", () => {
    expect(message(() => ({ runtime: "Nodejs16.13" }))).toContain('runtime: "Nodejs16.13" is not allowed; expected a Node.js runtime from Nodejs18.15 on');
  });
});
