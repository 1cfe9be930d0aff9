// How a run's partitions ended, counted one way for the summary log line (run-summary.ts) and the CLI's history.

/** Partitions per stop reason, in the order the reasons first appear: e.g. { "caught-up": 3, deadline: 1 }. */
export function countStopReasons(partitions: Iterable<{ readonly stopReason: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of partitions) counts[p.stopReason] = (counts[p.stopReason] ?? 0) + 1;
  return counts;
}
