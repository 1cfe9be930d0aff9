// Regenerates the TypeScript bindings in generated/ from provider-schema/tencentcloud.schema.json.
// Usage: tsx scripts/generate-provider-bindings.ts [outDir]   (default: generated)
import { readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateProviderBindingsFromSchema } from "@cdktf/provider-generator";
import { PROJECT_SCHEMA_PATH } from "./provider-schema-conformance";

export async function generateBindings(outDir: string): Promise<void> {
  process.env.CHECKPOINT_DISABLE = "1";
  const schema = JSON.parse(readFileSync(PROJECT_SCHEMA_PATH, "utf8"));
  rmSync(join(outDir, "providers"), { recursive: true, force: true });
  await generateProviderBindingsFromSchema(outDir, schema);
}

if (require.main === module) {
  const outDir = resolve(process.argv[2] ?? join(__dirname, "../generated"));
  generateBindings(outDir).then(
    () => console.log(`bindings written to ${outDir}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
