// A call that waits for its answer says so on stderr every 5 s until --timeout, so that a user does not look at
// nothing for the whole wait; the result lines (stdout, --json) get none of it.
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { quietProgress } from "../../cli/progress";
import { CREDENTIALS } from "../helpers/cli";

describe("waiting for an endpoint", () => {
  let mute: Server;
  const held: Socket[] = [];
  let address: string;
  beforeAll(async () => {
    // Accepts connections and never answers: an object store or a broker that is silent.
    mute = createServer((socket) => held.push(socket));
    await new Promise<void>((r) => mute.listen(0, "127.0.0.1", r));
    address = `127.0.0.1:${(mute.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise<void>((r) => mute.close(() => r()));
  });

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
    const source = ["--bucket", "backup-1250000000", "--region", "ap-guangzhou", "--instance", "ckafka-abcd1234", "--topic", "orders", "--endpoint", `http://${address}`];
    const r = await timedOut(["history", ...source, "--timeout", "7", "--json"]);
    const endpoint = `COS http://${address}/backup-1250000000`;
    expect(r.error).toBe(`${endpoint} did not answer GetBucket _manifests/ckafka-abcd1234/orders/ within 7 s (--timeout)`);
    expect(r.err).toEqual([expect.stringMatching(new RegExp(`^waiting for ${endpoint.replace(/[.:/]/g, "\\$&")} to answer GetBucket _manifests/ckafka-abcd1234/orders/: [56] s of 7 s \\(--timeout\\)$`))]);
    expect(r.out).toEqual([]);
  });

  it("estimate's connect to a silent broker says so too", async () => {
    const r = await timedOut(["estimate", "--brokers", address, "--topic", "orders", "--timeout", "7"]);
    expect(r.error).toBe(`Kafka ${address} did not answer connect within 7 s (--timeout)`);
    expect(r.err).toEqual([expect.stringMatching(new RegExp(`^waiting for Kafka ${address.replace(/[.:]/g, "\\$&")} to answer connect: [56] s of 7 s \\(--timeout\\)$`))]);
  });
});
