// Compares the project's pruned provider schema with the real provider's (`providers schema -json` shape).
// Everything the project keeps must match the reference exactly: names, types, required/optional/computed,
// nesting mode and min/max items. The project may leave out optional attributes and blocks it does not use,
// but not required ones (the construct could not set them).
// Usage: tsx scripts/provider-schema-conformance.ts <reference.schema.json>
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export const PROVIDER = "registry.terraform.io/tencentcloudstack/tencentcloud";
export const PROJECT_SCHEMA_PATH = resolve(__dirname, "../provider-schema/tencentcloud.schema.json");

interface Attribute {
  type: unknown;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}
interface BlockType {
  nesting_mode: string;
  min_items?: number;
  max_items?: number;
  block: Block;
}
interface Block {
  attributes?: Record<string, Attribute>;
  block_types?: Record<string, BlockType>;
}
interface Schema {
  version?: number;
  block: Block;
}
export interface ProviderSchemas {
  provider_schemas: Record<string, { provider: Schema; resource_schemas?: Record<string, Schema>; data_source_schemas?: Record<string, Schema> }>;
}

const ATTRIBUTE_FLAGS = ["required", "optional", "computed", "sensitive"] as const;
const BLOCK_FLAGS = ["nesting_mode", "min_items", "max_items"] as const;

const show = (v: unknown) => (v === undefined ? "unset" : JSON.stringify(v));

function compareBlock(path: string, mine: Block, real: Block, out: string[]): void {
  for (const [name, a] of Object.entries(mine.attributes ?? {})) {
    const r = real.attributes?.[name];
    if (!r) {
      out.push(`${path}.${name}: attribute not in the reference`);
      continue;
    }
    if (JSON.stringify(a.type) !== JSON.stringify(r.type)) out.push(`${path}.${name}: type ${show(a.type)}, reference ${show(r.type)}`);
    for (const f of ATTRIBUTE_FLAGS) {
      if (!!a[f] !== !!r[f]) out.push(`${path}.${name}: ${f} ${!!a[f]}, reference ${!!r[f]}`);
    }
  }
  for (const [name, b] of Object.entries(mine.block_types ?? {})) {
    const r = real.block_types?.[name];
    if (!r) {
      out.push(`${path}.${name}: block not in the reference`);
      continue;
    }
    for (const f of BLOCK_FLAGS) {
      if (b[f] !== r[f]) out.push(`${path}.${name}: ${f} ${show(b[f])}, reference ${show(r[f])}`);
    }
    compareBlock(`${path}.${name}`, b.block, r.block, out);
  }
  for (const [name, r] of Object.entries(real.attributes ?? {})) {
    if (r.required && !mine.attributes?.[name]) out.push(`${path}.${name}: required attribute missing`);
  }
  for (const [name, r] of Object.entries(real.block_types ?? {})) {
    if ((r.min_items ?? 0) > 0 && !mine.block_types?.[name]) out.push(`${path}.${name}: required block missing (min_items ${r.min_items})`);
  }
}

/** Every way the project's schema differs from the reference for what it keeps; empty when it conforms. */
export function schemaDifferences(project: ProviderSchemas, reference: ProviderSchemas): string[] {
  const out: string[] = [];
  const mine = project.provider_schemas[PROVIDER];
  const real = reference.provider_schemas[PROVIDER];
  if (!mine || !real) return [`both schemas must describe ${PROVIDER}`];
  compareBlock("provider", mine.provider.block, real.provider.block, out);
  for (const kind of ["resource_schemas", "data_source_schemas"] as const) {
    for (const [type, schema] of Object.entries(mine[kind] ?? {})) {
      const r = real[kind]?.[type];
      if (!r) {
        out.push(`${type}: not in the reference's ${kind}`);
        continue;
      }
      if (schema.version !== r.version) out.push(`${type}: schema version ${show(schema.version)}, reference ${show(r.version)}`);
      compareBlock(type, schema.block, r.block, out);
    }
  }
  return out;
}

export function readSchema(path: string): ProviderSchemas {
  return JSON.parse(readFileSync(path, "utf8")) as ProviderSchemas;
}

if (require.main === module) {
  const referencePath = process.argv[2];
  if (!referencePath) {
    console.error("usage: tsx scripts/provider-schema-conformance.ts <reference.schema.json>");
    process.exit(2);
  }
  const diffs = schemaDifferences(readSchema(PROJECT_SCHEMA_PATH), readSchema(resolve(referencePath)));
  for (const d of diffs) console.log(d);
  console.log(diffs.length ? `${diffs.length} difference(s)` : "provider-schema/tencentcloud.schema.json conforms to the reference");
  process.exit(diffs.length ? 1 : 0);
}
