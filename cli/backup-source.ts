// Reads a backup back from COS: its objects, grouped by partition in offset order, its manifests,
// and each object's records: fetched whole, then decompressed and decoded line by line.
import COS from "cos-nodejs-sdk-v5";
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { RunManifest } from "../function/backup-run";
import { endpointOptions } from "../function/cos-storage";
import { parseObjectKey, type ParsedKey } from "../function/partitioner";
import { decodeRecord, type KafkaRecord } from "../function/record-format";

export interface SourceOptions {
  bucket: string;
  region: string;
  /** The construct's deliveryPathPrefix: "" or ending in "/". */
  prefix: string;
  instanceId: string;
  topic: string;
  credentials: { secretId: string; secretKey: string; sessionToken?: string };
  /** An S3-compatible endpoint instead of COS's own domain, e.g. `http://127.0.0.1:9000`. */
  endpoint?: string;
}

export interface SourceObject extends ParsedKey {
  key: string;
  storedBytes: number;
}

export class BackupSource {
  private readonly cos: COS;
  private readonly base: { Bucket: string; Region: string };

  constructor(readonly options: SourceOptions) {
    const { credentials, endpoint } = options;
    this.base = { Bucket: options.bucket, Region: options.region };
    this.cos = new COS({
      SecretId: credentials.secretId,
      SecretKey: credentials.secretKey,
      SecurityToken: credentials.sessionToken,
      ConfCwd: mkdtempSync(join(tmpdir(), "ckb-cli-")),
      ...endpointOptions(endpoint),
    });
  }

  private async list(prefix: string): Promise<Array<{ Key: string; Size: string }>> {
    const out: Array<{ Key: string; Size: string }> = [];
    let marker = "";
    for (;;) {
      const res = await this.cos.getBucket({ ...this.base, Prefix: prefix, Marker: marker, MaxKeys: 1000 });
      out.push(...res.Contents);
      if (res.IsTruncated !== "true" || res.Contents.length === 0) return out;
      marker = res.NextMarker || res.Contents[res.Contents.length - 1].Key;
    }
  }

  /** The topic's objects by partition, each list in offset order; keys that are not backup objects are left out. */
  async objects(): Promise<Map<number, SourceObject[]>> {
    const { prefix, instanceId, topic } = this.options;
    const byPartition = new Map<number, SourceObject[]>();
    for (const c of await this.list(`${prefix}${instanceId}/${topic}/`)) {
      const parsed = parseObjectKey({ prefix, instanceId, topic }, c.Key);
      if (!parsed) continue;
      const list = byPartition.get(parsed.partition) ?? [];
      list.push({ ...parsed, key: c.Key, storedBytes: Number(c.Size) });
      byPartition.set(parsed.partition, list);
    }
    for (const list of byPartition.values()) list.sort((a, b) => a.firstOffset - b.firstOffset);
    return new Map([...byPartition].sort((a, b) => a[0] - b[0]));
  }

  /** Every run manifest of the topic, oldest first. */
  async manifests(): Promise<RunManifest[]> {
    const { prefix, instanceId, topic } = this.options;
    const keys = (await this.list(`${prefix}_manifests/${instanceId}/${topic}/`)).map((c) => c.Key).sort();
    const out: RunManifest[] = [];
    for (const key of keys) out.push(JSON.parse((await this.bytes(key)).toString("utf8")) as RunManifest);
    return out;
  }

  async bytes(key: string): Promise<Buffer> {
    const res = await this.cos.getObject({ ...this.base, Key: key });
    return Buffer.from(res.Body as Buffer);
  }

  /**
   * An object's records in order, and the sha256 of its stored bytes once they are all read.
   * A line that does not decode throws, naming the object and the line number.
   */
  async *records(object: SourceObject, digest?: (sha256: string) => void): AsyncGenerator<KafkaRecord> {
    const stored = await this.bytes(object.key);
    digest?.(createHash("sha256").update(stored).digest("hex"));
    const body = Readable.from([stored]);
    const lines = createInterface({ input: object.gzip ? body.pipe(createGunzip()) : body, crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line === "") continue;
      try {
        yield decodeRecord(line);
      } catch (err) {
        throw new Error(`${object.key}, line ${n}: not a backup record (${(err as Error).message})`);
      }
    }
  }
}
