// Reads a backup back: its objects, grouped by partition in offset order (and the keys under the topic's folder
// that are not backup objects), its manifests, and each object's records: fetched whole, then decoded
// (object-reader.ts: JSON Lines or Parquet). The commands read through the BackupSource interface; BucketSource
// implements it over the two reads a bucket answers (BucketReads): COS's below (each request with a time limit and
// retries, calls.ts), memory's in the tests (test/helpers/memory-backup.ts).
// ManifestIndex says what the manifests recorded of each object (size, sha256): verify, restore and export check
// every object they read against it, since a damaged Parquet (or plain .jsonl) object can still decode, into other records.
import COS from "cos-nodejs-sdk-v5";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { Writable } from "node:stream";
import { endpointOptions } from "../function/cos-storage";
import { parseObjectKey, type ParsedKey } from "../function/object-keys";
import { withRetry } from "./calls";
import { IntegrityError, NothingBackedUp } from "./errors";
import type { ObjectRecord } from "../function/formats/format";
import { readObjectChunks } from "./object-reader";
import { quietProgress, type Progress } from "./progress";
import type { RunManifest } from "../function/contracts";

/** Where a backup is: the bucket, the construct's deliveryPathPrefix, the instance and the topic's folder. */
export interface BackupLocation {
  bucket: string;
  /** The construct's deliveryPathPrefix: "" or ending in "/". */
  prefix: string;
  instanceId: string;
  topic: string;
}

export interface SourceOptions extends BackupLocation {
  region: string;
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

/** What an object's stored bytes were when fetched. */
export interface StoredDigest {
  sha256: string;
  bytes: number;
}

/** One version of an object as a run manifest lists it. */
export type ListedObject = RunManifest["partitions"][number]["objects"][number] & { manifestKey: string; runId: string; partition: number };

/** What the run manifests say of each object key, loaded once per command. */
export class ManifestIndex {
  /** Every version of each key the manifests list, oldest run first (an overlapping run may rewrite a key with more records). */
  readonly objects = new Map<string, ListedObject[]>();

  constructor(readonly manifests: SourceManifest[]) {
    for (const { key: manifestKey, manifest } of manifests) {
      for (const p of manifest.partitions) {
        for (const o of p.objects) this.objects.set(o.key, [...(this.objects.get(o.key) ?? []), { ...o, manifestKey, runId: manifest.runId, partition: p.partition }]);
      }
    }
  }

  /** Whether a manifest lists the key: only then can its bytes be checked. */
  lists(key: string): boolean {
    return this.objects.has(key);
  }

  /** What is wrong with an object's stored bytes: undefined when they are a version a manifest lists (or none lists the key). */
  mismatch(key: string, stored: StoredDigest): string | undefined {
    const versions = this.objects.get(key);
    if (versions === undefined || versions.some((v) => v.sha256 === stored.sha256 && v.storedBytes === stored.bytes)) return undefined;
    const v = versions[versions.length - 1];
    return `${key}: ${stored.bytes} bytes with sha256 ${stored.sha256}; manifest ${v.manifestKey} recorded ${v.storedBytes} bytes with sha256 ${v.sha256}`;
  }

