// Several topics of one backup location restored by one command: each into a topic of its own name (or the name
// with a prefix), on another cluster by the cluster-id rule of restore-target.ts. The topics share one throttle, one
// pool of `concurrency` producers (partitions sending at once across all topics) and one progress display.
//
// The preflights run one topic after another; each topic then waits at a gate, which opens only once every topic's
// preflight passed: a topic that fails its preflight (or has no backup at the location) stops the command before
// anything is written to any topic. Each topic keeps its own checkpoint file, so `resume` continues each where it
// stopped (a topic that had sent nothing has none, and starts from the beginning).
import type { Kafka } from "kafkajs";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkTopic } from "../function/config";
import type { BackupSource } from "./backup-source";
import { kafkaCall } from "./calls";
import { UsageError } from "./errors";
import { ProducerPool } from "./producer-pool";
import { quietProgress } from "./progress";
import { DEFAULT_CONCURRENCY, RestoreStopped, checkGroupsPlaceable, restoreBackup, type RestoreOptions, type RestoreReport, type SharedRestore } from "./restore";
import { Throttle } from "./throttle";
import { incarnationOf, namedError, topicProgress, topicsAt } from "./topics";

export interface TopicsRestoreOptions extends Omit<RestoreOptions, "targetTopic" | "checkpointPath" | "shared"> {
  /** The backed-up topics to restore, or "all" of those under `prefix/instance/`. */
  topics: string[] | "all";
  /** Each target is the topic's own name after this prefix. @default "" (the topic's own name) */
  targetTopicPrefix?: string;
  /** Where each topic's checkpoint file, restore-<topic>-to-<target>.checkpoint.json, is kept. @default the working directory */
  checkpointDir?: string;
}

export interface TopicRestore extends RestoreReport {
  topic: string;
  targetTopic: string;
  checkpoint: string;
}

export interface TopicsRestoreReport {
  dryRun: boolean;
  records: number;
  bytes: number;
  objects: number;
  /** Each topic's own report, in the order restored. */
  topics: TopicRestore[];
  /** Seconds from the first send to the last (every topic's), when something was sent. */
  sendSeconds?: number;
  /** Whether every topic read back as sent; absent without the read-back. */
  checkOk?: boolean;
}

/** The checkpoint file of one topic's restore (also the single-topic restore's default). */
export const checkpointName = (topic: string, target: string) => `restore-${topic}-to-${target}.checkpoint.json`;

/**
 * Each target topic's name: the topic's own name after the prefix; a recreated topic's location `<topic>~<n>`, whose
 * name is no topic name, goes to `<prefix><topic>-<n>` and needs a prefix. Refused up front when a name is not one
 * Kafka allows, or when two locations would go to one topic.
 */
export function targetsOf(topics: string[], prefix?: string): string[] {
  const targets = topics.map((t) => {
    const i = incarnationOf(t);
    if (i && prefix === undefined) {
      throw new UsageError(`topic location "${t}" holds incarnation ${i.incarnation} of topic "${i.topic}" (deleted and recreated), and "${t}" is not a Kafka topic name: give --target-topic-prefix (it is restored into <prefix>${i.topic}-${i.incarnation}), or restore it alone with --target-topic <topic>`);
    }
    const target = i ? `${prefix}${i.topic}-${i.incarnation}` : `${prefix ?? ""}${t}`;
    const problem = checkTopic(target);
    if (problem) throw new UsageError(`--target-topic-prefix: "${prefix}" before "${t}" makes no topic name: ${problem}`);
    return target;
  });
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  if (twice !== undefined) {
    throw new UsageError(`topic locations ${topics.filter((_, i) => targets[i] === twice).map((t) => `"${t}"`).join(" and ")} would both be restored into "${twice}": restore one of them alone with --target-topic`);
  }
  return targets;
}

/** The groups asked for that no topic records: refused before anything is written, naming what is recorded. */
function checkGroupsRecorded(asked: RestoreOptions["consumerGroups"], plans: Array<{ groups: string[]; recorded: string[] }>): void {
  if (asked === undefined) return;
  const positioned = new Set(plans.flatMap((p) => p.groups));
  const recorded = [...new Set(plans.flatMap((p) => p.recorded))].sort();
  const missing = asked === "all" ? [] : asked.filter((g) => !positioned.has(g));
  if (missing.length || positioned.size === 0) {
    const what = missing.length ? `${missing.map((g) => `"${g}"`).join(", ")} ${missing.length === 1 ? "is" : "are"} recorded by no topic's backup` : "no topic's backup records a consumer group";
    throw new UsageError(`--consumer-groups: ${what}; the backups record ${recorded.map((g) => `"${g}"`).join(", ") || "no group"}; give "all" or some of those. Nothing was written`);
  }
}

