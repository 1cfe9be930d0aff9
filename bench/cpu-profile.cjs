// Summarizes a V8 CPU profile (node --cpu-prof): self time per function, largest first.
//   node bench/cpu-profile.cjs <file.cpuprofile> [rows]
const { readFileSync } = require("node:fs");

const [, , file, rows = "25"] = process.argv;
const profile = JSON.parse(readFileSync(file, "utf8"));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
// timeDeltas[i] is the time before samples[i], in microseconds.
profile.samples.forEach((id, i) => {
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  const name = `${functionName || "(anonymous)"} ${url.split("/").pop()}:${lineNumber + 1}`;
  self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`total ${(total / 1e6).toFixed(2)} s sampled`);
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(rows))) {
  console.log(`${(us / 1e6).toFixed(3).padStart(8)} s ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
}
