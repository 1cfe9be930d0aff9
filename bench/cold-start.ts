// Cold start: the deployable zip's size, and what loading its index.js costs a fresh Node process
// over a bare `node -e ""`, measured pair by pair in the same run.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { handlerCode } from "../lib/handler-code";
import { bundledScript } from "../test/helpers/handler";
import { fmt, spread, table } from "./stats";

/** Wall time of `node -e <code>` in a fresh process with only PATH set. */
export function timeNode(code: string): number {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, ["-e", code], { stdio: "ignore", env: { PATH: process.env.PATH } });
  if (res.status !== 0) throw new Error(`node -e ${code} exited with ${res.status}`);
  return performance.now() - t0;
}

export function coldStart(runs: number): string {
  const zipBytes = statSync(handlerCode().zipPath).size;
  const script = bundledScript();
  const load = `require(${JSON.stringify(script)})`;
  timeNode(load); // first read of the file from disk is not what SCF's warm file cache sees either
  const bare: number[] = [];
  const loaded: number[] = [];
  const extra: number[] = [];
  for (let i = 0; i < runs; i++) {
    const b = timeNode("");
    const l = timeNode(load);
    bare.push(b);
    loaded.push(l);
    extra.push(l - b);
  }
  return [
    table(
      ["", "value"],
      [
        ["zipped bundle", `${(zipBytes / 1024).toFixed(1)} KiB`],
        ["unzipped index.js", `${(statSync(script).size / 1024).toFixed(1)} KiB`],
        [`bare \`node -e ""\`, ms (${runs} runs)`, fmt(spread(bare))],
        [`\`node -e "require(index.js)"\`, ms`, fmt(spread(loaded))],
        ["**load cost over bare node, ms (pairwise)**", `**${fmt(spread(extra))}**`],
      ],
    ),
  ].join("\n");
}
