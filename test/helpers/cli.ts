// The CLI run in-process as the bin runs it: its exit status and the lines it prints, or, for a command line that
// must fail, the exit status and first line of what the bin prints.
import { expect } from "vitest";
import { exitStatus, main } from "../../cli/main";
import { quietProgress } from "../../cli/progress";

/** COS keys in SCF's spelling, which every version of the CLI reads; the test object server takes any. */
export const CREDENTIALS = { TENCENTCLOUD_SECRETID: "test-id", TENCENTCLOUD_SECRETKEY: "test-key" };

/** Runs a command line; resolves to its exit status and every line it printed, or rejects with what it threw. */
export async function cli(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(args, CREDENTIALS, (l) => lines.push(...l.split("\n")), quietProgress);
  return { code, lines };
}

/** What the bin prints for a command line (status 0 and no message when it succeeds). */
export const refusal = (...args: string[]) => cli(...args).then(() => ({ status: 0, message: "" }), exitStatus);

/** The exit status and first line of what the bin prints for `args`, which must fail. */
export async function refused(args: string[], env: NodeJS.ProcessEnv = CREDENTIALS): Promise<{ status: number; message: string }> {
  const err = await main(args, env, () => undefined, quietProgress).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, args.join(" ")).toBeDefined();
  const { status, message } = exitStatus(err);
  return { status, message: message.split("\n")[0] };
}
