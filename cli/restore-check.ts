// After a restore, the target is read back and compared with what was sent: per target partition, the count
// and a digest of every record's key, value, headers and timestamp at its place. The digest is the XOR of one
// sha256 per record, of its place (the n-th record restored into the partition) and its fields: it is kept in
// the checkpoint and continued by --resume, and it differs when any record is missing, extra, changed or moved.
import type { Kafka } from "kafkajs";
import { hash, randomUUID } from "node:crypto";
import { kafkaCall } from "./calls";

export interface PartitionDigest {
  records: number;
  /** 64 hex digits. */
  digest: string;
}

export const EMPTY_DIGEST: PartitionDigest = { records: 0, digest: "0".repeat(64) };

type Headers = Array<[string, Buffer | null]>;

/** One record's hash at place `n`; headers in name order, each name's values in their order (as Kafka keeps them once sent grouped by name). */
export function recordHash(n: number, timestamp: string, key: Buffer | null, value: Buffer | null, headers: Headers): Buffer {
  // Each field as its length (4 bytes, big-endian; -1 for null) and its bytes, all in one buffer hashed at once:
  // one call per record (restore hashes every record it sends).
  const sorted = headers.length < 2 ? headers : headers.map((x, i) => [x, i] as const).sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1])).map(([x]) => x);
  const fields: Array<Buffer | string | null> = [`${n}|${timestamp}`, key, value];
  for (const [name, v] of sorted) fields.push(name, v);
  let size = 0;
  for (const f of fields) size += 4 + (f === null ? 0 : typeof f === "string" ? Buffer.byteLength(f) : f.length);
  const all = Buffer.allocUnsafe(size);
  let at = 0;
  for (const f of fields) {
    const length = f === null ? -1 : typeof f === "string" ? all.write(f, at + 4) : f.copy(all, at + 4);
    all.writeInt32BE(length, at);
    at += 4 + Math.max(0, length);
  }
  return hash("sha256", all, "buffer");
}

/** `d` with the hashes of `records` more records XORed in. */
function xorIn(d: PartitionDigest, hashes: Buffer[], records: number): PartitionDigest {
  const acc = Buffer.from(d.digest, "hex");
  for (const x of hashes) for (let i = 0; i < 32; i++) acc[i] ^= x[i];
  return { records: d.records + records, digest: acc.toString("hex") };
}

/** `d` with one hash per record added. */
export const addHashes = (d: PartitionDigest, hashes: Buffer[]): PartitionDigest => xorIn(d, hashes, hashes.length);

/** The digests of two disjoint sets of records as one. */
export const combine = (a: PartitionDigest, b: PartitionDigest): PartitionDigest => xorIn(a, [Buffer.from(b.digest, "hex")], b.records);

/** What the target holds in [from, to) of each partition: read with a consumer of a throwaway group that commits nothing. */
export async function readBackDigests(kafka: Kafka, brokers: string, timeoutMs: number, topic: string, ranges: Map<number, { from: bigint; to: bigint }>): Promise<Map<number, PartitionDigest>> {
  const out = new Map<number, PartitionDigest>();
  const hashes = new Map<number, Buffer[]>();
  let left = 0n;
  for (const [p, r] of ranges) {
    out.set(p, EMPTY_DIGEST);
    hashes.set(p, []);
    left += r.to - r.from;
  }
  if (left === 0n) return out;
  const consumer = kafka.consumer({ groupId: `ckafka-cos-backup-check-${randomUUID()}`, allowAutoTopicCreation: false, readUncommitted: true });
  await kafkaCall(timeoutMs, brokers, "connect the check's consumer", consumer.connect());
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let idleSince = Date.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (Date.now() - idleSince > timeoutMs) {
          clearInterval(timer);
          reject(new Error(`Kafka ${brokers}: reading "${topic}" back stalled for ${timeoutMs / 1000} s with ${left} record(s) still expected`));
        }
      }, 500);
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const [p, r] of ranges) consumer.seek({ topic, partition: p, offset: String(r.from) });
      });
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const r = ranges.get(batch.partition);
            if (!r) return;
            const list = hashes.get(batch.partition)!;
            for (const m of batch.messages) {
              const offset = BigInt(m.offset);
              if (offset < r.from || offset >= r.to) continue;
              const headers: Headers = [];
              for (const [name, v] of Object.entries(m.headers ?? {})) for (const x of Array.isArray(v) ? v : [v]) headers.push([name, x === null || x === undefined ? null : Buffer.from(x as Buffer)]);
              list.push(recordHash(Number(offset - r.from), m.timestamp, m.key, m.value, headers));
              left--;
              idleSince = Date.now();
            }
            if (left <= 0n) {
              clearInterval(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await kafkaCall(timeoutMs, brokers, "disconnect", consumer.disconnect()).catch(() => undefined);
  }
  for (const [p, list] of hashes) out.set(p, addHashes(EMPTY_DIGEST, list));
  return out;
}
