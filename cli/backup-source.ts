// Reads a backup back from COS: its objects, grouped by partition in offset order (and the keys under the
// topic's folder that are not backup objects), its manifests, and each object's records: fetched whole,
// then decoded (object-reader.ts: JSON Lines or Parquet). Every request has a time limit and retries (calls.ts).
import COS from "cos-nodejs-sdk-v5";
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunManifest } from "../function/backup-run";
import { endpointOptions } from "../function/cos-storage";
import { parseObjectKey, type ParsedKey } from "../function/partitioner";
import { withRetry } from "./calls";
import { NothingBackedUp } from "./errors";
import { readObject, type ObjectRecord } from "./object-reader";

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
  /** Time limit of each request. @default 30_000 */
  timeoutMs?: number;
}

export interface SourceObject extends ParsedKey {
  key: string;
  storedBytes: number;
}

export interface SourceListing {
  /** Backup objects by partition (ascending), each list in offset order. */
  partitions: Map<number, SourceObject[]>;
  /** Keys under the topic's folder that are not in the documented layout: neither verify nor restore reads them. */
  outside: string[];
}

export interface SourceManifest {
  key: string;
  manifest: RunManifest;
}

export class BackupSource {
  private readonly cos: COS;
  private readonly base: { Bucket: string; Region: string };
  private readonly timeoutMs: number;
  /** Where requests go, for error messages. */
  readonly endpoint: string;

  constructor(readonly options: SourceOptions) {
    const { credentials, endpoint } = options;
    this.base = { Bucket: options.bucket, Region: options.region };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.endpoint = `COS ${endpoint ? `${endpoint}/${options.bucket}` : `https://${options.bucket}.cos.${options.region}.myqcloud.com`}`;
    this.cos = new COS({
      SecretId: credentials.secretId,
      SecretKey: credentials.secretKey,
      SecurityToken: credentials.sessionToken,
      ConfCwd: mkdtempSync(join(tmpdir(), "ckb-cli-")),
      // The SDK's own limit is a backstop: ours (calls.ts) fires first and names the endpoint.
      Timeout: this.timeoutMs + 5_000,
      // Our own retries (calls.ts) name the endpoint; the SDK's host switch would hide it.
      AutoSwitchHost: false,
      ...endpointOptions(endpoint),
    });
  }

  /** Where the topic's objects live: `prefix/instance/topic/`. */
  get topicFolder(): string {
    const { prefix, instanceId, topic } = this.options;
    return `${prefix}${instanceId}/${topic}/`;
  }

  /** The topic's folder with its bucket, as messages name it: `bucket/prefix/instance/topic/`. */
  get location(): string {
    return `${this.options.bucket}/${this.topicFolder}`;
  }

  private call<T>(what: string, fn: () => Promise<T>, extraMs = 0): Promise<T> {
    return withRetry(this.timeoutMs + extraMs, this.endpoint, what, fn);
  }

  private async list(prefix: string): Promise<Array<{ Key: string; Size: string }>> {
    const out: Array<{ Key: string; Size: string }> = [];
    let marker = "";
    for (;;) {
      const res = await this.call(`GetBucket ${prefix}`, () => this.cos.getBucket({ ...this.base, Prefix: prefix, Marker: marker, MaxKeys: 1000 }));
      // An object store's listing names its bucket; a 200 without it (a web page, a proxy) is no listing at all.
      if ((res as { Name?: string }).Name === undefined) {
        throw new Error(`${this.endpoint}: GetBucket ${prefix}: the endpoint did not answer like an object store (a 200 without a bucket listing): check --endpoint`);
      }
      out.push(...res.Contents);
      if (res.IsTruncated !== "true" || res.Contents.length === 0) return out;
      marker = res.NextMarker || res.Contents[res.Contents.length - 1].Key;
    }
  }

  async objects(): Promise<SourceListing> {
    const { prefix, instanceId, topic } = this.options;
    const partitions = new Map<number, SourceObject[]>();
    const outside: string[] = [];
    for (const c of await this.list(this.topicFolder)) {
      const parsed = parseObjectKey({ prefix, instanceId, topic }, c.Key);
      if (!parsed) {
        outside.push(c.Key);
        continue;
      }
      const list = partitions.get(parsed.partition) ?? [];
      list.push({ ...parsed, key: c.Key, storedBytes: Number(c.Size) });
      partitions.set(parsed.partition, list);
    }
    for (const list of partitions.values()) list.sort((a, b) => a.firstOffset - b.firstOffset);
    return { partitions: new Map([...partitions].sort((a, b) => a[0] - b[0])), outside };
  }

  /** The backup objects, refusing a location that has none: there is nothing to read. */
  async objectsToRead(): Promise<SourceListing> {
    const listing = await this.objects();
    if (listing.partitions.size === 0) throw new NothingBackedUp("backup object", this.location);
    return listing;
  }

  /** Every run manifest of the topic, oldest first (their keys sort by start time). */
  async manifests(): Promise<SourceManifest[]> {
    const { prefix, instanceId, topic } = this.options;
    const keys = (await this.list(`${prefix}_manifests/${instanceId}/${topic}/`)).map((c) => c.Key).sort();
    const out: SourceManifest[] = [];
    for (const key of keys) {
      const text = (await this.bytes(key)).toString("utf8");
      try {
        out.push({ key, manifest: JSON.parse(text) as RunManifest });
      } catch (err) {
        throw new Error(`${key}: not a run manifest (${(err as Error).message})`);
      }
    }
    return out;
  }

  /** An object's bytes; a download of `sizeBytes` gets a second more per MiB than the time limit. */
  async bytes(key: string, sizeBytes = 0): Promise<Buffer> {
    const res = await this.call(`GetObject ${key}`, () => this.cos.getObject({ ...this.base, Key: key }), Math.ceil(sizeBytes / 1024 / 1024) * 1000);
    return Buffer.from(res.Body as Buffer);
  }

  /**
   * An object's records in order (object-reader.ts: JSON Lines or Parquet, by the key), and the sha256 of its
   * stored bytes once they are fetched. Anything that does not decode throws, naming the object.
   */
  async *records(object: SourceObject, digest?: (sha256: string) => void): AsyncGenerator<ObjectRecord> {
    const stored = await this.bytes(object.key, object.storedBytes);
    digest?.(createHash("sha256").update(stored).digest("hex"));
    yield* readObject(object, stored);
  }
}