  /** Throws an IntegrityError when the bytes are not those a manifest recorded: none of the object's records is then read. */
  check(key: string, stored: StoredDigest): void {
    const wrong = this.mismatch(key, stored);
    if (wrong) throw new IntegrityError(`${wrong}: the object is damaged or was changed after its run wrote it`);
  }
}

export interface ManifestCheckOptions {
  /** Refuse objects no manifest lists (their bytes cannot be checked). @default false */
  requireManifest?: boolean;
  /** Where the count of objects no manifest lists is said. */
  warn?: (line: string) => void;
  progress?: Progress;
}

/**
 * For restore and export: the manifests, loaded once, to check each object to read against. Objects no manifest
 * lists (their run could not store its manifest, or the manifests were deleted) are read unchecked, said once,
 * or refused with `requireManifest`, before anything is read or sent.
 */
export async function manifestsFor(source: Pick<BackupSource, "manifests" | "manifestFolder" | "options">, toRead: SourceObject[], options: ManifestCheckOptions = {}): Promise<ManifestIndex> {
  const index = new ManifestIndex(await source.manifests(options.progress));
  const unlisted = toRead.filter((o) => !index.lists(o.key));
  if (unlisted.length === 0) return index;
  const what = `${unlisted.length} of ${toRead.length} object(s) to read ${unlisted.length === 1 ? "is" : "are"} listed by no run manifest under ${source.options.bucket}/${source.manifestFolder}`;
  if (options.requireManifest) {
    const shown = unlisted.slice(0, 5).map((o) => o.key).join(", ");
    throw new IntegrityError(`${what} (${shown}${unlisted.length > 5 ? ", ..." : ""}): their bytes cannot be checked, and --require-manifest refuses them; nothing was read`);
  }
  options.warn?.(`warning: ${what}: their bytes cannot be checked against a recorded size and sha256 (--require-manifest refuses them)`);
  return index;
}

/** What the commands read of a backup (history, verify, restore, export). */
export interface BackupSource {
  readonly options: BackupLocation;
  /** The topic's folder with its bucket, as messages name it: `bucket/prefix/instance/topic/`. */
  readonly location: string;
  /** Where the instance's topics live: `bucket/prefix/instance/`, as messages name it. */
  readonly instanceLocation: string;
  /** Where the topic's run manifests live: `prefix/_manifests/instance/topic/`. */
  readonly manifestFolder: string;
  objects(): Promise<SourceListing>;
  /** The backup objects, refusing a location that has none: there is nothing to read. */
  objectsToRead(): Promise<SourceListing>;
  /** The topics backed up under `prefix/instance/` (one folder each, whatever this source's own topic), sorted. */
  topics(): Promise<string[]>;
  /** Every run manifest of the topic, oldest first (their keys sort by start time). */
  manifests(progress?: Progress): Promise<SourceManifest[]>;
  /**
   * An object's records in order (object-reader.ts: JSON Lines or Parquet, by the key). `fetched` gets the stored
   * bytes' size and sha256 before any record is decoded: what it throws stops the read (ManifestIndex.check).
   * Anything that does not decode throws, naming the object.
   */
  records(object: SourceObject, fetched?: (stored: StoredDigest) => void | Promise<void>): AsyncGenerator<ObjectRecord>;
  /** The same records in runs of consecutive records (readObjectChunks): for readers that go through every record. */
  recordChunks(object: SourceObject, fetched?: (stored: StoredDigest) => void | Promise<void>): AsyncGenerator<ObjectRecord[]>;
}

/** A bucket listing: every key under a prefix with its size, and with a delimiter the folders below it. */
export interface BucketListing {
  contents: Array<{ key: string; bytes: number }>;
  folders: string[];
}

/** The two reads a BackupSource makes of its bucket. */
export interface BucketReads {
  /** Every key under `prefix`, and with a delimiter the folders below it (CommonPrefixes). */
  listing(prefix: string, delimiter?: string): Promise<BucketListing>;
  /** An object's bytes; `sizeBytes` (its listed size) may give the download more time. */
  bytes(key: string, sizeBytes?: number): Promise<Buffer>;
}

/** A backup in a bucket, in the layout the handler writes (function/object-keys.ts). */
export class BucketSource implements BackupSource {
  constructor(
    readonly options: BackupLocation,
    private readonly bucket: BucketReads,
  ) {}

  /** Where the topic's objects live: `prefix/instance/topic/`. */
  private get topicFolder(): string {
    const { prefix, instanceId, topic } = this.options;
    return `${prefix}${instanceId}/${topic}/`;
  }

  get location(): string {
    return `${this.options.bucket}/${this.topicFolder}`;
  }

  get instanceLocation(): string {
    return `${this.options.bucket}/${this.options.prefix}${this.options.instanceId}/`;
  }

  get manifestFolder(): string {
    const { prefix, instanceId, topic } = this.options;
    return `${prefix}_manifests/${instanceId}/${topic}/`;
  }

  async objects(): Promise<SourceListing> {
    const { prefix, instanceId, topic } = this.options;
    const partitions = new Map<number, SourceObject[]>();
    const outside: string[] = [];
    for (const c of (await this.bucket.listing(this.topicFolder)).contents) {
      const parsed = parseObjectKey({ prefix, instanceId, topic }, c.key);
      if (!parsed) {
        outside.push(c.key);
        continue;
      }
      const list = partitions.get(parsed.partition) ?? [];
      list.push({ ...parsed, key: c.key, storedBytes: c.bytes });
      partitions.set(parsed.partition, list);
    }
    for (const list of partitions.values()) list.sort((a, b) => a.firstOffset - b.firstOffset);
    return { partitions: new Map([...partitions].sort((a, b) => a[0] - b[0])), outside };
  }

  async objectsToRead(): Promise<SourceListing> {
    const listing = await this.objects();
    if (listing.partitions.size === 0) throw new NothingBackedUp("backup object", this.location);
    return listing;
  }

  async topics(): Promise<string[]> {
    const folder = `${this.options.prefix}${this.options.instanceId}/`;
    return (await this.bucket.listing(folder, "/")).folders.map((f) => f.slice(folder.length, -1)).sort();
  }

