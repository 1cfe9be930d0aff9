// The storage side: cos-nodejs-sdk-v5 calls with retries and content checksums.
import COS from "cos-nodejs-sdk-v5";
import type { BackupConfig } from "./config";

export interface Credentials {
  secretId: string;
  secretKey: string;
  sessionToken?: string;
}

export interface UploadedPart {
  PartNumber: number;
  ETag: string;
}

/** What the writer needs from object storage; small enough to fake in unit tests. */
export interface ObjectStorage {
  putObject(key: string, body: Buffer): Promise<void>;
  initMultipart(key: string): Promise<string>;
  uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<UploadedPart>;
  completeMultipart(key: string, uploadId: string, parts: UploadedPart[]): Promise<void>;
  abortMultipart(key: string, uploadId: string): Promise<void>;
}

/** SDK options that point it at another endpoint, path-style (`Domain` with `{Bucket}`); none for COS itself. */
export function endpointOptions(endpoint: string | undefined): Partial<COS.COSOptions> {
  if (!endpoint) return {};
  return { Domain: `${endpoint}/{Bucket}`, Protocol: endpoint.startsWith("https") ? "https:" : "http:" };
}

const RETRIES = 4;

function retryable(err: unknown): boolean {
  const e = err as { statusCode?: number; code?: string; error?: { Code?: string } };
  if (e?.statusCode === undefined) return true; // network error: no HTTP answer
  return e.statusCode >= 500 || e.statusCode === 429;
}

async function withRetry<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= RETRIES || !retryable(err)) {
        const e = err as { statusCode?: number; code?: string; message?: string };
        throw new Error(`COS ${what} failed after ${attempt} attempt(s): ${e?.statusCode ?? ""} ${e?.code ?? ""} ${e?.message ?? String(err)}`.replace(/\s+/g, " "));
      }
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
  }
}

export class CosStorage implements ObjectStorage {
  private readonly cos: COS;
  private readonly base: { Bucket: string; Region: string };

  constructor(config: Pick<BackupConfig, "bucket" | "region" | "cosEndpoint">, credentials: Credentials) {
    this.base = { Bucket: config.bucket, Region: config.region };
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
    await withRetry(`PutObject ${key}`, () => this.cos.putObject({ ...this.base, Key: key, Body: body }));
  }

  async initMultipart(key: string): Promise<string> {
    const res = await withRetry(`InitiateMultipartUpload ${key}`, () => this.cos.multipartInit({ ...this.base, Key: key }));
    return res.UploadId;
  }

  async uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<UploadedPart> {
    const res = await withRetry(`UploadPart ${key} #${partNumber}`, () =>
      this.cos.multipartUpload({ ...this.base, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body }),
    );
    return { PartNumber: partNumber, ETag: res.ETag };
  }

  async completeMultipart(key: string, uploadId: string, parts: UploadedPart[]): Promise<void> {
    await withRetry(`CompleteMultipartUpload ${key}`, () =>
      this.cos.multipartComplete({ ...this.base, Key: key, UploadId: uploadId, Parts: parts }),
    );
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    await withRetry(`AbortMultipartUpload ${key}`, () => this.cos.multipartAbort({ ...this.base, Key: key, UploadId: uploadId }));
  }
}
