// The handler's own bound on its memory, whatever V8 was told. Node.js 18 (SCF's Nodejs18.15) sizes its
// heap from the machine, not from the function's memory, and collects late: on small records its heap
// fills with garbage until the function's memory is gone and SCF kills the run. The construct sets
// --max-old-space-size through NODE_OPTIONS, but whether SCF's launcher honours NODE_OPTIONS is unverified,
// so the run loop also asks this guard, between batches, whether to collect garbage now or hold back:
// stop fetching, flush and commit the open objects, and end the run (stop reason `memory`) if that did
// not bring the process back under its budget. Nothing read is lost or written twice: holding back is
// what a deadline does, earlier.
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { MemoryProbe, MemoryReading, MemoryReport } from "./contracts";

/** Shares of the function's memory, measured as the process's RSS (what the function's limit counts). */
export const MEMORY_SHARES = {
  /** At this RSS the guard collects garbage, then again each time RSS has grown by `step` since the last collection. */
  collect: 0.5,
  step: 0.15,
  /**
   * At this RSS after a collection, the run holds back: fetching pauses and the open objects are flushed.
   * The rest is headroom for what arrives between two readings (a fetch is at most 2 MiB, an object's
   * part 5 MiB) and for memory freed but not yet returned to the system.
   */
  throttle: 0.75,
} as const;

const MiB = 1024 * 1024;

export class MemoryGuard {
  private peakRss = 0;
  private peakHeap = 0;
  private collections = 0;
  private throttles = 0;
  private nextCollectAt: number;
  private readonly throttleAt: number;

  constructor(
    /** The function's memory in MiB; undefined: the guard only records peaks. */
    readonly budgetMiB: number | undefined,
    private readonly probe: MemoryProbe = processMemoryProbe(),
  ) {
    const budget = (budgetMiB ?? Infinity) * MiB;
    this.nextCollectAt = MEMORY_SHARES.collect * budget;
    this.throttleAt = MEMORY_SHARES.throttle * budget;
  }

  /**
   * Reads the memory, collects garbage when it has grown enough, and says whether the run must hold back:
   * `over` when the process is above the throttle line even after a collection.
   */
  check(): "ok" | "over" {
    let r = this.read();
    if (r.rssBytes >= this.nextCollectAt || r.rssBytes >= this.throttleAt) r = this.collect();
    return r.rssBytes >= this.throttleAt ? "over" : "ok";
  }

  /** Collects garbage now (if the probe can) and reads the memory after it. */
  collect(): MemoryReading {
    if (this.probe.collect) {
      this.probe.collect();
      this.collections++;
    }
    const r = this.read();
    const budget = (this.budgetMiB ?? Infinity) * MiB;
    this.nextCollectAt = Math.max(MEMORY_SHARES.collect * budget, r.rssBytes + MEMORY_SHARES.step * budget);
    return r;
  }

  /** Whether the process is back under the throttle line (read only, nothing collected). */
  get under(): boolean {
    return this.read().rssBytes < this.throttleAt;
  }

  /** The run holds back once more. */
  held(): void {
    this.throttles++;
  }

  report(): MemoryReport {
    this.read();
    const mib = (b: number) => Math.round(b / MiB);
    return {
      budgetMiB: this.budgetMiB ?? null,
      heapLimitMiB: mib(this.probe.heapLimitBytes()),
      peakRssMiB: mib(this.peakRss),
      peakHeapUsedMiB: mib(this.peakHeap),
      collections: this.collections,
      throttled: this.throttles,
    };
  }

  private read(): MemoryReading {
    const r = this.probe.read();
    this.peakRss = Math.max(this.peakRss, r.rssBytes);
    this.peakHeap = Math.max(this.peakHeap, r.heapUsedBytes);
    return r;
  }
}

let gc: (() => void) | undefined;

/**
 * How far V8 lets its old generation grow past what survived the last full collection before the next one
 * (V8's --heap-growing-percent: a factor of 1 + this / 100). V8 picks the factor from the heap's limit, and
 * under the --max-old-space-size the construct sets (half the function's memory) it grew by little: on Node.js
 * 18.15 the run loop reading 200,000 records did 48 full collections, one every few MiB of kafkajs's decoded
 * records, where raw kafkajs consumption with V8's default limit did 2; that was about a third of the handler's
 * CPU (bench/README.md "Where the time goes on Node.js 18"). Memory stays bounded: V8 never grows past its limit,
 * and this guard collects at half the function's memory and holds back at three quarters.
 */
export const HEAP_GROWING_PERCENT = 200;

/**
 * This process's memory, and its heap's growth set (HEAP_GROWING_PERCENT). A full collection needs V8's `gc` function, which Node exposes only with
 * --expose-gc: the flag is set at run time and the function taken from a new context, where V8 installs
 * it once the flag is on.
 */
export function processMemoryProbe(): MemoryProbe {
  if (!gc) {
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gc = exposed;
    else {
      setFlagsFromString("--expose-gc");
      gc = runInNewContext("gc") as () => void;
    }
  }
  return {
    read: () => ({ rssBytes: process.memoryUsage.rss(), heapUsedBytes: getHeapStatistics().used_heap_size }),
    collect: gc,
    heapLimitBytes: () => getHeapStatistics().heap_size_limit,
  };
}
