// The real bundle, as the package ships it: built once by the test setup, deterministic, self-contained,
// loadable by a fresh Node process.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { ZSTD_WASM, buildHandlerZip } from "../../lib/bundling";
import { HANDLER_ZIP, handlerCode } from "../../lib/handler-code";

const tmp = mkdtempSync(join(tmpdir(), "ckb-bundle-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("function bundle", () => {
  it("is a zip with index.js exporting main_handler that loads with no node_modules, and the zstd library's zstd.wasm beside it", () => {
    const files = unzipSync(readFileSync(handlerCode().zipPath));
    expect(Object.keys(files)).toEqual(["index.js", "zstd.wasm"]);
    expect(Buffer.from(files["zstd.wasm"]).equals(readFileSync(ZSTD_WASM))).toBe(true);
    writeFileSync(join(tmp, "index.js"), files["index.js"]);
    const out = execFileSync(process.execPath, ["-e", "console.log(typeof require('./index.js').main_handler)"], { cwd: tmp, encoding: "utf8", env: { PATH: process.env.PATH } });
    expect(out.trim()).toBe("function");
  });

  it("leaves out what the COS SDK's HTTP client loads and never calls: psl's list and http-signature's sshpk (lib/bundling.ts)", () => {
    const index = Buffer.from(unzipSync(readFileSync(handlerCode().zipPath))["index.js"]).toString("utf8");
    // psl's public-suffix list names blogspot domains; sshpk its key types.
    expect(index).not.toContain("blogspot");
    expect(index).not.toContain("ssh-ed25519");
    expect(index).toContain("is left out of the function's bundle");
  });

  it("is deterministic: the same source gives the same bytes", () => {
    const again = join(tmp, "again.zip");
    buildHandlerZip(again);
    expect(readFileSync(again).equals(readFileSync(HANDLER_ZIP))).toBe(true);
  });
});
