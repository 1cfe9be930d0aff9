// The backup's tags: the stack's (a context value) with the `tags` prop over them, on every resource that takes them.
import { TerraformResource } from "cdktf";
import type { Construct } from "constructs";
import { MonitorAlarmPolicy } from "../generated/providers/tencentcloud/monitor-alarm-policy";
import { checkTags } from "../function/config";
import { propErrors, reference } from "./prop-checks";
import type { CkafkaCosBackupProps } from "./props";

/** The context key whose object of tags every backup under it carries (`tags` adds to and overrides it). */
export const TAGS_CONTEXT_KEY = "ckafka-cos-backup:tags";

/** "tags: why" when the tags prop is invalid. */
export function tagPropErrors(props: CkafkaCosBackupProps): string[] {
  const { errors, check } = propErrors();
  if (props.tags !== undefined && !reference(props.tags)) check("tags", checkTags(props.tags));
  return errors;
}

/** The stack's tags (context `ckafka-cos-backup:tags`) with `tags` over them; undefined when there are none. */
export function backupTags(scope: Construct, tags: Record<string, string> | undefined): Record<string, string> | undefined {
  const stackTags: unknown = scope.node.tryGetContext(TAGS_CONTEXT_KEY);
  const problem = stackTags === undefined ? undefined : checkTags(stackTags);
  if (problem) throw new Error(`CkafkaCosBackup: the context value "${TAGS_CONTEXT_KEY}": ${problem}`);
  const merged = { ...(stackTags as Record<string, string> | undefined), ...tags };
  return Object.keys(merged).length ? merged : undefined;
}

/**
 * Tags every resource of the backup that takes tags and has none of its own: `tags` where the provider has
 * it, `policy_tag` on alarm policies. Done last, so that resources added by any part of the construct get them.
 */
export function tagResources(scope: Construct, tags: Record<string, string>): void {
  for (const c of scope.node.findAll()) {
    if (c instanceof MonitorAlarmPolicy) {
      if (c.policyTagInput === undefined) c.putPolicyTag(Object.entries(tags).map(([key, value]) => ({ key, value })));
    } else if (c instanceof TerraformResource && "tags" in c) {
      const taggable = c as TerraformResource & { tags: Record<string, string>; tagsInput?: Record<string, string> };
      if (taggable.tagsInput === undefined) taggable.tags = tags;
    }
  }
}
