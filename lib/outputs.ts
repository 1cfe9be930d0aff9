// The backup's Terraform outputs: where it lives and the CLI's options that select it, named after the construct id.
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { BackupBasics, CkafkaCosBackupProps } from "./props";
import { cliTopicOptions } from "./topic-selection";

/** The construct id with characters other than letters, digits and `_` as `_`. */
export function outputNamePrefix(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, "_");
}

/** The names of what the outputs tell, which may be tokens. */
export interface BackupOutputValues {
  readonly bucketName: string;
  readonly functionName: string;
  readonly roleName: string;
  readonly readerPolicyName: string;
}

/** Defines the outputs `<namePrefix>_<name>`. */
export function backupOutputs(scope: Construct, namePrefix: string, props: CkafkaCosBackupProps, basics: BackupBasics, values: BackupOutputValues): void {
  const { selection, prefix, groupId } = basics;
  const source = [`--bucket ${values.bucketName}`, `--region ${props.region}`, `--instance ${props.instanceId}`, cliTopicOptions(selection), ...(prefix ? [`--prefix '${prefix}'`] : [])].join(" ");
  const outputs: Record<string, { value: string; description: string }> = {
    bucket_name: { value: values.bucketName, description: "The backup's bucket" },
    region: { value: props.region, description: "The bucket's region" },
    prefix: { value: prefix, description: "deliveryPathPrefix: the key prefix before <instance>/<topic>/" },
    instance_id: { value: props.instanceId, description: "The CKafka instance backed up" },
    ...(selection.kind === "topic"
      ? { topic: { value: selection.topics[0], description: "The topic backed up" } }
      : selection.kind === "topics"
        ? { topics: { value: selection.topics.join(","), description: "The topics backed up, separated by commas" } }
        : { topic_pattern: { value: selection.pattern, description: "The regular expression the topics backed up match as a whole" } }),
    consumer_group: { value: groupId, description: "The consumer group whose committed offsets track the backup" },
    function_name: { value: values.functionName, description: "The backup function" },
    role_name: { value: values.roleName, description: "The function's CAM role" },
    reader_policy_name: { value: values.readerPolicyName, description: "CAM policy to attach to whoever runs the CLI on this backup" },
    cli_options: { value: source, description: "The CLI's options that select this backup, for every command" },
    cli_verify: { value: `npx ckafka-cos-backup verify ${source} --group ${groupId}`, description: "Checks this backup (add --brokers to compare with the group's committed offsets)" },
  };
  for (const [name, o] of Object.entries(outputs)) {
    new TerraformOutput(scope, name, o).overrideLogicalId(`${namePrefix}_${name}`);
  }
}
