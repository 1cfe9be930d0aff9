// kafkajs's warnings and errors in the handler's log. kafkajs logs a group's ordinary rejoins at error
// level: a member's heartbeat or commit answered "the group is rebalancing" when another instance of the
// tick joins or leaves, a coordinator that moved or is still loading, a member the coordinator dropped
// after a killed run. They are expected and kafkajs rejoins by itself, so they are logged at info level
// and counted in the run's summary (`rejoinNotices`): error lines stay worth an alarm.
import { logLevel, type logCreator } from "kafkajs";
import type { Logger } from "./contracts";

/** kafkajs's messages (protocol/error.js) for the errors that only mean: rejoin the group. */
const REJOIN_MESSAGES = [
  "The group is rebalancing",
  "Specified group generation id is not valid",
  "The coordinator is not aware of this member",
  "This is not the correct coordinator for this group",
  "The group coordinator is not available",
  "The coordinator is loading",
];

/** Whether a kafkajs log entry (its message, or the error it carries) is a group's ordinary rejoin. */
export function isRejoinNotice(message: string, error: unknown): boolean {
  const text = `${message} ${typeof error === "string" ? error : ((error as Error | undefined)?.message ?? "")}`;
  return REJOIN_MESSAGES.some((m) => text.includes(m));
}

/** A kafkajs log creator writing to `log`, and the count of rejoin notices it has seen. */
export function kafkaLogger(log: Logger): { logCreator: logCreator; rejoinNotices: () => number } {
  let rejoins = 0;
  const logCreator: logCreator = () => ({ namespace, level, log: entry }) => {
    if (level > logLevel.WARN) return;
    const { message, ...rest } = entry;
    const line = `kafkajs ${namespace}: ${message}`;
    if (isRejoinNotice(message, rest.error)) {
      rejoins++;
      log.info(line, { kafkajs: rest, rejoin: true });
    } else (level === logLevel.ERROR ? log.error : log.warn)(line, { kafkajs: rest });
  };
  return { logCreator, rejoinNotices: () => rejoins };
}
