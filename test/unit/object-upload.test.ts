// A rerun that meets an object already written: the same bytes are done (nothing written again, which a locked
// bucket would refuse), other bytes replace it only where the bucket allows replacing, and nothing is deleted.
import { describe, expect, it } from "vitest";
import { encryptionParams } from "../../function/cos-storage";
import { ObjectUpload } from "../../function/formats/object-writer";
import { MemoryStorage } from "../helpers/memory-storage";

const KEY = "kafka/ckafka-1/orders/dt=2026-11-25/hour=10/orders+0+00000000000000000000.jsonl";

async function upload(storage: MemoryStorage, body: string, partBytes = 1024) {
  const u = new ObjectUpload(storage, KEY, partBytes);
  u.add(Buffer.from(body));
  await u.uploadFullParts();
  return u.finish();
}

describe("ObjectUpload meets an object already written", () => {
  it.each([
    ["a single PUT", 1024],
    ["a multipart upload", 4],
  ])("the same bytes are done: %s writes nothing, and its parts are dropped", async (_what, partBytes) => {
    for (const writeOnce of [false, true]) {
      const storage = new MemoryStorage(writeOnce);
      const first = await upload(storage, "line 1\nline 2\n", partBytes);
      storage.calls.length = 0;
      const again = await upload(storage, "line 1\nline 2\n", partBytes);
      expect(again).toEqual(first);
      expect(storage.calls.filter((c) => !c.startsWith("abort"))).toEqual([]);
      expect(storage.openUploads).toBe(0);
      expect(storage.objects.get(KEY)!.toString()).toBe("line 1\nline 2\n");
    }
  });

  it("other bytes in a write-once bucket: an error naming the key, and the object stays as it was", async () => {
    const storage = new MemoryStorage(true);
    await upload(storage, "line 1\n");
    storage.calls.length = 0;
    await expect(upload(storage, "line 1\nline 2\n")).rejects.toThrow(`${KEY} already holds 7 bytes that differ from this run's 14`);
    expect(storage.calls).toEqual([]);
    expect(storage.objects.get(KEY)!.toString()).toBe("line 1\n");
  });

  it("other bytes where objects may be replaced: a rerun that read further replaces the shorter object", async () => {
    const storage = new MemoryStorage(false);
    await upload(storage, "line 1\n");
    await upload(storage, "line 1\nline 2\n");
    expect(storage.objects.get(KEY)!.toString()).toBe("line 1\nline 2\n");
  });

  it("a new key is written once", async () => {
    const storage = new MemoryStorage(true);
    await upload(storage, "line 1\n");
    expect(storage.calls).toEqual([`put ${KEY}`]);
  });
});

describe("encryption headers", () => {
  it.each([
    [undefined, {}],
    [{ algorithm: "AES256" as const }, { ServerSideEncryption: "AES256" }],
    [{ algorithm: "SM4" as const }, { ServerSideEncryption: "SM4" }],
    [{ algorithm: "KMS" as const }, { ServerSideEncryption: "cos/kms" }],
    [{ algorithm: "KMS" as const, kmsKeyId: "key-1" }, { ServerSideEncryption: "cos/kms", SSEKMSKeyId: "key-1" }],
  ])("%j", (encryption, params) => {
    expect(encryptionParams(encryption)).toEqual(params);
  });
});
