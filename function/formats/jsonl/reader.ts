// Reads a JSON Lines object's stored bytes (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`) back into its records, one
// slice of decompressed text at a time: the CLI's side of the format (line.ts: the line).
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { Decompress as ZstdDecompress } from "fzstd";
import { UnreadableObject, type ObjectRecord, type StoredObject } from "../format";
import { decodeRecord } from "./line";

/** Chunks of compressed bytes fed to the zstd decoder at a time: its output per step stays near a few MiB. */
const ZSTD_INPUT_BYTES = 64 * 1024;

/**
 * A `.jsonl.zst` object's text, decoded a slice at a time as the lines are read. fzstd (JavaScript, for Node.js
 * 20 and 22 alike: node:zlib has zstd only from 22.15) reads concatenated frames, which is how the handler
 * writes them, as one stream.
 */
async function* zstdText(stored: Buffer): AsyncGenerator<Buffer> {
  const out: Buffer[] = [];
  const decoder = new ZstdDecompress((chunk) => out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  for (let at = 0; at < stored.length; at += ZSTD_INPUT_BYTES) {
    decoder.push(stored.subarray(at, at + ZSTD_INPUT_BYTES), at + ZSTD_INPUT_BYTES >= stored.length);
    yield* out.splice(0);
  }
}

/** Bytes of decompressed text per gunzip step: large steps keep the per-step costs (a thread-pool round trip, a callback) off each line. */
const GUNZIP_CHUNK_BYTES = 256 * 1024;

function decompressed(object: StoredObject, stored: Buffer): Readable {
  if (object.compression === "gzip") return Readable.from([stored]).pipe(createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }));
  if (object.compression === "zstd") return Readable.from(zstdText(stored));
  return Readable.from([stored]);
}

/**
 * The object's lines, split as Node's readline splits them (at \n, \r\n and a lone \r), from the decompressed
 * bytes: each line is cut at its newline byte, which is never part of a multi-byte UTF-8 character, then decoded.
 */
export async function* readJsonLines(object: StoredObject, stored: Buffer): AsyncGenerator<ObjectRecord[]> {
  let n = 0;
  // The start of a line the slices so far have not ended (copied: a decoder may reuse its output).
  const pending: Buffer[] = [];
  const decode = (text: string, out: ObjectRecord[]) => {
    for (const line of text.includes("\r") ? (text.endsWith("\r") ? text.slice(0, -1) : text).split("\r") : [text]) {
      n++;
      if (line === "") continue;
      try {
        out.push({ record: decodeRecord(line), line });
      } catch (err) {
        throw new UnreadableObject(`${object.key}, line ${n}: not a backup record (${(err as Error).message})`);
      }
    }
  };
  const input = decompressed(object, stored)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await input.next();
    } catch (err) {
      throw new UnreadableObject(`${object.key}: ${object.compression === "none" ? "read" : object.compression} error after line ${n}: ${(err as Error).message}`);
    }
    if (next.done) break;
    const slice = next.value;
    const out: ObjectRecord[] = [];
    let start = 0;
    for (let end = slice.indexOf(10); end !== -1; end = slice.indexOf(10, start)) {
      decode(pending.length ? Buffer.concat([...pending.splice(0), slice.subarray(start, end)]).toString("utf8") : slice.toString("utf8", start, end), out);
      start = end + 1;
    }
    if (start < slice.length) pending.push(Buffer.from(slice.subarray(start)));
    yield out;
  }
  if (pending.length) {
    const out: ObjectRecord[] = [];
    decode(Buffer.concat(pending).toString("utf8"), out);
    yield out;
  }
}
