// The run loop: a consumer in the backup's group hands each batch to its partition's writer
// (partition-writer.ts) until every partition it owns reaches its plan (run-plan.ts), the deadline
// comes, or nothing moves for a while. It owns the group: the pins at the first join, pauses and
// resumes for the object budget and for memory (memory-guard.ts), rebalances, heartbeats during slow uploads.
import { PartitionAssigners, type Admin, type Consumer, type ConsumerGroupJoinEvent, type EachBatchPayload } from "kafkajs";
import type { MemoryGuard } from "./memory-guard";
import { ObjectBudget } from "./object-budget";
import type { ObjectFormat } from "./formats/object-writer";
import { objectFormat } from "./formats/writers";
import { slotAssigner } from "./partition-assigner";
import { PartitionWriter, type WriterContext } from "./partition-writer";
import type { PartitionPlan } from "./run-plan";
import { LIMITS } from "./config";
import { SINGLE_INSTANCE, type PartitionResult, type RunOptions, type StopReason } from "./contracts";

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

const REBALANCE_ERRORS = new Set(["REBALANCE_IN_PROGRESS", "ILLEGAL_GENERATION", "UNKNOWN_MEMBER_ID", "NOT_COORDINATOR", "FENCED_INSTANCE_ID"]);

/** The group moved on (a rebalance): not a failure of the partition; kafkajs rejoins when it sees it. */
export function isRebalance(err: unknown): boolean {
  const e = err as { type?: string; cause?: { type?: string } };
  return REBALANCE_ERRORS.has(e?.type ?? "") || REBALANCE_ERRORS.has(e?.cause?.type ?? "");
}

/**
 * Applies an assignment of the group (a join): partitions not in `mine` are revoked from their writers, the
 * others are this run's. After the run has stopped reading, a join assigns nothing more: a rejoin that
 * completes while the consumer leaves (during disconnect) must not make a partition the run never read
 * look read (stop reason `deadline` instead of `not-assigned`).
 */
export function applyAssignment(writers: Iterable<PartitionWriter>, assigned: Set<number>, mine: ReadonlySet<number>, stopped: boolean): void {
  for (const w of writers) {
    if (!mine.has(w.partition)) {
      if (assigned.delete(w.partition)) w.revoked();
      continue;
    }
    if (stopped) continue;
    assigned.add(w.partition);
    w.assigned();
  }
}

/** How long the run waits, after flushing for memory, for the process to come back under its budget. */
const MEMORY_SETTLE_MS = 1_000;

/** One topic of the run: the Kafka topic, where its objects go (topic-locations.ts), and its partitions' plans. */
export interface TopicWork {
  topic: string;
  location: string;
  plans: PartitionPlan[];
}

/** A committed offset's metadata names the topic's location when it is not the topic's own name (topic-locations.ts). */
const commitMetadata = (t: TopicWork): string | null => (t.location === t.topic ? null : t.location);

/** One topic in the run loop: its writers by partition and the partitions the group has given this run. */
interface TopicRun extends TopicWork {
  writers: Map<number, PartitionWriter>;
  assigned: Set<number>;
}

type BatchPayload = Pick<EachBatchPayload, "batch" | "resolveOffset" | "heartbeat" | "isRunning" | "isStale">;

/** A writer with its topic, as the run loop walks them. */
interface TopicWriter {
  t: TopicRun;
  w: PartitionWriter;
}

/**
 * The run loop: one consumer in the backup's group reads every partition of every topic up to its plan, or
 * until the deadline, idleness or memory (`guard`) stops the run. The object budget, the deadline and the memory
 * guard are the run's, across topics. Results by topic.
 */
export async function consume(opts: RunOptions, work: TopicWork[], guard: MemoryGuard): Promise<Map<string, PartitionResult[]>> {
  return new RunLoop(opts, work, guard, await objectFormat(opts.config)).run();
}

