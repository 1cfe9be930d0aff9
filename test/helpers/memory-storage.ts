// Objects in memory, multipart included, for the writers' unit tests: what they store, part by part.
import { createHash } from "node:crypto";
import type { ObjectStorage, StoreReader, UploadedPart } from "../../function/cos-storage";

export class MemoryStorage implements ObjectStorage, StoreReader {
  readonly objects = new Map<string, Buffer>();
  readonly partSizes: number[] = [];
  /** Every request, in order: `put <key>`, `complete <key>`, `abort <key>`. */
  readonly calls: string[] = [];
  private readonly uploads = new Map<string, Buffer[]>();
  /** When set, every store (a put, a completed upload) waits for it: the test lets it through. */
  gate?: Promise<void>;
  /** When set, every store fails with it. */
  failWith?: Error;

  constructor(readonly writeOnce = false) {}

  async putObject(key: string, body: Buffer): Promise<void> {
    this.calls.push(`put ${key}`);
    await this.held();
    this.store(key, Buffer.from(body));
  }
  async initMultipart(key: string): Promise<string> {
    const id = `${key}#${this.uploads.size}`;
    this.uploads.set(id, []);
    return id;
  }
  async uploadPart(_key: string, uploadId: string, partNumber: number, body: Buffer): Promise<UploadedPart> {
    this.uploads.get(uploadId)![partNumber - 1] = Buffer.from(body);
    this.partSizes.push(body.length);
    return { PartNumber: partNumber, ETag: String(partNumber) };
  }
  async completeMultipart(key: string, uploadId: string): Promise<void> {
    this.calls.push(`complete ${key}`);
    await this.held();
    this.store(key, Buffer.concat(this.uploads.get(uploadId)!));
    this.uploads.delete(uploadId);
  }
  async abortMultipart(key: string, uploadId: string): Promise<void> {
    this.calls.push(`abort ${key}`);
    this.uploads.delete(uploadId);
  }
  async headObject(key: string): Promise<{ size: number } | undefined> {
    const body = this.objects.get(key);
    return body && { size: body.length };
  }
  async sha256Of(key: string): Promise<string> {
    return createHash("sha256").update(this.objects.get(key)!).digest("hex");
  }
  async listKeys(prefix: string): Promise<string[]> {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
  async listFolders(prefix: string, start: string): Promise<string[]> {
    const rests = [...this.objects.keys()].filter((k) => k.startsWith(prefix + start)).map((k) => k.slice(prefix.length));
    return [...new Set(rests.filter((r) => r.includes("/")).map((r) => prefix + r.slice(0, r.indexOf("/") + 1)))].sort();
  }
  async getObject(key: string): Promise<Buffer> {
    const body = this.objects.get(key);
    if (!body) throw Object.assign(new Error(`NoSuchKey: ${key}`), { statusCode: 404 });
    return body;
  }
  /** Multipart uploads begun and neither completed nor aborted. */
  get openUploads(): number {
    return this.uploads.size;
  }

  private async held(): Promise<void> {
    await this.gate;
    if (this.failWith) throw this.failWith;
  }

  /** A write-once store refuses to replace an object, as a locked COS bucket does. */
  private store(key: string, body: Buffer): void {
    if (this.writeOnce && this.objects.has(key)) throw Object.assign(new Error(`AccessDenied: ${key} is locked`), { statusCode: 403 });
    this.objects.set(key, body);
  }
}
