// A Parquet object (`.parquet`), written as its records stream in: rows are buffered for one row group
// at most (bounded by rows and by bytes), each full row group is encoded by hyparquet-writer's
// incremental ParquetWriter straight into the object's upload (../object-writer.ts: parts, sha256,
// abort), and the footer follows on finish. Memory per open object is about one row group, one part
// and the row group's encoded pages, whatever the object's size. Row-group boundaries come from the
// records only and the footer holds no time, so the same records give the same bytes.
import type { KafkaMessage } from "kafkajs";
import { gzipSync } from "node:zlib";
import type { CompressionCodec } from "hyparquet";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import type { ObjectStorage, WrittenObject } from "../../contracts";
import type { Compression } from "../format";
import { ObjectUpload, ObjectWriterBase, PART_BYTES, type ObjectFormat, type ObjectStart, type ObjectWriter, type WriterSettings } from "../object-writer";
import { zstdFrames } from "../zstd";
import { parquetRecordBytes, ParquetRowGroup } from "./rows";
import { PARQUET_SCHEMA } from "./schema";

/** Row-group bounds (parquetRecordBytes; rows): measured in bench/README.md "Parquet objects". */
export const ROW_GROUP = { bytes: 2 * 1024 * 1024, rows: 65_536 } as const;

/**
 * Default page compression: gzip level 1 (node:zlib), Parquet's GZIP codec, which every Parquet reader reads
 * (DuckDB, Spark, pyarrow; hyparquet with a decompressor, as the CLI passes it). Against hyparquet-writer's
 * built-in snappy it stored half the bytes for 16% less CPU (bench/README.md "Parquet objects"), and
 * gzip's CRC lets a reader detect a damaged page.
 */
export const PAGE_COMPRESSION: PageCompression = { codec: "GZIP", compressor: (input) => gzipSync(input, { level: 1 }) };

/**
 * The pages' codec as configured: `compression` "gzip" or "zstd" (Parquet's ZSTD codec: each page one zstd
 * frame, ../zstd.ts) at `level`.
 */
export async function pageCompression(compression: Exclude<Compression, "none">, level: number): Promise<PageCompression> {
  if (compression === "gzip") return { codec: "GZIP", compressor: (input) => gzipSync(input, { level }) };
  return { codec: "ZSTD", compressor: await zstdFrames(level) };
}

/** The Parquet format as configured: its pages' codec and level. */
export async function parquetFormat({ compression, compressionLevel }: WriterSettings): Promise<ObjectFormat> {
  if (compression === "none") throw new Error(`compression "none" does not apply to Parquet objects, whose pages are always compressed`);
  const pages = await pageCompression(compression, compressionLevel);
  return {
    encode: (_partition, m) => parquetRecordBytes(m),
    open: (storage, partition, start) => new ParquetObjectWriter(storage, partition, start, { pages }),
  };
}

/** A codec and, for any but snappy, its compressor (a function from bytes to compressed bytes). */
export interface PageCompression {
  codec: CompressionCodec;
  compressor?: (input: Uint8Array) => Uint8Array;
}

export interface ParquetObjectOptions {
  /** @default ROW_GROUP */
  rowGroup?: { bytes: number; rows: number };
  /** @default PAGE_COMPRESSION */
  pages?: PageCompression;
  /** @default PART_BYTES */
  partBytes?: number;
}

/** Encoded bytes are handed to the upload about this often, so the output buffer never holds a whole row group. */
const HANDOFF_BYTES = 1024 * 1024;

/** hyparquet-writer's output buffer: what it writes goes to the upload every HANDOFF_BYTES and after each row group. */
class UploadWriter extends ByteWriter {
  constructor(private readonly upload: ObjectUpload) {
    super(64 * 1024);
  }

  /** Called before every append (as hyparquet-writer's own file writer does): the bytes so far go first. */
  override ensure(size: number): void {
    if (this.index >= HANDOFF_BYTES) this.flush();
    super.ensure(size);
  }

  flush(): void {
    if (!this.index) return;
    this.upload.add(Buffer.from(this.buffer.slice(0, this.index)));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}

export class ParquetObjectWriter extends ObjectWriterBase implements ObjectWriter {
  private readonly parquet: ParquetWriter;
  private readonly rowGroup = new ParquetRowGroup();
  private readonly rowGroupBounds: { bytes: number; rows: number };

  constructor(
    storage: ObjectStorage,
    private readonly partition: number,
    first: ObjectStart,
    options: ParquetObjectOptions = {},
  ) {
    super(storage, first, options.partBytes ?? PART_BYTES);
    this.rowGroupBounds = options.rowGroup ?? ROW_GROUP;
    const { codec, compressor } = options.pages ?? PAGE_COMPRESSION;
    // created_by is fixed so that the bytes depend on the records only.
    this.parquet = new ParquetWriter({
      writer: new UploadWriter(this.upload),
      schema: PARQUET_SCHEMA,
      codec,
      compressors: compressor ? { [codec]: compressor } : undefined,
      createdBy: "ckafka-cos-backup",
    });
  }

  write(m: KafkaMessage, offset: number, bytes: number): Promise<void> | undefined {
    // The row group is written before the record that would take it past its byte bound.
    const group = this.rowGroup;
    if (group.rows && (group.bytes + bytes > this.rowGroupBounds.bytes || group.rows >= this.rowGroupBounds.rows)) this.writeRowGroup();
    group.add(this.partition, m, bytes);
    this.counted(offset, bytes);
    return this.upload.partReady ? this.upload.uploadFullParts() : undefined;
  }

  private writeRowGroup(): void {
    const rows = this.rowGroup.rows;
    // One call per row group: hyparquet-writer writes it synchronously, then flushes it to the upload.
    void this.parquet.write({ columnData: this.rowGroup.columns(), rowGroupSize: rows });
    this.rowGroup.clear();
  }

  async finish(): Promise<WrittenObject> {
    if (this.rowGroup.rows) this.writeRowGroup();
    void this.parquet.finish();
    return this.completed("parquet");
  }

  abort(): Promise<void> {
    return this.upload.abort();
  }
}
