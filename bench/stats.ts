// Summaries and tables for benchmark results: medians with min and max, as markdown.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(values: number[]): Spread {
  if (!values.length) throw new Error("spread of no values");
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

/** `median (min–max)` with `digits` decimals. */
export function fmt(x: Spread, digits = 1): string {
  const f = (v: number) => v.toFixed(digits);
  return x.n === 1 ? f(x.median) : `${f(x.median)} (${f(x.min)}–${f(x.max)})`;
}

export const MiB = 1024 * 1024;

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
}

const RESULTS_DIR = join(__dirname, "results");

/** Prints a scenario's tables and writes them to bench/results/<scenario>.md (not committed). */
export function report(scenario: string, text: string): void {
  const body = `## ${scenario}\n\n${new Date().toISOString()} · ${machine()}\n\n${text}\n`;
  console.log(`\n${body}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${scenario}.md`), body);
}
