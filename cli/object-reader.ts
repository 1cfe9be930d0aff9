// Turns a backup object's stored bytes into its records, whatever its format: the key's extension says which, and
// that format's reader (function/formats/readers.ts) decodes them. A backup may hold any mix, e.g. a topic switched
// from JSON Lines to Parquet: verify, restore and export read every object through readObject. Anything that does
// not decode, or whose records disagree with the key (partition, first offset), throws an error naming the object's key.
import { UnreadableObject, type ObjectRecord } from "../function/formats/format";
import { READERS } from "../function/formats/readers";
import type { ParsedKey } from "../function/object-keys";

export interface ObjectToRead extends ParsedKey {
  key: string;
}

/** The records of an object, in the object's order, from its stored bytes. */
export async function* readObject(object: ObjectToRead, stored: Buffer): AsyncGenerator<ObjectRecord> {
  for await (const chunk of readObjectChunks(object, stored)) yield* chunk;
}

/**
 * The same records in runs of consecutive records (as many as a slice of decompressed text or a row group holds):
 * one await per run instead of one per record, for readers that go through every record (restore).
 */
export async function* readObjectChunks(object: ObjectToRead, stored: Buffer): AsyncGenerator<ObjectRecord[]> {
  let first = true;
  for await (const chunk of READERS[object.format](object, stored)) {
    for (const r of chunk) {
      const { partition, offset } = r.record;
      if (partition !== object.partition) throw new UnreadableObject(`${object.key}: offset ${offset} says partition ${partition}, the key says partition ${object.partition}`);
      if (first && offset !== object.firstOffset) throw new UnreadableObject(`${object.key}: the key says first offset ${object.firstOffset}, the first record has ${offset}`);
      first = false;
    }
    if (chunk.length) yield chunk;
  }
}
