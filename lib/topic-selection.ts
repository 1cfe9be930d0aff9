// Which topics a backup selects: one (`topic`), several by name (`topics`) or a pattern (`topicPattern`), and
// what the other parts of the construct make of it (descriptions, the CLI's options, the key space).
import { Token } from "cdktf";
import { checkTopic, checkTopicPattern, checkTopics } from "../function/config";
import { literal } from "./prop-checks";

/** The topic props of CkafkaCosBackupProps. */
export interface TopicProps {
  readonly topic?: string;
  readonly topics?: string[];
  readonly topicPattern?: string;
  readonly topicId?: string;
}

/** One topic, several by name, or a pattern the handler matches against the cluster's topics at every run. */
export type TopicSelection =
  | { readonly kind: "topic"; readonly topics: readonly [string] }
  | { readonly kind: "topics"; readonly topics: readonly string[] }
  | { readonly kind: "pattern"; readonly pattern: string };

/** The selection the props make (validated by topicPropErrors). */
export function topicSelection(props: TopicProps): TopicSelection {
  if (props.topicPattern !== undefined) return { kind: "pattern", pattern: props.topicPattern };
  if (props.topics !== undefined) return { kind: "topics", topics: props.topics };
  return { kind: "topic", topics: [props.topic!] };
}

/** The topic names a selection gives, none for a pattern. */
export const namedTopics = (s: TopicSelection): readonly string[] => (s.kind === "pattern" ? [] : s.topics);

/** The longest pattern: the function's description names it, and SCF takes 1000 characters there. */
const PATTERN_MAX_LENGTH = 500;

/** Names a description lists before "and N more": SCF's description takes 1000 characters, a topic name 249. */
const NAMED_IN_TEXT = 3;

/** "topic orders", "topics orders, billing", "topics matching orders-.*": for descriptions and remarks. */
export function topicsText(s: TopicSelection): string {
  if (s.kind === "pattern") return `topics matching ${s.pattern}`;
  if (s.kind === "topic") return `topic ${s.topics[0]}`;
  const more = s.topics.length - NAMED_IN_TEXT;
  return `topics ${s.topics.slice(0, NAMED_IN_TEXT).join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/** The CLI's options that select the backed-up topics: each --topic, or --all-topics for a pattern. */
export function cliTopicOptions(s: TopicSelection): string {
  return s.kind === "pattern" ? "--all-topics" : s.topics.map((t) => `--topic ${t}`).join(" ");
}

/**
 * Terraform's `regex` is RE2, which lacks some of what Java and JavaScript read alike; the alarms match the
 * pattern with it at plan time (alarms.ts), so these are refused when alarms are on.
 */
const NOT_RE2: readonly { test: RegExp; what: string }[] = [
  { test: /\(\?[=!]/, what: "lookahead ((?=…), (?!…))" },
  { test: /\\[1-9]|\\k</, what: "backreferences (\\1, \\k<name>)" },
  { test: /\(\?<[A-Za-z]/, what: "named groups ((?<name>…))" },
];

/** What Terraform's RE2 cannot read in a pattern checkTopicPattern accepts, or undefined. */
export function re2Problem(pattern: string): string | undefined {
  return NOT_RE2.find((n) => n.test.test(pattern))?.what;
}

/** "prop: why" for each problem with the topic props; `alarms`: the alarms are on. */
export function topicPropErrors(props: TopicProps, alarms: boolean): string[] {
  const given = (["topic", "topics", "topicPattern"] as const).filter((p) => props[p] !== undefined);
  const one = "give one topic with topic, several with topics, or a regular expression matching whole topic names with topicPattern";
  if (given.length === 0) return [`topic: a topic is required: ${one}`];
  if (given.length > 1) return [`${given.join(" and ")}: only one may be given: ${one}`];
  const errors: string[] = [];
  const notString = (v: unknown) => (Array.isArray(v) ? "is an array" : `is ${v === null ? "null" : typeof v}`);
  if (props.topic !== undefined && typeof props.topic !== "string") {
    errors.push(`topic: ${notString(props.topic)}; give one topic name${Array.isArray(props.topic) ? ", or several with topics" : ""}`);
  } else if (props.topic !== undefined && literal(props.topic)) {
    const why = checkTopic(props.topic);
    if (why) errors.push(`topic: ${why}`);
  }
  if (props.topics !== undefined) {
    const topics: unknown = props.topics;
    if (typeof topics === "string" && !Token.isUnresolved(topics)) {
      errors.push(`topics: is one string; pass an array of topic names, e.g. ${JSON.stringify(topics.split(",").map((t) => t.trim()))}, or use topic for one`);
    } else if (Array.isArray(topics) && topics.some((t) => typeof t !== "string")) {
      const i = topics.findIndex((t) => typeof t !== "string");
      errors.push(`topics: item ${i} ${notString(topics[i])} (${JSON.stringify(topics[i])}); give topic names`);
    } else if (!Array.isArray(topics) || Token.isUnresolved(topics) || topics.some((t) => !literal(t))) {
      errors.push("topics: must be a literal array of topic names, not a Terraform reference: the role's policy and the alarms are made per topic at synth");
    } else if (topics.length === 0) {
      errors.push("topics: is empty; give at least one topic name, or a pattern with topicPattern");
    } else {
      const why = checkTopics(topics as string[]);
      if (why) errors.push(`topics: ${why}`);
    }
  }
  if (props.topicPattern !== undefined) {
    const pattern = props.topicPattern;
    if (typeof pattern !== "string") {
      errors.push(`topicPattern: ${notString(pattern)}; give one regular expression as a string (several alternatives: "a|b")`);
    } else if (!literal(pattern)) {
      errors.push("topicPattern: must be a literal value, not a Terraform reference: it is checked at synth and goes into the alarms' topic filter");
    } else if (pattern.length > PATTERN_MAX_LENGTH) {
      errors.push(`topicPattern: is ${pattern.length} characters; at most ${PATTERN_MAX_LENGTH}: the function's description (SCF: at most 1000 characters) names it; list long alternatives with topics instead`);
    } else {
      const why = checkTopicPattern(pattern) ?? (alarms && re2Problem(pattern) ? `"${pattern}" uses ${re2Problem(pattern)}, which Terraform's regex (RE2) lacks, and the alarms select the topics they watch with it at plan time; rewrite the pattern without it, list the topics with topics, or turn the alarms off (alarmsEnabled: false)` : undefined);
      if (why) errors.push(`topicPattern: ${why}`);
    }
  }
  if (props.topicId !== undefined && props.topic === undefined) {
    errors.push(`topicId: binds the alarms of one topic; with ${given[0]} each topic's id is read at plan time (tencentcloud_ckafka_topics): leave topicId unset`);
  }
  return errors;
}
