// What restore, export and verify check each object against, with a small fake source: the versions the run
// manifests list, refusals naming the key and both digests, and objects no manifest lists said once or refused.
import { describe, expect, it } from "vitest";
import { ManifestIndex, manifestsFor, type SourceManifest, type SourceObject } from "../../cli/backup-source";
import { IntegrityError } from "../../cli/errors";
import type { RunManifest } from "../../function/contracts";

const KEY = "p/ckafka-1/orders/dt=2023-11-14/hour=22/orders+0+00000000000000000000.parquet";
const OTHER = "p/ckafka-1/orders/dt=2023-11-14/hour=22/orders+0+00000000000000000100.parquet";

/** A run manifest listing `objects` of partition 0. */
function manifest(runId: string, objects: Array<{ key: string; storedBytes: number; sha256: string }>): SourceManifest {
  const listed = objects.map((o) => ({ ...o, firstOffset: 0, lastOffset: 99, records: 100, encodedBytes: 0, parts: 1 }));
  return { key: `p/_manifests/ckafka-1/orders/${runId}.json`, manifest: { runId, partitions: [{ partition: 0, objects: listed }] } as unknown as RunManifest };
}

const object = (key: string) => ({ key, partition: 0, firstOffset: 0 }) as SourceObject;

describe("the run manifests' record of each object", () => {
  it("accepts any version a run wrote; names the key, the bytes and both sha256 otherwise", () => {
    // An overlapping run rewrote KEY with more records: both versions stand.
    const index = new ManifestIndex([manifest("r1", [{ key: KEY, storedBytes: 10, sha256: "a".repeat(64) }]), manifest("r2", [{ key: KEY, storedBytes: 12, sha256: "b".repeat(64) }])]);
    expect(index.lists(KEY)).toBe(true);
    expect(index.lists(OTHER)).toBe(false);
    expect(index.mismatch(KEY, { bytes: 10, sha256: "a".repeat(64) })).toBeUndefined();
    expect(index.mismatch(KEY, { bytes: 12, sha256: "b".repeat(64) })).toBeUndefined();
    expect(index.mismatch(OTHER, { bytes: 1, sha256: "c".repeat(64) })).toBeUndefined(); // nothing to check it against
    // The right sha256 with another size is no match either.
    const wrong = `${KEY}: 12 bytes with sha256 ${"a".repeat(64)}; manifest p/_manifests/ckafka-1/orders/r2.json recorded 12 bytes with sha256 ${"b".repeat(64)}`;
    expect(index.mismatch(KEY, { bytes: 12, sha256: "a".repeat(64) })).toBe(wrong);
    expect(() => index.check(KEY, { bytes: 12, sha256: "a".repeat(64) })).toThrow(new IntegrityError(`${wrong}: the object is damaged or was changed after its run wrote it`));
    expect(() => index.check(KEY, { bytes: 10, sha256: "a".repeat(64) })).not.toThrow();
  });

  it("counts the objects to read that no manifest lists in one warning, or refuses them with requireManifest", async () => {
    let loads = 0;
    const source = {
      options: { bucket: "backup-1250000000" } as never,
      manifestFolder: "p/_manifests/ckafka-1/orders/",
      manifests: async () => (loads++, [manifest("r1", [{ key: KEY, storedBytes: 10, sha256: "a".repeat(64) }])]),
    };
    const warnings: string[] = [];
    const warn = (w: string) => warnings.push(w);
    const index = await manifestsFor(source, [object(KEY), object(OTHER)], { warn });
    expect(index.lists(KEY)).toBe(true);
    expect(warnings).toEqual([
      "warning: 1 of 2 object(s) to read is listed by no run manifest under backup-1250000000/p/_manifests/ckafka-1/orders/: their bytes cannot be checked against a recorded size and sha256 (--require-manifest refuses them)",
    ]);
    expect(loads).toBe(1);
    await manifestsFor(source, [object(KEY)], { warn, requireManifest: true });
    expect(warnings).toHaveLength(1); // every object listed: nothing to say
    const many = Array.from({ length: 7 }, (_, i) => object(`${OTHER}${i}`));
    await expect(manifestsFor(source, many, { warn, requireManifest: true })).rejects.toThrow(
      new IntegrityError(
        `7 of 7 object(s) to read are listed by no run manifest under backup-1250000000/p/_manifests/ckafka-1/orders/ (${many.slice(0, 5).map((o) => o.key).join(", ")}, ...): their bytes cannot be checked, and --require-manifest refuses them; nothing was read`,
      ),
    );
  });
});
