// Vitest global setup: points the workers' temp dir (cdktf's Testing.app() makes a cdktf.outdir.*
// folder for every stack, about a hundred a run) at one folder, removed when the run ends.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "ckb-test-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir; // workers start after global setup and inherit it
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
