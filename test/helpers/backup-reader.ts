// Reads back what a backup wrote: every object under a prefix, decoded into records.
// Objects are decoded by the CLI's reader (cli/object-reader.ts), whatever their format.
import type COS from "cos-nodejs-sdk-v5";
import { readObject } from "../../cli/object-reader";
import type { KafkaRecord } from "../../function/formats/record";
import { getBytes, listKeys } from "./cos";

export interface BackedUpObject {
  key: string;
  records: KafkaRecord[];
  storedBytes: number;
}

export async function readBackup(cos: COS, prefix: string): Promise<BackedUpObject[]> {
  const keys = (await listKeys(cos, prefix)).filter((k) => !k.includes("/_manifests/") && !k.startsWith(`${prefix}_manifests/`));
  const out: BackedUpObject[] = [];
  for (const key of keys) {
    const raw = await getBytes(cos, key);
    const m = /\+(\d+)\+(\d{20})\.(jsonl|jsonl\.gz|jsonl\.zst|parquet)$/.exec(key);
    if (!m) throw new Error(`${key} is not a backup object key`);
    const object = { key, partition: Number(m[1]), firstOffset: Number(m[2]), timeFolder: "", format: m[3] === "parquet" ? ("parquet" as const) : ("jsonl" as const), compression: m[3] === "jsonl.gz" ? ("gzip" as const) : m[3] === "jsonl.zst" ? ("zstd" as const) : ("none" as const) };
    const records: KafkaRecord[] = [];
    for await (const r of readObject(object, raw)) records.push(r.record);
    out.push({ key, records, storedBytes: raw.length });
  }
  return out;
}

/** A record as a comparable string: partition, offset, timestamp, key, value and headers, bytes in hex. */
export function fingerprint(r: { partition: number; timestamp: number | string; key: Buffer | null; value: Buffer | null; headers: Array<[string, Buffer | null]> }): string {
  const hex = (b: Buffer | null) => (b === null ? "null" : b.toString("hex"));
  const headers = r.headers.map(([n, v]) => `${n}=${hex(v)}`).join(",");
  return `${r.partition}|${r.timestamp}|${hex(r.key)}|${hex(r.value)}|${headers}`;
}
