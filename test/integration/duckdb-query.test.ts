// A real query engine reads a real backup: DuckDB runs the README's SQL over the objects, copied with their
// keys as paths, and gets back every record's bytes, exact timestamps and the hour folders as columns.
import { DuckDBBlobValue, DuckDBInstance, DuckDBListValue, DuckDBStructValue, type DuckDBValue } from "@duckdb/node-api";
import { isUtf8 } from "node:buffer";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Compression } from "../../function/formats/format";
import type { Format } from "../../function/formats/registry";
import { fingerprint } from "../helpers/backup-reader";
import { getBytes, listKeys, testCos } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { edgeRecords, produceWithJava } from "../helpers/java-producer";
import { createTopic, partitionOffsets, produce, recordOfShape, uniqueName, type SentRecord } from "../helpers/kafka";

const SECTION = "## Querying a backup with DuckDB";

/** The ```sql blocks of the README's DuckDB section for objects of `format`: its views, then the queries on either. */
function readmeQueries(format: Format): { views: string[]; queries: string[] } {
  const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
  const start = readme.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const end = readme.indexOf("\n## ", start + 1);
  const blocks = [...readme.slice(start, end < 0 ? undefined : end).matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
  const isView = (q: string) => q.startsWith("CREATE VIEW");
  const forFormat = (q: string) => (format === "parquet" ? q.includes("read_parquet(") : !q.includes("read_parquet("));
  return { views: blocks.filter((q) => isView(q) && forFormat(q)), queries: blocks.filter((q) => !isView(q)) };
}

/** The folder the README documents for a Kafka timestamp: its UTC hour, or none outside years 1970-9999. */
function timeFolder(timestamp: bigint): string {
  if (timestamp < 0n || timestamp > 253_402_300_799_999n) return "none/none";
  const iso = new Date(Number(timestamp)).toISOString();
  return `${iso.slice(0, 10)}/${iso.slice(11, 13)}`;
}

const bytes = (v: DuckDBValue): Buffer | null => (v === null ? null : Buffer.from((v as DuckDBBlobValue).bytes));

describe("DuckDB over a backup", () => {
  // Each backup is two runs: every shape kafkajs sends, then the Java client's edge records; a backup whose runs
  // used two codecs (gzip objects, then zstd ones) is read by the same view.
  it.each<[Format, Compression[]]>([
    ["jsonl", ["gzip"]],
    ["parquet", ["gzip"]],
    ["jsonl", ["gzip", "zstd"]],
    ["parquet", ["zstd"]],
  ])("runs the README's queries over the copied %s objects (%o) and reads every record byte for byte", async (format, codecs) => {
    const topic = uniqueName("duckdb");
    const prefix = `${topic}/`;
    await createTopic(topic, 3);
    // Every shape kafkajs sends, over two hour folders; then, from the Java client, int64 timestamps past 2^53 and
    // outside any date (folder none) and null header values.
    const shapes: SentRecord[] = Array.from({ length: 400 }, (_, i) => ({ ...recordOfShape(i, 3), timestamp: 1_700_000_000_000 + i * 10_000 }));
    const edges = edgeRecords(3);
    const sent = [...shapes.map((r) => ({ ...r, timestamp: String(r.timestamp) })), ...edges.map((r) => ({ ...r, timestamp: r.timestamp! }))];
    const functionName = uniqueName("fn");
    let records = 0;
    for (const [i, compression] of [codecs[0], codecs.at(-1)!].entries()) {
      if (i === 0) await produce(topic, shapes);
      else await produceWithJava(topic, edges);
      const run = await invokeHandler(synthesizedEnvironment({ functionName, topic, deliveryPathPrefix: prefix, format, compression }));
      expect(run.error, run.stderr).toBeUndefined();
      records += run.result!.totals.records;
    }
    expect(records).toBe(sent.length);

    // As `coscli cp cos://<bucket>/<prefix>ckafka-test/<topic>/ orders/ -r` copies them: keys below the topic as paths.
    const download = mkdtempSync(join(tmpdir(), "ckb-duckdb-"));
    const topicPrefix = `${prefix}ckafka-test/${topic}/`;
    const cos = testCos();
    const keys = await listKeys(cos, topicPrefix);
    expect(keys.length).toBeGreaterThan(3);
    if (format === "jsonl") for (const c of codecs) expect(keys.some((k) => k.endsWith(c === "zstd" ? ".jsonl.zst" : ".jsonl.gz")), keys.join(" ")).toBe(true);
    for (const key of keys) {
      const file = join(download, "orders", key.slice(topicPrefix.length));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, await getBytes(cos, key));
    }

    const db = await DuckDBInstance.create(":memory:");
    const sql = await db.connect();
    try {
      // As duckdb started in the download folder: relative paths resolve there.
      await sql.run(`SET file_search_path = '${download}'`);
      const { views, queries } = readmeQueries(format);
      expect(views.length).toBe(format === "parquet" ? 1 : 2);
      expect(queries.length).toBe(3);
      for (const v of views) await sql.run(v);
      const results = [];
      for (const q of queries) results.push((await sql.runAndReadAll(q)).getRowObjectsJS());
      const [perHour, perHeader, texts] = results;

      // Every record, once, at the offsets Kafka gave it, with its exact bytes and timestamp.
      const rows = (await sql.runAndReadAll(`SELECT * FROM messages ORDER BY partition, "offset"`)).getRowObjects();
      expect(rows.length).toBe(sent.length);
      const got = rows.map((r) => ({
        partition: r.partition as number,
        timestamp: String(r.timestamp),
        key: bytes(r.key),
        value: bytes(r.value),
        headers: (r.headers as DuckDBListValue).items.map((h) => {
          const { name, value } = (h as DuckDBStructValue).entries;
          return [name as string, bytes(value)] as [string, Buffer | null];
        }),
      }));
      expect(got.map(fingerprint).sort()).toEqual(sent.map(fingerprint).sort());
      const ends = await partitionOffsets(topic);
      for (const [partition, { high }] of ends) {
        const offsets = rows.filter((r) => r.partition === partition).map((r) => Number(r.offset));
        expect(offsets).toEqual(Array.from({ length: high }, (_, i) => i));
      }
      // The folder columns are the records' hours; dt=none holds the timestamps that are no date.
      for (const r of rows) expect(`${r.dt}/${r.hour}`).toBe(timeFolder(r.timestamp as bigint));
      // `time` is the timestamp as an instant where it has a folder, else null.
      for (const r of rows) expect(r.time === null ? null : (r.time as { micros: bigint }).micros).toBe(r.dt === "none" ? null : (r.timestamp as bigint) * 1000n);

      const hours = new Map<string, { records: number; tombstones: number }>();
      for (const r of sent) {
        const [dt, hour] = timeFolder(BigInt(r.timestamp)).split("/");
        const h = hours.get(`${dt}/${hour}`) ?? { records: 0, tombstones: 0 };
        h.records++;
        if (r.value === null) h.tombstones++;
        hours.set(`${dt}/${hour}`, h);
      }
      expect(hours.size).toBe(4); // two hours of 2023-11-14, 1970-01-01 and none
      const expectedHours = [...hours].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => ({ dt: k.split("/")[0], hour: k.split("/")[1], records: BigInt(v.records), tombstones: BigInt(v.tombstones) }));
      expect(perHour).toEqual(expectedHours);

      const names = new Map<string, number>();
      for (const r of sent) for (const [name] of r.headers) names.set(name, (names.get(name) ?? 0) + 1);
      expect(perHeader).toEqual([...names.keys()].sort().map((header) => ({ header, occurrences: BigInt(names.get(header)!) })));

      // One hour's values as text: UTF-8 ones as they are, others (and tombstones) null.
      const inHour = sent.filter((r) => timeFolder(BigInt(r.timestamp)) === "2023-11-14/22").sort((a, b) => a.partition - b.partition);
      expect(texts.length).toBe(inHour.length);
      expect(texts.map((t) => t.text).sort()).toEqual(inHour.map((r) => (r.value !== null && isUtf8(r.value) ? r.value.toString("utf8") : null)).sort());
    } finally {
      sql.closeSync();
      db.closeSync();
      rmSync(download, { recursive: true, force: true });
    }
  });
});
