// The run loop: a consumer in the backup's group hands each batch to its partition's writer
// (partition-writer.ts) until every partition it owns reaches its plan (run-plan.ts), the deadline
// comes, or nothing moves for a while. It owns the group: the pins at the first join, pauses and
// resumes for the object budget and for memory (memory-guard.ts), rebalances, heartbeats during slow uploads.
import { PartitionAssigners, type Admin, type Consumer } from "kafkajs";
import type { RunOptions } from "./backup-run";
import { SINGLE_INSTANCE } from "./config";
import type { MemoryGuard } from "./memory-guard";
import { ObjectBudget } from "./object-budget";
import { objectFormat } from "./formats/writers";
import { slotAssigner } from "./partition-assigner";
import { PartitionWriter, type PartitionResult, type StopReason, type WriterContext } from "./partition-writer";
import type { PartitionPlan } from "./run-plan";

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

/**
 * The run loop: one consumer in the backup's group reads every partition of every topic up to its plan, or
 * until the deadline, idleness or memory (`guard`) stops the run. The object budget, the deadline and the memory
 * guard are the run's, across topics. Results by topic.
 */
export async function consume(opts: RunOptions, work: TopicWork[], guard: MemoryGuard): Promise<Map<string, PartitionResult[]>> {
  const { config, kafka, log } = opts;
  const idleMs = opts.idleMs ?? 3000;
  const runs = new Map<string, TopicRun>(work.map((t) => [t.topic, { ...t, writers: new Map(), assigned: new Set() }]));
  const topicNames = [...runs.keys()];
  const oneTopic = config.topicPattern === undefined && config.topics.length === 1 && runs.size === 1;
  const consumer: Consumer = kafka.consumer({
    groupId: config.groupId,
    // Round robin only while a run of an older handler, which knows no slots, is in the group.
    partitionAssigners: [
      // A backup of one named topic claims a list, as handlers before several topics did: one of those, leading
      // the group while a deploy replaces it, then still reads this run's claim.
      slotAssigner(opts.slot ?? SINGLE_INSTANCE, () =>
        oneTopic ? [...[...runs.values()][0].assigned] : Object.fromEntries([...runs.values()].map((t) => [t.topic, [...t.assigned]])),
      ),
      PartitionAssigners.roundRobin,
    ],
    allowAutoTopicCreation: false,
    readUncommitted: false,
    ...GROUP,
    ...FETCH,
  });

  let stopping = false;
  // Fetching is held back for memory: set between batches, cleared by the wait loop below.
  let holding = false;
  let inFlight = 0;
  let lastActivity = Date.now();
  // Fetches that returned nothing since the last record: idleness is judged on real polls, so a slow
  // first fetch is never mistaken for having caught up.
  let emptyFetches = 0;
  let joined = false;
  // The commit of pinned start offsets, made at the first join; object commits wait for it so that
  // a pin can never land after, and so undo, an object's commit.
  let pinned: Promise<void> = Promise.resolve();

  // Objects open at once are limited across topics; a partition that finds no free slot is paused until one
  // is set aside for it, and resumes there.
  const budget = new ObjectBudget<readonly [string, number]>(config.maxOpenObjects, ([topic, partition]) => {
    const w = runs.get(topic)?.writers.get(partition);
    if (!w || w.done || stopping) budget.forget(budgetKey(topic, partition));
    else if (!holding) consumer.resume([{ topic, partitions: [partition] }]);
  });
  // The budget compares keys by identity: one key object per topic-partition.
  const keys = new Map<string, readonly [string, number]>();
  const budgetKey = (topic: string, partition: number) => {
    const id = `${topic}:${partition}`;
    let key = keys.get(id);
    if (!key) keys.set(id, (key = [topic, partition] as const));
    return key;
  };
  const format = await objectFormat(config);
  for (const t of runs.values()) {
    const { topic } = t;
    const context: WriterContext = {
      config: { ...config, topic: t.location },
      storage: opts.storage,
      budget: {
        acquire: (p) => budget.acquire(budgetKey(topic, p)),
        release: () => budget.release(),
        forget: (p) => budget.forget(budgetKey(topic, p)),
      },
      format,
      log,
      commit: async (partition: number, offset: number) => {
        await pinned;
        await consumer.commitOffsets([{ topic, partition, offset: String(offset), metadata: commitMetadata(t) }]);
      },
      pause: (partition: number) => consumer.pause([{ topic, partitions: [partition] }]),
    };
    for (const plan of t.plans) t.writers.set(plan.partition, new PartitionWriter(plan, context));
  }
  const allWriters = () => [...runs.values()].flatMap((t) => [...t.writers.values()].map((w) => ({ t, w })));
  /** Stops fetching for memory; the wait loop flushes and decides (flushForMemory). */
  const holdBack = () => {
    holding = true;
    // Partition by partition: pausing a whole topic would make kafkajs forget which were paused before.
    consumer.pause([...runs.values()].map((t) => ({ topic: t.topic, partitions: [...t.writers.keys()] })));
  };
  const results = new Map([...runs.values()].map((t) => [t.topic, [...t.writers.values()].map((w) => w.result)]));

  // A run with nothing to read still joins when it has a start to pin, or the next run would decide
  // `latest` again, later, and skip what arrived in between.
  if (!work.some((t) => t.plans.some((p) => p.startOffset < p.endOffset || p.pin))) {
    for (const r of [...results.values()].flat()) r.stopReason = "caught-up";
    return results;
  }

  /** finish where no batch is running: a rebalance then means the partition was revoked. */
  const finishOutsideBatch = async (w: PartitionWriter, reason: StopReason) => {
    try {
      await w.finish(reason);
    } catch (err) {
      if (isRebalance(err)) w.result.stopReason = "revoked";
      else await w.fail(err);
    }
  };

  // One admin client per run, opened the first time a fetch skips ahead.
  let admin: Promise<Admin> | undefined;
  const logStartOffset = async (topic: string, partition: number): Promise<number> => {
    admin ??= (async () => {
      const a = kafka.admin();
      await a.connect();
      return a;
    })();
    const offsets = await (await admin).fetchTopicOffsets(topic);
    return Number(offsets.find((o) => o.partition === partition)?.low ?? 0);
  };

  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    const first = !joined;
    joined = true;
    lastActivity = Date.now();
    const pins: { topic: string; partition: number; offset: string; metadata: string | null }[] = [];
    const unplanned: { topic: string; partitions: number[] }[] = [];
    for (const [topic, partitions] of Object.entries(e.payload.memberAssignment)) {
      const t = runs.get(topic);
      // Partitions outside this run's plan come only from round robin (an older handler in the group) or from
      // a topic another run of the tick found and this one did not: not read here.
      const outside = partitions.filter((p) => !t?.writers.has(p));
      if (outside.length) unplanned.push({ topic, partitions: outside });
    }
    for (const t of runs.values()) {
      const mine = new Set<number>(e.payload.memberAssignment[t.topic] ?? []);
      if (first) {
        // Emitted after the group sync and before the first fetch, so the seeks apply to it.
        for (const p of t.plans.filter((p) => p.pin && mine.has(p.partition))) {
          consumer.seek({ topic: t.topic, partition: p.partition, offset: String(p.startOffset) });
          pins.push({ topic: t.topic, partition: p.partition, offset: String(p.startOffset), metadata: commitMetadata(t) });
        }
      }
      applyAssignment(t.writers.values(), t.assigned, mine, stopping);
    }
    if (pins.length) {
      // kafkajs ignores commits until the join has returned, which is after this event: commit next tick.
      pinned = new Promise((r) => setImmediate(r))
        .then(() => consumer.commitOffsets(pins))
        .catch((err) => log.warn("could not pin start offsets; this run still starts there", { error: String((err as Error).message) }));
    }
    if (unplanned.length) consumer.pause(unplanned);
  });

  consumer.on(consumer.events.FETCH, (e) => {
    if (e.payload.numberOfBatches === 0) emptyFetches++;
  });

  // A batch of only aborted records or transaction markers never reaches eachBatch; kafkajs moves
  // past it and says so here (batchSize 0). The wait loop below finishes a partition it completes.
  consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
    const w = runs.get(e.payload.topic)?.writers.get(e.payload.partition);
    if (w && !w.done && e.payload.batchSize === 0) w.passed(Math.min(Number(e.payload.lastOffset), w.plan.endOffset - 1));
  });

  try {
    await consumer.connect();
    // Starts are pinned (see planRun); the reset policy applies only when retention deletes the
    // fetch position under a run, and then the earliest record left loses the least.
    await consumer.subscribe({ topics: topicNames, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const w = runs.get(batch.topic)?.writers.get(batch.partition);
        if (!w || w.done || stopping || holding) return;
        if (guard.check() === "over") {
          holdBack();
          return;
        }
        inFlight++;
        let beat = Date.now();
        try {
          // kafkajs sets fetchedOffset on every batch (consumer/batch.js); its typings leave it out.
          const fetchedOffset = Number((batch as typeof batch & { fetchedOffset: string }).fetchedOffset);
          if (fetchedOffset > w.nextOffset) w.skippedTo(fetchedOffset, await logStartOffset(batch.topic, w.partition));
          // The fetch position moves once per batch, on every way out of the loop: kafkajs parses
          // and formats an int64 on each resolveOffset.
          let resolved: string | undefined;
          try {
            // Whether the consumer stopped or the batch went stale can change only while this
            // loop waits; asking kafkajs costs a map lookup, so it is asked after each wait.
            let waited = true;
            for (const m of batch.messages) {
              if (stopping || holding || w.done || (waited && (!isRunning() || isStale()))) return;
              waited = false;
              const offset = Number(m.offset);
              if (offset >= w.plan.endOffset) break;
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
              let added = offset < w.nextOffset || w.append(m, offset);
              if (added !== true) {
                added = await beatingWhile(added, heartbeat);
                waited = true;
              }
              if (!added) {
                // Waits for a slot (ObjectBudget); fetching resumes at this record.
                w.waitForSlot();
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
          inFlight--;
        }
      },
    });

    // Assignment can change at every await: it is asked each time, not kept.
    const owned = ({ t, w }: { t: TopicRun; w: PartitionWriter }) => t.assigned.has(w.partition);
    // Reading stops until every open object is stored and committed, and resumes if that brought the
    // process under its budget; otherwise the run ends, as at its deadline, and the next tick goes on.
    const flushForMemory = async (): Promise<boolean> => {
      guard.held();
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
      for (const tw of allWriters()) {
        if (!owned(tw) || tw.w.done) continue;
        try {
          await tw.w.flush();
        } catch (err) {
          if (isRebalance(err)) tw.w.revoked();
          else await tw.w.fail(err);
        }
      }
      guard.collect();
      for (const end = Date.now() + MEMORY_SETTLE_MS; !guard.under; ) {
        if (Date.now() >= end) return false;
        await new Promise((r) => setTimeout(r, 100));
      }
      holding = false;
      lastActivity = Date.now();
      const waiting = new Set(budget.waitingPartitions);
      const fetchable = new Map<string, number[]>();
      for (const tw of allWriters()) {
        if (!owned(tw) || tw.w.done || waiting.has(budgetKey(tw.t.topic, tw.w.partition))) continue;
        fetchable.set(tw.t.topic, [...(fetchable.get(tw.t.topic) ?? []), tw.w.partition]);
      }
      if (fetchable.size) consumer.resume([...fetchable].map(([topic, partitions]) => ({ topic, partitions })));
      return true;
    };
    let stopReason: StopReason | undefined;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      if (Date.now() >= opts.deadlineAt) break;
      if (stopping) break;
      if (!holding && guard.check() === "over") holdBack();
      if (holding && !(await flushForMemory())) {
        stopReason = "memory";
        break;
      }
      for (const tw of allWriters()) {
        if (owned(tw) && !tw.w.done && tw.w.reachedPlan) await finishOutsideBatch(tw.w, "caught-up");
      }
      if (joined && allWriters().filter(owned).every((tw) => tw.w.done)) break;
      if (joined && emptyFetches >= 2 && Date.now() - lastActivity > idleMs) break;
    }
    stopping = true;
    consumer.pause(topicNames.map((topic) => ({ topic })));
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
    for (const tw of allWriters()) {
      if (!owned(tw) || tw.w.done) continue;
      await finishOutsideBatch(tw.w, tw.w.reachedPlan ? "caught-up" : (stopReason ?? (Date.now() >= opts.deadlineAt ? "deadline" : "idle")));
    }
  } finally {
    // From here a join (a rejoin completing while the consumer leaves) assigns nothing (applyAssignment).
    stopping = true;
    for (const { w } of allWriters()) await w.drop();
    await pinned;
    await consumer.disconnect();
    if (admin) await (await admin).disconnect();
  }
  return results;
}
