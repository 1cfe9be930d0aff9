// Progress of long work on stderr (stdout stays for results and --json): a bar on a terminal,
// a plain line every few seconds otherwise (logs, CI), nothing when quiet.
import { SingleBar, Presets } from "cli-progress";

export interface Progress {
  /** Starts a phase: `total` units (objects, bytes...) named by `unit`. */
  start(label: string, total: number, unit: string): void;
  /** `done` units so far; `note` says more (records, rate). */
  update(done: number, note?: string): void;
  stop(): void;
}

export const quietProgress: Progress = { start() {}, update() {}, stop() {} };

export function progressOn(stream: NodeJS.WriteStream, everyMs = 5_000): Progress {
  if (stream.isTTY) {
    let bar: SingleBar | undefined;
    return {
      start(label, total, unit) {
        bar = new SingleBar({ stream, format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | eta {eta_formatted}{note}`, hideCursor: true }, Presets.shades_classic);
        bar.start(total, 0, { note: "" });
      },
      update: (done, note) => bar?.update(done, { note: note ? ` | ${note}` : "" }),
      stop: () => bar?.stop(),
    };
  }
  let phase = { label: "", total: 0, unit: "", done: 0, last: 0, printed: -1, started: 0, note: "" };
  const line = () => {
    if (phase.printed === phase.done) return;
    phase.printed = phase.done;
    const elapsed = (Date.now() - phase.started) / 1000;
    const eta = phase.done > 0 && phase.done < phase.total ? `, eta ${Math.round((elapsed * (phase.total - phase.done)) / phase.done)} s` : "";
    stream.write(`${phase.label}: ${phase.done}/${phase.total} ${phase.unit}${phase.note ? `, ${phase.note}` : ""}${eta}\n`);
  };
  return {
    start(label, total, unit) {
      phase = { label, total, unit, done: 0, last: Date.now(), printed: -1, started: Date.now(), note: "" };
    },
    update(done, note) {
      phase.done = done;
      phase.note = note ?? "";
      if (Date.now() - phase.last >= everyMs) {
        phase.last = Date.now();
        line();
      }
    },
    stop() {
      if (phase.total > 0) line();
    },
  };
}
