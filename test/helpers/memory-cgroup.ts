// A cgroup v1 memory controller of a function's size, as SCF gives the function's memory: the kernel
// kills a process in it that goes past the limit (SIGKILL, the run's "memory limit exceeded").
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = "/sys/fs/cgroup/memory";
let created = 0;

/** Why a memory cgroup cannot be made here, or undefined when it can (root, cgroup v1 memory controller). */
export function memoryCgroupUnavailable(): string | undefined {
  if (!existsSync(join(ROOT, "cgroup.procs"))) return `no cgroup v1 memory controller at ${ROOT}`;
  if (process.getuid?.() !== 0) return "making a memory cgroup needs root";
  return undefined;
}

export class MemoryCgroup {
  private constructor(readonly dir: string) {}

  /** A new cgroup limited to `limitMiB` of memory (without swap: the machine's swap is not the function's). */
  static create(limitMiB: number): MemoryCgroup {
    const dir = join(ROOT, `ckb-test-${process.pid}-${++created}`);
    mkdirSync(dir);
    const bytes = String(limitMiB * 1024 * 1024);
    writeFileSync(join(dir, "memory.limit_in_bytes"), bytes);
    // Absent when the kernel accounts no swap.
    if (existsSync(join(dir, "memory.memsw.limit_in_bytes"))) writeFileSync(join(dir, "memory.memsw.limit_in_bytes"), bytes);
    return new MemoryCgroup(dir);
  }

  /** Writing a pid here moves that process into the cgroup; its children are born in it. */
  get procsFile(): string {
    return join(this.dir, "cgroup.procs");
  }

  /** The most memory the cgroup's processes held at once, in bytes (what the limit is checked against). */
  peakBytes(): number {
    return Number(readFileSync(join(this.dir, "memory.max_usage_in_bytes"), "utf8"));
  }

  /** Processes the kernel killed for going past the limit. */
  oomKills(): number {
    return Number(/^oom_kill (\d+)$/m.exec(readFileSync(join(this.dir, "memory.oom_control"), "utf8"))?.[1] ?? 0);
  }

  /** Removes the cgroup once its processes have exited. */
  remove(): void {
    rmdirSync(this.dir);
  }
}
