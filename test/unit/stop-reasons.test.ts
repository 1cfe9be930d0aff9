// The one count of stop reasons, which the summary log line and the CLI's history both show.
import { describe, expect, it } from "vitest";
import { countStopReasons } from "../../function/stop-reasons";

describe("countStopReasons", () => {
  it("counts partitions per reason, the reasons in the order they first appear", () => {
    const counts = countStopReasons(["deadline", "caught-up", "deadline", "error", "caught-up", "deadline"].map((stopReason) => ({ stopReason })));
    expect(counts).toEqual({ deadline: 3, "caught-up": 2, error: 1 });
    expect(Object.keys(counts)).toEqual(["deadline", "caught-up", "error"]);
    expect(countStopReasons([])).toEqual({});
  });
});
