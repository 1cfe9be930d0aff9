// The one start-offset rule against the real broker: with a timestamp start position and no committed offset,
// the run's plan and the retention headroom both start at the first record written at or after that time.
import { describe, expect, it } from "vitest";
import { SINGLE_INSTANCE, fromEnvironment } from "../../function/config";
import { measureRetentionHeadroom } from "../../function/retention-headroom";
import { planRun, type PartitionPlan } from "../../function/run-plan";
import { synthesizedEnvironment } from "../helpers/handler";
import { createTopic, produce, testKafka, uniqueName, type SentRecord } from "../helpers/kafka";

const MIN = 60_000;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe("start offset", () => {
  it("a timestamp start without a commit: the plan starts at the first record at that time, and the headroom counts from there", async () => {
    const topic = uniqueName("startat");
    await createTopic(topic, 1, { "retention.ms": String(60 * MIN) });
    const now = Date.now();
    const records: SentRecord[] = [50, 40, 30, 20].map((ago, i) => ({ partition: 0, key: null, value: Buffer.from(`r${i}`), headers: [], timestamp: now - ago * MIN }));
    await produce(topic, records);
    const env = fromEnvironment(synthesizedEnvironment({ functionName: uniqueName("fn"), topic }));
    const config = { ...env, startPosition: { timestampMs: now - 35 * MIN }, topic };

    const plan = ((await planRun(testKafka(), config, [topic], quiet, SINGLE_INSTANCE)).get(topic) as { plans: PartitionPlan[] }).plans[0];
    expect(plan).toMatchObject({ startOffset: 2, endOffset: 4, committedOffset: null });
    // Nothing committed (planning alone pins nothing): the headroom's first record not backed up is the plan's.
    const headroom = await measureRetentionHeadroom(testKafka(), config, quiet, SINGLE_INSTANCE, now);
    expect(headroom).toMatchObject({ retentionMs: 60 * MIN, lagRecords: 2, partition: 0 });
    expect(headroom.headroomMs).toBeGreaterThan(29 * MIN);
    expect(headroom.headroomMs).toBeLessThanOrEqual(30 * MIN);
  });
});
