// Build step, run by `npm run build` (so by `npm pack`) and by the test setup, never at a user's synth:
// bundles function/ with esbuild into one deterministic zip that the package ships: index.js, and zstd.wasm
// beside it (the zstd library reads its WebAssembly module from the folder its code runs from, function/formats/zstd.ts). Users' machines
// need no esbuild, and every machine gets the same bytes, hence the same hash, for one version.
import { buildSync, type BuildOptions } from "esbuild";
import { zipSync } from "fflate";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { HANDLER_NODE_MAJOR, HANDLER_ZIP } from "./handler-code";

/** The handler's entry point. */
export const HANDLER_ENTRY = resolve(__dirname, "../function/index.ts");

/** The zstd library's WebAssembly module, shipped as a file of the zip (index.js loads it from its own folder). */
export const ZSTD_WASM = resolve(dirname(require.resolve("@bokuweb/zstd-wasm")), "zstd.wasm");

/**
 * Modules the COS SDK's HTTP client (cos-request, a fork of `request`) loads at start but the handler never reaches:
 * `psl`, the public-suffix list tough-cookie consults only with a cookie jar, which the SDK never passes, and
 * `http-signature` (with sshpk and its crypto), used only with request's `httpSignature` option. Loading them was
 * about half of loading the bundle on Node.js 18.15, in every invocation (bench/README.md, "Where the time goes on
 * Node.js 18"); the bundle takes lib/unreached-module.cjs instead, which throws if the SDK ever calls them.
 */
const UNREACHED_MODULES = ["psl", "http-signature"];
const UNREACHED_STUB = resolve(__dirname, "unreached-module.cjs");

// The zip's entries get a fixed time so that the same source gives the same bytes, hence the same hash.
const FIXED_MTIME = new Date("2000-01-01T00:00:00Z");

/** How esbuild makes the zip's index.js; the zstd bench weighs its parts with the same options. */
export const HANDLER_BUILD = {
  bundle: true,
  platform: "node",
  target: `node${HANDLER_NODE_MAJOR}`,
  format: "cjs",
  minify: true,
  legalComments: "none",
  alias: Object.fromEntries(UNREACHED_MODULES.map((m) => [m, UNREACHED_STUB])),
  write: false,
  logLevel: "silent",
} satisfies BuildOptions;

/**
 * Bundles the handler into `zipPath` (written atomically: test workers may read it meanwhile).
 * `entry` bundles another copy of function/ (benchmarks compare with an earlier version).
 */
export function buildHandlerZip(zipPath: string = HANDLER_ZIP, entry: string = HANDLER_ENTRY): void {
  const result = buildSync({ entryPoints: [entry], ...HANDLER_BUILD });
  const zip = zipSync({
    "index.js": [result.outputFiles[0].contents, { mtime: FIXED_MTIME, level: 9 }],
    "zstd.wasm": [readFileSync(ZSTD_WASM), { mtime: FIXED_MTIME, level: 9 }],
  });
  mkdirSync(dirname(zipPath), { recursive: true });
  const tmp = `${zipPath}.${process.pid}.tmp`;
  writeFileSync(tmp, zip);
  renameSync(tmp, zipPath);
}

// `tsx lib/bundling.ts [zipPath]`: `npm run build:handler` (assets/function.zip) and `npm run build` (dist/).
if (require.main === module) buildHandlerZip(resolve(process.argv[2] ?? HANDLER_ZIP));
