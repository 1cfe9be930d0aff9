// One backup run: plan, consume up to the plan within the deadline, write objects, commit, manifest.
// Invariant: a partition's offset is committed only after every record before it is in an object the
// store has confirmed. Object keys depend only on the records, so a retried run rewrites the same keys.
import type { Admin, Consumer, Kafka, KafkaMessage } from "kafkajs";
import type { BackupConfig } from "./config";
import type { ObjectStorage } from "./cos-storage";
import { ObjectBudget } from "./object-budget";
import { ObjectWriter, type WrittenObject } from "./object-writer";
import { objectKey, startsNewObject } from "./partitioner";
import { JsonLinesEncoder } from "./json-lines-encoder";
import { recordTimestamp } from "./record-format";
import { measureRetentionHeadroom, type RetentionHeadroom } from "./retention-headroom";

/** `idle`: the run ended because no partition made progress for a while, before this one reached its plan. */
export type StopReason = "caught-up" | "deadline" | "idle" | "error" | "revoked" | "not-assigned";

/**
 * How the consumer fetches. kafkajs keeps a whole fetch response alive while any of its records is,
 * so `maxBytes` bounds that part of memory; 2 MiB cost no throughput against a local broker
 * (bench/README.md). Kafka still returns a single record batch larger than these limits.
 */
export const FETCH = { maxBytes: 2 * 1024 * 1024, maxBytesPerPartition: 1024 * 1024, maxWaitTimeInMs: 500 } as const;

/**
 * Group timings. A run that is killed (SCF's timeout, out of memory) cannot leave the group, and the next
 * run's join waits until the coordinator drops the dead member: after its session timeout, or after the
 * rebalance timeout when it died inside a rebalance. Both are short: the session is the least Kafka allows
 * by default (group.min.session.timeout.ms = 6 s), with a heartbeat every second, also within a batch; the
 * rebalance timeout leaves a live member time to finish its batch (an upload or two) and rejoin.
 * kafkajs has no static membership (group.instance.id), which would let a new run take the dead one's place.
 */
export const GROUP = { sessionTimeout: 6_000, heartbeatInterval: 1_000, rebalanceTimeout: 15_000 } as const;

/**
 * Waits for `work` (an upload, a commit) while heartbeating, so that a slow object store (retries with
 * backoff) cannot outlast the short session and cost the run its partitions. A failed heartbeat (a
 * rebalance) stops the beats; the batch's next own heartbeat reports it.
 */
export async function beatingWhile<T>(work: T | Promise<T>, heartbeat: () => Promise<void>): Promise<T> {
  if (!(work instanceof Promise)) return work;
  let beating = true;
  const beats = (async () => {
    while (beating) {
      await new Promise((r) => setTimeout(r, GROUP.heartbeatInterval));
      if (!beating) return;
      try {
        await heartbeat();
      } catch {
        return;
      }
    }
  })();
  try {
    return await work;
  } finally {
    beating = false;
    void beats;
  }
}

export interface PartitionPlan {
  partition: number;
  /** Where this run starts: the committed offset, the start position, or the log start after a gap. */
  startOffset: number;
  /** The end offset when the run began; the run never reads at or past it. */
  endOffset: number;
  committedOffset: number | null;
  logStartOffset: number;
  /** Offsets deleted by retention before they were backed up, seen when planning. */
  gap?: Gap;
  /** Whether this run commits startOffset when it joins the group (see planRun). */
  pin?: boolean;
}

export interface PartitionResult {
  partition: number;
  planned: { start: number; end: number };
  lastOffsetWritten: number | null;
  committedOffset: number | null;
  records: number;
  encodedBytes: number;
  storedBytes: number;
  objects: WrittenObject[];
  stopReason: StopReason;
  error?: string;
  /** With `error`: the partition's first offset not backed up, where the next run starts again. */
  errorOffset?: number;
  /** Offsets deleted by retention before they were backed up: seen when planning or while reading. */
  gaps: Gap[];
  /** Times the partition waited for another's object to finish (memory allows only so many open). */
  slotWaits: number;
}

