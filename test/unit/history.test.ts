import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../function/backup-run";
import type { PartitionResult } from "../../function/partition-writer";
import { readHistory } from "../../cli/history";
import { MemoryBackup } from "../helpers/memory-backup";

const part = (partition: number, stopReason: PartitionResult["stopReason"], start: number, end: number, committed: number | null): PartitionResult => ({
  partition,
  planned: { start, end },
  lastOffsetWritten: committed === null ? null : committed - 1,
  committedOffset: committed,
  records: committed === null ? 0 : committed - start,
  encodedBytes: 0,
  storedBytes: 0,
  objects: [],
  stopReason,
  gaps: [],
  slotWaits: 0,
});

const run = (startedAt: string, slot: number, parallelism: number, partitions: PartitionResult[]): RunManifest => ({
  runId: `${startedAt}-${slot}`,
  topic: "t",
  instanceId: "i",
  groupId: "g",
  format: "jsonl",
  slot: { slot, parallelism },
  startedAt,
  endedAt: startedAt,
  deadlineAt: startedAt,
  partitions,
  totals: { records: 0, encodedBytes: 0, storedBytes: 0, objects: 0, failedPartitions: 0 },
  manifestKey: `m/${startedAt}-${slot}`,
  retention: { headroomMs: null, partition: null, retentionMs: null, lagRecords: null } as unknown as RunManifest["retention"],
  memory: { budgetMiB: 512, heapLimitMiB: 304, peakRssMiB: 150, peakHeapUsedMiB: 60, collections: 0, throttled: 0 },
});

/** A backup in memory holding these run manifests. */
function source(manifests: RunManifest[]) {
  const backup = new MemoryBackup({ instanceId: "i", topic: "t" });
  for (const m of manifests) backup.objects.set(`_manifests/i/t/${m.startedAt}-${m.slot.slot}.json`, Buffer.from(JSON.stringify(m)));
  return backup.source();
}

describe("history with several instances per tick", () => {
  it("judges freshness per partition, from the newest run that read each", async () => {
    const h = await readHistory(source([
      // Tick 1: both instances caught up.
      run("2026-01-01T00:00:00Z", 0, 2, [part(0, "caught-up", 0, 10, 10), part(2, "caught-up", 0, 10, 10)]),
      run("2026-01-01T00:00:01Z", 1, 2, [part(1, "caught-up", 0, 10, 10), part(3, "caught-up", 0, 10, 10)]),
      // Tick 2: instance 0 caught up, instance 1 stopped at its deadline with partition 3 behind.
      run("2026-01-01T00:05:00Z", 0, 2, [part(0, "caught-up", 10, 20, 20), part(2, "caught-up", 10, 20, 20)]),
      run("2026-01-01T00:05:01Z", 1, 2, [part(1, "caught-up", 10, 20, 20), part(3, "deadline", 10, 50, 30)]),
    ]), { nowMs: Date.parse("2026-01-01T00:06:00Z") });
    // Partition 3 last caught up in tick 1: the backup is as fresh as that, whatever the newest manifest says.
    expect(h.lastCaughtUp).toEqual({ startedAt: "2026-01-01T00:00:01Z", ageSeconds: 359 });
    expect(h.behindOffsets).toBe(20);
    expect(h.runs.map((r) => r.instance)).toEqual([{ slot: 1, parallelism: 2 }, { slot: 0, parallelism: 2 }, { slot: 1, parallelism: 2 }, { slot: 0, parallelism: 2 }]);
  });

  it("names the partitions no run has caught up, and leaves out partitions a run did not get", async () => {
    const h = await readHistory(source([
      run("2026-01-01T00:00:00Z", 0, 1, [part(0, "caught-up", 0, 10, 10), part(1, "deadline", 0, 10, 4), part(2, "not-assigned", 0, 10, null)]),
    ]), {});
    expect(h.lastCaughtUp).toBeNull();
    expect(h.neverCaughtUp).toEqual([1]);
    expect(h.behindOffsets).toBe(6);
  });
});
