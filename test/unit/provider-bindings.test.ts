// The committed bindings are what the committed schema generates: regenerate after a schema change.
import { mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { generateBindings } from "../../scripts/generate-provider-bindings";

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

describe("provider bindings", () => {
  it("generated/ matches what provider-schema/tencentcloud.schema.json generates", async () => {
    const fresh = mkdtempSync(join(tmpdir(), "ckb-gen-"));
    await generateBindings(fresh);
    const committed = files(join(__dirname, "../../generated/providers"));
    const generated = files(join(fresh, "providers"));
    expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
    for (const [path, text] of generated) expect(committed.get(path), `${path} is stale: run npm run generate:bindings`).toBe(text);
  });
});
