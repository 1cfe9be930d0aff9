import { describe, expect, it } from "vitest";
import { decodeRecord, encodeRecord, type KafkaRecord } from "../../function/record-format";
import { objectKey, startsNewObject, timeFolder } from "../../function/partitioner";

describe("record format", () => {
  it("keeps text readable, flags non-UTF-8 as base64, keeps tombstones null, and round-trips bytes", () => {
    const r: KafkaRecord = {
      partition: 3,
      offset: 42,
      timestamp: 1_700_000_000_123,
      key: Buffer.from([0xc3, 0x28]),
      value: null,
      headers: [["h", Buffer.from("ü")], ["h", Buffer.from([0xff])], ["n", null]],
    };
    const line = encodeRecord(r);
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(line)).toEqual({
      partition: 3,
      offset: 42,
      timestamp: 1_700_000_000_123,
      key: "wyg=",
      keyEncoding: "base64",
      value: null,
      headers: [{ name: "h", value: "ü" }, { name: "h", value: "/w==", encoding: "base64" }, { name: "n", value: null }],
    });
    expect(decodeRecord(line)).toEqual(r);
  });
});

describe("partitioner", () => {
  const parts = { prefix: "p/", instanceId: "ckafka-1", topic: "orders", compression: "gzip" as const };
  it("keys objects by UTC hour folder and zero-padded first offset", () => {
    expect(objectKey(parts, 2, 1234, Date.UTC(2024, 0, 31, 23, 59))).toBe("p/ckafka-1/orders/dt=2024-01-31/hour=23/orders+2+00000000000000001234.jsonl.gz");
    expect(objectKey({ ...parts, prefix: "", compression: "none" }, 0, 0, 0)).toBe("ckafka-1/orders/dt=1970-01-01/hour=00/orders+0+00000000000000000000.jsonl");
  });
  it("cuts at the size cap and at hour boundaries, never leaving an object empty", () => {
    const t = Date.UTC(2024, 0, 1, 10, 30);
    expect(startsNewObject(undefined, { timestampMs: t, encodedBytes: 10 }, 100)).toBe(true);
    expect(startsNewObject({ firstTimestampMs: t, encodedBytes: 90 }, { timestampMs: t, encodedBytes: 10 }, 100)).toBe(false);
    expect(startsNewObject({ firstTimestampMs: t, encodedBytes: 91 }, { timestampMs: t, encodedBytes: 10 }, 100)).toBe(true);
    expect(startsNewObject({ firstTimestampMs: t, encodedBytes: 1 }, { timestampMs: t + 3_600_000, encodedBytes: 1 }, 100)).toBe(true);
    expect(timeFolder(t)).toBe("dt=2024-01-01/hour=10");
  });
});
