// Writes one backup object as its records stream in, like Kafka Connect's storage writer: the object's
// bytes go out in parts once they reach the part size, so memory stays at about one part per open object
// whatever the backlog. ObjectUpload is that part shared by both formats; JsonLinesObjectWriter adds
// gzip or zstd (parquet-object-writer.ts is the other format).
import { createHash } from "node:crypto";
import { createGzip, type Gzip, type ZlibOptions } from "node:zlib";
import type { KafkaMessage } from "kafkajs";
import type { Format } from "../config";
import type { ObjectStorage, UploadedPart } from "../cos-storage";
import type { JsonLinesEncoder } from "./jsonl/encoder";
import type { ZstdFrame } from "./zstd";

/** S3-compatible servers need parts of at least 5 MiB (COS: 1 MiB); the least they take keeps an open object small. */
export const PART_BYTES = 5 * 1024 * 1024;

/**
 * Records go to gzip in chunks of this size: each write to a zlib stream is a trip to the thread
 * pool, so writing record by record (~1 KiB) spends most of a run waiting on those trips. zstd makes
 * each chunk one frame: the chunk is what it finds repeats in (bench/README.md "zstd").
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
  format: Format;
  firstOffset: number;
  lastOffset: number;
  records: number;
  /** The bytes partition_max caps: JSON Lines, the encoded lines; Parquet, the records' own bytes (parquet-format.ts). */
  encodedBytes: number;
  /** Bytes stored. */
  storedBytes: number;
  sha256: string;
  parts: number;
}

/** One backup object being written, in either format; partition-writer.ts drives it. */
export interface ObjectWriter {
  readonly key: string;
  /** The first record's timestamp (exact int64 digits): decides the object's time folder and cuts. */
  readonly firstTimestamp: string;
  /** What partition_max counts so far (see WrittenObject). */
  readonly encodedBytes: number;
  /**
   * Appends record `m` at `offset`, which the format's `encode` has just measured as `bytes` (and, for
   * JSON Lines, encoded). Its bytes are copied before this returns. Returns a promise only when the
   * caller must wait (compression's queue or a part upload): most records cost no promise.
   */
  write(m: KafkaMessage, offset: number, bytes: number): Promise<void> | undefined;
  /** Uploads the rest and completes the object; resolves once the store has confirmed it. */
  finish(): Promise<WrittenObject>;
  /** Drops the object: nothing of it becomes visible. */
  abort(): Promise<void>;
}

/** Where an object starts: its key and first record. */
export interface ObjectStart {
  key: string;
  offset: number;
  timestamp: string;
}

/**
 * The stored bytes of one object: kept until they make a part, then uploaded (multipart from the
 * second part on, a single PUT for a small object), hashed as stored.
 */
export class ObjectUpload {
  private pending: Buffer[] = [];
  /** Bytes handed in and not yet uploaded. */
  pendingBytes = 0;
  private storedBytes = 0;
  private readonly hash = createHash("sha256");
  private uploadId?: string;
  private readonly parts: UploadedPart[] = [];

  constructor(
    private readonly storage: ObjectStorage,
    readonly key: string,
    readonly partBytes = PART_BYTES,
  ) {}

  /** Takes `chunk` (not copied: the caller must not reuse it). */
  add(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
  }

  /** Whether a whole part is waiting. */
  get partReady(): boolean {
    return this.pendingBytes >= this.partBytes;
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

  async uploadFullParts(): Promise<void> {
    while (this.pendingBytes >= this.partBytes) {
      const body = this.takePending(this.partBytes);
      this.uploadId ??= await this.storage.initMultipart(this.key);
      this.parts.push(await this.storage.uploadPart(this.key, this.uploadId, this.parts.length + 1, body));
    }
  }

  /** Uploads the rest and completes the object. */
  /**
   * Uploads the rest and completes the object, unless the key already holds exactly these bytes (a rerun
   * after a run that wrote the object and stopped before committing): then the object is done as it is,
   * and nothing is written again, which a locked bucket would refuse.
   */
  async finish(): Promise<{ storedBytes: number; sha256: string; parts: number }> {
    await this.uploadFullParts();
    const body = this.takePending(this.pendingBytes);
    const done = { storedBytes: this.storedBytes, sha256: this.hash.digest("hex"), parts: Math.max(1, this.parts.length + (this.uploadId ? 1 : 0)) };
    if (await this.alreadyWritten(done.sha256)) {
      // Drops only the parts of this unfinished upload; the written object is not touched. Best effort: the
      // bucket's abort-incomplete-uploads rule removes parts left behind.
      if (this.uploadId) await this.storage.abortMultipart(this.key, this.uploadId).catch(() => undefined);
      return done;
    }
    if (this.uploadId) {
      this.parts.push(await this.storage.uploadPart(this.key, this.uploadId, this.parts.length + 1, body));
      await this.storage.completeMultipart(this.key, this.uploadId, this.parts);
    } else {
      await this.storage.putObject(this.key, body);
    }
    return done;
  }

  /**
   * Whether the key holds these bytes already. Other bytes under the key are a rerun that read further
   * than the run that wrote it: it replaces the shorter object, except in a write-once bucket, where
   * nothing is replaced and the run stops with the key named.
   */
  private async alreadyWritten(sha256: string): Promise<boolean> {
    const existing = await this.storage.headObject(this.key);
    if (!existing) return false;
    if (existing.size === this.storedBytes && (await this.storage.sha256Of(this.key)) === sha256) return true;
    if (this.storage.writeOnce) {
      throw new Error(
        `${this.key} already holds ${existing.size} bytes that differ from this run's ${this.storedBytes} for the same first record, ` +
          "and the bucket keeps objects write-once (Object Lock), so it is not replaced: a run that stopped after writing it read fewer records " +
          "than this one. Its records are backed up; move the consumer group past the object's last offset (shown by `verify`) for the backup to continue",
      );
    }
    return false;
  }

  async abort(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    if (this.uploadId) await this.storage.abortMultipart(this.key, this.uploadId).catch(() => undefined);
  }
}

/** What both formats' writers keep of an object: its upload, its first and last record, what it holds. */
export abstract class ObjectWriterBase {
  readonly firstOffset: number;
  readonly firstTimestamp: string;
  lastOffset: number;
  records = 0;
  encodedBytes = 0;
  protected readonly upload: ObjectUpload;

