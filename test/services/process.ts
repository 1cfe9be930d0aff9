// Starting and stopping the test services as child processes, with readable failures.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createServer, connect } from "node:net";

// Every started service leaves a pid file naming itself and the process that started it, so that
// services orphaned by a killed test run are stopped by the next one (see stopOrphans).
const PID_DIR = join(process.env.CKB_CACHE_DIR ?? join(homedir(), ".cache", "ckafka-cos-backup"), "pids");

interface PidFile {
  pid: number;
  owner: number;
  command: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills services whose starting process is gone, if they still run the command they were started with. */
export function stopOrphans(): string[] {
  let files: string[];
  try {
    files = readdirSync(PID_DIR);
  } catch {
    return [];
  }
  const stopped: string[] = [];
  for (const file of files) {
    const path = join(PID_DIR, file);
    let entry: PidFile;
    try {
      entry = JSON.parse(readFileSync(path, "utf8")) as PidFile;
    } catch {
      rmSync(path, { force: true });
      continue;
    }
    if (alive(entry.owner)) continue;
    let cmdline = "";
    try {
      cmdline = readFileSync(`/proc/${entry.pid}/cmdline`, "utf8");
    } catch {
      // gone already
    }
    if (cmdline.startsWith(entry.command)) {
      process.kill(entry.pid, "SIGKILL");
      stopped.push(`${entry.command} (pid ${entry.pid})`);
    }
    rmSync(path, { force: true });
  }
  return stopped;
}

export function runScript(script: string, ...args: string[]): string {
  return execFileSync("bash", [script, ...args], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" }).trim();
}

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  stop(): Promise<void>;
}

export function logTail(logFile: string, lines = 30): string {
  try {
    return readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Starts `command`, logs to `logFile`, and waits until `ready()` holds or the process dies. */
export async function startService(opts: {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
  ready: () => Promise<boolean>;
  timeoutMs: number;
}): Promise<Service> {
  const fd = openSync(opts.logFile, "a");
  const child = spawn(opts.command, opts.args, { stdio: ["ignore", fd, fd], env: opts.env ?? process.env });
  closeSync(fd);
  if (child.pid !== undefined) {
    const pidFile = join(PID_DIR, `${child.pid}.json`);
    mkdirSync(PID_DIR, { recursive: true });
    writeFileSync(pidFile, JSON.stringify({ pid: child.pid, owner: process.pid, command: opts.command } satisfies PidFile));
    child.once("exit", () => rmSync(pidFile, { force: true }));
  }
  let exited: string | undefined;
  child.once("exit", (code, signal) => (exited = `exited with ${signal ?? code}`));
  const fail = (why: string) =>
    new Error(
      `${opts.name} failed to start (${why}).\ncommand: ${opts.command} ${opts.args.join(" ")}\n` +
        `log ${opts.logFile}, last lines:\n${logTail(opts.logFile)}`,
    );
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (exited) throw fail(exited);
    if (await opts.ready()) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw fail(`not ready after ${opts.timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await gone;
    clearTimeout(timer);
  };
  return { name: opts.name, child, logFile: opts.logFile, stop };
}

/**
 * `stop`, then removes the service's temp folder (its data and logs): a Kafka run leaves gigabytes there, and
 * runs after runs would fill the disk. A service that failed to start keeps its folder for its log.
 */
export function stopThenRemove(dir: string, stop: () => Promise<void>): () => Promise<void> {
  return async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
