// The real bundle: built once here, deterministic, self-contained, loadable by a fresh Node process.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { bundleHandler } from "../../lib/bundling";

describe("function bundle", () => {
  it("is a zip with index.js exporting main_handler that loads with no node_modules", () => {
    const bundle = bundleHandler("Nodejs18.15", mkdtempSync(join(tmpdir(), "ckb-bundle-")));
    const files = unzipSync(readFileSync(bundle.zipPath));
    expect(Object.keys(files)).toEqual(["index.js"]);
    const dir = mkdtempSync(join(tmpdir(), "ckb-load-"));
    writeFileSync(join(dir, "index.js"), files["index.js"]);
    const out = execFileSync(process.execPath, ["-e", "console.log(typeof require('./index.js').main_handler)"], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH } });
    expect(out.trim()).toBe("function");
    expect(bundle.zipPath).toContain(`function-${bundle.sha256.slice(0, 16)}.zip`);
  });

  it("is deterministic: the same source gives the same hash", () => {
    const a = bundleHandler("Nodejs18.15", mkdtempSync(join(tmpdir(), "ckb-a-")));
    const b = bundleHandler("Nodejs18.15", mkdtempSync(join(tmpdir(), "ckb-b-")));
    expect(a.sha256).toBe(b.sha256);
    expect(readFileSync(a.zipPath).equals(readFileSync(b.zipPath))).toBe(true);
  });
});
