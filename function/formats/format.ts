// What every format provides, as Kafka Connect's storage formats do: a descriptor (its id, its object keys'
// extensions, the compressions and default levels it takes: plain data, which the construct, the configuration
// and the key layout read), a writer for the handler (object-writer.ts, ObjectFormat) and a reader for the CLI
// (FormatReader below). They are separate modules so that the handler's zip holds no reader and the construct
// loads no writer; registry.ts, writers.ts and readers.ts list them.
import type { KafkaRecord } from "./record";

/** The setting "compression": a format that compresses whole objects uses it for the object, one that compresses pages for each page. */
export type Compression = "gzip" | "zstd" | "none";

export interface FormatDescriptor {
  /** The construct's `format` value and the handler's CKB_FORMAT. */
  readonly id: string;
  /** What "compression" compresses: the whole object, or each page of it (the object then has its "none" extension). */
  readonly compresses: "object" | "pages";
  /** The compressions the format takes. */
  readonly compressions: readonly Compression[];
  /** The object key's extension by the whole object's compression. */
  readonly extensions: Partial<Record<Compression, string>>;
  /** The level of each codec when none is given. */
  readonly defaultLevels: { readonly gzip: number; readonly zstd: number };
}

/** A stored object, as its reader needs it: its key (for errors) and the whole object's compression (from its key). */
export interface StoredObject {
  key: string;
  compression: Compression;
}

export interface ObjectRecord {
  record: KafkaRecord;
  /** The object's own line, without its newline (JSON Lines objects only). */
  line?: string;
}

/** An object that does not decode as a backup object (damaged, or not written by the handler): the CLI exits 1, a problem of the backup. */
export class UnreadableObject extends Error {}

/**
 * The records of an object from its stored bytes, in the object's order, in runs of consecutive records (as many as a
 * slice of decompressed text or a row group holds). Throws UnreadableObject, naming the key, for bytes that do not decode.
 */
export type FormatReader = (object: StoredObject, stored: Buffer) => AsyncIterable<ObjectRecord[]>;
