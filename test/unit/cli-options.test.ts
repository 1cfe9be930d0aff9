// The CLI's option checks, with no service: bad options exit 2 with one line naming the option and what is allowed,
// before any network call (the endpoint given refuses connections: a call made first would fail with exit 3).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { refused } from "../helpers/cli";
import { credentialsOf, exitStatus, main } from "../../cli/main";
import { UsageError } from "../../cli/errors";
import { quietProgress } from "../../cli/progress";

const work = mkdtempSync(join(tmpdir(), "ckb-cli-options-"));
const source = (endpoint = "http://127.0.0.1:1") => ["--bucket", "backup-1250000000", "--region", "ap-guangzhou", "--instance", "ckafka-abcd1234", "--topic", "orders", "--endpoint", endpoint];


async function helpOf(command: string): Promise<string> {
  const lines: string[] = [];
  expect(await main([command, "--help"], {}, (l) => lines.push(l), quietProgress)).toBe(0);
  return lines.join("\n");
}

describe("option checks", () => {
  it("refuses each bad option with exit 2 and a line naming it, before any network call", async () => {
    const existing = join(work, "exists.jsonl");
    writeFileSync(existing, "");
    const cases: Array<[string[], string]> = [
      [["export", ...source(), "--out", existing], `--out: ${existing} exists; give a path that does not, so nothing is overwritten`],
      [["restore", ...source(), "--dry-run", "--target-topic", "t2", "--repartition", "--consumer-groups", "all"], "--consumer-groups cannot be combined with --repartition: a group's position is per partition, and --repartition moves records between partitions"],
      [["restore", ...source(), "--dry-run", "--target-topic", "t2", "--consumer-groups", "a,,b"], '--consumer-groups: "a,,b" holds an empty name; give all, or group names separated by commas'],
      [["restore", ...source(), "--dry-run", "--target-topic", "t2", "--concurrency", "0"], '--concurrency: "0" is not a whole number above 0'],
      [["restore", ...source(), "--brokers", "127.0.0.1:1", "--target-topic", "t2", "--resume", "--checkpoint", join(work, "none.json")], `--resume: there is no checkpoint ${join(work, "none.json")} to resume from; give the --checkpoint of the stopped restore, or drop --resume to start one`],
      [["verify", ...source(), "--timeout", "0"], '--timeout: "0" is not a whole number of seconds above 0'],
      // Only the modelled codecs are offered, and the figures are cited where a package user finds them (its README).
      [["estimate", "--brokers", "127.0.0.1:1", "--topic", "t", "--compression", "lz4"], '--compression: "lz4" is not priced; expected one of gzip, zstd (the cost model has measured gzip 6, gzip 1, zstd 1, zstd 3; README "Sizing and cost: `estimate`")'],
      [["estimate", "--brokers", "127.0.0.1:1", "--topic", "t", "--compression", "none"], '--compression: "none" is not priced; expected one of gzip, zstd (the cost model has measured gzip 6, gzip 1, zstd 1, zstd 3; README "Sizing and cost: `estimate`")'],
      [["estimate", "--brokers", "127.0.0.1:1", "--topic", "t", "--compression", "zstd", "--compression-level", "20"], "--compression-level: 20 must be a whole number from 1 to 19 (zstd levels)"],
      [["estimate", "--brokers", "127.0.0.1:1", "--topic", "t", "--compression-level", "x"], '--compression-level: "x" is not a whole number'],
      [
        ["estimate", "--brokers", "127.0.0.1:1", "--topic", "t", "--compression", "zstd", "--compression-level", "9"],
        '--compression zstd --compression-level 9: the cost model has no measured CPU figure for zstd 9; it has gzip 6, gzip 1, zstd 1, zstd 3 (README "Sizing and cost: `estimate`")',
      ],
      [["verify", ...source("ftp://127.0.0.1:21")], '--endpoint: "ftp://127.0.0.1:21" uses ftp; only http and https URLs are allowed, e.g. http://127.0.0.1:9000'],
      [["verify", ...source("notaurl")], '--endpoint: "notaurl" is not a URL; give an http or https URL, e.g. http://127.0.0.1:9000'],
      [["restore", ...source(), "--target-topic", "t2"], "--brokers is required unless --dry-run"],
      [["export", ...source(), "--out", join(work, "a.jsonl"), "--from-offset", "10", "--to-offset", "5"], "--from-offset 10 is not below --to-offset 5: the range is [from, to), to excluded; give a --to-offset above --from-offset"],
      [
        ["restore", ...source(), "--dry-run", "--target-topic", "t2", "--from-time", "2026-11-25T10:00:00Z", "--to-time", "2026-11-25"],
        "--from-time 2026-11-25T10:00:00.000Z is not before --to-time 2026-11-25T00:00:00.000Z: the range is [from, to), to excluded; give a --to-time after --from-time",
      ],
    ];
    for (const [args, message] of cases) expect(await refused(args), args.join(" ")).toEqual({ status: 2, message: `error: ${message}` });
  });

  it("refuses a checkpoint file that is not a restore checkpoint, naming the file", async () => {
    for (const [name, text] of [["empty-object.json", "{}"], ["not-json.json", "orders\n"]]) {
      const file = join(work, name);
      writeFileSync(file, text);
      expect(await refused(["restore", ...source(), "--brokers", "127.0.0.1:1", "--target-topic", "t2", "--resume", "--checkpoint", file])).toEqual({
        status: 2,
        message: `error: --checkpoint: ${file} is not a restore checkpoint (one holds the source, target topic, selection and offsets restored); give the checkpoint file of the stopped restore`,
      });
    }
  });

  it("takes COS keys by the Tencent Cloud provider's names first, or SCF's, and names the missing one", async () => {
    expect(credentialsOf({ TENCENTCLOUD_SECRET_ID: "a", TENCENTCLOUD_SECRET_KEY: "b", TENCENTCLOUD_SECURITY_TOKEN: "t", TENCENTCLOUD_SECRETID: "x", TENCENTCLOUD_SECRETKEY: "y" })).toEqual({ secretId: "a", secretKey: "b", sessionToken: "t" });
    expect(credentialsOf({ TENCENTCLOUD_SECRETID: "x", TENCENTCLOUD_SECRETKEY: "y", TENCENTCLOUD_SESSIONTOKEN: "s" })).toEqual({ secretId: "x", secretKey: "y", sessionToken: "s" });
    expect(await refused(["verify", ...source()], { TENCENTCLOUD_SECRET_ID: "a" })).toEqual({ status: 2, message: "error: TENCENTCLOUD_SECRET_KEY (or TENCENTCLOUD_SECRETKEY) must be set: keys that may read the bucket" });
    expect((await refused(["verify", ...source()], {})).message).toBe("error: TENCENTCLOUD_SECRET_ID (or TENCENTCLOUD_SECRETID) and TENCENTCLOUD_SECRET_KEY (or TENCENTCLOUD_SECRETKEY) must be set: keys that may read the bucket");
  });

  it("each command's help lists the options and environment it uses", async () => {
    for (const command of ["history", "export"]) {
      const help = await helpOf(command);
      expect(help, command).not.toMatch(/--verbose|KAFKA_SASL_PASSWORD/);
      expect(help, command).toContain("TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY");
      expect(help, command).toContain("or TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY");
    }
    for (const command of ["verify", "restore"]) {
      const help = await helpOf(command);
      expect(help, command).toContain("--verbose");
      expect(help, command).toContain("KAFKA_SASL_PASSWORD");
    }
  });

  it("estimate's help has its own exit statuses and no COS keys: it reads no backup, has no --all-topics, and prices gzip or zstd", async () => {
    const help = await helpOf("estimate");
    expect(help).toContain("0  done: every topic measured and priced");
    expect(help).toContain("with several topics, the first that fails stops the command");
    expect(help).toContain("KAFKA_SASL_PASSWORD");
    expect(help).not.toMatch(/TENCENTCLOUD|verify|history|--all-topics|restore stopped|each is one construct/);
    expect(help).toMatch(/--compression <codec> +the construct's compression for JSON Lines\s+objects: gzip or zstd/);
    expect(help.replace(/\s+/g, " ")).toContain("--one-function with several --topic: also size and price one construct backing them all up (props topics:");
  });

  it("the README's pasteable commands run in an app: the bin through npx, the cdktf CLI installed or with --yes", () => {
    const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
    const shLines = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split("\n"));
    // A bare bin name is "command not found" in an app: npx, or npm run -s cli in this repository.
    expect(shLines.filter((l) => /^ckafka-cos-backup /.test(l))).toEqual([]);
    expect(shLines.filter((l) => l.startsWith("npx ckafka-cos-backup ")).length).toBeGreaterThan(5);
    // npx without --yes cancels a package it would have to install when there is no terminal to ask.
    expect(readme).toContain("`npm install -D cdktf-cli@0.21.0`, then run `npx cdktf synth`");
    expect(readme).not.toMatch(/`npx cdktf-cli@[\d.]+ synth`(?! asks)/);
  });

  it("an error is one line, without a stack; option errors begin with error: as the others", () => {
    expect(exitStatus(new Error("COS x: GetBucket p/ failed after 1 attempt(s): 403 AccessDenied"))).toEqual({ message: "error: COS x: GetBucket p/ failed after 1 attempt(s): 403 AccessDenied", status: 3 });
    expect(exitStatus(new UsageError('--timeout: "0" is not a whole number of seconds above 0'))).toEqual({ message: 'error: --timeout: "0" is not a whole number of seconds above 0\n(add --help for usage)', status: 2 });
  });

  it("each command's help marks the options it requires", async () => {
    const optionLine = (help: string, option: string) => help.replace(/\n {20,}/g, " ").split("\n").find((l) => l.trimStart().startsWith(option)) ?? "";
    for (const command of ["history", "verify", "restore", "export"]) {
      const help = await helpOf(command);
      for (const option of ["--bucket", "--region", "--instance"]) expect(optionLine(help, option), `${command} ${option}`).toMatch(/ \(required\)$/);
      expect(optionLine(help, "--prefix"), command).not.toContain("(required)");
    }
    expect(optionLine(await helpOf("export"), "--out")).toMatch(/ \(required\)$/);
    expect(optionLine(await helpOf("estimate"), "--brokers")).toMatch(/ \(required\)$/);
  });

  it("estimate words a refused broker as restore and verify do", async () => {
    const { status, message } = await refused(["estimate", "--brokers", "127.0.0.1:1", "--topic", "t", "--timeout", "5", "--window", "1"]);
    expect(status).toBe(3);
    expect(message).toMatch(/^error: Kafka 127\.0\.0\.1:1: connect failed: .*ECONNREFUSED/);
  });

  it("an endpoint that answers 200 with something other than a bucket listing is named as not an object store", async () => {
    const web = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html><body>hello</body></html>"));
    await new Promise<void>((r) => web.listen(0, "127.0.0.1", r));
    const endpoint = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
    try {
      expect(await refused(["history", ...source(endpoint), "--timeout", "5"])).toEqual({
        status: 3,
        message: `error: COS ${endpoint}/backup-1250000000: GetBucket _manifests/ckafka-abcd1234/orders/: the endpoint did not answer like an object store (a 200 without a bucket listing): check --endpoint`,
      });
    } finally {
      await new Promise<void>((r) => web.close(() => r()));
    }
  });
});
