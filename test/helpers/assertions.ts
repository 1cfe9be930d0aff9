import { expect } from "vitest";
import { fingerprint, readBackup, type BackedUpObject } from "./backup-reader";
import { testCos } from "./cos";
import type { SentRecord } from "./kafka";

/** Every sent record is in the backup exactly once, and no offset is in two objects. */
export async function expectExactlyOnce(prefix: string, sent: SentRecord[]): Promise<BackedUpObject[]> {
  const objects = await readBackup(testCos(), prefix);
  const got = objects.flatMap((o) => o.records);
  const offsets = got.map((r) => `${r.partition}:${r.offset}`);
  expect(new Set(offsets).size, "an offset is in two objects").toBe(offsets.length);
  expect(got.map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
  return objects;
}
