// A backup in memory for the CLI's unit tests: the commands read it through the same BucketSource as a COS
// bucket (key layout, manifests, digests, decoding), from a map of keys to bytes (MemoryStorage's objects, where
// the handler's writers put them, or objects a test writes or damages itself).
import { BucketSource, type BackupLocation, type BackupSource, type BucketListing, type BucketReads } from "../../cli/backup-source";

/** The reads a BackupSource makes, answered from `objects` as a bucket would (keys sorted, folders by delimiter). */
export function memoryReads(objects: Map<string, Buffer>): BucketReads {
  return {
    async listing(prefix: string, delimiter?: string): Promise<BucketListing> {
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      if (!delimiter) return { contents: keys.map((key) => ({ key, bytes: objects.get(key)!.length })), folders: [] };
      const folder = (k: string) => k.indexOf(delimiter, prefix.length);
      return {
        contents: keys.filter((k) => folder(k) < 0).map((key) => ({ key, bytes: objects.get(key)!.length })),
        folders: [...new Set(keys.filter((k) => folder(k) >= 0).map((k) => k.slice(0, folder(k) + delimiter.length)))],
      };
    },
    async bytes(key: string): Promise<Buffer> {
      const body = objects.get(key);
      if (!body) throw Object.assign(new Error(`NoSuchKey: ${key}`), { statusCode: 404 });
      return body;
    },
  };
}

/** The backup of `location` among `objects`. */
export function memorySource(objects: Map<string, Buffer>, location: Partial<BackupLocation> = {}): BackupSource {
  return new BucketSource({ bucket: "backup-1250000000", prefix: "", instanceId: "ckafka-1", topic: "orders", ...location }, memoryReads(objects));
}
