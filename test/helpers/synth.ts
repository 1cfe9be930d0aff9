// A stack with the tencentcloud provider, synthesized as `cdktf synth` does (the constructs' validations run), for
// the construct's unit tests.
import { TerraformStack, Testing } from "cdktf";
import { TencentcloudProvider } from "../../generated/providers/tencentcloud/provider";

/** The Terraform JSON of a stack with the provider and what `define` adds to it, as text and parsed (`Tf`: the shape a test reads). */
export function synthStack<Tf = any>(define: (stack: TerraformStack) => void, context?: Record<string, unknown>): { json: string; tf: Tf } {
  const stack = new TerraformStack(Testing.app({ context }), "test");
  new TencentcloudProvider(stack, "tencentcloud", { region: "ap-guangzhou" });
  define(stack);
  const json = Testing.synth(stack, true);
  return { json, tf: JSON.parse(json) as Tf };
}
