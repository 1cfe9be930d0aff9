// What a user does: pack the library, install the tarball into a new app outside this repository,
// paste the README's main.ts, compile it with the cdktf TypeScript template's settings, run it with node
// (no CLI), and look at what it synthesized. Once with cdktf 0.21, once with CDK Terrain (cdktn) 0.24
// aliased as cdktf. Packages come from the npm cache when it has them, otherwise from the registry.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = resolve(__dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "ckb-package-"));
let tarball = "";

// The outer `npm test` exports its own package's settings to children; a new app must not see them.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_(package|lifecycle)_|^npm_config_local_prefix$|^INIT_CWD$/.test(k)),
);
env.CHECKPOINT_DISABLE = "1";
const sh = (cmd: string, args: string[], cwd: string) => run(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });

/** The README's complete app: the ```ts block that starts with `// main.ts`. */
export function readmeApp(): string {
  const m = /```ts\n(\/\/ main\.ts\n[\s\S]*?)```/.exec(readFileSync(join(repo, "README.md"), "utf8"));
  if (!m) throw new Error("README.md has no ```ts block starting with // main.ts");
  return m[1];
}

// tsconfig.json of `cdktf init --template=typescript` (cdktf 0.21): CommonJS, node10 module resolution.
const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true, declaration: true, experimentalDecorators: true, inlineSourceMap: true, inlineSources: true,
    lib: ["es2018"], module: "CommonJS", noEmitOnError: true, noFallthroughCasesInSwitch: true, noImplicitAny: true,
    noImplicitReturns: true, noImplicitThis: true, noUnusedLocals: true, noUnusedParameters: true, resolveJsonModule: true,
    strict: true, strictNullChecks: true, strictPropertyInitialization: true, stripInternal: true, target: "ES2018",
    incremental: true, skipLibCheck: true,
  },
  include: ["**/*.ts"],
  exclude: ["node_modules", "cdktf.out"],
};

const devVersion = (name: string): string => JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).devDependencies[name];

const flavors = [
  { name: "cdktf 0.21", dependencies: { cdktf: "0.21.0", constructs: "10.4.2" }, installed: "cdktf@0.21.0" },
  // CDK Terrain's package keeps the cdktf API; the alias lets code (and this library's peer dependency) say "cdktf".
  { name: "CDK Terrain 0.24", dependencies: { cdktf: "npm:cdktn@0.24.0", constructs: "10.7.2" }, installed: "cdktn@0.24.0" },
];

beforeAll(async () => {
  const { stdout } = await sh("npm", ["pack", "--silent", "--pack-destination", work], repo);
  tarball = join(work, stdout.trim().split("\n").pop()!);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the packed library in a new app", () => {
  it.concurrent.each(flavors)("installs and synthesizes the README's app under $name", async ({ name, dependencies, installed }) => {
    const app = join(work, name.replace(/\W+/g, "-"));
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({
      name: "backup-app",
      private: true,
      dependencies: { ...dependencies, "ckafka-cos-backup": `file:${tarball}` },
      devDependencies: { typescript: devVersion("typescript") },
    }, null, 2));
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 2));
    writeFileSync(join(app, "main.ts"), readmeApp());

    // No --force, no --legacy-peer-deps: the peer ranges must admit both.
    await sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], app);
    const cdktf = JSON.parse(readFileSync(join(app, "node_modules/cdktf/package.json"), "utf8"));
    expect(`${cdktf.name}@${cdktf.version}`).toBe(installed);
    // One cdktf in the app: the library uses the app's, not a copy of its own.
    expect(readdirSync(join(app, "node_modules/ckafka-cos-backup"))).not.toContain("node_modules");

    await sh("node", [join(app, "node_modules/typescript/bin/tsc"), "-p", "."], app);
    await sh("node", ["main.js"], app);

    const stackDir = join(app, "cdktf.out/stacks/orders-backup");
    const tf = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
    expect(tf.provider.tencentcloud).toEqual([{ region: "ap-guangzhou" }]);
    expect(tf.terraform.required_providers.tencentcloud).toMatchObject({ source: "registry.terraform.io/tencentcloudstack/tencentcloud" });
    const fn = Object.values(tf.resource.tencentcloud_scf_function)[0] as Record<string, any>;
    expect(fn).toMatchObject({ handler: "index.main_handler", vpc_id: "${var.vpc_id}", subnet_id: "${var.subnet_id}" });
    expect(fn.environment.CKB_BROKERS).toBe('${join(",", var.brokers)}');

    // The zip the function deploys: index.js (and zstd.wasm, which it reads only for zstd), loadable by a bare node
    // with no node_modules around it.
    const files = unzipSync(readFileSync(join(stackDir, fn.zip_file)));
    expect(Object.keys(files)).toEqual(["index.js", "zstd.wasm"]);
    const bare = mkdtempSync(join(work, "bare-"));
    writeFileSync(join(bare, "index.js"), files["index.js"]);
    const { stdout } = await run("node", ["-e", "console.log(typeof require('./index.js').main_handler)"], { cwd: bare, env: { PATH: process.env.PATH } });
    expect(stdout.trim()).toBe("function");

    // The operator CLI runs from the installed package: --help exits 0, bad input exits 2.
    const bin = join(app, "node_modules/.bin/ckafka-cos-backup");
    const help = await sh(bin, ["--help"], app);
    expect(help.stdout).toContain("Usage: ckafka-cos-backup");
    const bad = await sh(bin, ["verify", "--region", "nowhere"], app).then(
      () => ({ code: 0 }),
      (e) => ({ code: e.code as number }),
    );
    expect(bad.code).toBe(2);
  }, 300_000);
});
