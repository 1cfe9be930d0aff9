// A call that waits for its answer says so on stderr every 5 s until --timeout, so that a user does not look at
// nothing for the whole wait; the result lines (stdout, --json) get none of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { quietProgress } from "../../cli/progress";
import { CREDENTIALS } from "../helpers/cli";
import { muteServer, type MuteServer } from "../helpers/mute-server";

describe("waiting for an endpoint", () => {
  let mute: MuteServer;
  beforeAll(async () => {
    mute = await muteServer();
  });
  afterAll(() => mute.close());

  /** Runs a command that must time out; returns its result lines, its stderr lines and the error. */
  async function timedOut(args: string[]): Promise<{ out: string[]; err: string[]; error: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const error = await main(args, CREDENTIALS, (l) => out.push(l), quietProgress, (l) => err.push(l)).then(
      () => "",
      (e: Error) => e.message,
    );
    return { out, err, error };
  }

  it("history against a silent object store says every 5 s what it waits for, then fails at --timeout", async () => {
    const source = ["--bucket", "backup-1250000000", "--region", "ap-guangzhou", "--instance", "ckafka-abcd1234", "--topic", "orders", "--endpoint", `http://${mute.address}`];
    const r = await timedOut(["history", ...source, "--timeout", "7", "--json"]);
    const endpoint = `COS http://${mute.address}/backup-1250000000`;
    expect(r.error).toBe(`${endpoint} did not answer GetBucket _manifests/ckafka-abcd1234/orders/ within 7 s (--timeout)`);
    expect(r.err).toEqual([expect.stringMatching(new RegExp(`^waiting for ${endpoint.replace(/[.:/]/g, "\\$&")} to answer GetBucket _manifests/ckafka-abcd1234/orders/: [56] s of 7 s \\(--timeout\\)$`))]);
    expect(r.out).toEqual([]);
  });

  it("estimate's connect to a silent broker says so too", async () => {
    const r = await timedOut(["estimate", "--brokers", mute.address, "--topic", "orders", "--timeout", "7"]);
    expect(r.error).toBe(`Kafka ${mute.address} did not answer connect within 7 s (--timeout)`);
    expect(r.err).toEqual([expect.stringMatching(new RegExp(`^waiting for Kafka ${mute.address.replace(/[.:]/g, "\\$&")} to answer connect: [56] s of 7 s \\(--timeout\\)$`))]);
  });
});
