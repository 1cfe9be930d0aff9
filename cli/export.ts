// Downloads a slice of a backup to local files: as JSON Lines (the backup's own lines, byte for byte; a Parquet
// object's records as the lines the handler would have written for them), or as raw record values, one file per
// record (`<partition>-<offset>`) or all in one file with a separator.
// Every object is checked against the run manifests (size, sha256) before any of its records is written (a damaged
// object can still decode, into other records), and the output is written under `<out>.partial` and renamed to
// `<out>` once complete: an export that stops leaves no file that looks whole.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { manifestsFor, type BackupSource, type ManifestCheckOptions } from "./backup-source";
import { UsageError } from "./errors";
import { jsonLine } from "../function/formats/jsonl/line";
import { quietProgress, type Progress } from "./progress";
import { heldOffsets, recordBytes, selectObjects, selected, type HeldOffsets, type Selection } from "./selection";

export type ExportFormat = "jsonl" | "values" | "value-files";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["jsonl", "values", "value-files"];

export interface ExportOptions extends Selection, ManifestCheckOptions {
  format: ExportFormat;
  /** A file (jsonl, values) or a directory (value-files); refused when it exists. */
  out: string;
  /** Between values with format "values". @default "\n" */
  separator?: Buffer;
  progress?: Progress;
}

export interface ExportReport {
  records: number;
  bytes: number;
  objects: number;
  /** Records without a value (tombstones): no file with value-files, nothing but the separator with values. */
  tombstones: number;
  byPartition: Map<number, PartitionExport>;
}

export interface PartitionExport {
  records: number;
  firstOffset: number | null;
  lastOffset: number | null;
  /** When none of the partition's records is selected: what the backup holds of it. */
  held?: HeldOffsets;
}

/** Writes, waiting for the stream to drain; a failed write (a full disk) throws here, naming the file. */
async function write(stream: WriteStream, chunk: Buffer | string): Promise<void> {
  try {
    if (stream.errored) throw stream.errored;
    if (!stream.write(chunk)) await once(stream, "drain");
  } catch (err) {
    throw new Error(`could not write ${String(stream.path)}: ${(err as Error).message}`);
  }
}

/** Ends a stream once what was written to it is flushed (or fails with the stream's error). */
const close = (stream: WriteStream) => new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));

export async function exportBackup(source: BackupSource, options: ExportOptions): Promise<ExportReport> {
  const { format, out, separator = Buffer.from("\n"), progress = quietProgress } = options;
  const partial = `${out}.partial`;
  if (existsSync(out)) throw new UsageError(`--out: ${out} exists; give a path that does not, so nothing is overwritten`);
  if (existsSync(partial)) throw new UsageError(`--out: ${partial} exists, left by an export that was stopped; remove it, or give another --out`);
  const listing = await source.objectsToRead();
  const plan = selectObjects(listing, options);
  const manifests = await manifestsFor(source, [...plan.values()].flat(), options);
  const report: ExportReport = { records: 0, bytes: 0, objects: 0, tombstones: 0, byPartition: new Map() };
  let stream: WriteStream | undefined;
  mkdirSync(dirname(out), { recursive: true });
  if (format === "value-files") mkdirSync(partial);
  else {
    stream = createWriteStream(partial, { flags: "wx" });
    // A write error is reported by the next write() or by close(), from stream.errored; without a listener it would end the process.
    stream.on("error", () => undefined);
  }
  const total = [...plan.values()].flat().reduce((n, o) => n + o.storedBytes, 0);
  let read = 0;
  let first = true;
  progress.start("exporting", total, "bytes of objects");
  try {
    for (const [partition, objects] of plan) {
      const pr: PartitionExport = { records: 0, firstOffset: null, lastOffset: null };
      report.byPartition.set(partition, pr);
      let lastRead: number | undefined;
      for (const object of objects) {
        report.objects++;
        for await (const { line, record: r } of source.records(object, (stored) => manifests.check(object.key, stored))) {
          lastRead = r.offset;
          if (!selected(r, options)) continue;
          pr.records++;
          pr.firstOffset ??= r.offset;
          pr.lastOffset = r.offset;
          report.records++;
          report.bytes += recordBytes(r);
          if (r.value === null) report.tombstones++;
          if (format === "jsonl") await write(stream!, line === undefined ? jsonLine(r) : line + "\n");
          else if (format === "values") {
            if (!first) await write(stream!, separator);
            if (r.value) await write(stream!, r.value);
          } else if (r.value !== null) writeFileSync(join(partial, `${r.partition}-${r.offset}`), r.value, { flag: "wx" });
          first = false;
        }
        read += object.storedBytes;
        progress.update(read);
      }
      if (pr.records === 0) pr.held = heldOffsets(listing, partition, objects, lastRead);
    }
    if (stream) await close(stream);
    renameSync(partial, out);
  } catch (err) {
    if (stream) await close(stream).catch(() => undefined);
    rmSync(partial, { recursive: true, force: true });
    // The error keeps its class (its exit status); its message says what became of --out.
    (err as Error).message += `\nexport stopped: nothing written to ${out}`;
    throw err;
  } finally {
    progress.stop();
  }
  return report;
}