/**
 * One run of the loop. Its seams: the consumer and the object budget (constructor), the writers, the group's
 * joins (onJoin), each fetched batch (readBatch, appendRecords), the wait for the end (waitForEnd, with
 * flushForMemory), and the way out (stopReading, close).
 */
class RunLoop {
  private readonly runs: Map<string, TopicRun>;
  private readonly topicNames: string[];
  private readonly consumer: Consumer;
  private readonly budget: ObjectBudget<readonly [string, number]>;
  /** The budget compares keys by identity: one key object per topic-partition. */
  private readonly budgetKeys = new Map<string, readonly [string, number]>();
  private readonly results: Map<string, PartitionResult[]>;
  private readonly idleMs: number;
  private stopping = false;
  /** Fetching is held back for memory: set between batches, cleared by the wait loop (flushForMemory). */
  private holding = false;
  private inFlight = 0;
  private lastActivity = Date.now();
  /**
   * Fetches that returned nothing since the last record: idleness is judged on real polls, so a slow
   * first fetch is never mistaken for having caught up.
   */
  private emptyFetches = 0;
  private joined = false;
  /**
   * The commit of pinned start offsets, made at the first join; object commits wait for it so that
   * a pin can never land after, and so undo, an object's commit.
   */
  private pinned: Promise<void> = Promise.resolve();
  /** One admin client per run, opened the first time a fetch skips ahead. */
  private admin: Promise<Admin> | undefined;

  constructor(
    private readonly opts: RunOptions,
    work: TopicWork[],
    private readonly guard: MemoryGuard,
    format: ObjectFormat,
  ) {
    const { config, kafka } = opts;
    this.idleMs = config.idleMs ?? LIMITS.idleMs.default;
    this.runs = new Map(work.map((t) => [t.topic, { ...t, writers: new Map(), assigned: new Set() }]));
    this.topicNames = [...this.runs.keys()];
    const oneTopic = config.topicPattern === undefined && config.topics.length === 1 && this.runs.size === 1;
    this.consumer = kafka.consumer({
      groupId: config.groupId,
      // Round robin only while a run of an older handler, which knows no slots, is in the group.
      partitionAssigners: [
        // A backup of one named topic claims a list, as handlers before several topics did: one of those, leading
        // the group while a deploy replaces it, then still reads this run's claim.
        slotAssigner(opts.slot ?? SINGLE_INSTANCE, () =>
          oneTopic ? [...[...this.runs.values()][0].assigned] : Object.fromEntries([...this.runs.values()].map((t) => [t.topic, [...t.assigned]])),
        ),
        PartitionAssigners.roundRobin,
      ],
      allowAutoTopicCreation: false,
      readUncommitted: false,
      ...GROUP,
      ...FETCH,
    });
    // Objects open at once are limited across topics; a partition that finds no free slot is paused until one
    // is set aside for it, and resumes there.
    this.budget = new ObjectBudget<readonly [string, number]>(config.maxOpenObjects, ([topic, partition]) => {
      const w = this.runs.get(topic)?.writers.get(partition);
      if (!w || w.done || this.stopping) this.budget.forget(this.budgetKey(topic, partition));
      else if (!this.holding) this.consumer.resume([{ topic, partitions: [partition] }]);
    });
    for (const t of this.runs.values()) this.startWriters(t, format);
    this.results = new Map([...this.runs.values()].map((t) => [t.topic, [...t.writers.values()].map((w) => w.result)]));
  }

  private budgetKey(topic: string, partition: number): readonly [string, number] {
    const id = `${topic}:${partition}`;
    let key = this.budgetKeys.get(id);
    if (!key) this.budgetKeys.set(id, (key = [topic, partition] as const));
    return key;
  }

