// The backup history from the run manifests: one entry per run, newest first, and how fresh the backup is.
import type { RunManifest } from "../function/backup-run";
import type { BackupSource } from "./backup-source";

export interface RunSummary {
  runId: string;
  manifestKey: string;
  startedAt: string;
  durationSeconds: number;
  records: number;
  storedBytes: number;
  objects: number;
  /** Partitions per stop reason, e.g. { "caught-up": 3 }. */
  stopReasons: Record<string, number>;
  /** Partitions that ended before their plan's end offset, and how many offsets they left. */
  behind: Array<{ partition: number; offsets: number }>;
  /** Offsets retention deleted before they were backed up. */
  gaps: Array<{ partition: number; from: number; to: number }>;
  errors: string[];
}

export interface History {
  runs: RunSummary[];
  /** Runs before --since / --limit. */
  totalRuns: number;
  /** The newest run whose partitions all reached their plan's end, if any. */
  lastCaughtUp: { startedAt: string; ageSeconds: number } | null;
  /** Offsets the newest run left behind its plan, over all partitions. */
  behindOffsets: number;
}

export function summarize(key: string, m: RunManifest): RunSummary {
  const stopReasons: Record<string, number> = {};
  const behind: RunSummary["behind"] = [];
  const gaps: RunSummary["gaps"] = [];
  const errors: string[] = [];
  for (const p of m.partitions) {
    stopReasons[p.stopReason] = (stopReasons[p.stopReason] ?? 0) + 1;
    const reached = p.committedOffset ?? p.planned.start;
    if (reached < p.planned.end) behind.push({ partition: p.partition, offsets: p.planned.end - reached });
    for (const g of p.gaps ?? []) gaps.push({ partition: p.partition, ...g });
    if (p.error) errors.push(`partition ${p.partition}: ${p.error}`);
  }
  if (m.manifestError) errors.push(m.manifestError);
  return {
    runId: m.runId,
    manifestKey: key,
    startedAt: m.startedAt,
    durationSeconds: (Date.parse(m.endedAt) - Date.parse(m.startedAt)) / 1000,
    records: m.totals.records,
    storedBytes: m.totals.storedBytes,
    objects: m.totals.objects,
    stopReasons,
    behind,
    gaps,
    errors,
  };
}

export async function readHistory(source: BackupSource, options: { sinceMs?: number; limit?: number; nowMs?: number }): Promise<History> {
  const all = (await source.manifests()).map(({ key, manifest }) => summarize(key, manifest));
  all.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  const now = options.nowMs ?? Date.now();
  const caughtUp = all.find((r) => r.behind.length === 0 && r.errors.length === 0);
  const runs = all.filter((r) => options.sinceMs === undefined || Date.parse(r.startedAt) >= options.sinceMs).slice(0, options.limit);
  return {
    runs,
    totalRuns: all.length,
    lastCaughtUp: caughtUp ? { startedAt: caughtUp.startedAt, ageSeconds: Math.round((now - Date.parse(caughtUp.startedAt)) / 1000) } : null,
    behindOffsets: all[0]?.behind.reduce((n, b) => n + b.offsets, 0) ?? 0,
  };
}
