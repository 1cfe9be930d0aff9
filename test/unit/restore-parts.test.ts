// The restore's pure parts: the Terraform resource a dry run prints, the shared throttle, the read-back digest, the
// checkpoint file's writes.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CheckpointFile } from "../../cli/checkpoint-file";
import { EMPTY_DIGEST, addHashes, combine, recordHash } from "../../cli/restore-check";
import { terraformTopic } from "../../cli/restore-target";
import { Throttle } from "../../cli/throttle";

describe("terraformTopic", () => {
  it("maps the settings tencentcloud_ckafka_topic has arguments for to the provider's own names, and lists the rest", () => {
    const hcl = terraformTopic("orders.v2", 6, 2, { "cleanup.policy": "compact", "retention.ms": "86400000", "min.insync.replicas": "2", "unclean.leader.election.enable": "false", "compression.type": "lz4" });
    expect(hcl).toBe(
      [
        'resource "tencentcloud_ckafka_topic" "orders_v2" {',
        "  instance_id    = var.ckafka_instance_id",
        '  topic_name     = "orders.v2"',
        "  partition_num  = 6",
        "  replica_num    = 2",
        '  clean_up_policy = "compact"',
        "  sync_replica_min_num = 2",
        "  retention      = 86400000",
        "  unclean_leader_election_enable = false",
        "  # no argument for: compression.type=lz4 (set them in the CKafka console or API)",
        "}",
      ].join("\n"),
    );
  });

  // The real provider's schema lives beside the repository, as for provider-schema-conformance.test.ts.
  const reference = join(resolve(process.env.SHARED_REFERENCE_DIR ?? join(__dirname, "../../../shared/reference")), "tencentcloud-provider-1.83.25.schema.json");
  it.skipIf(!existsSync(reference))("uses only attribute names the real provider schema has", () => {
    const schema = JSON.parse(readFileSync(reference, "utf8")) as {
      provider_schemas: Record<string, { resource_schemas: Record<string, { block: { attributes: Record<string, unknown> } }> }>;
    };
    const attributes = Object.values(schema.provider_schemas)[0].resource_schemas.tencentcloud_ckafka_topic.block.attributes;
    const hcl = terraformTopic("t", 1, 1, { "cleanup.policy": "delete", "retention.ms": "1", "max.message.bytes": "1", "segment.ms": "1", "segment.bytes": "1", "min.insync.replicas": "1", "unclean.leader.election.enable": "true" });
    const used = [...hcl.matchAll(/^ {2}(\w+)\s+=/gm)].map((m) => m[1]);
    expect(used).toHaveLength(11);
    for (const name of used) expect(Object.keys(attributes), name).toContain(name);
  });
});

describe("Throttle", () => {
  it("holds several callers together to the rate", async () => {
    const throttle = new Throttle(200_000);
    const t0 = Date.now();
    await Promise.all([0, 1, 2, 3].map(async () => {
      for (let i = 0; i < 5; i++) await throttle.take(5_000);
    }));
    // 100,000 bytes at 200,000 bytes/s: half a second, paid before sending.
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(490);
    expect(elapsed).toBeLessThan(900);
  });

  it("does not wait without a limit", async () => {
    const t0 = Date.now();
    await new Throttle().take(1e12);
    expect(Date.now() - t0).toBeLessThan(50);
  });
});

describe("read-back digest", () => {
  const h = (n: number, value: string, headers: Array<[string, Buffer | null]> = []) => recordHash(n, "1700000000000", Buffer.from("k"), Buffer.from(value), headers);

  it("differs for a missing, changed or moved record, and combines across sessions", () => {
    const all = addHashes(EMPTY_DIGEST, [h(0, "a"), h(1, "b"), h(2, "c")]);
    expect(addHashes(EMPTY_DIGEST, [h(0, "a"), h(1, "b")]).digest).not.toBe(all.digest);
    expect(addHashes(EMPTY_DIGEST, [h(0, "a"), h(1, "x"), h(2, "c")]).digest).not.toBe(all.digest);
    expect(addHashes(EMPTY_DIGEST, [h(0, "b"), h(1, "a"), h(2, "c")]).digest).not.toBe(all.digest);
    expect(combine(addHashes(EMPTY_DIGEST, [h(0, "a")]), addHashes(EMPTY_DIGEST, [h(1, "b"), h(2, "c")]))).toEqual(all);
  });

  it("keeps each header name's values in order, whatever order the names come in, and tells null from empty", () => {
    const a = h(0, "v", [["x", Buffer.from("1")], ["y", Buffer.from("2")], ["x", Buffer.from("3")]]);
    expect(h(0, "v", [["y", Buffer.from("2")], ["x", Buffer.from("1")], ["x", Buffer.from("3")]])).toEqual(a);
    expect(h(0, "v", [["x", Buffer.from("3")], ["x", Buffer.from("1")], ["y", Buffer.from("2")]])).not.toEqual(a);
    expect(h(0, "v", [["n", null]])).not.toEqual(h(0, "v", [["n", Buffer.alloc(0)]]));
  });
});

describe("read-back digest format", () => {
  it("is sha256 of each field as a 4-byte big-endian length (-1 for null) and its bytes: checkpoints written by earlier versions resume", () => {
    const field = (b: Buffer | null) => {
      const len = Buffer.alloc(4);
      len.writeInt32BE(b === null ? -1 : b.length);
      return b === null ? [len] : [len, b];
    };
    const headers: Array<[string, Buffer | null]> = [["z", Buffer.from("1")], ["名", null], ["a", Buffer.alloc(0)], ["z", Buffer.from("2")]];
    const sortedHeaders = [headers[2], headers[0], headers[3], headers[1]]; // by name ("a" < "z" < "名"), each name's values in order
    const expected = createHash("sha256")
      .update(Buffer.concat([...field(Buffer.from("7|-1")), ...field(null), ...field(Buffer.from("v")), ...sortedHeaders.flatMap(([n, v]) => [...field(Buffer.from(n)), ...field(v)])]))
      .digest();
    expect(recordHash(7, "-1", null, Buffer.from("v"), headers)).toEqual(expected);
  });
});

describe("CheckpointFile", () => {
  it("shares one write among the saves asked for while one is under way, each resolving with its state on disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ckb-checkpoint-"));
    const state = { n: 0 };
    const file = new CheckpointFile(join(dir, "c.json"), () => JSON.stringify(state));
    const seen: number[] = [];
    const ask = async () => {
      const mine = ++state.n;
      await file.save();
      seen.push(JSON.parse(readFileSync(join(dir, "c.json"), "utf8")).n >= mine ? mine : -mine);
    };
    // Asked at once: one write.
    await Promise.all([ask(), ask(), ask(), ask()]);
    expect(file.writes).toBe(1);
    // Asked while a write is under way: the next write covers them all.
    const first = ask();
    await Promise.resolve();
    await Promise.resolve();
    await Promise.all([first, ask(), ask()]);
    expect(file.writes).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    state.n = 99;
    file.saveNow();
    expect(JSON.parse(readFileSync(join(dir, "c.json"), "utf8"))).toEqual({ n: 99 });
    expect(existsSync(join(dir, "c.json.tmp"))).toBe(false);
  });
});
