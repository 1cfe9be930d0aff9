// verify on a backup in memory: what it counts sound, and each problem it names (holes, overlaps, damaged,
// missing and unlisted objects, keys outside the layout), without a backup run first.
import { describe, expect, it } from "vitest";
import { verifyBackup } from "../../cli/verify";
import { MemoryBackup, T0 } from "../helpers/memory-backup";

const offsets = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ offset: from + i }));

describe("verifyBackup", () => {
  it("finds a backup of adjoining objects that its manifests list sound, and checks every digest", async () => {
    const b = new MemoryBackup();
    const run1 = [b.object(0, offsets(0, 3)), b.object(0, offsets(3, 5), "gzip")];
    const run2 = [b.object(1, offsets(0, 2))];
    b.manifest([{ partition: 0, start: 0, objects: run1 }]);
    b.manifest([{ partition: 1, start: 0, objects: run2 }]);
    const report = await verifyBackup(b.source());
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ checkedDigests: 3, manifests: 2, unlisted: 0, location: "backup-1250000000/ckafka-1/orders/" });
    expect(report.partitions).toEqual([
      { partition: 0, objects: 2, records: 5, firstOffset: 0, lastOffset: 4, holes: [], coveredTo: 5 },
      { partition: 1, objects: 1, records: 2, firstOffset: 0, lastOffset: 1, holes: [], coveredTo: 2 },
    ]);
  });

  it("explains a hole by a recorded retention gap, or by a run that read there without a record; any other hole is a problem", async () => {
    const b = new MemoryBackup();
    // Partition 0: offsets 3-4 lost to retention. Partition 1: a run read 3-4 and got nothing (markers). Partition 2: nothing explains 3-4.
    const pairs = [0, 1, 2].map((partition) => [b.object(partition, offsets(0, 3)), b.object(partition, offsets(5, 6))]);
    b.manifest([{ partition: 0, start: 0, committed: 6, objects: pairs[0], gaps: [{ from: 3, to: 5 }] }]);
    b.manifest([{ partition: 1, start: 0, committed: 6, objects: pairs[1] }]);
    b.manifest([{ partition: 2, start: 0, committed: 3, objects: [pairs[2][0]] }]);
    b.manifest([{ partition: 2, start: 5, committed: 6, objects: [pairs[2][1]] }]);
    const report = await verifyBackup(b.source());
    expect(report.partitions.map((p) => p.holes)).toEqual([
      [{ from: 3, to: 5, explained: "retention gap" }],
      [{ from: 3, to: 5, explained: "read, no record delivered" }],
      [{ from: 3, to: 5 }],
    ]);
    expect(report.problems).toEqual(["partition 2: no record at offsets 3–4 and nothing explains it (no manifest records a retention gap there or a run that read there); --brokers asks the topic whether it holds records there"]);
  });

  it("names overlapping objects and the offsets in both", async () => {
    const b = new MemoryBackup();
    const first = b.object(0, offsets(0, 4));
    const second = b.object(0, offsets(2, 6));
    // One offset in both is an overlap too.
    const third = b.object(1, offsets(0, 4));
    const fourth = b.object(1, offsets(3, 6));
    b.manifest([{ partition: 0, start: 0, objects: [first, second] }, { partition: 1, start: 0, objects: [third, fourth] }]);
    const report = await verifyBackup(b.source());
    expect(report.problems).toEqual([`${second.key} overlaps ${first.key}: offsets 2–3 are in both`, `${fourth.key} overlaps ${third.key}: offset 3 are in both`]);
  });

  it("names a damaged object with the digest its manifest recorded, reads none of its records and judges no hole across it", async () => {
    const b = new MemoryBackup();
    const objects = [b.object(0, offsets(0, 2)), b.object(0, offsets(2, 4)), b.object(0, offsets(10, 12))];
    b.manifest([{ partition: 0, start: 0, committed: 12, objects }]);
    // The same records, one byte changed: it still decodes, into other records.
    const damaged = objects[1].key;
    b.objects.set(damaged, Buffer.from(b.objects.get(damaged)!.toString().replace('"v3"', '"v4"')));
    const report = await verifyBackup(b.source());
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(new RegExp(`^${damaged.replace(/[+.]/g, "\\$&")}: \\d+ bytes with sha256 [0-9a-f]{64}; manifest .+ recorded ${objects[1].storedBytes} bytes with sha256 ${objects[1].sha256}$`));
    expect(report.partitions[0]).toMatchObject({ records: 4, holes: [] });
    expect(report.checkedDigests).toBe(3);
  });

  it("names an object a manifest lists that is missing, and the hole it leaves", async () => {
    const b = new MemoryBackup();
    const objects = [b.object(0, offsets(0, 2)), b.object(0, offsets(2, 4)), b.object(0, offsets(4, 6))];
    b.manifest([{ partition: 0, start: 0, objects }]);
    b.objects.delete(objects[1].key);
    const report = await verifyBackup(b.source());
    expect(report.partitions[0].holes).toEqual([{ from: 2, to: 4, missingObject: objects[1].key }]);
    expect(report.problems).toEqual([`${objects[1].key}: missing; manifest ${[...b.objects.keys()].find((k) => k.includes("_manifests/"))} lists it (partition 0, offsets 2–3, 2 records)`]);
  });

  it("accepts an object rewritten by an overlapping run when it holds either run's version, and names the newest otherwise", async () => {
    const b = new MemoryBackup();
    const older = b.object(0, offsets(0, 2));
    b.manifest([{ partition: 0, start: 0, objects: [older] }]);
    const newer = b.object(0, offsets(0, 3)); // the same key, one record more
    b.manifest([{ partition: 0, start: 0, objects: [newer] }]);
    expect(newer.key).toBe(older.key);
    b.objects.set(older.key, Buffer.from(offsets(0, 2).map(({ offset }) => JSON.stringify({ partition: 0, offset, timestamp: T0 + offset, key: null, value: `v${offset}`, headers: [] }) + "\n").join("")));
    expect((await verifyBackup(b.source())).problems).toEqual([]);

    b.objects.set(older.key, Buffer.from("{}\n"));
    const [problem] = (await verifyBackup(b.source())).problems;
    expect(problem).toContain(`recorded ${newer.storedBytes} bytes with sha256 ${newer.sha256}`);
  });

  it("reads an object no manifest lists and counts it; with requireManifest it is a problem and is not decoded", async () => {
    const b = new MemoryBackup();
    const listed = b.object(0, offsets(0, 2));
    b.manifest([{ partition: 0, start: 0, objects: [listed] }]);
    const unlisted = b.object(0, offsets(2, 4));
    const lenient = await verifyBackup(b.source());
    expect(lenient).toMatchObject({ problems: [], unlisted: 1, checkedDigests: 1 });
    expect(lenient.partitions[0].records).toBe(4);

    const strict = await verifyBackup(b.source(), undefined, undefined, true);
    expect(strict.problems).toEqual([`${unlisted.key}: no run manifest lists it, so its bytes cannot be checked (--require-manifest)`]);
    expect(strict.partitions[0].records).toBe(2);
  });

  it("names keys outside the layout, records under the wrong time folder, falling offsets and an empty object", async () => {
    const b = new MemoryBackup();
    const wrongHour = b.object(0, [{ offset: 0, timestamp: T0 }]);
    const moved = wrongHour.key.replace("hour=08", "hour=09");
    b.objects.set(moved, b.objects.get(wrongHour.key)!);
    b.objects.delete(wrongHour.key);
    const falling = b.object(1, [{ offset: 5 }, { offset: 4 }]);
    const empty = b.object(2, [{ offset: 0 }]);
    b.objects.set(empty.key, Buffer.alloc(0));
    b.objects.set("ckafka-1/orders/notes.txt", Buffer.from("x"));
    const report = await verifyBackup(b.source());
    expect(report.problems).toEqual([
      "ckafka-1/orders/notes.txt: not a backup object key in the documented layout (prefix/instance/topic/dt=YYYY-MM-DD/hour=HH/topic+partition+offset.jsonl[.gz] or .parquet); restore does not read it",
      `${moved}: the key's folder is dt=2026-11-25/hour=09, the first record's timestamp gives dt=2026-11-25/hour=08`,
      `${falling.key}: offset 4 follows 5; offsets must rise`,
      `${empty.key}: holds no record`,
    ]);
  });

  it("says where it looked when the location holds neither objects nor manifests", async () => {
    const report = await verifyBackup(new MemoryBackup({ prefix: "backups/" }).source());
    expect(report.problems).toEqual(["no backup object and no run manifest under backup-1250000000/backups/ckafka-1/orders/: check --bucket, --region, --prefix, --instance and --topic"]);
  });
});
