// Writes one backup object as its records stream in: encodes, compresses, and uploads parts once
// they reach the part size, so memory stays at about one part per open object whatever the backlog.
import { createHash } from "node:crypto";
import { createGzip, type Gzip, type ZlibOptions } from "node:zlib";
import type { Compression } from "./config";
import type { ObjectStorage, UploadedPart } from "./cos-storage";

/** S3-compatible servers need parts of at least 5 MiB (COS: 1 MiB); the least they take keeps an open object small. */
export const PART_BYTES = 5 * 1024 * 1024;

/**
 * Records go to gzip in chunks of this size: each write to a zlib stream is a trip to the thread
 * pool, so writing record by record (~1 KiB) spends most of a run waiting on those trips.
 */
export const COMPRESS_CHUNK_BYTES = 256 * 1024;

export interface WrittenObject {
  key: string;
  firstOffset: number;
  lastOffset: number;
  records: number;
  /** Encoded (uncompressed) bytes; what partition_max caps. */
  encodedBytes: number;
  /** Bytes stored. */
  storedBytes: number;
  sha256: string;
  parts: number;
}

export class ObjectWriter {
  readonly firstOffset: number;
  /** The first record's timestamp (exact int64 digits): decides the object's time folder and cuts. */
  readonly firstTimestamp: string;
  lastOffset: number;
  records = 0;
  encodedBytes = 0;
  private storedBytes = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private lines: string[] = [];
  private linesBytes = 0;
  private readonly gzip?: Gzip;
  private readonly hash = createHash("sha256");
  private uploadId?: string;
  private readonly parts: UploadedPart[] = [];

  constructor(
    private readonly storage: ObjectStorage,
    readonly key: string,
    compression: Compression,
    first: { offset: number; timestamp: string },
    private readonly partBytes = PART_BYTES,
  ) {
    this.firstOffset = first.offset;
    this.lastOffset = first.offset;
    this.firstTimestamp = first.timestamp;
    if (compression === "gzip") {
      // Room for a few chunks, so that encoding the next chunks overlaps compressing this one. zlib
      // streams take stream options, which @types/node leaves out of ZlibOptions.
      this.gzip = createGzip({ level: 6, chunkSize: COMPRESS_CHUNK_BYTES, highWaterMark: 8 * COMPRESS_CHUNK_BYTES } as ZlibOptions);
      this.gzip.on("data", (chunk: Buffer) => this.collect(chunk));
    }
  }

  private collect(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
  }

  /** Appends one encoded line of `bytes` UTF-8 bytes. */
  async write(line: string, bytes: number, offset: number): Promise<void> {
    this.records++;
    this.encodedBytes += bytes;
    this.lastOffset = offset;
    this.lines.push(line);
    this.linesBytes += bytes;
    if (this.linesBytes >= COMPRESS_CHUNK_BYTES) await this.compressLines();
    if (this.pendingBytes >= this.partBytes) await this.uploadFullParts();
  }

  private async compressLines(): Promise<void> {
    if (!this.linesBytes) return;
    const chunk = Buffer.from(this.lines.join(""));
    this.lines = [];
    this.linesBytes = 0;
    if (!this.gzip) return this.collect(chunk);
    if (!this.gzip.write(chunk)) await new Promise((r) => this.gzip!.once("drain", r));
  }

  private takePending(bytes: number): Buffer {
    const all = Buffer.concat(this.pending);
    const body = all.subarray(0, bytes);
    const rest = all.subarray(bytes);
    this.pending = rest.length ? [Buffer.from(rest)] : [];
    this.pendingBytes = rest.length;
    this.hash.update(body);
    this.storedBytes += body.length;
    return body;
  }

  private async uploadFullParts(): Promise<void> {
    while (this.pendingBytes >= this.partBytes) {
      const body = this.takePending(this.partBytes);
      this.uploadId ??= await this.storage.initMultipart(this.key);
      this.parts.push(await this.storage.uploadPart(this.key, this.uploadId, this.parts.length + 1, body));
    }
  }

  /** Uploads the rest and completes the object; resolves once the store has confirmed it. */
  async finish(): Promise<WrittenObject> {
    await this.compressLines();
    if (this.gzip) {
      const ended = new Promise((r) => this.gzip!.once("end", r));
      this.gzip.end();
      await ended;
    }
    await this.uploadFullParts();
    const body = this.takePending(this.pendingBytes);
    if (this.uploadId) {
      this.parts.push(await this.storage.uploadPart(this.key, this.uploadId, this.parts.length + 1, body));
      await this.storage.completeMultipart(this.key, this.uploadId, this.parts);
    } else {
      await this.storage.putObject(this.key, body);
    }
    return {
      key: this.key,
      firstOffset: this.firstOffset,
      lastOffset: this.lastOffset,
      records: this.records,
      encodedBytes: this.encodedBytes,
      storedBytes: this.storedBytes,
      sha256: this.hash.digest("hex"),
      parts: Math.max(1, this.parts.length),
    };
  }

  /** Drops the object: nothing of it becomes visible. */
  async abort(): Promise<void> {
    this.gzip?.destroy();
    if (this.uploadId) await this.storage.abortMultipart(this.key, this.uploadId).catch(() => undefined);
  }
}
