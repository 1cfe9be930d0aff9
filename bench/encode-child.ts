// The child process of the encode scenario (encode.ts bundles it with one handler's encoder): builds `records`
// kafkajs-like messages from the values in a file (keys, values and headers slices of one Buffer per 1,000, as a
// fetch response holds them), then times, in passes, encoding each record into a JSON line, and encoding + copying the line into 256 KiB
// chunks + compressing each chunk into a zstd 1 frame (what JsonLinesObjectWriter does). Prints `ENCODE <json>`:
// CPU µs per record (user + system of the process) for each pass, and the sha256 of the lines and of the frames.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { KafkaMessage } from "kafkajs";
import { COMPRESS_CHUNK_BYTES } from "../function/object-writer";
import type { ZstdFrame } from "../function/zstd";

interface Encoder {
  bytes: Buffer;
  encode(partition: number, m: KafkaMessage): number;
}

function messages(records: number, valueBytes: number, values: Buffer): KafkaMessage[] {
  const out: KafkaMessage[] = [];
  for (let from = 0; from < records; from += 1000) {
    const n = Math.min(1000, records - from);
    const parts: Buffer[] = [];
    for (let i = from; i < from + n; i++) parts.push(Buffer.from(`user-${i % 10_000}`), values.subarray(i * valueBytes, (i + 1) * valueBytes), Buffer.from("bench"));
    const fetched = Buffer.concat(parts);
    let at = 0;
    const slice = (len: number) => fetched.subarray(at, (at += len));
    for (let k = 0; k < n; k++) {
      const i = from + k;
      const key = slice(parts[3 * k].length);
      const value = slice(parts[3 * k + 1].length);
      const source = slice(5);
      out.push({ offset: String(i), timestamp: String(1_764_900_000_000 + i), key, value, headers: { source }, attributes: 0, size: 0 } as unknown as KafkaMessage);
    }
  }
  return out;
}

export async function encodeBench(Encoder: new () => Encoder, zstdFrames: (level: number) => Promise<ZstdFrame>): Promise<void> {
  const [records, valueBytes, passes] = process.argv.slice(2, 5).map(Number);
  const ms = messages(records, valueBytes, readFileSync(process.argv[5]));
  const frame = await zstdFrames(1);
  const chunk = Buffer.allocUnsafeSlow(COMPRESS_CHUNK_BYTES);
  const cpu = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  const result = { encodeUs: [] as number[], encodeZstdUs: [] as number[], lineBytes: 0, storedBytes: 0, linesSha256: "", framesSha256: "" };
  for (let pass = 0; pass <= passes; pass++) {
    const encoder = new Encoder();
    let t0 = cpu();
    let lineBytes = 0;
    for (let i = 0; i < records; i++) lineBytes += encoder.encode(i % 12, ms[i]);
    const encodeUs = (cpu() - t0) / records;
    t0 = cpu();
    let used = 0;
    let stored = 0;
    for (let i = 0; i < records; i++) {
      const n = encoder.encode(i % 12, ms[i]);
      for (let copied = 0; copied < n; ) {
        const c = encoder.bytes.copy(chunk, used, copied, n);
        copied += c;
        used += c;
        if (used === chunk.length) {
          stored += frame(chunk).length;
          used = 0;
        }
      }
    }
    if (used) stored += frame(chunk.subarray(0, used)).length;
    const encodeZstdUs = (cpu() - t0) / records;
    // The first pass warms the code up and is left out.
    if (pass === 0) {
      // Outside the timed passes: what both handlers must write alike.
      const lines = createHash("sha256");
      const frames = createHash("sha256");
      let at = 0;
      for (let i = 0; i < records; i++) {
        const n = encoder.encode(i % 12, ms[i]);
        lines.update(encoder.bytes.subarray(0, n));
        for (let copied = 0; copied < n; ) {
          const c = encoder.bytes.copy(chunk, at, copied, n);
          copied += c;
          at += c;
          if (at === chunk.length) {
            frames.update(frame(chunk));
            at = 0;
          }
        }
      }
      if (at) frames.update(frame(chunk.subarray(0, at)));
      result.linesSha256 = lines.digest("hex");
      result.framesSha256 = frames.digest("hex");
      continue;
    }
    result.encodeUs.push(encodeUs);
    result.encodeZstdUs.push(encodeZstdUs);
    result.lineBytes = lineBytes / records;
    result.storedBytes = stored;
  }
  console.log(`ENCODE ${JSON.stringify(result)}`);
}