export async function restoreTopics(location: BackupSource, sourceOf: (topic: string) => BackupSource, kafka: Kafka | undefined, brokers: string, options: TopicsRestoreOptions): Promise<TopicsRestoreReport> {
  checkGroupsPlaceable(options);
  const { timeoutMs = 30_000, progress = quietProgress } = options;
  const topics = topicsAt(options.topics, await location.topics(), location.instanceLocation);
  const targets = targetsOf(topics, options.targetTopicPrefix);
  const checkpoints = topics.map((t, i) => join(options.checkpointDir ?? ".", checkpointName(t, targets[i])));
  if (options.resume && !options.dryRun && !checkpoints.some((c) => existsSync(c))) {
    throw new UsageError(`--resume: there is no checkpoint ${checkpoints.join(", ")} to resume from; run the command from the folder of the stopped restore (or give its --checkpoint-dir), or drop --resume to start one`);
  }
  const scan = options.dryRun || options.scan !== false;
  const call = <T>(what: string, promise: Promise<T>) => kafkaCall(timeoutMs, brokers, what, promise);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const pool = new ProducerPool(kafka!, concurrency, call);
  const throttle = new Throttle(options.maxBytesPerSecond);
  const state = { stopped: false, units: 0, records: 0, totalRecords: 0, started: 0, lastSent: 0 };
  const progressed = (units: number, records: number) => {
    state.units += units;
    state.records += records;
    state.lastSent = Date.now();
    const mibps = state.units / 1048576 / Math.max(0.001, (Date.now() - state.started) / 1000);
    progress.update(state.units, scan ? `${state.records}/${state.totalRecords} records, ${mibps.toFixed(1)} MiB/s` : `${state.records} records`);
  };

  // The gate every topic waits at once its preflight passed.
  let open!: () => void;
  let shut!: (err: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    open = resolve;
    shut = reject;
  });
  gate.catch(() => undefined);
  const plans: Array<Parameters<SharedRestore["ready"]>[0]> = [];
  const runs: Array<Promise<RestoreReport>> = [];
  const named = (i: number, err: unknown) => namedError(topics[i], err);
  for (let i = 0; i < topics.length; i++) {
    let passed!: () => void;
    const preflight = new Promise<void>((resolve) => (passed = resolve));
    const shared: SharedRestore = {
      ready: async (plan) => {
        plans[i] = plan;
        passed();
        await gate;
      },
      throttle,
      pool,
      sending: () => {
        state.started ||= Date.now();
      },
      progressed,
      get stopped() {
        return state.stopped;
      },
      set stopped(v) {
        state.stopped = v;
      },
    };
    // Each topic's preflight phases under its own name on the one display.
    const labelled = topicProgress(progress, topics[i]);
    const run = restoreBackup(sourceOf(topics[i]), kafka, brokers, {
      ...options,
      targetTopic: targets[i],
      checkpointPath: checkpoints[i],
      // A topic that had sent nothing when the restore stopped has no checkpoint: it starts from the beginning.
      resume: options.resume && existsSync(checkpoints[i]),
      progress: labelled,
      shared,
    });
    runs.push(run);
    run.catch(() => undefined);
    const failed = await Promise.race([preflight.then(() => undefined), run.then(() => undefined, (err: unknown) => err ?? new Error("failed"))]);
    if (failed) {
      shut(new Error("not started: another topic failed its preflight"));
      await Promise.allSettled(runs);
      throw named(i, Object.assign(failed as Error, { message: `${(failed as Error).message}\nnothing was written to any of the ${topics.length} topics` }));
    }
  }
  try {
    checkGroupsRecorded(options.consumerGroups, plans);
  } catch (err) {
    shut(err as Error);
    await Promise.allSettled(runs);
    throw err;
  }

  let results: Array<PromiseSettledResult<RestoreReport>>;
  try {
    if (!options.dryRun) {
      await pool.connect();
      state.totalRecords = plans.reduce((n, p) => n + p.records, 0);
      progress.start(`restoring ${topics.length} topics`, plans.reduce((n, p) => n + p.units, 0), scan ? "record bytes" : "bytes of objects");
    }
    open();
    results = await Promise.allSettled(runs);
  } finally {
    if (!options.dryRun) {
      progress.stop();
      await pool.disconnect();
    }
  }

  const failures = results.map((r, i) => [r, i] as const).filter((x): x is readonly [PromiseRejectedResult, number] => x[0].status === "rejected");
  if (failures.length) {
    // The first failure is the cause; the topics that only stopped for it say what they wrote, as the others do.
    const [cause] = failures.find(([r]) => !/stopped: another partition failed/.test((r.reason as Error)?.message)) ?? failures[0];
    const lines = results.map((r, i) => (r.status === "fulfilled" ? `topic "${topics[i]}": restored (${r.value.records} records)` : `topic "${topics[i]}": ${(r.reason as Error).message}`));
    const stopped = failures.some(([r]) => r.reason instanceof RestoreStopped);
    const err = stopped && !(cause.reason instanceof RestoreStopped) ? new RestoreStopped("") : (cause.reason as Error);
    err.message = `${lines.join("\n")}\nrun the same command with --resume to continue every topic from its checkpoint (a topic without one starts from the beginning)`;
    throw err;
  }
  const reports = results.map((r, i) => ({ topic: topics[i], targetTopic: targets[i], checkpoint: checkpoints[i], ...(r as PromiseFulfilledResult<RestoreReport>).value }));
  const sum = (f: (r: RestoreReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const checked = reports.filter((r) => r.check);
  return {
    dryRun: options.dryRun ?? false,
    records: sum((r) => r.records),
    bytes: sum((r) => r.bytes),
    objects: sum((r) => r.objects),
    topics: reports,
    sendSeconds: state.started && state.lastSent ? (state.lastSent - state.started) / 1000 : undefined,
    checkOk: checked.length ? checked.every((r) => r.check!.ok) : undefined,
  };
}
