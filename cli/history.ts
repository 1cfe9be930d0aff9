// The backup history from the run manifests: one entry per run, newest first, and how fresh the backup is.
import type { RunManifest } from "../function/backup-run";
import { countStopReasons } from "../function/stop-reasons";
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
  /** Which instance of its tick the run was; runs of a backup with one instance per tick are 0 of 1. */
  instance: { slot: number; parallelism: number };
  /** Partitions this run read (not-assigned ones left out), with whether each reached its plan's end. */
  read: Array<{ partition: number; caughtUp: boolean; behind: number }>;
}

export interface History {
  runs: RunSummary[];
  /** Runs before --since / --limit. */
  totalRuns: number;
  /**
   * How fresh the backup is: every partition was read up to its plan's end by a run started at this time
   * or later (the oldest of each partition's newest such run); null while some partition never was.
   * Per partition, so that it holds when a tick runs several instances, each with its own partitions.
   */
  lastCaughtUp: { startedAt: string; ageSeconds: number } | null;
  /** Partitions no run has read up to its plan's end. */
  neverCaughtUp: number[];
  /** Offsets each partition's newest run left behind its plan, summed. */
  behindOffsets: number;
}

export function summarize(key: string, m: RunManifest): RunSummary {
  const behind: RunSummary["behind"] = [];
  const gaps: RunSummary["gaps"] = [];
  const errors: string[] = [];
  const read: RunSummary["read"] = [];
  for (const p of m.partitions) {
    const reached = p.committedOffset ?? p.planned.start;
    if (reached < p.planned.end) behind.push({ partition: p.partition, offsets: p.planned.end - reached });
    if (p.stopReason !== "not-assigned") read.push({ partition: p.partition, caughtUp: reached >= p.planned.end && !p.error, behind: Math.max(0, p.planned.end - reached) });
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
    stopReasons: countStopReasons(m.partitions),
    behind,
    gaps,
    errors,
    instance: m.slot ?? { slot: 0, parallelism: 1 },
    read,
  };
}

export async function readHistory(source: BackupSource, options: { sinceMs?: number; limit?: number; nowMs?: number }): Promise<History> {
  const all = (await source.manifests()).map(({ key, manifest }) => summarize(key, manifest));
  all.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  const now = options.nowMs ?? Date.now();
  // Newest first: the first run seen for a partition is its newest.
  const newest = new Map<number, number>();
  const newestCaughtUp = new Map<number, string>();
  for (const r of all) {
    for (const p of r.read) {
      if (!newest.has(p.partition)) newest.set(p.partition, p.behind);
      if (p.caughtUp && !newestCaughtUp.has(p.partition)) newestCaughtUp.set(p.partition, r.startedAt);
    }
  }
  const neverCaughtUp = [...newest.keys()].filter((p) => !newestCaughtUp.has(p)).sort((a, b) => a - b);
  const oldest = [...newestCaughtUp.values()].sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  const runs = all.filter((r) => options.sinceMs === undefined || Date.parse(r.startedAt) >= options.sinceMs).slice(0, options.limit);
  return {
    runs,
    totalRuns: all.length,
    lastCaughtUp: oldest && !neverCaughtUp.length ? { startedAt: oldest, ageSeconds: Math.round((now - Date.parse(oldest)) / 1000) } : null,
    neverCaughtUp,
    behindOffsets: [...newest.values()].reduce((n, b) => n + b, 0),
  };
}
