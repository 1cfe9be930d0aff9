// The compression limit: node:zlib compressing a file of JSON Lines (the handler's own uncompressed
// bytes) in chunks of the handler's size through a stream, as the handler does, and nothing else.
// Prints `RAW <json>` with the bytes in and out and the CPU time of the compression alone (user +
// system, zlib's thread pool included).
//   node raw-compress.cjs <file> <gzip|zstd> <level> <chunk bytes>
// zstd needs Node >= 22.15 (node:zlib's zstd streams).
const { createReadStream } = require("node:fs");
const { pipeline } = require("node:stream/promises");
const zlib = require("node:zlib");
const { peakRssKiB } = require("../test/helpers/peak-rss.cjs");
const { cpuMicros } = require("./cpu-time.cjs");

function compressor(codec, level, chunkSize) {
  const highWaterMark = 8 * chunkSize;
  if (codec === "gzip") return zlib.createGzip({ level, chunkSize, highWaterMark });
  if (codec === "zstd") {
    if (!zlib.createZstdCompress) throw new Error(`zstd needs Node >= 22.15; this is ${process.version}`);
    return zlib.createZstdCompress({ params: { [zlib.constants.ZSTD_c_compressionLevel]: level }, chunkSize, highWaterMark });
  }
  throw new Error(`codec "${codec}": expected gzip or zstd`);
}

async function main() {
  const [, , file, codec, level, chunk] = process.argv;
  const chunkSize = Number(chunk);
  let bytes = 0;
  let storedBytes = 0;
  const t0 = performance.now();
  const cpu0 = cpuMicros();
  await pipeline(
    createReadStream(file, { highWaterMark: chunkSize }),
    async function* (source) {
      for await (const b of source) {
        bytes += b.length;
        yield b;
      }
    },
    compressor(codec, Number(level), chunkSize),
    async function (compressed) {
      for await (const b of compressed) storedBytes += b.length;
    },
  );
  const cpu = cpuMicros() - cpu0;
  console.log(`RAW ${JSON.stringify({ bytes, storedBytes, cpuMicros: cpu, maxRssKiB: peakRssKiB(), elapsedMs: performance.now() - t0, node: process.version })}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
