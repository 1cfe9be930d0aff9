// The JSON Lines writer: the encoder's lines (encoder.ts), compressed whole with gzip or zstd, or not at all,
// into the object's upload (../object-writer.ts: parts, sha256, abort).
import { createGzip, type Gzip, type ZlibOptions } from "node:zlib";
import type { KafkaMessage } from "kafkajs";
import type { ObjectStorage, WrittenObject } from "../../contracts";
import { ObjectWriterBase, PART_BYTES, type ObjectFormat, type ObjectStart, type ObjectWriter, type WriterSettings } from "../object-writer";
import { zstdFrames, type ZstdFrame } from "../zstd";
import { JsonLinesEncoder } from "./encoder";

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

/** The JSON Lines format as configured; asynchronous because zstd's WebAssembly module is compiled on first use. */
export async function jsonLinesFormat({ compression: codec, compressionLevel: level }: WriterSettings): Promise<ObjectFormat> {
  // Encoding is synchronous, so one line buffer serves every partition.
  const encoder = new JsonLinesEncoder();
  const compression: JsonLinesCompression =
    codec === "gzip" ? { codec, level } : codec === "zstd" ? { codec, frame: await zstdFrames(level) } : { codec };
  return {
    encode: (partition, m) => encoder.encode(partition, m),
    open: (storage, _partition, start) => new JsonLinesObjectWriter(storage, encoder, compression, start),
  };
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
    if (this.chunkBytes + bytes < this.chunk.length) {
      // Most lines fit: TypedArray#set, as Buffer#copy's argument checks cost more than the copy on Node.js 18.
      this.chunk.set(line.subarray(0, bytes), this.chunkBytes);
      this.chunkBytes += bytes;
      return this.upload.partReady ? this.wait(false) : undefined;
    }
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
