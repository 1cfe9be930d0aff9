// The upload limit: cos-nodejs-sdk-v5 writing `bytes` to the object store as the handler does, one
// 64 MiB multipart object after another, parts of the handler's size in sequence. Prints `RAW <json>` (CPU time included).
//   node raw-cos-upload.cjs <endpoint> <bucket> <prefix> <bytes> <part bytes>
const COS = require("cos-nodejs-sdk-v5");
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { randomBytes } = require("node:crypto");
const { peakRssKiB } = require("../test/helpers/peak-rss.cjs");
const { cpuMicros } = require("./cpu-time.cjs");

const OBJECT = 64 * 1024 * 1024;

async function main() {
  const [, , endpoint, Bucket, prefix, total, partBytes] = process.argv;
  const PART = Number(partBytes);
  const cos = new COS({
    SecretId: "bench-id",
    SecretKey: "bench-key",
    Domain: `${endpoint}/{Bucket}`,
    Protocol: "http:",
    ConfCwd: mkdtempSync(join(tmpdir(), "ckb-bench-cos-")),
    UploadCheckContentMd5: true,
  });
  const base = { Bucket, Region: "ap-guangzhou" };
  // Incompressible bytes, as compressed backup data is.
  const part = randomBytes(PART);
  let left = Number(total);
  let objects = 0;
  while (left > 0) {
    const Key = `${prefix}object-${objects++}`;
    const size = Math.min(left, OBJECT);
    const { UploadId } = await cos.multipartInit({ ...base, Key });
    const Parts = [];
    for (let n = 1, sent = 0; sent < size; n++) {
      const Body = part.subarray(0, Math.min(PART, size - sent));
      const { ETag } = await cos.multipartUpload({ ...base, Key, UploadId, PartNumber: n, Body });
      Parts.push({ PartNumber: n, ETag });
      sent += Body.length;
    }
    await cos.multipartComplete({ ...base, Key, UploadId, Parts });
    left -= size;
  }
  console.log(`RAW ${JSON.stringify({ bytes: Number(total), objects, maxRssKiB: peakRssKiB(), cpuMicros: cpuMicros() })}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
