// The child process of the encode scenario (encode.ts bundles it with one handler's encoder): builds `records`
// kafkajs-like messages from the values in a file (keys, values and headers slices of one Buffer per 1,000, as a
// fetch response holds them), then times, in passes, encoding each record into a JSON line, and encoding + copying the line into 256 KiB
// chunks + compressing each chunk into a zstd 1 frame (what JsonLinesObjectWriter does). Prints `ENCODE <json>`:
// CPU µs per record (user + system of the process) for each pass, and the sha256 of the lines and of the frames.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { KafkaMessage } from "kafkajs";
import { COMPRESS_CHUNK_BYTES } from "../function/formats/jsonl/writer";
import type { ZstdFrame } from "../function/formats/zstd";

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
  /** Encodes every record, copies the lines into chunks and compresses each full chunk, as the object writer does. */
  const compressAll = (encoder: Encoder, onFrame: (frame: Buffer) => void, onLine?: (line: Buffer) => void) => {
    let used = 0;
    for (let i = 0; i < records; i++) {
      const n = encoder.encode(i % 12, ms[i]);
      if (onLine) onLine(encoder.bytes.subarray(0, n));
      for (let copied = 0; copied < n; ) {
        const c = encoder.bytes.copy(chunk, used, copied, n);
        copied += c;
        used += c;
        if (used === chunk.length) {
          onFrame(frame(chunk));
          used = 0;
        }
      }
    }
    if (used) onFrame(frame(chunk.subarray(0, used)));
  };
  const cpu = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  const result = { encodeUs: [] as number[], encodeZstdUs: [] as number[], lineBytes: 0, storedBytes: 0, linesSha256: "", framesSha256: "" };
  // Untimed, first: what both handlers must write alike.
  const lines = createHash("sha256");
  const frames = createHash("sha256");
  compressAll(new Encoder(), (f) => frames.update(f), (l) => lines.update(l));
  result.linesSha256 = lines.digest("hex");
  result.framesSha256 = frames.digest("hex");
  for (let pass = 0; pass <= passes; pass++) {
    const encoder = new Encoder();
    let t0 = cpu();
    let lineBytes = 0;
    for (let i = 0; i < records; i++) lineBytes += encoder.encode(i % 12, ms[i]);
    const encodeUs = (cpu() - t0) / records;
    t0 = cpu();
    let stored = 0;
    compressAll(encoder, (f) => (stored += f.length));
    const encodeZstdUs = (cpu() - t0) / records;
    // The first pass warms the code up and is left out.
    if (pass === 0) continue;
    result.encodeUs.push(encodeUs);
    result.encodeZstdUs.push(encodeZstdUs);
    result.lineBytes = lineBytes / records;
    result.storedBytes = stored;
  }
  console.log(`ENCODE ${JSON.stringify(result)}`);
}