  constructor(storage: ObjectStorage, first: ObjectStart, partBytes: number) {
    this.upload = new ObjectUpload(storage, first.key, partBytes);
    this.firstOffset = first.offset;
    this.lastOffset = first.offset;
    this.firstTimestamp = first.timestamp;
  }

  get key(): string {
    return this.upload.key;
  }

  /** Counts the record at `offset` as `bytes` of what partition_max caps. */
  protected counted(offset: number, bytes: number): void {
    this.records++;
    this.encodedBytes += bytes;
    this.lastOffset = offset;
  }

  /** Completes the upload; the object as the manifest lists it. */
  protected async completed(format: Format): Promise<WrittenObject> {
    const stored = await this.upload.finish();
    return { key: this.key, format, firstOffset: this.firstOffset, lastOffset: this.lastOffset, records: this.records, encodedBytes: this.encodedBytes, ...stored };
  }
}

/** How a JSON Lines object is compressed: gzip at a level, zstd frames, or not at all. */
export type JsonLinesCompression = { codec: "gzip"; level: number } | { codec: "zstd"; frame: ZstdFrame } | { codec: "none" };

/** A JSON Lines object (`.jsonl`, `.jsonl.gz` or `.jsonl.zst`): the encoder's lines, compressed as configured. */
export class JsonLinesObjectWriter extends ObjectWriterBase implements ObjectWriter {
  /** Encoded lines not yet compressed. */
  private chunk = spareChunks.pop() ?? Buffer.allocUnsafeSlow(COMPRESS_CHUNK_BYTES);
  private chunkBytes = 0;
  private readonly gzip?: Gzip;
  private readonly zstd?: ZstdFrame;

  constructor(
    storage: ObjectStorage,
    private readonly encoder: JsonLinesEncoder,
    compression: JsonLinesCompression,
    first: ObjectStart,
    partBytes = PART_BYTES,
  ) {
    super(storage, first, partBytes);
    if (compression.codec === "gzip") {
      // Room for a few chunks, so that encoding the next chunks overlaps compressing this one. zlib
      // streams take stream options, which @types/node leaves out of ZlibOptions.
      this.gzip = createGzip({ level: compression.level, chunkSize: COMPRESS_CHUNK_BYTES, highWaterMark: 8 * COMPRESS_CHUNK_BYTES } as ZlibOptions);
      this.gzip.on("data", (chunk: Buffer) => this.upload.add(chunk));
    } else if (compression.codec === "zstd") {
      this.zstd = compression.frame;
    }
  }

  /** Appends the line the encoder holds, `encoder.bytes[0, bytes)` (the encoder reuses its buffer). */
  write(_m: KafkaMessage, offset: number, bytes: number): Promise<void> | undefined {
    const line = this.encoder.bytes;
    this.counted(offset, bytes);
    // The whole line is copied before anything is awaited.
    let full = false;
    for (let copied = 0; copied < bytes; ) {
      const n = line.copy(this.chunk, this.chunkBytes, copied, bytes);
      copied += n;
      this.chunkBytes += n;
      if (this.chunkBytes === this.chunk.length) full = !this.compressChunk() || full;
    }
    if (full || this.upload.partReady) return this.wait(full);
    return undefined;
  }

  private async wait(full: boolean): Promise<void> {
    if (full) await new Promise((r) => this.gzip!.once("drain", r));
    await this.upload.uploadFullParts();
  }

  /** Hands the chunk to gzip or zstd; false when gzip's queue is full (wait for "drain"). */
  private compressChunk(): boolean {
    if (!this.chunkBytes) return true;
    if (this.zstd) {
      // Synchronous: the frame is a copy, so the chunk is free again at once.
      this.upload.add(this.zstd(this.chunk.subarray(0, this.chunkBytes)));
      this.chunkBytes = 0;
      return true;
    }
    const whole = this.chunk;
    const chunk = whole.subarray(0, this.chunkBytes);
    this.chunk = spareChunks.pop() ?? Buffer.allocUnsafeSlow(COMPRESS_CHUNK_BYTES);
    this.chunkBytes = 0;
    if (!this.gzip) {
      this.upload.add(chunk);
      return true;
    }
    // zlib calls back once it has read the whole chunk (into its window); only then is it free.
    return this.gzip.write(chunk, (err) => {
      if (!err && spareChunks.length < MAX_SPARE_CHUNKS) spareChunks.push(whole);
    });
  }

  async finish(): Promise<WrittenObject> {
    this.compressChunk();
    if (this.gzip) {
      const ended = new Promise((r) => this.gzip!.once("end", r));
      this.gzip.end();
      await ended;
    }
    return this.completed("jsonl");
  }

  abort(): Promise<void> {
    this.gzip?.destroy();
    return this.upload.abort();
  }
}