  async manifests(progress: Progress = quietProgress): Promise<SourceManifest[]> {
    const keys = (await this.bucket.listing(this.manifestFolder)).contents.map((c) => c.key).sort();
    const out: SourceManifest[] = [];
    progress.start("reading manifests", keys.length, "manifests");
    for (const key of keys) {
      const text = (await this.bucket.bytes(key)).toString("utf8");
      try {
        out.push({ key, manifest: JSON.parse(text) as RunManifest });
      } catch (err) {
        throw new Error(`${key}: not a run manifest (${(err as Error).message})`);
      }
      progress.update(out.length);
    }
    progress.stop();
    return out;
  }

  async *records(object: SourceObject, fetched?: (stored: StoredDigest) => void | Promise<void>): AsyncGenerator<ObjectRecord> {
    for await (const chunk of this.recordChunks(object, fetched)) yield* chunk;
  }

  async *recordChunks(object: SourceObject, fetched?: (stored: StoredDigest) => void | Promise<void>): AsyncGenerator<ObjectRecord[]> {
    const stored = await this.bucket.bytes(object.key, object.storedBytes);
    await fetched?.({ sha256: createHash("sha256").update(stored).digest("hex"), bytes: stored.length });
    yield* readObjectChunks(object, stored);
  }
}

/** A backup in a COS bucket (or an S3-compatible endpoint's). */
export function cosSource(options: SourceOptions): BackupSource {
  return new BucketSource({ bucket: options.bucket, prefix: options.prefix, instanceId: options.instanceId, topic: options.topic }, new CosReads(options));
}

/** COS's answers to a BackupSource's reads: each request with a time limit and retries (calls.ts). */
class CosReads implements BucketReads {
  private readonly cos: COS;
  private readonly base: { Bucket: string; Region: string };
  private readonly timeoutMs: number;
  /** Where requests go, for error messages. */
  private readonly endpoint: string;

  constructor(options: SourceOptions) {
    const { credentials, endpoint } = options;
    this.base = { Bucket: options.bucket, Region: options.region };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.endpoint = `COS ${endpoint ? `${endpoint}/${options.bucket}` : `https://${options.bucket}.cos.${options.region}.myqcloud.com`}`;
    this.cos = new COS({
      SecretId: credentials.secretId,
      SecretKey: credentials.secretKey,
      SecurityToken: credentials.sessionToken,
      // Where the SDK would keep resumable uploads; the CLI only reads, so nothing is written there.
      ConfCwd: tmpdir(),
      // The SDK's own limit is a backstop: ours (calls.ts) fires first and names the endpoint.
      Timeout: this.timeoutMs + 5_000,
      // Our own retries (calls.ts) name the endpoint; the SDK's host switch would hide it.
      AutoSwitchHost: false,
      ...endpointOptions(endpoint),
    });
  }

  private call<T>(what: string, fn: () => Promise<T>, extraMs = 0): Promise<T> {
    return withRetry(this.timeoutMs + extraMs, this.endpoint, what, fn);
  }

  async listing(prefix: string, delimiter?: string): Promise<BucketListing> {
    const contents: BucketListing["contents"] = [];
    const folders: string[] = [];
    let marker = "";
    for (;;) {
      const res = await this.call(`GetBucket ${prefix}`, () => this.cos.getBucket({ ...this.base, Prefix: prefix, ...(delimiter ? { Delimiter: delimiter } : {}), Marker: marker, MaxKeys: 1000 }));
      // An object store's listing names its bucket; a 200 without it (a web page, a proxy) is no listing at all.
      if ((res as { Name?: string }).Name === undefined) {
        throw new Error(`${this.endpoint}: GetBucket ${prefix}: the endpoint did not answer like an object store (a 200 without a bucket listing): check --endpoint`);
      }
      contents.push(...res.Contents.map((c) => ({ key: c.Key, bytes: Number(c.Size) })));
      folders.push(...(res.CommonPrefixes ?? []).map((c) => c.Prefix));
      const last = [res.Contents.at(-1)?.Key, res.CommonPrefixes?.at(-1)?.Prefix].filter((k): k is string => k !== undefined).sort().at(-1);
      if (res.IsTruncated !== "true" || last === undefined) return { contents, folders };
      marker = res.NextMarker || last;
    }
  }

  /** A download of `sizeBytes` gets a second more per MiB than the time limit. */
  async bytes(key: string, sizeBytes = 0): Promise<Buffer> {
    return this.call(
      `GetObject ${key}`,
      async () => {
        // Into a stream of our own: the SDK decodes a body it buffers itself into a string first (for error
        // replies): a few per cent of a restore's CPU, for nothing. Error replies still come as errors.
        const chunks: Buffer[] = [];
        const Output = new Writable({
          write(chunk: Buffer, _encoding, done) {
            chunks.push(chunk);
            done();
          },
        });
        Output.on("error", () => undefined); // the SDK reports it through the call too
        await this.cos.getObject({ ...this.base, Key: key, Output });
        return Buffer.concat(chunks);
      },
      Math.ceil(sizeBytes / 1024 / 1024) * 1000,
    );
  }
}
