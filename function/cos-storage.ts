// The storage side: cos-nodejs-sdk-v5 calls with retries and content checksums.
import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import COS from "cos-nodejs-sdk-v5";
import type { BackupConfig, Encryption } from "./config";
import type { Credentials } from "./credentials";
import { retry, storeRetryable } from "./retry";

export interface UploadedPart {
  PartNumber: number;
  ETag: string;
}

/** What the writer needs from object storage; small enough to fake in unit tests. */
export interface ObjectStorage {
  /** The bucket keeps objects write-once (BackupConfig.writeOnce): an object is never replaced. */
  readonly writeOnce?: boolean;
  putObject(key: string, body: Buffer): Promise<void>;
  initMultipart(key: string): Promise<string>;
  uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<UploadedPart>;
  completeMultipart(key: string, uploadId: string, parts: UploadedPart[]): Promise<void>;
  abortMultipart(key: string, uploadId: string): Promise<void>;
  /** The object's size, or undefined when there is no object under `key`. */
  headObject(key: string): Promise<{ size: number } | undefined>;
  /** SHA-256 (hex) of the object's bytes, streamed: memory stays small whatever its size. */
  sha256Of(key: string): Promise<string>;
}

/** What a run reads back from the store besides its objects: manifests and topic locations (topic-locations.ts). */
export interface StoreReader {
  /** The keys under `prefix`, sorted; none when the bucket does not exist. */
  listKeys(prefix: string): Promise<string[]>;
  /** The folders right under `prefix` that start with `start` (`prefix` + name + "/"), sorted; none when the bucket does not exist. */
  listFolders(prefix: string, start: string): Promise<string[]>;
  /** A small object's bytes (a manifest). */
  getObject(key: string): Promise<Buffer>;
}

/**
 * The SDK's encryption parameters (x-cos-server-side-encryption and its key id) for `encryption`.
 * COS names SSE-KMS `cos/kms` on objects, where the bucket setting says `KMS`.
 */
export function encryptionParams(encryption: Encryption | undefined): { ServerSideEncryption?: string; SSEKMSKeyId?: string } {
  if (!encryption) return {};
  if (encryption.algorithm === "KMS") return { ServerSideEncryption: "cos/kms", ...(encryption.kmsKeyId ? { SSEKMSKeyId: encryption.kmsKeyId } : {}) };
  return { ServerSideEncryption: encryption.algorithm };
}

/** SDK options that point it at another endpoint, path-style (`Domain` with `{Bucket}`); none for COS itself. */
export function endpointOptions(endpoint: string | undefined): Partial<COS.COSOptions> {
  if (!endpoint) return {};
  return { Domain: `${endpoint}/{Bucket}`, Protocol: endpoint.startsWith("https") ? "https:" : "http:" };
}

interface Bucket {
  Bucket: string;
  Region: string;
}

/**
 * A failed request in the store's own words, naming the bucket, with what to fix for the two answers a
 * misconfiguration gives: 404 NoSuchBucket (COS: the bucket does not exist) and 403 (access denied).
 */
export function cosErrorMessage(what: string, bucket: Bucket, attempts: number, err: unknown): string {
  const e = err as { statusCode?: number; code?: string; message?: string };
  const said = `${e?.statusCode ?? ""} ${e?.code ?? ""} ${e?.message ?? String(err)}`.replace(/\s+/g, " ").trim();
  const where = `bucket ${bucket.Bucket} (region ${bucket.Region})`;
  const action = what.split(" ")[0];
  let cause: string;
  if (e?.code === "NoSuchBucket") cause = `${where} does not exist (${said}): create it, or name an existing bucket`;
  else if (e?.statusCode === 403) cause = `access denied to ${where} (${said}): the function's role needs cos:${action} there, and the bucket must exist`;
  else cause = `${where}: ${said}`;
  return `COS ${what} failed after ${attempts} attempt(s): ${cause}`;
}

/** A store call under the retry policy; a refused connection is retried too (the endpoint is the construct's, not typed). */
function withRetry<T>(what: string, bucket: Bucket, fn: () => Promise<T>): Promise<T> {
  return retry(fn, (err) => storeRetryable(err, false), (err, attempts) => new Error(cosErrorMessage(what, bucket, attempts, err)));
}

export class CosStorage implements ObjectStorage, StoreReader {
  private readonly cos: COS;
  private readonly base: Bucket;
  private readonly sse: ReturnType<typeof encryptionParams>;
  readonly writeOnce: boolean;

