// One partition's objects in one run, like Kafka Connect's TopicPartitionWriter: append records, cut
// objects (partition_max, time folder), flush, then commit; drop on revoke; fail naming the offset.
// Invariant: the partition's offset is committed only after every record before it is in an object
// the store has confirmed.
import type { KafkaMessage } from "kafkajs";
import type { ObjectBudget } from "./object-budget";
import type { ObjectFormat, ObjectWriter } from "./formats/object-writer";
import { recordTimestamp } from "./formats/record";
import { objectKey, startsNewObject } from "./object-keys";
import { warnGap, type PartitionPlan } from "./run-plan";
import type { Logger, ObjectStorage, PartitionResult, StopReason, TopicConfig, WrittenObject } from "./contracts";

/** What every partition's writer shares in a run. */
export interface WriterContext {
  /** `topic` is where the objects go: the topic's name, or its location after it was recreated (topic-locations.ts). */
  config: Pick<TopicConfig, "prefix" | "instanceId" | "topic" | "format" | "compression" | "partitionMaxBytes">;
  storage: ObjectStorage;
  /** The run's one budget, seen from this topic: partitions by number. */
  budget: Pick<ObjectBudget, "acquire" | "release" | "forget">;
  /** The configured format's writer (formats/writers.ts). */
  format: ObjectFormat;
  /** Commits `offset` (the next to read) for `partition`; resolves once the group has it. */
  commit(partition: number, offset: number): Promise<void>;
  /** Stops fetching `partition`. */
  pause(partition: number): void;
  log: Logger;
}

/** A partition's result before anything is read. */
export function initialResult(plan: PartitionPlan): PartitionResult {
  return {
    partition: plan.partition,
    planned: { start: plan.startOffset, end: plan.endOffset },
    lastOffsetWritten: null,
    committedOffset: null,
    records: 0,
    encodedBytes: 0,
    storedBytes: 0,
    objects: [],
    stopReason: "not-assigned",
    gaps: plan.gap ? [plan.gap] : [],
    slotWaits: 0,
  };
}

export class PartitionWriter {
  readonly result: PartitionResult;
  /** The next offset this run expects to read. */
  nextOffset: number;
  /** Nothing more is read or written for this partition in this run. */
  done = false;
  private open?: ObjectWriter;

  constructor(
    readonly plan: PartitionPlan,
    private readonly ctx: WriterContext,
  ) {
    this.nextOffset = plan.startOffset;
    this.result = initialResult(plan);
  }

  get partition(): number {
    return this.plan.partition;
  }

  /** Whether the partition has been read up to its plan. */
  get reachedPlan(): boolean {
    return this.nextOffset >= this.plan.endOffset;
  }

  /** The group gave this run the partition: it reads until its plan, or it has nothing to read. */
  assigned(): void {
    if (this.done || this.result.stopReason !== "not-assigned") return;
    this.result.stopReason = "deadline";
    if (this.plan.startOffset >= this.plan.endOffset) {
      this.done = true;
      this.result.stopReason = "caught-up";
    }
  }

  /** Lost in a rebalance: the uncommitted object is dropped; the new owner rewrites it under the same key. */
  revoked(): void {
    if (this.done) return;
    this.done = true;
    this.result.stopReason = "revoked";
    this.ctx.budget.forget(this.partition);
    void this.drop();
  }

  /**
   * Adds a record to the partition's object; false when a new object is due and no slot is free.
   * Synchronous unless it has to wait (a new object, gzip's queue, an upload): a promise per record
   * was a good part of the garbage.
   */
  append(m: KafkaMessage, offset: number): boolean | Promise<boolean> {
    m.timestamp = recordTimestamp(m.timestamp);
    const bytes = this.encode(m, offset);
    if (startsNewObject(this.open, { timestamp: m.timestamp, encodedBytes: bytes }, this.ctx.config.partitionMaxBytes)) {
      return this.cutAndAppend(m, offset, bytes);
    }
    const wait = this.open!.write(m, offset, bytes);
    return wait ? wait.then(() => this.appended(offset, bytes)) : this.appended(offset, bytes);
  }

  /** append found no free slot: fetching pauses until the budget wakes the partition, and resumes at this record. */
  waitForSlot(): void {
    this.result.slotWaits++;
    this.ctx.pause(this.partition);
  }

