// Runs the bundled handler the way SCF does, in its own process:
//   node invoke-handler.cjs <index.js> <context JSON>
// The environment is the function's. Prints one line `RESULT <json>` or `ERROR <message>`, then
// `RUSAGE <json>`: the process's peak RSS in KiB as the kernel accounts it (getrusage ru_maxrss).
const [, , script, contextJson] = process.argv;
const context = JSON.parse(contextJson || "{}");
const started = Date.now();
context.getRemainingTimeInMillis = () => context.time_limit_in_ms - (Date.now() - started);
const event = { Type: "Timer", TriggerName: "backup-timer", Time: new Date().toISOString(), Message: "" };
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
  console.log(`RUSAGE ${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}`);
  process.exit(code);
}
