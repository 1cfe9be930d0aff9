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

/**
 * Chunks gzip has finished reading, reused: a fresh 256 KiB buffer per chunk is external memory V8
 * counts towards its next full garbage collection, and a drain allocated one per 256 KiB of lines.
 */
const spareChunks: Buffer[] = [];
const MAX_SPARE_CHUNKS = 16;

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
  /** Encoded lines not yet handed to gzip. */
  private chunk = spareChunks.pop() ?? Buffer.allocUnsafeSlow(COMPRESS_CHUNK_BYTES);
  private chunkBytes = 0;
  private readonly gzip?: Gzip;
  private readonly hash = createHash("sha256");
  private uploadId?: string;
  private readonly parts: UploadedPart[] = [];

  constructor(
    private readonly storage: ObjectStorage,
    readonly key: string,
    compression: Compression,
    compressionLevel: number,
    first: { offset: number; timestamp: string },
    private readonly partBytes = PART_BYTES,
  ) {
    this.firstOffset = first.offset;
    this.lastOffset = first.offset;
    this.firstTimestamp = first.timestamp;
    if (compression === "gzip") {
      // Room for a few chunks, so that encoding the next chunks overlaps compressing this one. zlib
      // streams take stream options, which @types/node leaves out of ZlibOptions.
      this.gzip = createGzip({ level: compressionLevel, chunkSize: COMPRESS_CHUNK_BYTES, highWaterMark: 8 * COMPRESS_CHUNK_BYTES } as ZlibOptions);
      this.gzip.on("data", (chunk: Buffer) => this.collect(chunk));
    }
  }

  private collect(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
  }

  /**
   * Appends one encoded line, `line[0, bytes)`, copied before this returns (the caller reuses its
   * buffer). Returns a promise only when the caller must wait (gzip's queue or a part upload): most
   * records cost no promise.
   */
  write(line: Buffer, bytes: number, offset: number): Promise<void> | undefined {
    this.records++;
    this.encodedBytes += bytes;
    this.lastOffset = offset;
    // The whole line is copied before anything is awaited.
    let full = false;
    for (let copied = 0; copied < bytes; ) {
      const n = line.copy(this.chunk, this.chunkBytes, copied, bytes);
      copied += n;
      this.chunkBytes += n;
      if (this.chunkBytes === this.chunk.length) full = !this.compressChunk() || full;
    }
    if (full || this.pendingBytes >= this.partBytes) return this.wait(full);
    return undefined;
  }

  private async wait(full: boolean): Promise<void> {
    if (full) await new Promise((r) => this.gzip!.once("drain", r));
    if (this.pendingBytes >= this.partBytes) await this.uploadFullParts();
  }

  /** Hands the chunk to gzip; false when gzip's queue is full (wait for "drain"). */
  private compressChunk(): boolean {
    if (!this.chunkBytes) return true;
    const whole = this.chunk;
    const chunk = whole.subarray(0, this.chunkBytes);
    this.chunk = spareChunks.pop() ?? Buffer.allocUnsafeSlow(COMPRESS_CHUNK_BYTES);
    this.chunkBytes = 0;
    if (!this.gzip) {
      this.collect(chunk);
      return true;
    }
    // zlib calls back once it has read the whole chunk (into its window); only then is it free.
    return this.gzip.write(chunk, (err) => {
      if (!err && spareChunks.length < MAX_SPARE_CHUNKS) spareChunks.push(whole);
    });
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
    this.compressChunk();
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
