// zstd for the handler. SCF's newest Node.js runtime (18.15) has no zstd in node:zlib (it came in 22.15), so
// the handler uses zstd compiled to WebAssembly (@bokuweb/zstd-wasm): no native code to match SCF's system.
// Its module, zstd.wasm, is a file of the zip beside index.js (lib/bundling.ts puts it there), which the
// library reads from the folder its code runs from. Compression is one call per chunk: each chunk becomes a
// zstd frame of its own, and concatenated frames are one valid zstd stream (every zstd reader reads them as
// one), so memory stays at one chunk.
import { compress, init } from "@bokuweb/zstd-wasm";

/** Compresses `input` into one zstd frame (a copy: `input` is free again when it returns). */
export type ZstdFrame = (input: Uint8Array) => Buffer;

let loaded: Promise<void> | undefined;

/** A compressor at `level`; the WebAssembly module is read and compiled on the first call (once per process). */
export async function zstdFrames(level: number): Promise<ZstdFrame> {
  loaded ??= init().catch((err: Error) => {
    loaded = undefined;
    throw new Error(`zstd.wasm, which the function's zip holds beside index.js, could not be loaded: ${err.message}`);
  });
  await loaded;
  return (input) => {
    const out = compress(input, level);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  };
}
