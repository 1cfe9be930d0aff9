// Runs one `restore` command line in this process, as the CLI does, and prints `RESTORE <json>`: the report
// (--json), the command's wall seconds and this process's CPU time.
//   node --import tsx bench/restore-child.ts <restore arguments...>
import { main } from "../cli/main";
import { quietProgress } from "../cli/progress";

const lines: string[] = [];
const t0 = performance.now();
main(["restore", ...process.argv.slice(2), "--json"], process.env, (l) => lines.push(l), quietProgress).then(
  (code) => {
    const u = process.resourceUsage();
    console.log(`RESTORE ${JSON.stringify({ code, report: JSON.parse(lines.join("\n")), wallSeconds: (performance.now() - t0) / 1000, cpuMicros: u.userCPUTime + u.systemCPUTime })}`);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
