// The restore's checkpoint file, written whole to a temporary file and renamed over the old one (a reader, or a
// restore killed mid-write, finds the old file or the new one, never part of one). Partitions sending at once each
// need it written before their send goes: a write asked for while another is under way waits for the next one,
// which then covers every ask in between, so they share one write, and the writes run off the main thread.
import { renameSync, writeFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";

export class CheckpointFile {
  /** The write under way. */
  private current: Promise<void> | undefined;
  /** The write that starts once `current` is done: every ask since `current` started waits for it. */
  private next: Promise<void> | undefined;
  /** Writes done, for tests and the benchmark's profile. */
  writes = 0;

  /** `text` gives the checkpoint as it is now: called when a write starts. */
  constructor(
    readonly path: string,
    private readonly text: () => string,
  ) {}

  /** Resolves once a write that started after this call is on disk: it holds the checkpoint as it is now, or newer. */
  save(): Promise<void> {
    this.next ??= (async () => {
      await this.current?.catch(() => undefined);
      const text = this.text();
      this.current = this.next;
      this.next = undefined;
      this.writes++;
      await writeFile(`${this.path}.tmp`, text);
      await rename(`${this.path}.tmp`, this.path);
    })();
    return this.next;
  }

  /** Writes at once, in this call: only when no write is under way (every `save` has been waited for). */
  saveNow(): void {
    this.writes++;
    writeFileSync(`${this.path}.tmp`, this.text());
    renameSync(`${this.path}.tmp`, this.path);
  }
}
