// Writes the record format (line.ts) straight from kafkajs's Buffers into one reused byte
// buffer: no per-record object, no string round trip. The bytes are exactly those of JSON.stringify
// of the record object (test/unit/json-lines-encoder.test.ts keeps that encoder as the reference):
// valid UTF-8 is copied with JSON's escapes (`"`, `\`, control characters; U+2028/9 and DEL as
// they are), anything else becomes base64 with an encoding flag, and `offset` and `timestamp` are
// Kafka's own decimal digits.
import { isUtf8 } from "node:buffer";
import type { KafkaMessage } from "kafkajs";
import { timestampInt64 } from "../../int64";

/** The escape JSON.stringify writes for each ASCII byte that needs one (control characters, '"' and '\\'). */
const ESCAPES: Buffer[] = [];
for (let c = 0; c < 0x80; c++) {
  const json = JSON.stringify(String.fromCharCode(c)).slice(1, -1);
  if (json.length > 1) ESCAPES[c] = Buffer.from(json, "latin1");
}

/** Runs at least this long are copied natively; shorter ones byte by byte (a native call costs more). */
const NATIVE_COPY_BYTES = 48;

const ascii = (s: string) => Buffer.from(s, "latin1");
const NULL = ascii("null");
const TIMESTAMP = ascii(',"timestamp":');
const COMMA = ascii(",");
const CLOSE = ascii("}");
const KEY = ascii(',"key":');
const KEY_BASE64 = ascii(',"keyEncoding":"base64"');
const VALUE = ascii(',"value":');
const VALUE_BASE64 = ascii(',"valueEncoding":"base64"');
const HEADERS = ascii(',"headers":[');
const HEADER_BASE64 = ascii(',"encoding":"base64"}');
const END = ascii("]}\n");

/** Header names seen, encoded as `{"name":<name>,"value":`; bounded, names are few in practice. */
const MAX_CACHED_NAMES = 1024;

export class JsonLinesEncoder {
  /** The line last encoded is `bytes[0, length)`; valid until the next call. */
  bytes = Buffer.allocUnsafeSlow(64 * 1024);
  private pos = 0;
  private readonly partitionPrefix: Buffer[] = [];
  private readonly headerPrefix = new Map<string, Buffer>();
  private wordsOf?: ArrayBufferLike;
  private words: Int32Array<ArrayBufferLike> = new Int32Array(0);

  /** Encodes one record as a JSON line (with its newline) and returns its length in bytes. */
  encode(partition: number, m: KafkaMessage): number {
    this.pos = 0;
    this.raw(this.partitionPrefix[partition] ??= ascii(`{"partition":${partition},"offset":`));
    this.digits(m.offset);
    this.raw(TIMESTAMP);
    // Kafka's int64 as its decimal digits, as they are: a JS number would round values past 2^53.
    this.digits(timestampInt64(m.timestamp));
    this.raw(KEY);
    if (!this.field(m.key ?? null)) this.raw(KEY_BASE64);
    this.raw(VALUE);
    if (!this.field(m.value ?? null)) this.raw(VALUE_BASE64);
    this.raw(HEADERS);
    let first = true;
    const headers = m.headers;
    if (headers) {
      for (const name in headers) {
        const value = headers[name];
        if (Array.isArray(value)) {
          for (const v of value) {
            this.header(name, v, first);
            first = false;
          }
        } else {
          this.header(name, value, first);
          first = false;
        }
      }
    }
    this.raw(END);
    return this.pos;
  }

  private header(name: string, value: Buffer | string | null | undefined, first: boolean): void {
    if (!first) this.raw(COMMA);
    let prefix = this.headerPrefix.get(name);
    if (!prefix) {
      if (this.headerPrefix.size >= MAX_CACHED_NAMES) this.headerPrefix.clear();
      prefix = Buffer.from(`{"name":${JSON.stringify(name)},"value":`);
      this.headerPrefix.set(name, prefix);
    }
    this.raw(prefix);
    const bytes = value === undefined || value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(String(value));
    if (this.field(bytes)) this.raw(CLOSE);
    else this.raw(HEADER_BASE64);
  }

  /** Writes `bytes` as a JSON string (or null); false when they are not UTF-8 and went out as base64. */
  private field(bytes: Buffer | null): boolean {
    if (bytes === null) {
      this.raw(NULL);
      return true;
    }
    const start = this.pos;
    if (this.text(bytes)) return true;
    this.pos = start;
    const b64 = bytes.toString("base64");
    this.reserve(b64.length + 2);
    const out = this.bytes;
    out[this.pos++] = 0x22;
    this.pos += out.write(b64, this.pos, "latin1");
    out[this.pos++] = 0x22;
    return false;
  }

