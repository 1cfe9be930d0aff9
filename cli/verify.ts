// Checks a backup the way a restore would rely on it: every object decodes; records sit under the key
// their first record gives (partition, first offset, hour folder); offsets rise within an object and
// never overlap between objects (an overlap would restore a record twice); stored bytes match the
// sha256 the manifest recorded. Holes between objects are listed, not failed: compaction, transaction
// markers and retention leave them; holes that a manifest recorded as retention gaps say so.
import { timeFolder } from "../function/partitioner";
import type { BackupSource, SourceObject } from "./backup-source";

export interface PartitionReport {
  partition: number;
  objects: number;
  records: number;
  firstOffset: number | null;
  lastOffset: number | null;
  /** Offset ranges [from, to) between objects with no record, and whether a manifest recorded them as lost. */
  holes: Array<{ from: number; to: number; retentionGap: boolean }>;
}

export interface VerifyReport {
  partitions: PartitionReport[];
  /** What is wrong, one sentence each; empty when the backup is sound. */
  problems: string[];
  /** Objects whose sha256 a manifest recorded and that were checked against it. */
  checkedDigests: number;
}

export async function verifyBackup(source: BackupSource): Promise<VerifyReport> {
  const problems: string[] = [];
  const expectedDigest = new Map<string, string>();
  const retentionGaps = new Map<number, Array<{ from: number; to: number }>>();
  for (const m of await source.manifests()) {
    for (const p of m.partitions) {
      for (const o of p.objects) expectedDigest.set(o.key, o.sha256); // later runs overwrite a rewritten key
      for (const g of p.gaps ?? []) retentionGaps.set(p.partition, [...(retentionGaps.get(p.partition) ?? []), g]);
    }
  }
  let checkedDigests = 0;
  const partitions: PartitionReport[] = [];
  for (const [partition, objects] of await source.objects()) {
    const report: PartitionReport = { partition, objects: objects.length, records: 0, firstOffset: null, lastOffset: null, holes: [] };
    let previous: { object: SourceObject; last: number } | undefined;
    for (const object of objects) {
      let digest = "";
      let first: number | undefined;
      let last: number | undefined;
      try {
        for await (const r of source.records(object, (d) => (digest = d))) {
          if (first === undefined) {
            first = r.offset;
            if (r.offset !== object.firstOffset) problems.push(`${object.key}: the key says first offset ${object.firstOffset}, the first record has ${r.offset}`);
            if (timeFolder(r.timestamp) !== object.timeFolder) problems.push(`${object.key}: the key's folder is ${object.timeFolder}, the first record's timestamp gives ${timeFolder(r.timestamp)}`);
          }
          if (r.partition !== partition) problems.push(`${object.key}: offset ${r.offset} says partition ${r.partition}`);
          if (last !== undefined && r.offset <= last) problems.push(`${object.key}: offset ${r.offset} follows ${last}; offsets must rise`);
          last = r.offset;
          report.records++;
        }
      } catch (err) {
        problems.push((err as Error).message);
        continue;
      }
      if (first === undefined || last === undefined) {
        problems.push(`${object.key}: holds no record`);
        continue;
      }
      const expected = expectedDigest.get(object.key);
      if (expected !== undefined) {
        checkedDigests++;
        if (expected !== digest) problems.push(`${object.key}: sha256 ${digest} differs from ${expected} in the manifest`);
      }
      if (previous) {
        if (first <= previous.last) {
          problems.push(`${object.key} overlaps ${previous.object.key}: offsets ${first}–${previous.last} are in both`);
        } else if (first > previous.last + 1) {
          const hole = { from: previous.last + 1, to: first };
          const recorded = (retentionGaps.get(partition) ?? []).some((g) => g.from <= hole.from && hole.to <= g.to);
          report.holes.push({ ...hole, retentionGap: recorded });
        }
      }
      report.firstOffset ??= first;
      report.lastOffset = Math.max(report.lastOffset ?? last, last);
      previous = { object, last: Math.max(previous?.last ?? last, last) };
    }
    partitions.push(report);
  }
  return { partitions, problems, checkedDigests };
}
