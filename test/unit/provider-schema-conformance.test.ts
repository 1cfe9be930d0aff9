// The project's pruned provider schema against the real provider's (tencentcloudstack/tencentcloud 1.83.25).
// The reference lives beside the repository, in ../shared/reference/ (CI puts a copy of shared/ next to its
// fresh clone); SHARED_REFERENCE_DIR points elsewhere. Without it the comparison is skipped, loudly.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_SCHEMA_PATH, readSchema, schemaDifferences, type ProviderSchemas } from "../../scripts/provider-schema-conformance";

const referenceDir = resolve(process.env.SHARED_REFERENCE_DIR ?? join(__dirname, "../../../shared/reference"));
const referencePath = join(referenceDir, "tencentcloud-provider-1.83.25.schema.json");
const haveReference = existsSync(referencePath);
if (!haveReference) {
  console.warn(
    `\n*** provider schema conformance NOT CHECKED: ${referencePath} is missing. ` +
      `Put shared/ beside the repository or set SHARED_REFERENCE_DIR. ***\n`,
  );
}

describe("provider schema conformance", () => {
  it.skipIf(!haveReference)("provider-schema/tencentcloud.schema.json matches the real provider's schema for all it keeps", () => {
    expect(schemaDifferences(readSchema(PROJECT_SCHEMA_PATH), readSchema(referencePath))).toEqual([]);
  });

  it.skipIf(!haveReference)("the comparison catches a changed type, flag, nesting mode or item count", () => {
    const reference = readSchema(referencePath);
    const changed = (edit: (s: ProviderSchemas) => void) => {
      const project = readSchema(PROJECT_SCHEMA_PATH);
      edit(project);
      return schemaDifferences(project, reference);
    };
    const resources = (s: ProviderSchemas) => s.provider_schemas["registry.terraform.io/tencentcloudstack/tencentcloud"].resource_schemas!;
    expect(changed((s) => (resources(s).tencentcloud_scf_function.block.attributes!.timeout.type = "string"))).toEqual([
      'tencentcloud_scf_function.timeout: type "string", reference "number"',
    ]);
    expect(changed((s) => (resources(s).tencentcloud_cam_role.block.attributes!.console_login.computed = true))).toEqual([
      "tencentcloud_cam_role.console_login: computed true, reference false",
    ]);
    expect(changed((s) => (resources(s).tencentcloud_monitor_alarm_policy.block.block_types!.conditions.max_items = 2))).toEqual([
      "tencentcloud_monitor_alarm_policy.conditions: max_items 2, reference 1",
    ]);
    expect(changed((s) => delete resources(s).tencentcloud_cls_topic.block.attributes!.topic_name)).toEqual([
      "tencentcloud_cls_topic.topic_name: required attribute missing",
    ]);
  });
});