  private startWriters(t: TopicRun, format: ObjectFormat): void {
    const { topic } = t;
    const context: WriterContext = {
      config: { ...this.opts.config, topic: t.location },
      storage: this.opts.storage,
      budget: {
        acquire: (p) => this.budget.acquire(this.budgetKey(topic, p)),
        release: () => this.budget.release(),
        forget: (p) => this.budget.forget(this.budgetKey(topic, p)),
      },
      format,
      log: this.opts.log,
      commit: async (partition: number, offset: number) => {
        await this.pinned;
        await this.consumer.commitOffsets([{ topic, partition, offset: String(offset), metadata: commitMetadata(t) }]);
      },
      pause: (partition: number) => this.consumer.pause([{ topic, partitions: [partition] }]),
    };
    for (const plan of t.plans) t.writers.set(plan.partition, new PartitionWriter(plan, context));
  }

  private allWriters(): TopicWriter[] {
    return [...this.runs.values()].flatMap((t) => [...t.writers.values()].map((w) => ({ t, w })));
  }

  /** Assignment can change at every await: it is asked each time, not kept. */
  private owned({ t, w }: TopicWriter): boolean {
    return t.assigned.has(w.partition);
  }

  async run(): Promise<Map<string, PartitionResult[]>> {
    // A run with nothing to read still joins when it has a start to pin, or the next run would decide
    // `latest` again, later, and skip what arrived in between.
    if (![...this.runs.values()].some((t) => t.plans.some((p) => p.startOffset < p.endOffset || p.pin))) {
      for (const r of [...this.results.values()].flat()) r.stopReason = "caught-up";
      return this.results;
    }
    const { consumer } = this;
    consumer.on(consumer.events.GROUP_JOIN, (e) => this.onJoin(e));
    consumer.on(consumer.events.FETCH, (e) => {
      if (e.payload.numberOfBatches === 0) this.emptyFetches++;
    });
    // A batch of only aborted records or transaction markers never reaches eachBatch; kafkajs moves
    // past it and says so here (batchSize 0). The wait loop finishes a partition it completes.
    consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
      const w = this.runs.get(e.payload.topic)?.writers.get(e.payload.partition);
      if (w && !w.done && e.payload.batchSize === 0) w.passed(Math.min(Number(e.payload.lastOffset), w.plan.endOffset - 1));
    });
    try {
      await consumer.connect();
      // Starts are pinned (see planRun); the reset policy applies only when retention deletes the
      // fetch position under a run, and then the earliest record left loses the least.
      await consumer.subscribe({ topics: this.topicNames, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.readBatch(payload) });
      await this.stopReading(await this.waitForEnd());
    } finally {
      await this.close();
    }
    return this.results;
  }

  private onJoin(e: ConsumerGroupJoinEvent): void {
    const first = !this.joined;
    this.joined = true;
    this.lastActivity = Date.now();
    const pins: { topic: string; partition: number; offset: string; metadata: string | null }[] = [];
    const unplanned: { topic: string; partitions: number[] }[] = [];
    for (const [topic, partitions] of Object.entries(e.payload.memberAssignment)) {
      const t = this.runs.get(topic);
      // Partitions outside this run's plan come only from round robin (an older handler in the group) or from
      // a topic another run of the tick found and this one did not: not read here.
      const outside = partitions.filter((p) => !t?.writers.has(p));
      if (outside.length) unplanned.push({ topic, partitions: outside });
    }
    for (const t of this.runs.values()) {
      const mine = new Set<number>(e.payload.memberAssignment[t.topic] ?? []);
      if (first) {
        // Emitted after the group sync and before the first fetch, so the seeks apply to it.
        for (const p of t.plans.filter((p) => p.pin && mine.has(p.partition))) {
          this.consumer.seek({ topic: t.topic, partition: p.partition, offset: String(p.startOffset) });
          pins.push({ topic: t.topic, partition: p.partition, offset: String(p.startOffset), metadata: commitMetadata(t) });
        }
      }
      applyAssignment(t.writers.values(), t.assigned, mine, this.stopping);
    }
    if (pins.length) {
      // kafkajs ignores commits until the join has returned, which is after this event: commit next tick.
      this.pinned = new Promise((r) => setImmediate(r))
        .then(() => this.consumer.commitOffsets(pins))
        .catch((err) => this.opts.log.warn("could not pin start offsets; this run still starts there", { error: String((err as Error).message) }));
    }
    if (unplanned.length) this.consumer.pause(unplanned);
  }

  private async readBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: BatchPayload): Promise<void> {
    const w = this.runs.get(batch.topic)?.writers.get(batch.partition);
    if (!w || w.done || this.stopping || this.holding) return;
    if (this.guard.check() === "over") {
      this.holdBack();
      return;
    }
    this.inFlight++;
    const started = Date.now();
    try {
      // kafkajs sets fetchedOffset on every batch (consumer/batch.js); its typings leave it out.
      const fetchedOffset = Number((batch as typeof batch & { fetchedOffset: string }).fetchedOffset);
      if (fetchedOffset > w.nextOffset) w.skippedTo(fetchedOffset, await this.logStartOffset(batch.topic, w.partition));
      if (!(await this.appendRecords(w, { batch, resolveOffset, heartbeat, isRunning, isStale }, started))) return;
      // The batch can end in records kafkajs filtered out; within the plan, they are passed too.
      const last = Number(batch.lastOffset());
      if (last < w.plan.endOffset) {
        w.passed(last);
        resolveOffset(batch.lastOffset());
      }
      if (w.reachedPlan) await beatingWhile(w.finish("caught-up"), heartbeat);
      await heartbeat();
    } catch (err) {
      // An uploaded object whose commit failed here stays uncommitted: whoever owns the partition
      // next starts at its first offset and rewrites it under the same key.
      if (isRebalance(err)) throw err;
      await w.fail(err);
    } finally {
      this.inFlight--;
    }
  }

  /**
   * Hands the batch's records within the plan to the writer, heartbeating from `beat` (when the batch came) on.
   * False when it stopped before the batch's end: the run stops or holds back, the batch went stale, the
   * deadline came, or the writer waits for a slot.
   */
  private async appendRecords(w: PartitionWriter, { batch, resolveOffset, heartbeat, isRunning, isStale }: BatchPayload, beat: number): Promise<boolean> {
    // The fetch position moves once per batch, on every way out of the loop: kafkajs parses
    // and formats an int64 on each resolveOffset.
    let resolved: string | undefined;
    try {
      // Whether the consumer stopped or the batch went stale can change only while this
      // loop waits; asking kafkajs costs a map lookup, so it is asked after each wait.
      let waited = true;
      for (const m of batch.messages) {
        if (this.stopping || this.holding || w.done || (waited && (!isRunning() || isStale()))) return false;
        waited = false;
        const offset = Number(m.offset);
        if (offset >= w.plan.endOffset) break;
        const now = Date.now();
        if (now >= this.opts.deadlineAt) {
          this.stopping = true;
          return false;
        }
        // Uploads within a batch can outlast a session: beat here too, not only between batches.
        if (now - beat >= GROUP.heartbeatInterval) {
          await heartbeat();
          beat = now;
          waited = true;
        }
        let added = offset < w.nextOffset || w.append(m, offset);
        if (added !== true) {
          added = await beatingWhile(added, heartbeat);
          waited = true;
        }
        if (!added) {
          // Waits for a slot (ObjectBudget); fetching resumes at this record.
          w.waitForSlot();
          return false;
        }
        this.emptyFetches = 0;
        // Moves the fetch position only; offsets are committed after uploads, never here.
        resolved = m.offset;
        // The clock is read again only after a wait (an upload or a heartbeat): Date.now() per record shows in profiles.
        this.lastActivity = waited ? Date.now() : now;
      }
    } finally {
      if (resolved !== undefined) resolveOffset(resolved);
    }
    return true;
  }

  /** The partition's log start offset, asked when a fetch skips ahead (retention deleted records under the run). */
  private async logStartOffset(topic: string, partition: number): Promise<number> {
    this.admin ??= (async () => {
      const a = this.opts.kafka.admin();
      await a.connect();
      return a;
    })();
    const offsets = await (await this.admin).fetchTopicOffsets(topic);
    return Number(offsets.find((o) => o.partition === partition)?.low ?? 0);
  }

  /** Stops fetching for memory; the wait loop flushes and decides (flushForMemory). */
  private holdBack(): void {
    this.holding = true;
    // Partition by partition: pausing a whole topic would make kafkajs forget which were paused before.
    this.consumer.pause([...this.runs.values()].map((t) => ({ topic: t.topic, partitions: [...t.writers.keys()] })));
  }

  /** Waits until the run should stop reading; the stop reason of the partitions not at their plan, when it is not the deadline's or idleness'. */
  private async waitForEnd(): Promise<StopReason | undefined> {
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      if (Date.now() >= this.opts.deadlineAt) return undefined;
      if (this.stopping) return undefined;
      if (!this.holding && this.guard.check() === "over") this.holdBack();
      if (this.holding && !(await this.flushForMemory())) return "memory";
      for (const tw of this.allWriters()) {
        if (this.owned(tw) && !tw.w.done && tw.w.reachedPlan) await this.finishOutsideBatch(tw.w, "caught-up");
      }
      if (this.joined && this.allWriters().filter((tw) => this.owned(tw)).every((tw) => tw.w.done)) return undefined;
      if (this.joined && this.emptyFetches >= 2 && Date.now() - this.lastActivity > this.idleMs) return undefined;
    }
  }

  /**
   * Reading stops until every open object is stored and committed, and resumes if that brought the
   * process under its budget; otherwise the run ends, as at its deadline, and the next tick goes on.
   */
  private async flushForMemory(): Promise<boolean> {
    this.guard.held();
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 20));
    for (const tw of this.allWriters()) {
      if (!this.owned(tw) || tw.w.done) continue;
      try {
        await tw.w.flush();
      } catch (err) {
        if (isRebalance(err)) tw.w.revoked();
        else await tw.w.fail(err);
      }
    }
    this.guard.collect();
    for (const end = Date.now() + MEMORY_SETTLE_MS; !this.guard.under; ) {
      if (Date.now() >= end) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    this.holding = false;
    this.lastActivity = Date.now();
    const waiting = new Set(this.budget.waitingPartitions);
    const fetchable = new Map<string, number[]>();
    for (const tw of this.allWriters()) {
      if (!this.owned(tw) || tw.w.done || waiting.has(this.budgetKey(tw.t.topic, tw.w.partition))) continue;
      fetchable.set(tw.t.topic, [...(fetchable.get(tw.t.topic) ?? []), tw.w.partition]);
    }
    if (fetchable.size) this.consumer.resume([...fetchable].map(([topic, partitions]) => ({ topic, partitions })));
    return true;
  }

  /** Stops fetching, waits for the batch in hand, and finishes every partition still open with its stop reason. */
  private async stopReading(stopReason: StopReason | undefined): Promise<void> {
    this.stopping = true;
    this.consumer.pause(this.topicNames.map((topic) => ({ topic })));
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 20));
    for (const tw of this.allWriters()) {
      if (!this.owned(tw) || tw.w.done) continue;
      await this.finishOutsideBatch(tw.w, tw.w.reachedPlan ? "caught-up" : (stopReason ?? (Date.now() >= this.opts.deadlineAt ? "deadline" : "idle")));
    }
  }

  /** finish where no batch is running: a rebalance then means the partition was revoked. */
  private async finishOutsideBatch(w: PartitionWriter, reason: StopReason): Promise<void> {
    try {
      await w.finish(reason);
    } catch (err) {
      if (isRebalance(err)) w.result.stopReason = "revoked";
      else await w.fail(err);
    }
  }

  private async close(): Promise<void> {
    // From here a join (a rejoin completing while the consumer leaves) assigns nothing (applyAssignment).
    this.stopping = true;
    for (const { w } of this.allWriters()) await w.drop();
    await this.pinned;
    await this.consumer.disconnect();
    if (this.admin) await (await this.admin).disconnect();
  }
}
