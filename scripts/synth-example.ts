// `npm run synth [-- <example> [outdir]]`: builds the handler's zip, synthesizes an example stack
// (default: basic) into cdktf.out/ and prints its resources and the function zip's size.
import { App } from "cdktf";
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { BasicBackupStack } from "../examples/basic/main";
import { SaslExistingBucketStack } from "../examples/sasl-existing-bucket/main";
import { ThreeTopicsBackupStack } from "../examples/three-topics/main";
import { TopicPatternBackupStack } from "../examples/topic-pattern/main";
import { buildHandlerZip } from "../lib/bundling";

const examples = { basic: BasicBackupStack, "sasl-existing-bucket": SaslExistingBucketStack, "three-topics": ThreeTopicsBackupStack, "topic-pattern": TopicPatternBackupStack } as const;

const name = (process.argv[2] ?? "basic") as keyof typeof examples;
const Stack = examples[name];
if (!Stack) {
  console.error(`unknown example "${name}"; expected one of ${Object.keys(examples).join(", ")}`);
  process.exit(2);
}
process.env.CHECKPOINT_DISABLE = "1";
buildHandlerZip();
const outdir = resolve(process.argv[3] ?? "cdktf.out");
const app = new App({ outdir });
new Stack(app, name);
app.synth();

const stackDir = join(outdir, "stacks", name);
const tf = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
console.log(`synthesized ${join(stackDir, "cdk.tf.json")}`);
for (const [kind, group] of [["data", tf.data ?? {}], ["resource", tf.resource ?? {}]] as const) {
  for (const [type, items] of Object.entries(group as Record<string, Record<string, unknown>>)) {
    for (const id of Object.keys(items)) console.log(`  ${kind} ${type}.${id}`);
  }
}
for (const fn of Object.values((tf.resource?.tencentcloud_scf_function ?? {}) as Record<string, { zip_file: string }>)) {
  const zip = join(stackDir, fn.zip_file);
  console.log(`function code ${fn.zip_file}: ${(statSync(zip).size / 1024).toFixed(1)} KiB zipped`);
}
