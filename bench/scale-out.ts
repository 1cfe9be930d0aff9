// Scale-out: one tick of N instances (parallelism N, each its slot's partitions) draining the same
// backlog, for N = 1, 2, 4 in rotating order, each with a new consumer group. Reports the tick's
// records/s (wall time from the first start to the last exit), CPU per record per instance (user +
// system of its process over the records it wrote) and each instance's peak RSS. On a machine with
// fewer cores than instances, the instances share the cores: records/s stops growing there, and CPU
// per record shows whether splitting the work costs anything. Each instance also pays a fixed cost to
// start (process, bundle, connections, group join, manifest), measured on a topic with one record per
// partition and subtracted to give the cost per record proper.
import { invokeHandler, invokeTick, synthesizedEnvironment } from "../test/helpers/handler";
import { uniqueName } from "../test/helpers/kafka";
import { produceBacklog } from "./backlog";
import { fmt, spread, table } from "./stats";

export interface ScaleOutOptions {
  records: number;
  valueBytes: number;
  partitions: number;
  parallelisms: number[];
  /** Also runs the N instances of these parallelisms one after another: the cost of splitting alone, without instances sharing cores. */
  oneAtATime: number[];
  repeats: number;
}

interface Variant {
  n: number;
  oneAtATime: boolean;
  /** CPU of one instance of a tick with (almost) nothing to read. */
  startCpuUs: number[];
  rate: number[];
  netCpuUsPerRecord: number[];
  cpuUsPerRecord: number[];
  maxCpuUsPerRecord: number[];
  rssMiB: number[];
  seconds: number[];
}

export async function scaleOut(o: ScaleOutOptions): Promise<string> {
  const topic = uniqueName(`bench-scale-${o.valueBytes}b`);
  await produceBacklog({ topic, partitions: o.partitions, records: o.records, valueBytes: o.valueBytes });
  const tiny = `${topic}-start`;
  await produceBacklog({ topic: tiny, partitions: o.partitions, records: o.partitions, valueBytes: o.valueBytes });
  const variant = (n: number, oneAtATime: boolean): Variant => ({ n, oneAtATime, startCpuUs: [], rate: [], netCpuUsPerRecord: [], cpuUsPerRecord: [], maxCpuUsPerRecord: [], rssMiB: [], seconds: [] });
  const variants = [...o.parallelisms.map((n) => variant(n, false)), ...o.oneAtATime.map((n) => variant(n, true))];
  const tick = async (t: string, v: Variant, r: number) => {
    const functionName = uniqueName("bench");
    const env = synthesizedEnvironment({ topic: t, functionName, deliveryPathPrefix: `${functionName}/`, parallelism: v.n });
    if (!v.oneAtATime) return invokeTick(env, v.n, { timeLimitMs: 900_000, tick: `bench-${r}` });
    const runs = [];
    for (let slot = 0; slot < v.n; slot++) runs.push(await invokeHandler(env, { timeLimitMs: 900_000, slot: { slot, parallelism: v.n } }));
    return runs;
  };
  for (let r = 0; r < o.repeats; r++) {
    for (const v of variants) {
      for (const run of await tick(tiny, v, r)) v.startCpuUs.push(run.cpuMicros ?? 0);
    }
  }
  for (let r = 0; r < o.repeats; r++) {
    // Rotating order, so that no N always runs first (a cold page cache) or last.
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(k + r) % variants.length];
      const start = spread(v.startCpuUs).median;
      const t0 = performance.now();
      const runs = await tick(topic, v, r);
      const seconds = (performance.now() - t0) / 1000;
      let records = 0;
      for (const run of runs) {
        if (!run.ok || !run.result) throw new Error(`instance failed: ${run.error}\n${run.stderr.slice(-2000)}`);
        const own = run.result.totals.records;
        records += own;
        if (own > 0) {
          v.cpuUsPerRecord.push((run.cpuMicros ?? 0) / own);
          v.netCpuUsPerRecord.push(((run.cpuMicros ?? 0) - start) / own);
        }
        v.rssMiB.push((run.maxRssKiB ?? 0) / 1024);
      }
      if (records !== o.records) throw new Error(`parallelism ${v.n}: one tick wrote ${records} of ${o.records} records`);
      const perInstance = runs.map((run) => (run.cpuMicros ?? 0) / Math.max(1, run.result!.totals.records));
      v.maxCpuUsPerRecord.push(Math.max(...perInstance));
      v.rate.push(records / seconds);
      v.seconds.push(seconds);
      console.log(`parallelism ${v.n}${v.oneAtATime ? " one at a time" : ""}: ${records} records in ${seconds.toFixed(1)} s, CPU µs/record per instance ${perInstance.map((x) => x.toFixed(1)).join(", ")}`);
    }
  }
  const one = spread(variants[0].rate).median;
  return [
    `${o.records} records of ${o.valueBytes} B over ${o.partitions} partitions, one tick per run, ${o.repeats} repetition(s); median (min–max).`,
    "",
    table(
      ["instances", "tick s", "records/s (tick)", "× parallelism 1", "start CPU-s per instance", "CPU µs per record, per instance", "the same less the start", "worst instance, CPU µs per record", "peak RSS per instance, MiB"],
      variants.map((v) => [
        v.oneAtATime ? `${v.n}, one after another` : `${v.n} at once`,
        fmt(spread(v.seconds)),
        fmt(spread(v.rate), 0),
        (spread(v.rate).median / one).toFixed(2),
        fmt(spread(v.startCpuUs.map((us) => us / 1e6)), 2),
        fmt(spread(v.cpuUsPerRecord)),
        fmt(spread(v.netCpuUsPerRecord)),
        fmt(spread(v.maxCpuUsPerRecord)),
        fmt(spread(v.rssMiB), 0),
      ]),
    ),
  ].join("\n");
}
