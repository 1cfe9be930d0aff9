// Terraform itself evaluating what the construct synthesizes: `terraform console` on expressions, with stand-in
// locals (a data source's answer, say). Tests that need it skip, loudly, without a terraform binary on PATH.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Whether `terraform` runs here; without it, warns that `what` is not evaluated. */
export function terraformAvailable(what: string): boolean {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    console.warn(`\n*** ${what} NOT EVALUATED: no terraform binary on PATH ***\n`);
    return false;
  }
}

/** What `terraform console` prints for `input`, in a folder whose main.tf.json defines `locals`. */
export function terraformConsole(input: string, locals: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "terraform-console-"));
  try {
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ locals }));
    return execFileSync("terraform", ["console"], { cwd: dir, input: `${input}\n`, env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" } }).toString().trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