export interface RunManifest {
  runId: string;
  topic: string;
  instanceId: string;
  groupId: string;
  startedAt: string;
  endedAt: string;
  deadlineAt: string;
  partitions: PartitionResult[];
  totals: { records: number; encodedBytes: number; storedBytes: number; objects: number; failedPartitions: number };
  manifestKey: string;
  /** Lag after the run and how long until retention may delete records not backed up. */
  retention: RetentionHeadroom;
  /** Set when the manifest could not be stored (the objects and commits above still stand). */
  manifestError?: string;
}

export interface Logger {
  info(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
  error(msg: string, fields?: object): void;
}

export interface RunOptions {
  config: BackupConfig;
  kafka: Kafka;
  storage: ObjectStorage;
  runId: string;
  /** Epoch ms at which consuming stops so the last uploads and commits fit in the invocation. */
  deadlineAt: number;
  log: Logger;
  /** A partition with no new record for this long counts as caught up. @default 3000 */
  idleMs?: number;
}

export interface Gap {
  /** First offset lost. */
  from: number;
  /** First offset kept: the log start offset when the loss was seen. */
  to: number;
}

function warnGap(log: Logger, topic: string, partition: number, gap: Gap): void {
  log.warn("retention deleted records before they were backed up", {
    topic,
    partition,
    lostFrom: gap.from,
    lostTo: gap.to,
    lostCount: gap.to - gap.from,
  });
}

/** Reads where each partition stands and where this run starts and ends. */
export async function planRun(kafka: Kafka, config: BackupConfig, log: Logger): Promise<PartitionPlan[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(config.topic);
    const committed = await admin.fetchOffsets({ groupId: config.groupId, topics: [config.topic] });
    const committedBy = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    const start = config.startPosition;
    const byTime =
      typeof start === "object"
        ? new Map((await admin.fetchTopicOffsetsByTimestamp(config.topic, start.timestampMs)).map((p) => [p.partition, Number(p.offset)]))
        : undefined;
    const plans: PartitionPlan[] = offsets
      .map((o) => {
        const low = Number(o.low);
        const high = Number(o.high);
        const c = committedBy.get(o.partition);
        const committedOffset = c !== undefined && c >= 0 ? c : null;
        let startOffset: number;
        let gap: PartitionPlan["gap"];
        if (committedOffset !== null) {
          startOffset = committedOffset;
          if (committedOffset < low) {
            gap = { from: committedOffset, to: low };
            startOffset = low;
          }
          startOffset = Math.min(startOffset, high);
        } else if (start === "earliest") {
          startOffset = low;
        } else if (start === "latest") {
          startOffset = high;
        } else {
          const t = byTime!.get(o.partition);
          startOffset = t === undefined || t < 0 ? high : Math.max(t, low);
        }
        return { partition: o.partition, startOffset, endOffset: high, committedOffset, logStartOffset: low, gap };
      })
      .sort((a, b) => a.partition - b.partition);
    for (const p of plans) if (p.gap) warnGap(log, config.topic, p.partition, p.gap);
    // Partitions without a usable committed offset get their start pinned (committed) as soon as this
    // run joins the group, so that a start position or a gap is decided once, here, and not again by
    // the consumer's reset policy. Only when no other run is in the group: if one is, it has pinned them.
    const group = (await admin.describeGroups([config.groupId])).groups[0];
    const alone = !group || group.state === "Empty" || group.state === "Dead";
    for (const p of plans) p.pin = alone && (p.committedOffset === null || p.gap !== undefined);
    if (!alone && plans.some((p) => p.committedOffset === null || p.gap)) {
      log.warn("another run is active in the group; start offsets are the ones it pinned", { groupState: group.state });
    }
    return plans;
  } finally {
    await admin.disconnect();
  }
}

interface PartitionState {
  plan: PartitionPlan;
  result: PartitionResult;
  open?: ObjectWriter;
  nextOffset: number;
  done: boolean;
  assigned: boolean;
}

