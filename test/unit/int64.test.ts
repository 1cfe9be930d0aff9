// The one int64 check of record timestamps, which the JSON Lines and Parquet writers and the CLI's export use.
import { describe, expect, it } from "vitest";
import { timestampInt64 } from "../../function/int64";
import { JsonLinesEncoder } from "../../function/formats/jsonl/encoder";
import { parquetRecordBytes } from "../../function/formats/parquet/rows";
import { jsonLine } from "../../function/formats/jsonl/line";

const VALID = ["-1", "0", "1700000000000", "9007199254740993", "9223372036854775807", "-9223372036854775808"];
const INVALID: unknown[] = ["9223372036854775808", "-9223372036854775809", "9999999999999999999", "10000000000000000000", "01", "+1", "1.5", "", " 1", "1e3", 1700000000000, undefined, null];

describe("timestampInt64", () => {
  it("takes every int64 in canonical decimal, as it is", () => {
    for (const t of VALID) expect(timestampInt64(t)).toBe(t);
  });

  it("refuses anything else, naming it, including 19 digits past the int64 range", () => {
    for (const t of INVALID) expect(() => timestampInt64(t), String(t)).toThrow(`timestamp ${JSON.stringify(t)} is not a decimal int64`);
  });

  it("is the check of both writers and of the CLI's JSON line", () => {
    const message = (timestamp: unknown) => ({ offset: "0", timestamp, key: null, value: null, headers: {}, attributes: 0 }) as never;
    const record = (timestamp: string) => ({ partition: 0, offset: 0, timestamp, key: null, value: null, headers: [] });
    for (const t of ["9223372036854775808", "01"]) {
      const said = `timestamp "${t}" is not a decimal int64`;
      expect(() => new JsonLinesEncoder().encode(0, message(t))).toThrow(said);
      expect(() => parquetRecordBytes(message(t))).toThrow(said);
      expect(() => jsonLine(record(t))).toThrow(said);
    }
    for (const t of VALID) {
      expect(() => new JsonLinesEncoder().encode(0, message(t))).not.toThrow();
      expect(() => parquetRecordBytes(message(t))).not.toThrow();
      expect(jsonLine(record(t))).toContain(`"timestamp":${t},`);
    }
  });
});
