// restore on a backup in memory, before any write: what a dry run reads and reports (no Kafka client: it connects
// to nothing), what stops it, and the rules for a checkpoint and for the consumer groups to position.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IntegrityError, NothingBackedUp, UsageError } from "../../cli/errors";
import { restoreBackup, type RestoreOptions } from "../../cli/restore";
import { nothingSelectedText } from "../../cli/selection";
import { MemoryBackup, T0, type TestRecord } from "../helpers/memory-backup";
import type { TopicSnapshot } from "../../function/contracts";

const records = (partition: number, from: number, to: number): TestRecord[] => Array.from({ length: to - from }, (_, i) => ({ offset: from + i, value: `p${partition}-${"x".repeat(from + i)}` }));
const snapshot = (groups: TopicSnapshot["groups"]): TopicSnapshot => ({ readAt: new Date(T0).toISOString(), clusterId: "c1", partitionCount: 2, replicationFactor: 3, configs: {}, endOffsets: {}, groupSelection: ["app*"], groups, problems: [] });

/** Two partitions of two objects each, listed by one manifest that recorded the group app-1 at offsets 3 and 1. */
function backup(): MemoryBackup {
  const b = new MemoryBackup();
  const p0 = [b.object(0, records(0, 0, 3)), b.object(0, records(0, 3, 6), "gzip")];
  const p1 = [b.object(1, records(1, 0, 2)), b.object(1, records(1, 2, 4))];
  b.manifest([{ partition: 0, start: 0, objects: p0 }, { partition: 1, start: 0, objects: p1 }], { topicSnapshot: snapshot([{ groupId: "app-1", state: "Empty", offsets: { 0: "3", 1: "1" } }]) });
  return b;
}
const checkpointPath = () => join(mkdtempSync(join(tmpdir(), "ckb-restore-")), "restore.checkpoint.json");
const dryRun = (b: MemoryBackup, options: Partial<RestoreOptions> = {}) => restoreBackup(b.source(), undefined, "", { targetTopic: "orders-restored", checkpointPath: checkpointPath(), dryRun: true, ...options });

describe("restoreBackup, dry run without brokers", () => {
  it("reads the selection as a restore would and reports what it would send, writing no checkpoint", async () => {
    const path = checkpointPath();
    const report = await dryRun(backup(), { fromOffset: 1, toOffset: 5, checkpointPath: path });
    expect(report).toMatchObject({ dryRun: true, records: 7, objects: 4, positions: [], largestRecord: { partition: 0, offset: 4, bytes: 7 } });
    expect(Object.fromEntries(report.byPartition)).toEqual({
      0: { records: 4, bytes: 4 + 5 + 6 + 7, firstOffset: 1, lastOffset: 4 },
      1: { records: 3, bytes: 4 + 5 + 6, firstOffset: 1, lastOffset: 3 },
    });
    expect(report.bytes).toBe(37);
    expect(existsSync(path)).toBe(false);
  });

  it("a selection past what the backup holds takes no record, and says what the backup holds of the partition", async () => {
    // Past the end: the partition's last object is read, so its last offset is known.
    const past = await dryRun(backup(), { partitions: [0], fromOffset: 10 });
    expect(past.records).toBe(0);
    expect(Object.fromEntries(past.byPartition)).toEqual({ 0: { records: 0, bytes: 0, firstOffset: null, lastOffset: null, held: { firstOffset: 0, lastOffset: 5 } } });
    expect(nothingSelectedText(0, past.byPartition.get(0)!.held!)).toBe("no record selected; the backup holds offsets 0–5 of partition 0");
    // After every object's hour: no object is read, so only where the partition begins is known.
    const later = await dryRun(backup(), { partitions: [1], fromTimeMs: T0 + 24 * 3_600_000 });
    expect(later.byPartition.get(1)!.held).toEqual({ firstOffset: 0, lastOffset: null });
    expect(nothingSelectedText(1, later.byPartition.get(1)!.held!)).toBe("no record selected; the backup holds offsets from 0 on of partition 1");
  });

  it("stops at an object whose bytes are not those its manifest recorded, naming it", async () => {
    const b = backup();
    const damaged = [...b.objects.keys()].find((k) => k.includes("+1+00000000000000000002"))!;
    b.objects.set(damaged, Buffer.concat([b.objects.get(damaged)!, Buffer.from("\n")]));
    await expect(dryRun(b)).rejects.toThrow(IntegrityError);
    await expect(dryRun(b)).rejects.toThrow(`${damaged}: `);
  });

  it("warns of objects no manifest lists, and with requireManifest refuses them before reading any", async () => {
    const b = backup();
    const unlisted = b.object(1, records(1, 4, 5));
    const warnings: string[] = [];
    expect((await dryRun(b, { warn: (l) => warnings.push(l) })).records).toBe(11);
    expect(warnings).toEqual(["warning: 1 of 5 object(s) to read is listed by no run manifest under backup-1250000000/_manifests/ckafka-1/orders/: their bytes cannot be checked against a recorded size and sha256 (--require-manifest refuses them)"]);
    await expect(dryRun(b, { requireManifest: true })).rejects.toThrow(
      new IntegrityError(`1 of 5 object(s) to read is listed by no run manifest under backup-1250000000/_manifests/ckafka-1/orders/ (${unlisted.key}): their bytes cannot be checked, and --require-manifest refuses them; nothing was read`),
    );
  });

  it("refuses a location without backup objects", async () => {
    await expect(dryRun(new MemoryBackup({ topic: "nothing-here" }))).rejects.toThrow(NothingBackedUp);
  });
});