const REBALANCE_ERRORS = new Set(["REBALANCE_IN_PROGRESS", "ILLEGAL_GENERATION", "UNKNOWN_MEMBER_ID", "NOT_COORDINATOR", "FENCED_INSTANCE_ID"]);

/** The group moved on (a rebalance): not a failure of the partition; kafkajs rejoins when it sees it. */
function isRebalance(err: unknown): boolean {
  const e = err as { type?: string; cause?: { type?: string } };
  return REBALANCE_ERRORS.has(e?.type ?? "") || REBALANCE_ERRORS.has(e?.cause?.type ?? "");
}

export async function runBackup(opts: RunOptions): Promise<RunManifest> {
  const { config, kafka, storage, log } = opts;
  const idleMs = opts.idleMs ?? 3000;
  const startedAt = new Date();
  const plans = await planRun(kafka, config, log);
  const states = new Map<number, PartitionState>();
  for (const plan of plans) {
    states.set(plan.partition, {
      plan,
      nextOffset: plan.startOffset,
      done: false,
      assigned: false,
      result: {
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
      },
    });
  }
  const keyParts = { prefix: config.prefix, instanceId: config.instanceId, topic: config.topic, compression: config.compression };

  // A run with nothing to read still joins when it has a start to pin, or the next run would decide
  // `latest` again, later, and skip what arrived in between.
  const work = plans.some((p) => p.startOffset < p.endOffset || p.pin);
  if (!work) {
    for (const s of states.values()) s.result.stopReason = "caught-up";
  }

  const consumer: Consumer = kafka.consumer({
    groupId: config.groupId,
    allowAutoTopicCreation: false,
    readUncommitted: false,
    ...GROUP,
    ...FETCH,
  });

  let stopping = false;
  let inFlight = 0;
  let lastActivity = Date.now();
  // Fetches that returned nothing since the last record: idleness is judged on real polls, so a slow
  // first fetch is never mistaken for having caught up.
  let emptyFetches = 0;
  let joined = false;
  // The commit of pinned start offsets, made at the first join; object commits wait for it so that
  // a pin can never land after, and so undo, an object's commit.
  let pinned: Promise<void> = Promise.resolve();

  const commit = async (s: PartitionState, offset: number) => {
    await pinned;
    await consumer.commitOffsets([{ topic: config.topic, partition: s.plan.partition, offset: String(offset) }]);
    s.result.committedOffset = offset;
  };

  // Objects open at once are limited; a partition that finds no free slot is paused until one is
  // set aside for it, and resumes there.
  const budget = new ObjectBudget(config.maxOpenObjects, (partition) => {
    const s = states.get(partition);
    if (!s || s.done || stopping) budget.forget(partition);
    else consumer.resume([{ topic: config.topic, partitions: [partition] }]);
  });

  /** Drops a partition's open object, if any: nothing of it becomes visible. */
  const drop = async (s: PartitionState) => {
    const writer = s.open;
    if (!writer) return;
    s.open = undefined;
    try {
      await writer.abort();
    } finally {
      budget.release();
    }
  };

  const flush = async (s: PartitionState) => {
    if (!s.open) return;
    const writer = s.open;
    s.open = undefined;
    let obj: WrittenObject;
    try {
      obj = await writer.finish();
    } catch (err) {
      await writer.abort();
      throw err;
    } finally {
      budget.release();
    }
    s.result.objects.push(obj);
    s.result.storedBytes += obj.storedBytes;
    s.result.lastOffsetWritten = obj.lastOffset;
    await commit(s, obj.lastOffset + 1);
  };

  const fail = async (s: PartitionState, err: unknown) => {
    const offset = s.result.committedOffset ?? s.plan.startOffset;
    s.done = true;
    s.result.stopReason = "error";
    s.result.error = (err as Error)?.message ?? String(err);
    s.result.errorOffset = offset;
    log.error("partition failed", { topic: config.topic, partition: s.plan.partition, offset, error: s.result.error });
    budget.forget(s.plan.partition);
    await drop(s);
    consumer.pause([{ topic: config.topic, partitions: [s.plan.partition] }]);
  };

  const finishPartition = async (s: PartitionState, reason: StopReason) => {
    if (s.done) return;
    s.done = true;
    consumer.pause([{ topic: config.topic, partitions: [s.plan.partition] }]);
    budget.forget(s.plan.partition);
    await flush(s);
    // Read up to its plan, with aborted records or transaction markers last: commit past them, or every
    // run would join the group only to skip them again.
    const committed = s.result.committedOffset ?? s.plan.committedOffset ?? -1;
    const through = Math.min(s.nextOffset, s.plan.endOffset);
    if (reason === "caught-up" && through > committed && through > s.plan.startOffset) await commit(s, through);
    s.result.stopReason = reason;
  };

  /** finishPartition where no batch is running: a rebalance then means the partition was revoked. */
  const finishOutsideBatch = async (s: PartitionState, reason: StopReason) => {
    try {
      await finishPartition(s, reason);
    } catch (err) {
      if (isRebalance(err)) s.result.stopReason = "revoked";
      else await fail(s, err);
    }
  };

  /** Records kafkajs filtered out (aborted, transaction markers) were passed: the partition is past them. */
  const passedFiltered = (s: PartitionState, lastOffset: number) => {
    s.nextOffset = Math.max(s.nextOffset, lastOffset + 1);
  };

  // One admin client per run, opened the first time a fetch skips ahead.
  let admin: Promise<Admin> | undefined;
  const logStartOffset = async (partition: number): Promise<number> => {
    admin ??= (async () => {
      const a = kafka.admin();
      await a.connect();
      return a;
    })();
    const offsets = await (await admin).fetchTopicOffsets(config.topic);
    return Number(offsets.find((o) => o.partition === partition)?.low ?? 0);
  };

  // A fetch that starts past the next offset this run expects skipped records: harmlessly (batches of
  // only transaction markers or aborted records), or because kafkajs reset a position that retention
  // had deleted ("offset out of range"). The log start offset tells which.
  const checkSkipped = async (s: PartitionState, fetchedOffset: number) => {
    const low = await logStartOffset(s.plan.partition);
    if (low > s.nextOffset) {
      const gap = { from: s.nextOffset, to: Math.min(low, fetchedOffset) };
      s.result.gaps.push(gap);
      warnGap(log, config.topic, s.plan.partition, gap);
    }
    s.nextOffset = fetchedOffset;
  };

  // Encoding is synchronous, so one line buffer serves every partition.
  const encoder = new JsonLinesEncoder();

  const encode = (s: PartitionState, m: KafkaMessage, offset: number): number => {
    try {
      return encoder.encode(s.plan.partition, m);
    } catch (err) {
      throw new Error(`the record at offset ${offset}: ${(err as Error).message}`);
    }
  };

  const appended = (s: PartitionState, offset: number, bytes: number) => {
    s.nextOffset = offset + 1;
    s.result.records++;
    s.result.encodedBytes += bytes;
    return true;
  };

  /**
   * Adds a record to its partition's object; false when a new object is due and no slot is free.
   * Synchronous unless it has to wait (a new object, gzip's queue, an upload): a promise per record
   * was a good part of the garbage.
   */
  const append = (s: PartitionState, m: KafkaMessage, offset: number): boolean | Promise<boolean> => {
    m.timestamp = recordTimestamp(m.timestamp);
    const bytes = encode(s, m, offset);
    if (startsNewObject(s.open, { timestamp: m.timestamp, encodedBytes: bytes }, config.partitionMaxBytes)) {
      return appendToNewObject(s, m, offset, bytes);
    }
    const wait = s.open!.write(encoder.bytes, bytes, offset);
    return wait ? wait.then(() => appended(s, offset, bytes)) : appended(s, offset, bytes);
  };

  const appendToNewObject = async (s: PartitionState, m: KafkaMessage, offset: number, bytes: number): Promise<boolean> => {
    await flush(s);
    if (!budget.acquire(s.plan.partition)) return false;
    const key = objectKey(keyParts, s.plan.partition, offset, m.timestamp);
    s.open = new ObjectWriter(storage, key, config.compression, config.compressionLevel, { offset, timestamp: m.timestamp });
    // Encoded again: while the last object was finishing, other partitions may have used the encoder.
    encode(s, m, offset);
    await s.open.write(encoder.bytes, bytes, offset);
    return appended(s, offset, bytes);
  };

  if (work) {
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      const first = !joined;
      joined = true;
      lastActivity = Date.now();
      const mine = new Set<number>(e.payload.memberAssignment[config.topic] ?? []);
      if (first) {
        // Emitted after the group sync and before the first fetch, so the seeks apply to it.
        const pins = plans.filter((p) => p.pin && mine.has(p.partition));
        for (const p of pins) consumer.seek({ topic: config.topic, partition: p.partition, offset: String(p.startOffset) });
        if (pins.length) {
          // kafkajs ignores commits until the join has returned, which is after this event: commit next tick.
          pinned = new Promise((r) => setImmediate(r))
            .then(() => consumer.commitOffsets(pins.map((p) => ({ topic: config.topic, partition: p.partition, offset: String(p.startOffset) }))))
            .catch((err) => log.warn("could not pin start offsets; this run still starts there", { error: String((err as Error).message) }));
        }
      }
      for (const s of states.values()) {
        if (s.assigned && !mine.has(s.plan.partition) && !s.done) {
          // Lost in a rebalance: its uncommitted object is dropped; the new owner rewrites it under the same key.
          s.done = true;
          s.result.stopReason = "revoked";
          budget.forget(s.plan.partition);
          void drop(s);
        }
        s.assigned = mine.has(s.plan.partition);
        if (s.assigned && !s.done && s.result.stopReason === "not-assigned") {
          s.result.stopReason = "deadline";
          if (s.plan.startOffset >= s.plan.endOffset) {
            s.done = true;
            s.result.stopReason = "caught-up";
          }
        }
      }
    });

    consumer.on(consumer.events.FETCH, (e) => {
      if (e.payload.numberOfBatches === 0) emptyFetches++;
    });

    // A batch of only aborted records or transaction markers never reaches eachBatch; kafkajs moves
    // past it and says so here (batchSize 0). The wait loop below finishes a partition it completes.
    consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
      const s = states.get(e.payload.partition);
      if (s && !s.done && e.payload.batchSize === 0) passedFiltered(s, Math.min(Number(e.payload.lastOffset), s.plan.endOffset - 1));
    });

    try {
      await consumer.connect();
      // Starts are pinned (see planRun); the reset policy applies only when retention deletes the
      // fetch position under a run, and then the earliest record left loses the least.
      await consumer.subscribe({ topic: config.topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const s = states.get(batch.partition);
          if (!s || s.done || stopping) return;
          inFlight++;
          let beat = Date.now();
          try {
            // kafkajs sets fetchedOffset on every batch (consumer/batch.js); its typings leave it out.
            const fetchedOffset = Number((batch as typeof batch & { fetchedOffset: string }).fetchedOffset);
            if (fetchedOffset > s.nextOffset) await checkSkipped(s, fetchedOffset);
            // The fetch position moves once per batch, on every way out of the loop: kafkajs parses
            // and formats an int64 on each resolveOffset.
            let resolved: string | undefined;
            try {
              // Whether the consumer stopped or the batch went stale can change only while this
              // loop waits; asking kafkajs costs a map lookup, so it is asked after each wait.
              let waited = true;
              for (const m of batch.messages) {
                if (stopping || s.done || (waited && (!isRunning() || isStale()))) return;
                waited = false;
                const offset = Number(m.offset);
                if (offset >= s.plan.endOffset) break;
                const now = Date.now();
                if (now >= opts.deadlineAt) {
                  stopping = true;
                  return;
                }
                // Uploads within a batch can outlast a session: beat here too, not only between batches.
                if (now - beat >= GROUP.heartbeatInterval) {
                  await heartbeat();
                  beat = now;
                  waited = true;
                }
                let added = offset < s.nextOffset || append(s, m, offset);
                if (added !== true) {
                  added = await beatingWhile(added, heartbeat);
                  waited = true;
                }
                if (!added) {
                  // Waits for a slot (ObjectBudget); fetching resumes at this record.
                  s.result.slotWaits++;
                  consumer.pause([{ topic: config.topic, partitions: [s.plan.partition] }]);
                  return;
                }
                emptyFetches = 0;
                // Moves the fetch position only; offsets are committed after uploads, never here.
                resolved = m.offset;
                lastActivity = Date.now();
              }
            } finally {
              if (resolved !== undefined) resolveOffset(resolved);
            }
            // The batch can end in records kafkajs filtered out; within the plan, they are passed too.
            const last = Number(batch.lastOffset());
            if (last < s.plan.endOffset) {
              passedFiltered(s, last);
              resolveOffset(batch.lastOffset());
            }
            if (s.nextOffset >= s.plan.endOffset) await beatingWhile(finishPartition(s, "caught-up"), heartbeat);
            await heartbeat();
          } catch (err) {
            // An uploaded object whose commit failed here stays uncommitted: whoever owns the partition
            // next starts at its first offset and rewrites it under the same key.
            if (isRebalance(err)) throw err;
            await fail(s, err);
          } finally {
            inFlight--;
          }
        },
      });

      for (;;) {
        await new Promise((r) => setTimeout(r, 100));
        if (Date.now() >= opts.deadlineAt) break;
        if (stopping) break;
        for (const s of states.values()) {
          if (s.assigned && !s.done && s.nextOffset >= s.plan.endOffset) await finishOutsideBatch(s, "caught-up");
        }
        const mine = [...states.values()].filter((s) => s.assigned);
        if (joined && mine.every((s) => s.done)) break;
        if (joined && emptyFetches >= 2 && Date.now() - lastActivity > idleMs) break;
      }
      stopping = true;
      consumer.pause([{ topic: config.topic }]);
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
      for (const s of states.values()) {
        if (!s.assigned || s.done) continue;
        await finishOutsideBatch(s, s.nextOffset >= s.plan.endOffset ? "caught-up" : Date.now() >= opts.deadlineAt ? "deadline" : "idle");
      }
    } finally {
      for (const s of states.values()) await drop(s);
      await pinned;
      await consumer.disconnect();
      if (admin) await (await admin).disconnect();
    }
  }

  const results = [...states.values()].map((s) => s.result);
  const totals = {
    records: results.reduce((n, r) => n + r.records, 0),
    encodedBytes: results.reduce((n, r) => n + r.encodedBytes, 0),
    storedBytes: results.reduce((n, r) => n + r.storedBytes, 0),
    objects: results.reduce((n, r) => n + r.objects.length, 0),
    failedPartitions: results.filter((r) => r.stopReason === "error").length,
  };
  const manifestKey = `${config.prefix}_manifests/${config.instanceId}/${config.topic}/${startedAt.toISOString().replace(/[:.]/g, "-")}_${opts.runId}.json`;
  const manifest: RunManifest = {
    runId: opts.runId,
    topic: config.topic,
    instanceId: config.instanceId,
    groupId: config.groupId,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    deadlineAt: new Date(opts.deadlineAt).toISOString(),
    partitions: results,
    totals,
    manifestKey,
    retention: await measureRetentionHeadroom(kafka, config, log),
  };
  try {
    await storage.putObject(manifestKey, Buffer.from(JSON.stringify(manifest, null, 2) + "\n"));
  } catch (err) {
    manifest.manifestError = (err as Error).message;
    log.error("manifest not written", { manifestKey, error: manifest.manifestError });
  }
  return manifest;
}
