// export on a backup in memory: the selected records' own lines, and no file that looks whole when an object is damaged.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IntegrityError } from "../../cli/errors";
import { exportBackup } from "../../cli/export";
import { MemoryBackup } from "../helpers/memory-backup";

const records = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ offset: from + i }));

describe("exportBackup", () => {
  it("writes the selected records' lines as the backup holds them, gzip objects too", async () => {
    const b = new MemoryBackup();
    const objects = [b.object(0, records(0, 3)), b.object(0, records(3, 6), "gzip")];
    b.manifest([{ partition: 0, start: 0, objects }]);
    const out = join(mkdtempSync(join(tmpdir(), "ckb-export-")), "out.jsonl");
    const report = await exportBackup(b.source(), { format: "jsonl", out, fromOffset: 2, toOffset: 5 });
    expect(report).toMatchObject({ records: 3, objects: 2, tombstones: 0 });
    const plain = b.objects.get(objects[0].key)!.toString().split("\n");
    expect(readFileSync(out, "utf8").split("\n")[0]).toBe(plain[2]);
    expect(readFileSync(out, "utf8").split("\n").map((l) => l && JSON.parse(l).offset)).toEqual([2, 3, 4, ""]);
  });

  it("a range past what the backup holds writes no record and says what the backup holds of the partition", async () => {
    const b = new MemoryBackup();
    const objects = [b.object(0, records(0, 3)), b.object(0, records(3, 6))];
    b.manifest([{ partition: 0, start: 0, objects }]);
    const out = join(mkdtempSync(join(tmpdir(), "ckb-export-")), "out.jsonl");
    const report = await exportBackup(b.source(), { format: "jsonl", out, partitions: [0], fromOffset: 10 });
    expect(report.records).toBe(0);
    expect(report.byPartition.get(0)).toEqual({ records: 0, firstOffset: null, lastOffset: null, held: { firstOffset: 0, lastOffset: 5 } });
  });

  it("stops at a damaged object, naming it, and leaves neither the file nor its .partial", async () => {
    const b = new MemoryBackup();
    const objects = [b.object(0, records(0, 3)), b.object(0, records(3, 6))];
    b.manifest([{ partition: 0, start: 0, objects }]);
    b.objects.set(objects[1].key, Buffer.from(b.objects.get(objects[1].key)!.toString().replace('"v4"', '"v9"')));
    const out = join(mkdtempSync(join(tmpdir(), "ckb-export-")), "out.jsonl");
    const failed = exportBackup(b.source(), { format: "jsonl", out });
    await expect(failed).rejects.toThrow(IntegrityError);
    await expect(failed).rejects.toThrow(new RegExp(`^${objects[1].key.replace(/[+.]/g, "\\$&")}: .*\\nexport stopped: nothing written to ${out}$`, "s"));
    expect([existsSync(out), existsSync(`${out}.partial`)]).toEqual([false, false]);
  });
});
