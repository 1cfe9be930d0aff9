// Synth: wall time of `cdktf synth` of examples/basic with the real CLI, as a user runs it.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fmt, spread, table } from "./stats";

export function synth(runs: number): string {
  const cwd = join(__dirname, "..", "examples", "basic");
  const cli = join(__dirname, "..", "node_modules", ".bin", "cdktf");
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = spawnSync(cli, ["synth"], { cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" } });
    if (res.status !== 0) throw new Error(`cdktf synth exited with ${res.status}: ${res.stderr || res.stdout}`);
    seconds.push((performance.now() - t0) / 1000);
    console.log(`synth ${i + 1}: ${seconds[i].toFixed(1)} s`);
  }
  return table(["", "seconds"], [[`\`cdktf synth\` of examples/basic (${runs} runs)`, fmt(spread(seconds), 2)]]);
}
