// What every format's writer shares, like Kafka Connect's storage writer: the interface the partition writer
// drives (ObjectFormat, ObjectWriter), and the upload of one backup object as its records stream in: the
// object's bytes go out in parts once they reach the part size, so memory stays at about one part per open
// object whatever the backlog. Each format's writer (jsonl/writer.ts, parquet/writer.ts) builds on it.
import { createHash } from "node:crypto";
import type { KafkaMessage } from "kafkajs";
import type { ObjectStorage, UploadedPart, WrittenObject } from "../contracts";
import type { Compression } from "./format";
import type { Format } from "./registry";

/** S3-compatible servers need parts of at least 5 MiB (COS: 1 MiB); the least they take keeps an open object small. */
export const PART_BYTES = 5 * 1024 * 1024;

/** The handler's side of the configured format: how a record is measured for the cut rules, and its objects' writer. */
export interface ObjectFormat {
  /**
   * Readies `m` for the next `write` and returns its size as partition_max counts it; throws for a
   * record the format cannot hold. Synchronous; what it keeps is valid until the next call.
   */
  encode(partition: number, m: KafkaMessage): number;
  /** Opens a new object of `partition`. */
  open(storage: ObjectStorage, partition: number, start: ObjectStart): ObjectWriter;
}

/** What a format's writer is made from: the settings, validated (config.ts). */
export interface WriterSettings {
  compression: Compression;
  compressionLevel: number;
}

/** One backup object being written, in any format; partition-writer.ts drives it. */
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

/** What every format's writer keeps of an object: its upload, its first and last record, what it holds. */
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
