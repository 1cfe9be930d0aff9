// A Parquet object (`.parquet`), written as its records stream in: rows are buffered for one row group
// at most (bounded by rows and by bytes), each full row group is encoded by hyparquet-writer's
// incremental ParquetWriter straight into the object's upload (object-writer.ts: parts, sha256,
// abort), and the footer follows on finish. Memory per open object is about one row group, one part
// and the row group's encoded pages, whatever the object's size. Row-group boundaries come from the
// records only and the footer holds no time, so the same records give the same bytes.
import type { KafkaMessage } from "kafkajs";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import type { ObjectStorage } from "./cos-storage";
import { ObjectUpload, PART_BYTES, type ObjectStart, type ObjectWriter, type WrittenObject } from "./object-writer";
import { PARQUET_SCHEMA, ParquetRowGroup } from "./parquet-format";

/** Row-group bounds (parquetRecordBytes; rows): measured in bench/README.md "Parquet objects". */
export const ROW_GROUP = { bytes: 8 * 1024 * 1024, rows: 65_536 } as const;

/** Page compression: measured in bench/README.md "Parquet objects". */
export const PARQUET_CODEC = "SNAPPY";

/** hyparquet-writer's output buffer; every row group's bytes are handed to the upload as they are written. */
class UploadWriter extends ByteWriter {
  constructor(private readonly upload: ObjectUpload) {
    super(64 * 1024);
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

export class ParquetObjectWriter implements ObjectWriter {
  readonly firstOffset: number;
  readonly firstTimestamp: string;
  lastOffset: number;
  records = 0;
  encodedBytes = 0;
  private readonly upload: ObjectUpload;
  private readonly parquet: ParquetWriter;
  private readonly rowGroup = new ParquetRowGroup();

  constructor(
    storage: ObjectStorage,
    private readonly partition: number,
    first: ObjectStart,
    private readonly rowGroupBounds: { bytes: number; rows: number } = ROW_GROUP,
    partBytes = PART_BYTES,
  ) {
    this.upload = new ObjectUpload(storage, first.key, partBytes);
    this.firstOffset = first.offset;
    this.lastOffset = first.offset;
    this.firstTimestamp = first.timestamp;
    // created_by is fixed so that the bytes depend on the records only.
    this.parquet = new ParquetWriter({ writer: new UploadWriter(this.upload), schema: PARQUET_SCHEMA, codec: PARQUET_CODEC, createdBy: "ckafka-cos-backup" });
  }

  get key(): string {
    return this.upload.key;
  }

  write(m: KafkaMessage, offset: number, bytes: number): Promise<void> | undefined {
    // The row group is written before the record that would take it past its byte bound.
    const group = this.rowGroup;
    if (group.rows && (group.bytes + bytes > this.rowGroupBounds.bytes || group.rows >= this.rowGroupBounds.rows)) this.writeRowGroup();
    group.add(this.partition, m, bytes);
    this.records++;
    this.encodedBytes += bytes;
    this.lastOffset = offset;
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
    const stored = await this.upload.finish();
    return { key: this.key, format: "parquet", firstOffset: this.firstOffset, lastOffset: this.lastOffset, records: this.records, encodedBytes: this.encodedBytes, ...stored };
  }

  abort(): Promise<void> {
    return this.upload.abort();
  }
}
