// Peak RSS of this process in KiB, as the kernel accounts it. Linux keeps getrusage's ru_maxrss across
// exec, so a process spawned by a large parent reports at least the parent's size at the fork; the
// memory map's own high-water mark (VmHWM) starts afresh at exec. Elsewhere, ru_maxrss.
const { readFileSync } = require("node:fs");

function peakRssKiB() {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

module.exports = { peakRssKiB };
