// Writes the record format (line.ts) straight from kafkajs's Buffers into one reused byte
// buffer: no per-record object, no string round trip. The bytes are exactly those of JSON.stringify
// of the record object (test/unit/json-lines-encoder.test.ts keeps that encoder as the reference):
// valid UTF-8 is copied with JSON's escapes (`"`, `\`, control characters; U+2028/9 and DEL as
// they are), anything else becomes base64 with an encoding flag, and `offset` and `timestamp` are
// Kafka's own decimal digits. Strings are escaped in WebAssembly (json-escape.wat): the line lives in
// that module's memory, so nothing is copied back out.
import { isUtf8 } from "node:buffer";
import type { KafkaMessage } from "kafkajs";
import { WASM_BASE64 } from "../../../generated/wasm/json-escape";
import { timestampInt64 } from "../../int64";

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

/** The part of the WebAssembly API used here (the project's TypeScript libraries declare none of it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** json-escape.wat, compiled once per process (a few hundred bytes: synchronous is fine). */
const ESCAPE_MODULE = new Module(Buffer.from(WASM_BASE64, "base64"));

/** What json-escape.wat exports. */
interface EscapeExports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  escape(src: number, n: number, dst: number, limit: number): number;
}

/** The escaper's status after a call, as 32-bit words of its memory (json-escape.wat): input bytes consumed, and 1 if any was >= 0x80. */
const CONSUMED = 1024 / 4;
const HIGH = 1028 / 4;
/** Where the line starts in the module's memory: after the escape table and the status (json-escape.wat). */
const LINE_AT = 1040;
const PAGE_BYTES = 64 * 1024;

export class JsonLinesEncoder {
  /** The line last encoded is `bytes[0, length)`; valid until the next call (a view of the escaper's memory). */
  bytes!: Buffer;
  private pos = 0;
  private readonly partitionPrefix: Buffer[] = [];
  private readonly headerPrefix = new Map<string, Buffer>();
  private readonly wasm = new Instance(ESCAPE_MODULE).exports as unknown as EscapeExports;
  /** The module's memory, whole, and as 32-bit words; views are made again whenever it grows. */
  private memory!: Uint8Array;
  private words!: Int32Array;
  /** Where a string to escape is copied, past the line, and how many bytes fit there. */
  private inputAt = 0;
  private inputBytes = 0;

  constructor() {
    this.layout(64 * 1024, 64 * 1024);
    // The escape table (json-escape.wat): JSON.stringify's escape of each ASCII byte that needs one.
    for (let c = 0; c < 0x80; c++) {
      const json = JSON.stringify(String.fromCharCode(c)).slice(1, -1);
      if (json.length === 1) continue;
      this.memory.set(ascii(json), c * 8);
      this.memory[c * 8 + 7] = json.length;
    }
  }

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
    // The string unescaped and its quotes; escapes that need more make room as they come.
    this.reserve(n + 2);
    this.input(src);
    this.bytes[this.pos++] = 0x22;
    const escape = this.wasm.escape;
    // Input byte i is at `at + i` (the input area moves when the line grows).
    let at = this.inputAt;
    let high = 0;
    for (let done = 0; ; ) {
      // One byte short of the room: the closing quote.
      const end = escape(at + done, n - done, LINE_AT + this.pos, LINE_AT + this.bytes.length - 1);
      this.pos = end - LINE_AT;
      done += this.words[CONSUMED];
      high |= this.words[HIGH];
      if (done === n) break;
      this.reserve(n - done + 64);
      at = this.inputAt - done;
      this.memory.set(src.subarray(done), this.inputAt);
    }
    // Bytes >= 0x80 were copied as they are: right only if the whole string is UTF-8.
    if (high && !isUtf8(src)) return false;
    this.bytes[this.pos++] = 0x22;
    return true;
  }

  /** Copies `src` into the input area, making it larger first if needed. */
  private input(src: Buffer): void {
    if (src.length > this.inputBytes) this.layout(this.bytes.length, Math.max(this.inputBytes * 2, src.length));
    this.memory.set(src, this.inputAt);
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

  /** Makes room for `n` more bytes in the line, keeping what is written. */
  private reserve(n: number): void {
    if (this.pos + n <= this.bytes.length) return;
    this.layout(Math.max(this.bytes.length * 2, this.pos + n), this.inputBytes);
  }

  /**
   * Sizes the line and the input area after it, growing the module's memory if they do not fit (what is in
   * the line stays: growing keeps the memory's bytes, only the views must be made again).
   */
  private layout(lineBytes: number, inputBytes: number): void {
    const memory = this.wasm.memory;
    const needed = LINE_AT + lineBytes + inputBytes;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
    this.memory = new Uint8Array(memory.buffer);
    this.words = new Int32Array(memory.buffer);
    this.bytes = Buffer.from(memory.buffer, LINE_AT, lineBytes);
    this.inputAt = LINE_AT + lineBytes;
    this.inputBytes = inputBytes;
  }
}
