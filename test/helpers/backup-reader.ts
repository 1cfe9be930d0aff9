// Reads back what a backup wrote: every object under a prefix, decoded into records.
// Objects are decoded by the CLI's reader (cli/object-reader.ts), whatever their format.
import type COS from "cos-nodejs-sdk-v5";
import { readObject } from "../../cli/object-reader";
import type { KafkaRecord } from "../../function/formats/record";
import { parseObjectKey } from "../../function/object-keys";
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
    // prefix/instance/topic/dt=…/hour=…/<topic>+<partition>+<offset>.<ext>: the handler's parser reads it.
    const parts = key.split("/");
    const [instanceId, topic] = parts.slice(-5, -3);
    const parsed = parseObjectKey({ prefix: parts.slice(0, -5).map((p) => `${p}/`).join(""), instanceId, topic }, key);
    if (!parsed) throw new Error(`${key} is not a backup object key`);
    const object = { key, ...parsed };
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
