// An earlier version of the handler, to measure beside this one in the same run: BENCH_BASELINE=<git
// revision> bundles function/ as it was at that revision, with this checkout's node_modules, as
// lib/bundling.ts bundles the handler. The restore scenario runs the CLI of that revision instead.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { unzipSync } from "fflate";
import { buildHandlerZip } from "../lib/bundling";

const ROOT = resolve(__dirname, "..");

export interface Baseline {
  /** The bundle's index.js. */
  script: string;
  /** How tables name it: the commit, or the script's path. */
  label: string;
}

/** The files under `paths` as they were at `revision`, in a temporary folder with this checkout's node_modules. */
function checkout(revision: string, paths: string[]): { dir: string; commit: string } {
  const commit = execFileSync("git", ["rev-parse", "--short", `${revision}^{commit}`], { cwd: ROOT, encoding: "utf8" }).trim();
  const dir = mkdtempSync(join(tmpdir(), `ckb-baseline-${commit}-`));
  // Paths the revision does not have yet (generated/wasm, say) are left out.
  const present = paths.filter((p) => spawnSync("git", ["cat-file", "-e", `${commit}:${p}`], { cwd: ROOT }).status === 0);
  const archive = execFileSync("git", ["archive", "--format=tar", commit, ...present], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return { dir, commit };
}

/** index.js of the handler at `revision`, bundled into a temporary folder. */
export function baselineScript(revision: string): Baseline {
  const { dir, commit } = checkout(revision, ["function", "generated/wasm"]);
  const zip = join(dir, "function.zip");
  buildHandlerZip(zip, join(dir, "function/index.ts"));
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) writeFileSync(join(dir, name), bytes);
  const script = join(dir, "index.js");
  return { script, label: commit };
}

/** The CLI at `revision` (with the bench's restore child of that revision), to run beside this one. */
export function baselineCli(revision: string): { dir: string; label: string } {
  const { dir, commit } = checkout(revision, ["cli", "function", "generated/wasm", "bench", "package.json", "tsconfig.json"]);
  return { dir, label: commit };
}
