// Runs the bundled handler the way SCF does, in its own process:
//   node invoke-handler.cjs <index.js> <context JSON> [<timer trigger's custom argument>]
// The environment is the function's. Prints one line `RESULT <json>` or `ERROR <message>`, then
// `RUSAGE <json>`: the process's peak RSS in KiB as the kernel accounts it (peak-rss.cjs) and its CPU
// time in microseconds (user + system, every thread: zlib's thread pool included), and node's version.
const { peakRssKiB } = require("./peak-rss.cjs");

const [, , script, contextJson, message = ""] = process.argv;
const context = JSON.parse(contextJson || "{}");
const started = Date.now();
context.getRemainingTimeInMillis = () => context.time_limit_in_ms - (Date.now() - started);
const event = { Type: "Timer", TriggerName: "backup-timer", Time: new Date().toISOString(), Message: message };
require(script)
  .main_handler(event, context)
  .then((result) => {
    console.log(`RESULT ${JSON.stringify(result)}`);
    exit(0);
  })
  .catch((err) => {
    console.log(`ERROR ${err && err.message}`);
    exit(1);
  });

function exit(code) {
  const usage = process.resourceUsage();
  console.log(`RUSAGE ${JSON.stringify({ maxRssKiB: peakRssKiB(), cpuMicros: usage.userCPUTime + usage.systemCPUTime, node: process.version })}`);
  process.exit(code);
}
