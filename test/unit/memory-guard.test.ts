import { describe, expect, it } from "vitest";
import { MEMORY_SHARES, MemoryGuard, processMemoryProbe } from "../../function/memory-guard";
import type { MemoryProbe } from "../../function/contracts";

const MiB = 1024 * 1024;

/** A process whose RSS the test sets, and whose collection frees down to `live`. */
function fakeProbe(start: { rss: number; live: number }): MemoryProbe & { rss: number; live: number; collections: number } {
  const p = {
    ...start,
    collections: 0,
    read: () => ({ rssBytes: p.rss * MiB, heapUsedBytes: (p.rss / 2) * MiB }),
    collect: () => {
      p.collections++;
      p.rss = p.live;
    },
    heapLimitBytes: () => 128 * MiB,
  };
  return p;
}

describe("MemoryGuard", () => {
  it("collects garbage once RSS reaches half the function's memory, and stays under its budget", () => {
    const probe = fakeProbe({ rss: 100, live: 80 });
    const guard = new MemoryGuard(256, probe);
    expect(guard.check()).toBe("ok");
    expect(probe.collections).toBe(0);
    probe.rss = 128; // 0.5 × 256
    expect(guard.check()).toBe("ok");
    expect(probe.collections).toBe(1);
    expect(probe.rss).toBe(80);
  });

  it("after a collection, waits until RSS has grown by a step before the next one (a large live set costs no collection per batch)", () => {
    const probe = fakeProbe({ rss: 150, live: 140 });
    const guard = new MemoryGuard(256, probe);
    expect(guard.check()).toBe("ok");
    expect(probe.collections).toBe(1); // 150 ≥ 128: down to 140
    probe.rss = 140 + MEMORY_SHARES.step * 256 - 1;
    guard.check();
    expect(probe.collections).toBe(1);
    probe.rss = 140 + MEMORY_SHARES.step * 256;
    guard.check();
    expect(probe.collections).toBe(2);
  });

  it("says over when a collection does not bring RSS under three quarters of the budget, and counts the holds", () => {
    const probe = fakeProbe({ rss: 200, live: 195 });
    const guard = new MemoryGuard(256, probe);
    expect(guard.check()).toBe("over"); // 195 ≥ 192
    expect(probe.collections).toBe(1);
    guard.held();
    expect(guard.under).toBe(false);
    probe.rss = 150;
    expect(guard.under).toBe(true);
    expect(guard.report()).toEqual({ budgetMiB: 256, heapLimitMiB: 128, peakRssMiB: 200, peakHeapUsedMiB: 100, collections: 1, throttled: 1 });
  });

  it("collects even past the next step when RSS is over the throttle line, so a collection decides", () => {
    const probe = fakeProbe({ rss: 250, live: 100 });
    const guard = new MemoryGuard(256, probe);
    expect(guard.check()).toBe("ok");
    expect(probe.rss).toBe(100);
  });

  it("without a budget records peaks only: no collection, never over", () => {
    const probe = fakeProbe({ rss: 4000, live: 10 });
    const guard = new MemoryGuard(undefined, probe);
    expect(guard.check()).toBe("ok");
    expect(probe.collections).toBe(0);
    expect(guard.report()).toMatchObject({ budgetMiB: null, peakRssMiB: 4000, collections: 0, throttled: 0 });
  });

  it("reads this process and can collect its garbage (V8's gc taken at run time)", () => {
    const probe = processMemoryProbe();
    expect(probe.read().rssBytes).toBeGreaterThan(10 * MiB);
    expect(probe.heapLimitBytes()).toBeGreaterThan(probe.read().heapUsedBytes);
    let garbage: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `x${i}` }));
    const before = probe.read().heapUsedBytes;
    garbage = undefined;
    probe.collect!();
    expect(garbage).toBeUndefined();
    expect(probe.read().heapUsedBytes).toBeLessThan(before);
  });
});