  constructor(config: Pick<BackupConfig, "bucket" | "region" | "cosEndpoint" | "encryption" | "writeOnce">, credentials: Credentials) {
    this.base = { Bucket: config.bucket, Region: config.region };
    this.writeOnce = config.writeOnce;
    this.sse = encryptionParams(config.encryption);
    this.cos = new COS({
      SecretId: credentials.secretId,
      SecretKey: credentials.secretKey,
      SecurityToken: credentials.sessionToken,
      // The SDK caches multipart upload ids on disk; in SCF only /tmp is writable.
      ConfCwd: "/tmp",
      // Content-MD5 on every PUT and part: the server rejects a body that changed on the way.
      UploadCheckContentMd5: true,
      ...endpointOptions(config.cosEndpoint),
    });
  }

  async putObject(key: string, body: Buffer): Promise<void> {
    await withRetry(`PutObject ${key}`, this.base, () => this.cos.putObject({ ...this.base, ...this.sse, Key: key, Body: body }));
  }

  async initMultipart(key: string): Promise<string> {
    const res = await withRetry(`InitiateMultipartUpload ${key}`, this.base, () => this.cos.multipartInit({ ...this.base, ...this.sse, Key: key }));
    return res.UploadId;
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<UploadedPart> {
    const res = await withRetry(`UploadPart ${key} #${partNumber}`, this.base, () =>
      this.cos.multipartUpload({ ...this.base, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body }),
    );
    return { PartNumber: partNumber, ETag: res.ETag };
  }

  async completeMultipart(key: string, uploadId: string, parts: UploadedPart[]): Promise<void> {
    await withRetry(`CompleteMultipartUpload ${key}`, this.base, () =>
      this.cos.multipartComplete({ ...this.base, Key: key, UploadId: uploadId, Parts: parts }),
    );
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    await withRetry(`AbortMultipartUpload ${key}`, this.base, () => this.cos.multipartAbort({ ...this.base, Key: key, UploadId: uploadId }));
  }

  async headObject(key: string): Promise<{ size: number } | undefined> {
    const res = await withRetry(`HeadObject ${key}`, this.base, () =>
      this.cos.headObject({ ...this.base, Key: key }).catch((err: { statusCode?: number }) => {
        if (err?.statusCode === 404) return undefined; // no object: the answer, not a failure
        throw err;
      }),
    );
    return res ? { size: Number(res.headers?.["content-length"] ?? 0) } : undefined;
  }

  async listKeys(prefix: string): Promise<string[]> {
    return (await this.list(prefix)).keys.sort();
  }

  async listFolders(prefix: string, start: string): Promise<string[]> {
    return (await this.list(prefix + start, "/")).folders.sort();
  }

  private async list(prefix: string, delimiter?: string): Promise<{ keys: string[]; folders: string[] }> {
    const keys: string[] = [];
    const folders: string[] = [];
    for (let marker = ""; ; ) {
      const res = await withRetry(`GetBucket ${prefix}`, this.base, () =>
        this.cos.getBucket({ ...this.base, Prefix: prefix, Marker: marker, MaxKeys: 1000, ...(delimiter ? { Delimiter: delimiter } : {}) }).catch((err: { code?: string }) => {
          if (err?.code === "NoSuchBucket") return undefined; // no bucket, nothing stored: the answer, not a failure
          throw err;
        }),
      );
      if (!res) return { keys, folders };
      keys.push(...res.Contents.map((c) => c.Key));
      folders.push(...(res.CommonPrefixes ?? []).map((c) => c.Prefix));
      const last = [res.Contents.at(-1)?.Key, res.CommonPrefixes?.at(-1)?.Prefix].filter((k): k is string => k !== undefined).sort().at(-1);
      if (res.IsTruncated !== "true" || last === undefined) return { keys, folders };
      marker = res.NextMarker || last;
    }
  }

  async getObject(key: string): Promise<Buffer> {
    const res = await withRetry(`GetObject ${key}`, this.base, () => this.cos.getObject({ ...this.base, Key: key }));
    return Buffer.from(res.Body as Buffer);
  }

  async sha256Of(key: string): Promise<string> {
    return withRetry(`GetObject ${key}`, this.base, async () => {
      const hash = createHash("sha256");
      const output = new Writable({
        write(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          done();
        },
      });
      await this.cos.getObject({ ...this.base, Key: key, Output: output });
      return hash.digest("hex");
    });
  }
}
