// The WebAssembly in generated/wasm/ is what scripts/generate-wasm.ts makes of the .wat sources: an edit to a
// .wat without `npm run generate:wasm` fails here, so the handler never ships bytes its source does not say.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WASM_SOURCES, generatedWasmModule } from "../../scripts/generate-wasm";

describe("generated WebAssembly", () => {
  for (const wat of WASM_SOURCES) {
    it(`${wat.split("/").pop()}: the committed module is the assembled source`, async () => {
      const { file, text } = await generatedWasmModule(wat);
      expect(readFileSync(file, "utf8")).toBe(text);
    });
  }
});