describe("restoreBackup, consumer groups", () => {
  it("predicts the recorded groups' positions; without a target to count from, the target offsets are unknown", async () => {
    const report = await dryRun(backup(), { consumerGroups: "all" });
    expect(report.positions).toEqual([
      { groupId: "app-1", partition: 0, sourceOffset: "3", targetOffset: null },
      { groupId: "app-1", partition: 1, sourceOffset: "1", targetOffset: null },
    ]);
    expect((await dryRun(backup(), { consumerGroups: "all", partitions: [1] })).positions).toEqual([{ groupId: "app-1", partition: 1, sourceOffset: "1", targetOffset: null }]);
  });

  it("refuses groups it cannot position, saying why", async () => {
    await expect(dryRun(backup(), { consumerGroups: ["app-1", "app-9"] })).rejects.toThrow(
      new UsageError(`--consumer-groups: "app-9" is not recorded; the backup records "app-1" (as of ${new Date(T0).toISOString()}); give "all" or some of those`),
    );
    await expect(dryRun(backup(), { consumerGroups: "all", repartition: true })).rejects.toThrow(/^--consumer-groups cannot be combined with --repartition/);
    const old = new MemoryBackup();
    old.manifest([{ partition: 0, start: 0, objects: [old.object(0, records(0, 0, 1))] }]);
    await expect(dryRun(old, { consumerGroups: "all" })).rejects.toThrow("--consumer-groups: no run manifest of this backup records consumer groups (they were written before it did); nothing to position");
  });
});

describe("restoreBackup, checkpoint rules (checked before anything is read or sent)", () => {
  const restore = (options: Partial<RestoreOptions>) => restoreBackup(backup().source(), undefined, "", { targetTopic: "orders-restored", checkpointPath: checkpointPath(), ...options });

  it("refuses to start over an existing checkpoint without --resume, and --resume without one", async () => {
    const path = checkpointPath();
    writeFileSync(path, "{}");
    await expect(restore({ checkpointPath: path })).rejects.toThrow(new UsageError(`${path} records an earlier restore into "orders-restored": add --resume to continue it, or remove the file to restore again from the start (the records it restored would then be in the target twice)`));
    const none = checkpointPath();
    await expect(restore({ checkpointPath: none, resume: true })).rejects.toThrow(new UsageError(`--resume: there is no checkpoint ${none} to resume from; give the --checkpoint of the stopped restore, or drop --resume to start one`));
  });

  it("resumes only the restore the checkpoint records: another file, source, target or selection is refused", async () => {
    const path = checkpointPath();
    writeFileSync(path, "[]");
    await expect(restore({ checkpointPath: path, resume: true })).rejects.toThrow(/is not a restore checkpoint/);
    const checkpoint = { source: { bucket: "backup-1250000000", prefix: "", instanceId: "ckafka-1", topic: "orders" }, targetTopic: "orders-restored", selection: { fromOffset: 2, repartition: false }, restored: {}, targetEnds: {}, targetStarts: {}, inFlight: {}, groups: [], positions: {}, sent: {}, complete: false };
    writeFileSync(path, JSON.stringify(checkpoint));
    await expect(restore({ checkpointPath: path, resume: true, fromOffset: 3 })).rejects.toThrow(/^--resume: .* records a restore of .*"fromOffset":2.*; --resume needs the same source, target and selection$/);
    await expect(restore({ checkpointPath: path, resume: true, fromOffset: 2, targetTopic: "other" })).rejects.toThrow(/--resume needs the same source, target and selection$/);
    // The same restore passes these rules and needs a broker to go on.
    await expect(restore({ checkpointPath: path, resume: true, fromOffset: 2 })).rejects.toThrow("restore needs --brokers");
  });
});
