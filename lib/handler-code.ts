// Finds the handler's prebuilt zip (made by lib/bundling.ts at build time) for the construct's asset.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The zip, at the same place relative to this module in the package (`dist/assets/`) and in a
 * source checkout (`assets/`, written by the test setup and `npm run synth`).
 */
export const HANDLER_ZIP = resolve(__dirname, "../assets/function.zip");
/** The bundle targets this Node.js major: the oldest SCF runtime the handler runs on. */
export const HANDLER_NODE_MAJOR = 18;

export interface HandlerCode {
  readonly zipPath: string;
  /** sha256 of the zip's bytes, hex. */
  readonly sha256: string;
}

let cached: { mtimeMs: number; code: HandlerCode } | undefined;

export function handlerCode(): HandlerCode {
  if (!existsSync(HANDLER_ZIP)) {
    throw new Error(`CkafkaCosBackup: the handler's zip ${HANDLER_ZIP} is missing; in a source checkout run "npm run build:handler"`);
  }
  const mtimeMs = statSync(HANDLER_ZIP).mtimeMs;
  const newer = newerSource(mtimeMs);
  if (newer) throw new Error(`CkafkaCosBackup: ${HANDLER_ZIP} is older than ${newer}; run "npm run build:handler"`);
  if (cached?.mtimeMs !== mtimeMs) {
    cached = { mtimeMs, code: { zipPath: HANDLER_ZIP, sha256: createHash("sha256").update(readFileSync(HANDLER_ZIP)).digest("hex") } };
  }
  return cached.code;
}

/**
 * A handler source file changed after `mtimeMs`, if any. Only a source checkout has function/*.ts
 * beside lib/ (the package has compiled .js and .d.ts there), so this never fires once installed.
 */
export function newerSource(mtimeMs: number): string | undefined {
  const dir = resolve(__dirname, "../function");
  const sources = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  const newer = sources.find((f) => statSync(join(dir, f)).mtimeMs > mtimeMs);
  return newer && `function/${newer}`;
}
