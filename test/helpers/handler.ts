// Drives the bundled handler as SCF does: the zip the construct deploys, unzipped, loaded in a fresh
// Node process, called with a timer event and the environment the construct synthesized.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { unzipSync } from "fflate";
import { CkafkaCosBackup, type CkafkaCosBackupProps } from "../../lib";
import { handlerCode } from "../../lib/handler-code";
import { ENV, formatSlotArgument } from "../../function/config";
import { TEST_BUCKET, TEST_REGION, cosEndpoint } from "./cos";
import { brokers } from "./kafka";
import { MemoryCgroup } from "./memory-cgroup";
import type { InstanceSlot, RunManifest } from "../../function/contracts";

let script: string | undefined;
let node: string | undefined;

/**
 * The node binary that runs the handler: SCF's Node.js 18.15 (test/services/install-node.sh fetches it
 * from the npm registry into the cache, once), or the one CKB_HANDLER_NODE names (`$(which node)` for the
 * developer's own).
 */
export function handlerNode(): string {
  node ??= process.env.CKB_HANDLER_NODE || execFileSync("bash", [join(__dirname, "../services/install-node.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  return node;
}

/** index.js from the deployable zip, extracted once per test process with the zip's other files (zstd.wasm). */
export function bundledScript(): string {
  if (script) return script;
  const code = handlerCode();
  const files = unzipSync(readFileSync(code.zipPath));
  const dir = join(tmpdir(), `ckb-handler-${code.sha256.slice(0, 12)}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  script = join(dir, "index.js");
  return script;
}

export type TestProps = Partial<CkafkaCosBackupProps> & Pick<CkafkaCosBackupProps, "topic" | "functionName">;

/** The function environment the construct synthesizes, pointed at the test services. */
export function synthesizedEnvironment(props: TestProps, overrides: Record<string, string> = {}): Record<string, string> {
  const app = new App({ outdir: join(tmpdir(), "ckb-synth") });
  const stack = new TerraformStack(app, "test");
  new CkafkaCosBackup(stack, "backup", {
    region: TEST_REGION,
    instanceId: "ckafka-test",
    brokers: ["10.0.0.1:9092"],
    vpcId: "vpc-test",
    subnetId: "subnet-test",
    existingBucketName: TEST_BUCKET,
    existingRoleName: "test-role",
    appId: "1250000000",
    ...props,
  });
  const tf = JSON.parse(Testing.synth(stack));
  const fn = Object.values(tf.resource.tencentcloud_scf_function)[0] as { environment: Record<string, string> };
  // The tests' idle wait (vitest.config.ts), which the construct never sets: benchmarks keep the handler's default.
  const idleMs = process.env[ENV.idleMs];
  const idle: Record<string, string> = idleMs ? { [ENV.idleMs]: idleMs } : {};
  return { ...fn.environment, [ENV.brokers]: brokers().join(","), [ENV.cosEndpoint]: cosEndpoint(), ...idle, ...overrides };
}

export interface Invocation {
  ok: boolean;
  result?: RunManifest;
  error?: string;
  stdout: string;
  stderr: string;
  killed: boolean;
  /** Peak RSS of the handler's process (kernel accounting); absent when it was killed. */
  maxRssKiB?: number;
  /** CPU time of the handler's process, user + system, all threads; absent when it was killed. */
  cpuMicros?: number;
  /** Wall time from spawn to exit. */
  elapsedMs: number;
  /** The version of the node that ran the handler (handlerNode()); absent when it was killed. */
  nodeVersion?: string;
  /** With `memoryLimitMiB`: the cgroup's peak memory in bytes and the processes the kernel killed for the limit. */
  cgroup?: { peakBytes: number; oomKills: number };
}

/**
 * Invokes the bundled handler in a new process, as instance `slot` of its tick when given (the timer trigger's argument); `killAfterMs`, `killWhen` or `killOn` SIGKILLs it mid-run.
 * `script` runs another bundle's index.js (a benchmark's baseline) instead of this tree's; `nodeArgs` go to node;
 * `node` is another Node.js binary to run it with (default: handlerNode(), SCF's version).
 * `memoryLimitMiB` runs it inside a memory cgroup of that size (memory-cgroup.ts), as SCF runs a function.
 */
export function invokeHandler(
  env: Record<string, string>,
  opts: { timeLimitMs?: number; requestId?: string; slot?: InstanceSlot; killAfterMs?: number; killWhen?: (output: string) => boolean; killOn?: Promise<unknown>; script?: string; nodeArgs?: string[]; node?: string; memoryLimitMiB?: number } = {},
): Promise<Invocation> {
  const context = { request_id: opts.requestId ?? `req-${Date.now()}`, time_limit_in_ms: opts.timeLimitMs ?? 120_000 };
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const argv = [opts.node ?? handlerNode(), ...(opts.nodeArgs ?? []), join(__dirname, "invoke-handler.cjs"), opts.script ?? bundledScript(), JSON.stringify(context), opts.slot ? formatSlotArgument(opts.slot) : ""];
    const cgroup = opts.memoryLimitMiB === undefined ? undefined : MemoryCgroup.create(opts.memoryLimitMiB);
    // In a cgroup, the shell moves itself in first and then becomes node, so that all of node's memory counts.
    const [command, ...args] = cgroup ? ["sh", "-c", 'echo $$ > "$0" && exec "$@"', cgroup.procsFile, ...argv] : argv;
    const child = spawn(command, args, {
      env: {
        PATH: process.env.PATH,
        TENCENTCLOUD_SECRETID: "test-secret-id",
        TENCENTCLOUD_SECRETKEY: "test-secret-key",
        TENCENTCLOUD_SESSIONTOKEN: "test-token",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let killed = false;
    const kill = () => {
      if (!killed) {
        killed = true;
        child.kill("SIGKILL");
      }
    };
    const timer = opts.killAfterMs !== undefined ? setTimeout(kill, opts.killAfterMs) : undefined;
    void opts.killOn?.then(kill);
    child.stdout.on("data", (d) => {
      stdout += d;
      if (opts.killWhen?.(stdout + stderr)) kill();
    });
    child.stderr.on("data", (d) => {
      stderr += d;
      if (opts.killWhen?.(stdout + stderr)) kill();
    });
    child.on("error", (err) => {
      cgroup?.remove();
      reject(err);
    });
    child.on("exit", () => {
      if (timer) clearTimeout(timer);
      const limited = cgroup && { peakBytes: cgroup.peakBytes(), oomKills: cgroup.oomKills() };
      cgroup?.remove();
      const elapsedMs = performance.now() - t0;
      const lines = stdout.split("\n");
      const line = lines.find((l) => l.startsWith("RESULT ") || l.startsWith("ERROR "));
      const rusage = lines.find((l) => l.startsWith("RUSAGE "));
      const usage = rusage ? (JSON.parse(rusage.slice(7)) as { maxRssKiB: number; cpuMicros: number; node: string }) : undefined;
      const common = { stdout, stderr, killed, maxRssKiB: usage?.maxRssKiB, cpuMicros: usage?.cpuMicros, nodeVersion: usage?.node, elapsedMs, cgroup: limited };
      if (line?.startsWith("RESULT ")) resolve({ ok: true, result: JSON.parse(line.slice(7)), ...common });
      else resolve({ ok: false, error: line?.slice(6), ...common });
    });
  });
}

/** One tick of a backup with `parallelism` instances: instance i invoked as slot i, all at once unless `startDelayMs` says otherwise. */
export function invokeTick(
  env: Record<string, string>,
  parallelism: number,
  opts: { timeLimitMs?: number; tick?: string; startDelayMs?: (slot: number) => number; perSlot?: (slot: number) => { env?: Record<string, string>; killAfterMs?: number } } = {},
): Promise<Invocation[]> {
  return Promise.all(
    Array.from({ length: parallelism }, async (_, slot) => {
      const delay = opts.startDelayMs?.(slot) ?? 0;
      if (delay) await new Promise((r) => setTimeout(r, delay));
      const own = opts.perSlot?.(slot) ?? {};
      return invokeHandler(
        { ...env, ...own.env },
        { timeLimitMs: opts.timeLimitMs, requestId: `${opts.tick ?? "tick"}-${slot}-of-${parallelism}`, slot: { slot, parallelism }, killAfterMs: own.killAfterMs },
      );
    }),
  );
}
