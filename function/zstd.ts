// zstd for the handler. SCF's newest Node.js runtime (18.15) has no zstd in node:zlib (it came in 22.15), so
// the handler uses zstd 1.5.7 compiled to WebAssembly (@hpcc-js/wasm-zstd): no native code to match SCF's
// system, and the module is inlined in the library's JavaScript, so esbuild puts it in the zip's one file.
// Compression is one call per chunk: each chunk becomes a zstd frame of its own, and concatenated frames
// are one valid zstd stream (every zstd reader reads them as one), so memory stays at one chunk.
import { Zstd } from "@hpcc-js/wasm-zstd";

/** Compresses `input` into one zstd frame (a copy: `input` is free again when it returns). */
export type ZstdFrame = (input: Uint8Array) => Buffer;

let loaded: Promise<Zstd> | undefined;

/** zstd's frame magic number, little-endian. */
const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** ZSTD_COMPRESSBOUND: the most bytes a frame of `n` input bytes can take. */
function compressBound(n: number): number {
  return n + (n >>> 8) + (n < 128 * 1024 ? (128 * 1024 - n) >>> 11 : 0);
}

/**
 * A compressor at `level`; the WebAssembly module is compiled on the first call (once per process). The
 * library reports a failed compression only on the console and returns what its buffer holds, so each
 * frame is checked to start like one and fit zstd's bound: a failure throws rather than storing garbage.
 */
export async function zstdFrames(level: number): Promise<ZstdFrame> {
  loaded ??= Zstd.load();
  const zstd = await loaded;
  return (input) => {
    const out = zstd.compress(input, level);
    if (out.length < 9 || out.length > compressBound(input.length) + 32 || MAGIC.some((b, i) => out[i] !== b)) {
      throw new Error(`zstd level ${level} failed to compress ${input.length} bytes`);
    }
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  };
}
