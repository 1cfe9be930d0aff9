// API.md is what the TSDoc in lib/ generates: regenerate it after changing the public API or its docs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { API_MD, apiMarkdown } from "../../scripts/api-docs";

describe("API reference", () => {
  it("API.md is current (npm run docs:api)", () => {
    expect(readFileSync(API_MD, "utf8"), "API.md is stale: run npm run docs:api").toBe(apiMarkdown());
  });
});
