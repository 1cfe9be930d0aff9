// Reads back what a backup wrote: every object under a prefix, decoded into records.
import type COS from "cos-nodejs-sdk-v5";
import { gunzipSync } from "node:zlib";
import { decodeRecord, type KafkaRecord } from "../../function/record-format";
import { getBytes, listKeys } from "./cos";
import { readParquetRecords } from "./parquet-records";

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
    let records: KafkaRecord[];
    if (key.endsWith(".parquet")) {
      records = (await readParquetRecords(raw)).map(({ time: _time, ...r }) => r);
    } else {
      const text = (key.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
      records = text.split("\n").filter((l) => l.length > 0).map(decodeRecord);
    }
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