  /** Writes `src` as a JSON string if it is UTF-8; false (having written garbage past the start) if not. */
  private text(src: Buffer): boolean {
    const n = src.length;
    // Every byte once, the quotes, and room for a few escapes before the buffer must grow.
    this.reserve(n + 64);
    let out = this.bytes;
    let pos = this.pos;
    out[pos++] = 0x22;
    let utf8 = false;
    let i = 0;
    for (;;) {
      const next = this.nextSpecial(src, i, utf8);
      pos = copyRun(src, i, next, out, pos);
      if (next === n) break;
      const c = src[next];
      i = next + 1;
      if (c >= 0x80) {
        // Multi-byte UTF-8 (if valid): copied from here on, only escapes looked for.
        if (!isUtf8(src)) return false;
        utf8 = true;
        out[pos++] = c;
        continue;
      }
      const escape = ESCAPES[c];
      if (pos + escape.length + (n - i) + 1 > out.length) {
        this.pos = pos;
        this.reserve(escape.length + (n - i) + 64);
        out = this.bytes;
      }
      // '"' and '\\', the escapes JSON values hold most, written directly: on Node.js 18, a byte loop over the
      // escape's Buffer cost a sixth of encoding a 1 KiB event (bench/README.md, "Where the time goes on Node.js 18").
      if (c === 0x22 || c === 0x5c) {
        out[pos++] = 0x5c;
        out[pos++] = c;
      } else {
        out.set(escape, pos);
        pos += escape.length;
      }
    }
    out[pos++] = 0x22;
    this.pos = pos;
    return true;
  }

  /**
   * Index of the first byte at or after `from` that needs an escape (or, until `utf8`, is not ASCII),
   * or the length. Tests four bytes at a time on 32-bit words of the Buffer's memory; kafkajs's
   * Buffers of one fetch share their memory, so the word view is made once per fetch response (and
   * keeps that response alive until the next one).
   */
  private nextSpecial(src: Buffer, from: number, utf8: boolean): number {
    const n = src.length;
    let i = from;
    const base = src.byteOffset;
    // The next 16 bytes and those up to a word boundary, one by one: in JSON values, the next quote to escape is
    // often that close, and a byte loop finds it before the word loop would have started.
    for (const head = Math.min(n, i + 16 + ((4 - ((base + i + 16) & 3)) & 3)); i < head; i++) {
      const c = src[i];
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0x80 && !utf8)) return i;
    }
    if (src.buffer !== this.wordsOf) {
      this.wordsOf = src.buffer;
      this.words = new Int32Array(src.buffer, 0, src.buffer.byteLength >> 2);
    }
    const words = this.words;
    const high = utf8 ? 0 : -1;
    let w = (base + i) >> 2;
    for (const last = (base + n) >> 2; w < last; w++) {
      // Per byte, the high bit is set where the byte is < 0x20, '"' or '\\' (or >= 0x80): the
      // classic zero-byte and less-than tests; exact as a whole, the bytes are then checked one by one.
      const x = words[w];
      const q = x ^ 0x22222222;
      const b = x ^ 0x5c5c5c5c;
      const hit = (((x - 0x20202020) & ~x) | ((q - 0x01010101) & ~q) | ((b - 0x01010101) & ~b) | (x & high)) & 0x80808080;
      if (hit !== 0) break;
    }
    for (i = Math.max(i, w * 4 - base); i < n; i++) {
      const c = src[i];
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0x80 && !utf8)) return i;
    }
    return n;
  }

  /** Writes a string of ASCII characters (digits) as they are. */
  private digits(s: string): void {
    this.reserve(s.length);
    const out = this.bytes;
    let pos = this.pos;
    for (let i = 0; i < s.length; i++) out[pos++] = s.charCodeAt(i);
    this.pos = pos;
  }

  /** Writes the constant `b` with TypedArray set: on Node.js 18, a byte loop here cost a quarter of all encoding (bench/README.md). */
  private raw(b: Buffer): void {
    this.reserve(b.length);
    this.bytes.set(b, this.pos);
    this.pos += b.length;
  }

  /** Makes room for `n` more bytes, keeping what is written. */
  private reserve(n: number): void {
    if (this.pos + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.pos + n));
    this.bytes.copy(grown, 0, 0, this.pos);
    this.bytes = grown;
  }
}

function copyRun(src: Buffer, from: number, to: number, out: Buffer, pos: number): number {
  if (to - from >= NATIVE_COPY_BYTES) return pos + src.copy(out, pos, from, to);
  for (let i = from; i < to; i++) out[pos++] = src[i];
  return pos;
}
