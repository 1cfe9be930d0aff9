import { logLevel } from "kafkajs";
import { describe, expect, it } from "vitest";
import { isRejoinNotice, kafkaLogger } from "../../function/kafka-log";
import type { Logger } from "../../function/contracts";

function capture(): Logger & { lines: Array<[string, string, object | undefined]> } {
  const lines: Array<[string, string, object | undefined]> = [];
  return {
    lines,
    info: (msg, fields) => lines.push(["info", msg, fields]),
    warn: (msg, fields) => lines.push(["warn", msg, fields]),
    error: (msg, fields) => lines.push(["error", msg, fields]),
  };
}

describe("kafkajs's log in the handler's", () => {
  it("tells a group's ordinary rejoins (kafkajs's own words) from failures", () => {
    expect(isRejoinNotice("Response Heartbeat(key: 12, version: 3)", "The group is rebalancing, so a rejoin is needed")).toBe(true);
    expect(isRejoinNotice("The group is rebalancing, re-joining", "The group is rebalancing, so a rejoin is needed")).toBe(true);
    expect(isRejoinNotice("Response FindCoordinator(key: 10, version: 2)", "The group coordinator is not available")).toBe(true);
    expect(isRejoinNotice("Response OffsetCommit(key: 8, version: 5)", "This is not the correct coordinator for this group")).toBe(true);
    expect(isRejoinNotice("The coordinator is not aware of this member, re-joining the group", "The coordinator is not aware of this member")).toBe(true);
    expect(isRejoinNotice("Response SyncGroup(key: 14, version: 3)", "Specified group generation id is not valid")).toBe(true);
    expect(isRejoinNotice("Response Fetch(key: 1, version: 11)", "Not authorized to access topics: [Topic authorization failed]")).toBe(false);
    expect(isRejoinNotice("Connection error: connect ECONNREFUSED 127.0.0.1:9092", undefined)).toBe(false);
  });

  it("logs rejoins at info level and counts them; other errors stay errors, warnings warnings", () => {
    const log = capture();
    const { logCreator, rejoinNotices } = kafkaLogger(log);
    const write = logCreator(logLevel.WARN);
    const entry = (message: string, error?: string) => ({ namespace: "Connection", label: "ERROR", log: { timestamp: "", logger: "kafkajs", message, error } });
    write({ ...entry("Response Heartbeat(key: 12, version: 3)", "The group is rebalancing, so a rejoin is needed"), level: logLevel.ERROR });
    write({ ...entry("The group is rebalancing, re-joining", "The group is rebalancing, so a rejoin is needed"), namespace: "Runner", level: logLevel.WARN });
    write({ ...entry("Response Fetch(key: 1, version: 11)", "Topic authorization failed"), level: logLevel.ERROR });
    write({ ...entry("Connection timeout"), level: logLevel.WARN });
    write({ ...entry("Request Fetch"), level: logLevel.DEBUG });
    expect(log.lines.map(([level, msg]) => `${level} ${msg}`)).toEqual([
      "info kafkajs Connection: Response Heartbeat(key: 12, version: 3)",
      "info kafkajs Runner: The group is rebalancing, re-joining",
      "error kafkajs Connection: Response Fetch(key: 1, version: 11)",
      "warn kafkajs Connection: Connection timeout",
    ]);
    expect(log.lines[0][2]).toMatchObject({ rejoin: true, kafkajs: { error: "The group is rebalancing, so a rejoin is needed" } });
    expect(rejoinNotices()).toBe(2);
  });
});
