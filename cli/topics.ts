// The topics a command works on: one --topic, several (--topic repeated), or --all-topics (every backup location
// under `<prefix><instance>/`). A location is a topic's folder, `<topic>/`, or `<topic>~<n>/` (n ≥ 2), where the
// backup keeps the n-th incarnation of a topic deleted and recreated; `~` is in no Kafka topic name.
import { checkTopic } from "../function/config";
import { parseLocation } from "../function/topic-locations";
import { NothingBackedUp, UsageError } from "./errors";
import type { Progress } from "./progress";

/** `orders~2` → { topic: "orders", incarnation: 2 }; undefined for a plain topic name. */
export function incarnationOf(location: string): { topic: string; incarnation: number } | undefined {
  const l = parseLocation(location);
  return l.incarnation >= 2 ? l : undefined;
}

/** The Kafka topic a location backs up: its own name, or the recreated topic's. */
export const topicOf = (location: string): string => incarnationOf(location)?.topic ?? location;

/** What is wrong with a location given as --topic, or undefined: a topic name, or `<topic>~<n>` with n ≥ 2. */
export function checkLocation(value: string): string | undefined {
  if (!value.includes("~")) return checkTopic(value);
  const i = incarnationOf(value);
  if (!i || checkTopic(i.topic)) {
    return `"${value}" is neither a Kafka topic name (1 to 249 of letters, digits, ".", "_" and "-") nor a recreated topic's backup location, <topic>~<n> with n of 2 or more, e.g. orders~2`;
  }
  return undefined;
}

/**
 * What is wrong with restore's --target-topic-prefix, or undefined: it begins every target's name, so it holds a
 * topic name's characters only, and leaves room for one after it (each full name is checked once the topics are known).
 */
export function checkTopicPrefix(prefix: string): string | undefined {
  if (!/^[A-Za-z0-9._-]{0,248}$/.test(prefix)) return `"${prefix}" cannot begin a Kafka topic name; expected up to 248 of letters, digits, ".", "_" and "-" (with the topic's name after it, at most 249)`;
  return undefined;
}

/** The several-topics flags of history, verify, restore and export. */
export interface TopicFlags {
  topic?: string[];
  allTopics?: boolean;
}

/** The topics asked for: names (one or more, each once), or "all" with --all-topics. Checked before any network call. */
export function topicsWanted(f: TopicFlags): string[] | "all" {
  const topics = f.topic ?? [];
  if (!topics.length && !f.allTopics) throw new UsageError("give --topic <topic> (repeat it for several topics) or --all-topics: the backed-up topics to work on");
  if (topics.length && f.allTopics) throw new UsageError("--topic and --all-topics together: give the topics with --topic, or every topic of the location with --all-topics");
  return f.allTopics ? "all" : onceEach(topics);
}

/** The --topic values, each given once: a topic repeated is refused, naming it. */
export function onceEach(topics: string[]): string[] {
  const twice = topics.find((t, i) => topics.indexOf(t) !== i);
  if (twice !== undefined) throw new UsageError(`--topic: "${twice}" is given twice; give each topic once`);
  return topics;
}

/** Options that name one topic's partitions or offsets: refused with several topics, naming them and what to do. */
export function checkOneTopicOptions(which: string, f: { partition?: number[]; fromOffset?: number; toOffset?: number }): void {
  const own = [f.partition && "--partition", f.fromOffset !== undefined && "--from-offset", f.toOffset !== undefined && "--to-offset"].filter(Boolean);
  if (own.length) throw new UsageError(`${own.join(", ")} with ${which}: partitions and offsets are each topic's own; give that topic alone (one --topic), or select by time (--from-time, --to-time)`);
}

/** The topics to work on, of those backed up at the location: every one for "all"; a topic asked for but not backed up there is refused, naming it. */
export function topicsAt(asked: string[] | "all", backedUp: string[], location: string): string[] {
  const there = backedUp.length ? `backed up there: ${backedUp.map((t) => `"${t}"`).join(", ")}` : "nothing is backed up there";
  if (asked === "all") {
    if (!backedUp.length) throw new NothingBackedUp("topic folder", location, "--bucket, --region, --prefix and --instance");
    return backedUp;
  }
  const missing = asked.filter((t) => !backedUp.includes(t));
  if (missing.length) throw new NothingBackedUp(`backup of topic ${missing.map((t) => `"${t}"`).join(", ")}`, `${location} (${there})`);
  return asked;
}

/** One topic's phases on the command's one progress display, under the topic's name. */
export function topicProgress(progress: Progress, topic: string): Progress {
  return { start: (label, total, unit) => progress.start(`${topic}: ${label}`, total, unit), update: (d, n) => progress.update(d, n), stop: () => progress.stop() };
}

/** An error of one topic's work, naming the topic. */
export function namedError(topic: string, err: unknown): Error {
  return Object.assign(err as Error, { message: `topic "${topic}": ${(err as Error).message}` });
}
