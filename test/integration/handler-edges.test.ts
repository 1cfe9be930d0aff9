// Records and runs at the edges: any int64 timestamp, from a producer other than kafkajs; the run after a crash.
import { describe, expect, it } from "vitest";
import { ENV } from "../../function/config";
import { parseObjectKey } from "../../function/object-keys";
import { readBackup } from "../helpers/backup-reader";
import { getBytes, testCos } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { produceWithJava, type JavaRecord } from "../helpers/java-producer";
import { committedOffsets, createTopic, groupJoined, partitionOffsets, produce, uniqueName } from "../helpers/kafka";

const NONE = "dt=none/hour=none";

/** Timestamps as Kafka's int64 digits, and the folder the README documents for each. */
const TIMESTAMPS: Array<[string, string]> = [
  ["1700000000000", "dt=2023-11-14/hour=22"], // milliseconds: the normal case
  ["1700000000000123456", NONE], // nanoseconds (a producer bug): past year 9999 as milliseconds
  ["1700000000001", "dt=2023-11-14/hour=22"],
  ["1700000000000123", NONE], // microseconds: year 55,800 as milliseconds
  ["-1", NONE], // "no timestamp"
  ["9007199254740993", NONE], // 2^53 + 1: a JavaScript number cannot hold it
  ["9223372036854775807", NONE], // the largest int64
  ["253402300799999", "dt=9999-12-31/hour=23"], // the last millisecond of year 9999
  ["253402300800000", NONE],
  ["0", "dt=1970-01-01/hour=00"],
];

describe("handler edges", () => {
  it("backs up records with any int64 timestamp exactly, each in its documented folder, and commits to the end", async () => {
    const topic = uniqueName("timestamps");
    const prefix = `${topic}/`;
    await createTopic(topic, 2);
    const sent: JavaRecord[] = [];
    for (const partition of [0, 1]) {
      // Partition 1 starts at -1: its batch stores every other timestamp as a delta from -1, which
      // wraps around for the int64 maximum (kafkajs decodes it past the int64 range).
      const noneFirst = TIMESTAMPS.findIndex(([t]) => t === "-1");
      const order = partition ? [...TIMESTAMPS.slice(noneFirst), ...TIMESTAMPS.slice(0, noneFirst)] : TIMESTAMPS;
      for (const [i, [timestamp]] of order.entries()) {
        sent.push({
          partition,
          key: Buffer.from(`k${partition}-${i}`),
          value: i % 3 === 0 ? null : Buffer.from([0xff, i, 0x00]),
          // Null header values (legal in Kafka; kafkajs cannot send them), a repeated name, an empty value.
          headers: i % 2 === 0 ? [["nullh", null], ["nullh", Buffer.alloc(0)], ["b", Buffer.from("x")]] : [],
          timestamp,
        });
      }
    }
    const acked = await produceWithJava(topic, sent);
    expect(acked.map((a) => a.timestamp)).toEqual(sent.map((s) => s.timestamp)); // the broker kept them as sent
    // The Java client refuses negative timestamps other than -1; kafkajs sends them as given.
    await produce(topic, [{ partition: 1, key: null, value: Buffer.from("before 1970"), headers: [], timestamp: -3_600_000 }]);
    const folderOf = new Map([...TIMESTAMPS, ["-3600000", NONE]]);
    const expected = [
      ...sent.map((s, i) => ({ ...s, offset: acked[i].offset, timestamp: s.timestamp! })),
      { partition: 1, offset: TIMESTAMPS.length, key: null, value: Buffer.from("before 1970"), headers: [], timestamp: "-3600000" },
    ];

    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, compression: "none" });
    const r = await invokeHandler(env);
    expect(r.error, r.stderr).toBeUndefined();

    const objects = await readBackup(testCos(), prefix);
    const hex = (b: Buffer | null) => (b === null ? null : b.toString("hex"));
    const got = objects.flatMap((o) => o.records.map((x) => ({ ...x, key: hex(x.key), value: hex(x.value), headers: x.headers.map(([n, v]) => [n, hex(v)]) })));
    const want = expected.map((x) => ({ ...x, key: hex(x.key), value: hex(x.value), headers: x.headers.map(([n, v]) => [n, hex(v)]) }));
    const order = (a: { partition: number; offset: number }, b: { partition: number; offset: number }) => a.partition - b.partition || a.offset - b.offset;
    expect(got.sort(order)).toEqual(want.sort(order));
    for (const o of objects) {
      // Every record sits in the folder its timestamp gives, and verify and restore see the object.
      const parsed = parseObjectKey({ prefix, instanceId: env[ENV.instanceId], topic }, o.key);
      expect(parsed, o.key).toBeDefined();
      for (const x of o.records) expect(`${parsed!.timeFolder} ${x.timestamp}`).toBe(`${folderOf.get(x.timestamp)} ${x.timestamp}`);
      // The line holds the exact digits as a JSON number, whatever reads it.
      const text = (await getBytes(testCos(), o.key)).toString("utf8");
      for (const x of o.records) expect(text).toContain(`"offset":${x.offset},"timestamp":${x.timestamp},`);
    }
    expect(objects.some((o) => o.key.includes(`/${NONE}/`))).toBe(true);
    const ends = await partitionOffsets(topic);
    const committed = await committedOffsets(env[ENV.groupId], topic);
    expect([...committed].sort()).toEqual([...ends].map(([p, { high }]) => [p, high]).sort());
  });

  it("the run after a SIGKILLed one does not wait out the dead member's 30 s session, and every partition is assigned", async () => {
    const topic = uniqueName("recover");
    const prefix = `${topic}/`;
    await createTopic(topic, 3);
    await produce(
      topic,
      Array.from({ length: 12_000 }, (_, i) => ({ partition: i % 3, key: null, value: Buffer.from(`${i}`.padEnd(1_000, "v")), headers: [], timestamp: 1_700_000_000_000 + i })),
      2_000,
    );
    const env = synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: prefix, compression: "none" });
    // Killed once it is a member of the group holding its partitions: it cannot leave the group.
    const killed = await invokeHandler(env, { killOn: groupJoined(env[ENV.groupId]) });
    expect(killed.killed).toBe(true);
    const next = await invokeHandler(env);
    expect(next.error, next.stderr).toBeUndefined();
    expect(next.result!.partitions.map((p) => p.stopReason)).toEqual(["caught-up", "caught-up", "caught-up"]);
    // With a 30 s session the join alone took 27–58 s; the session is now 6 s, and reading the rest takes seconds.
    expect(next.elapsedMs).toBeLessThan(20_000);
    const ends = await partitionOffsets(topic);
    const committed = await committedOffsets(env[ENV.groupId], topic);
    expect([...committed].sort()).toEqual([...ends].map(([p, { high }]) => [p, high]).sort());
  });
});
