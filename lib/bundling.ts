// Bundles function/ with esbuild into a deterministic zip whose file name carries its content hash.
// The provider redeploys function code only when the `zip_file` string changes, so the hash in the
// path is what makes a code change reach the cloud.
import { buildSync } from "esbuild";
import { zipSync } from "fflate";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface FunctionBundle {
  /** Absolute path of the zip; its name is `function-<sha256 prefix>.zip`. */
  readonly zipPath: string;
  /** sha256 of the zip's bytes, hex. */
  readonly sha256: string;
  readonly zipBytes: number;
  readonly scriptBytes: number;
}

/** The handler's entry point. */
export const HANDLER_ENTRY = resolve(__dirname, "../function/index.ts");

/** The Node.js version each supported SCF runtime runs, for esbuild's target. */
export function esbuildTarget(runtime: string): string {
  const m = /^Nodejs(\d+)\.\d+$/.exec(runtime);
  if (!m) throw new Error(`runtime: "${runtime}" is not a Node.js runtime; expected e.g. Nodejs18.15`);
  return `node${m[1]}`;
}

// The zip's entries get a fixed time so that the same source gives the same bytes, hence the same hash.
const FIXED_MTIME = new Date("2000-01-01T00:00:00Z");

const cache = new Map<string, FunctionBundle>();

/**
 * Bundles the handler for `runtime` into `outDir` (default: a folder under the OS temp dir).
 * Bundles once per process and target; construct tests create many stacks.
 */
export function bundleHandler(runtime: string, outDir = join(tmpdir(), "ckafka-cos-backup-bundles")): FunctionBundle {
  const target = esbuildTarget(runtime);
  const cached = cache.get(`${target}:${outDir}`);
  if (cached && existsSync(cached.zipPath)) return cached;
  const result = buildSync({
    entryPoints: [HANDLER_ENTRY],
    bundle: true,
    platform: "node",
    target,
    format: "cjs",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const script = result.outputFiles[0].contents;
  const zip = zipSync({ "index.js": [script, { mtime: FIXED_MTIME, level: 9 }] });
  const sha256 = createHash("sha256").update(zip).digest("hex");
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `function-${sha256.slice(0, 16)}.zip`);
  writeFileSync(zipPath, zip);
  const bundle = { zipPath, sha256, zipBytes: zip.length, scriptBytes: script.length };
  cache.set(`${target}:${outDir}`, bundle);
  return bundle;
}
