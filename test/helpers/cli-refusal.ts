// A CLI command line that must fail: its exit status and the first line it prints, as the bin would.
import { expect } from "vitest";
import { exitStatus, main } from "../../cli/main";
import { quietProgress } from "../../cli/progress";

/** COS keys in SCF's spelling, which every version of the CLI reads (none is ever used: the calls fail first). */
export const CREDENTIALS = { TENCENTCLOUD_SECRETID: "id", TENCENTCLOUD_SECRETKEY: "key" };

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
