// Retention headroom against the real broker: the topic's retention.ms, records not backed up yet, and the
// value the run reports in its manifest and its summary log line.
import { describe, expect, it } from "vitest";
import { runBackup } from "../../function/backup-run";
import { ENV, fromEnvironment } from "../../function/config";
import { CosStorage } from "../../function/cos-storage";
import { cosEndpoint, getBytes, testCos } from "../helpers/cos";
import { invokeHandler, synthesizedEnvironment } from "../helpers/handler";
import { createTopic, produce, testKafka, uniqueName, type SentRecord } from "../helpers/kafka";

const MIN = 60_000;
const HOUR = 60 * MIN;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Records written `minutesAgo` before now, on the given partitions. */
function aged(spec: Array<[partition: number, minutesAgo: number]>): SentRecord[] {
  const now = Date.now();
  return spec.map(([partition, ago], i) => ({ partition, key: null, value: Buffer.from(`r${i}`), headers: [], timestamp: now - ago * MIN }));
}

describe("retention headroom", () => {
  it("the manifest reports the time until retention deletes the oldest record not backed up, and nothing once all is backed up", async () => {
    const topic = uniqueName("headroom");
    await createTopic(topic, 2, { "retention.ms": String(HOUR) });
    await produce(topic, aged([[0, 50], [0, 40], [1, 30]]));
    const config = fromEnvironment(synthesizedEnvironment({ functionName: uniqueName("fn"), topic, deliveryPathPrefix: `${topic}/` }));
    const storage = new CosStorage({ ...config, cosEndpoint: cosEndpoint() }, { secretId: "test-id", secretKey: "test-key" });

    // A run whose deadline has passed reads nothing: all three records wait, the oldest 50 minutes old.
    const [behind] = (await runBackup({ config, kafka: testKafka(), storage, runId: "behind", deadlineAt: Date.now() - 1, log: quiet })).manifests;
    expect(behind.totals.records).toBe(0);
    expect(behind.retention).toMatchObject({ retentionMs: HOUR, lagRecords: 3, partition: 0 });
    expect(behind.retention.headroomMs).toBeGreaterThan(9 * MIN);
    expect(behind.retention.headroomMs).toBeLessThanOrEqual(10 * MIN);
    const stored = JSON.parse((await getBytes(testCos(), behind.manifestKey)).toString("utf8"));
    expect(stored.retention).toEqual(behind.retention);

    const [done] = (await runBackup({ config, kafka: testKafka(), storage, runId: "done", deadlineAt: Date.now() + 60_000, log: quiet })).manifests;
    expect(done.totals.records).toBe(3);
    expect(done.retention).toEqual({ headroomMs: null, retentionMs: HOUR, lagRecords: 0 });
  });

  it("the summary log line carries the headroom, and the run fails when it is below the alarm threshold", async () => {
    const topic = uniqueName("headroom-alarm");
    await createTopic(topic, 1, { "retention.ms": String(HOUR) });
    await produce(topic, aged([[0, 45], [0, 5]]));
    // The store is unreachable, so nothing is backed up; the alarm threshold is 20 minutes.
    const env = synthesizedEnvironment(
      { functionName: uniqueName("fn"), topic },
      { [ENV.cosEndpoint]: "http://127.0.0.1:1", [ENV.retentionHeadroomAlarmMs]: String(20 * MIN) },
    );
    const r = await invokeHandler(env);
    const summary = r.stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === "backup run");
    expect(summary).toMatchObject({ topic, ok: false, storedBytes: 0, lagRecords: 2, retentionMs: HOUR, stopReasons: { error: 1 }, gapCount: 0 });
    expect(summary.retentionHeadroomMs).toBeGreaterThan(14 * MIN);
    expect(summary.retentionHeadroomMs).toBeLessThanOrEqual(15 * MIN);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/retention may delete records not backed up yet \(partition 0\) in 1[45] min, less than the alarm threshold of 20 min; 2 records are waiting/);
  });
});
