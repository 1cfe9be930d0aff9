// The formats, by id: the one list the configuration, the construct's validation and the key layout look a format
// up in. A format's writer and reader are listed in writers.ts (the handler) and readers.ts (the CLI).
import type { Compression, FormatDescriptor } from "./format";
import { JSON_LINES } from "./jsonl";
import { PARQUET } from "./parquet";

export const FORMATS = [JSON_LINES, PARQUET] as const;

export type Format = (typeof FORMATS)[number]["id"];

export const FORMAT_IDS: readonly Format[] = FORMATS.map((f) => f.id);

export function formatOf(id: Format): FormatDescriptor {
  return FORMATS.find((f) => f.id === id)!;
}

/** The compression of the whole object: the setting, or "none" for a format that compresses its pages. */
export function objectCompression(format: Format, compression: Compression): Compression {
  return formatOf(format).compresses === "pages" ? "none" : compression;
}

/** The extension of an object of `format` written with the setting `compression`. */
export function extensionOf(format: Format, compression: Compression): string {
  return formatOf(format).extensions[objectCompression(format, compression)]!;
}

/** Every object extension, with the format and whole-object compression it stands for. */
export const EXTENSIONS: ReadonlyMap<string, { format: Format; compression: Compression }> = new Map(
  FORMATS.flatMap((f) => Object.entries(f.extensions).map(([compression, ext]) => [ext, { format: f.id, compression: compression as Compression }] as const)),
);