  /** Records kafkajs filtered out (aborted, transaction markers) were passed: the partition is past them. */
  passed(lastOffset: number): void {
    this.nextOffset = Math.max(this.nextOffset, lastOffset + 1);
  }

  /**
   * A fetch started at `fetchedOffset`, past the next offset expected: records were skipped, harmlessly
   * (batches of only transaction markers or aborted records), or because retention deleted them, which
   * the log start offset tells.
   */
  skippedTo(fetchedOffset: number, logStartOffset: number): void {
    if (logStartOffset > this.nextOffset) {
      const gap = { from: this.nextOffset, to: Math.min(logStartOffset, fetchedOffset) };
      this.result.gaps.push(gap);
      warnGap(this.ctx.log, this.ctx.config.topic, this.partition, gap);
    }
    this.nextOffset = fetchedOffset;
  }

  /** Uploads the open object, if any, and once the store has confirmed it, commits past it. */
  async flush(): Promise<void> {
    if (!this.open) return;
    const writer = this.open;
    this.open = undefined;
    let obj: WrittenObject;
    try {
      obj = await writer.finish();
    } catch (err) {
      await writer.abort();
      throw err;
    } finally {
      this.ctx.budget.release();
    }
    this.result.objects.push(obj);
    this.result.storedBytes += obj.storedBytes;
    this.result.lastOffsetWritten = obj.lastOffset;
    await this.commit(obj.lastOffset + 1);
  }

  /** The partition stops for `reason`: its object is flushed and committed. */
  async finish(reason: StopReason): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.ctx.pause(this.partition);
    this.ctx.budget.forget(this.partition);
    await this.flush();
    // Read up to its plan, with aborted records or transaction markers last: commit past them, or every
    // run would join the group only to skip them again.
    const committed = this.result.committedOffset ?? this.plan.committedOffset ?? -1;
    const through = Math.min(this.nextOffset, this.plan.endOffset);
    if (reason === "caught-up" && through > committed && through > this.plan.startOffset) await this.commit(through);
    this.result.stopReason = reason;
  }

  /** The partition stops on an error: its open object is dropped; the next run starts at the offset named. */
  async fail(err: unknown): Promise<void> {
    const offset = this.result.committedOffset ?? this.plan.startOffset;
    this.done = true;
    this.result.stopReason = "error";
    this.result.error = (err as Error)?.message ?? String(err);
    this.result.errorOffset = offset;
    this.ctx.log.error("partition failed", { topic: this.ctx.config.topic, partition: this.partition, offset, error: this.result.error });
    this.ctx.budget.forget(this.partition);
    await this.drop();
    this.ctx.pause(this.partition);
  }

  /** Drops the open object, if any: nothing of it becomes visible. */
  async drop(): Promise<void> {
    const writer = this.open;
    if (!writer) return;
    this.open = undefined;
    try {
      await writer.abort();
    } finally {
      this.ctx.budget.release();
    }
  }

  private async commit(offset: number): Promise<void> {
    await this.ctx.commit(this.partition, offset);
    this.result.committedOffset = offset;
  }

  private encode(m: KafkaMessage, offset: number): number {
    try {
      return this.ctx.format.encode(this.partition, m);
    } catch (err) {
      throw new Error(`the record at offset ${offset}: ${(err as Error).message}`);
    }
  }

  private appended(offset: number, bytes: number): true {
    this.nextOffset = offset + 1;
    this.result.records++;
    this.result.encodedBytes += bytes;
    return true;
  }

  /** The record starts a new object: the last one is flushed and committed first, then a slot is taken. */
  private async cutAndAppend(m: KafkaMessage, offset: number, bytes: number): Promise<boolean> {
    await this.flush();
    if (!this.ctx.budget.acquire(this.partition)) return false;
    const { config } = this.ctx;
    const key = objectKey(config, this.partition, offset, m.timestamp);
    this.open = this.ctx.format.open(this.ctx.storage, this.partition, { key, offset, timestamp: m.timestamp });
    // Encoded again: while the last object was finishing, other partitions may have used the encoder.
    this.encode(m, offset);
    await this.open.write(m, offset, bytes);
    return this.appended(offset, bytes);
  }
}
