// CPU time of this process so far, user + system, all threads, in microseconds: the benchmarks' cost figure,
// for the raw-*.cjs children (plain Node.js, possibly another version than the one running the benchmarks).
function cpuMicros() {
  const u = process.resourceUsage();
  return u.userCPUTime + u.systemCPUTime;
}

module.exports = { cpuMicros };
