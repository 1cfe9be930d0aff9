// zstd objects end to end: the bundled handler writes them (`.jsonl.zst`, and zstd pages in Parquet objects) against
// the real broker and object server, and the CLI verifies, restores and exports them, alone and mixed with gzip ones.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decompress } from "fzstd";
import { parquetMetadata } from "hyparquet";
import { describe, expect, it } from "vitest";
import { fingerprint } from "../helpers/backup-reader";
import { TEST_BUCKET, TEST_REGION, cosEndpoint, getBytes, listKeys, testCos } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment, type TestProps } from "../helpers/handler";
import { brokers, consumeAll, createTopic, produce, recordOfShape, uniqueName } from "../helpers/kafka";
import { cli } from "../helpers/cli";

const work = mkdtempSync(join(tmpdir(), "ckb-zstd-test-"));

const source = (topic: string, prefix: string) => ["--bucket", TEST_BUCKET, "--region", TEST_REGION, "--endpoint", cosEndpoint(), "--instance", "ckafka-test", "--topic", topic, "--prefix", prefix];

/** Runs the bundled handler once over `topic` into `prefix` with `props`. */
async function backup(topic: string, prefix: string, props: Partial<TestProps>, functionName = uniqueName("fn")): Promise<void> {
  const run = await invokeHandler(synthesizedEnvironment({ functionName, topic, deliveryPathPrefix: prefix, partitionMaxBytes: 1024 * 1024, ...props }));
  expect(run.ok, run.stderr).toBe(true);
}

/** The CLI's export of a whole backup (every partition's lines, in partition and offset order). */
async function exported(topic: string, prefix: string): Promise<Buffer> {
  const out = join(work, `${uniqueName("export")}.jsonl`);
  const r = await cli("export", ...source(topic, prefix), "--out", out);
  expect(r.code, r.lines.join("\n")).toBe(0);
  return readFileSync(out);
}

async function restoredMatches(topic: string, prefix: string, partitions: number, sent: Parameters<typeof fingerprint>[0][]): Promise<void> {
  const target = uniqueName("restored");
  await createTopic(target, partitions);
  const r = await cli("restore", ...source(topic, prefix), "--brokers", brokers().join(","), "--target-topic", target, "--checkpoint", join(work, `${uniqueName("cp")}.json`));
  expect(r.lines.at(-1)).toBe(`${sent.length} records restored into ${target}`);
  expect((await consumeAll(target)).map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
}

const pageCodecs = (stored: Buffer) =>
  new Set(parquetMetadata(stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.length) as ArrayBuffer).row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)));

describe("zstd backups", () => {
  it("a .jsonl.zst backup of every record shape verifies as sound, restores byte for byte and exports the lines a gzip backup holds", async () => {
    const topic = uniqueName("zstd");
    const prefix = `${topic}/`;
    await createTopic(topic, 3);
    // A value over 1 MiB every 1,000 records, and a 1 MiB cap: each partition has several objects.
    const sent = Array.from({ length: 6_000 }, (_, i) => recordOfShape(i, 3, 1_000));
    await produce(topic, sent);
    await backup(topic, prefix, { compression: "zstd", compressionLevel: 3 });

    const keys = await listKeys(testCos(), `${prefix}ckafka-test/`);
    const objects = keys.filter((k) => !k.includes("/_manifests/"));
    expect(objects.length).toBeGreaterThan(3);
    expect(objects.every((k) => k.endsWith(".jsonl.zst")), objects.join(" ")).toBe(true);
    // Objects of several chunks are several zstd frames, read as one stream by any zstd reader.
    const largest = (await Promise.all(objects.map((k) => getBytes(testCos(), k)))).sort((a, b) => b.length - a.length)[0];
    expect(decompress(largest).length).toBeGreaterThan(256 * 1024);

    const verified = await cli("verify", ...source(topic, prefix));
    expect(verified.lines.at(-1)).toBe("backup is sound");
    expect(verified.code).toBe(0);
    expect(verified.lines.filter((l) => l.startsWith("partition ")).map((l) => /(\d+) records/.exec(l)![1]).map(Number)).toEqual([2000, 2000, 2000]);
    await restoredMatches(topic, prefix, 3, sent);

    // The same topic backed up with gzip by another function: the same lines, byte for byte.
    const gzipPrefix = `${topic}-gzip/`;
    await backup(topic, gzipPrefix, {});
    expect((await listKeys(testCos(), `${gzipPrefix}ckafka-test/`)).filter((k) => !k.includes("/_manifests/")).every((k) => k.endsWith(".jsonl.gz"))).toBe(true);
    expect((await exported(topic, prefix)).equals(await exported(topic, gzipPrefix))).toBe(true);
  });

  it("a backup that went from gzip to zstd objects, then to Parquet with zstd pages, verifies, restores and exports as one", async () => {
    const topic = uniqueName("zstd-mixed");
    const prefix = `${topic}/`;
    await createTopic(topic, 2);
    const sent = Array.from({ length: 3_000 }, (_, i) => recordOfShape(i, 2, 1_000));
    const functionName = uniqueName("fn"); // one function, so one consumer group, changing its settings
    const steps: Partial<TestProps>[] = [{}, { compression: "zstd" }, { format: "parquet", compression: "zstd", compressionLevel: 5 }];
    for (const [i, props] of steps.entries()) {
      await produce(topic, sent.slice(i * 1_000, (i + 1) * 1_000));
      await backup(topic, prefix, props, functionName);
    }
    const keys = (await listKeys(testCos(), `${prefix}ckafka-test/`)).filter((k) => !k.includes("/_manifests/"));
    for (const p of [0, 1]) {
      const own = keys.filter((k) => k.includes(`/${topic}+${p}+`));
      for (const ext of [".jsonl.gz", ".jsonl.zst", ".parquet"]) expect(own.some((k) => k.endsWith(ext)), own.join(" ")).toBe(true);
    }
    for (const k of keys.filter((k) => k.endsWith(".parquet"))) expect([...pageCodecs(await getBytes(testCos(), k))]).toEqual(["ZSTD"]);

    const verified = await cli("verify", ...source(topic, prefix));
    expect(verified.lines.slice(-2)).toEqual([`${keys.length} object(s) checked against 3 manifest(s) (size and sha256)`, "backup is sound"]);
    expect(verified.lines.filter((l) => l.startsWith("partition ")).map((l) => /(\d+) records/.exec(l)![1]).map(Number)).toEqual([1500, 1500]);
    await restoredMatches(topic, prefix, 2, sent);
    const gzipPrefix = `${topic}-gzip/`;
    await backup(topic, gzipPrefix, {});
    expect((await exported(topic, prefix)).equals(await exported(topic, gzipPrefix))).toBe(true);
  });
});
