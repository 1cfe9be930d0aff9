// How many backup objects may be open at once (CKB_MAX_OPEN_OBJECTS). An open object holds up to a
// part of compressed bytes waiting for upload plus the compressor's buffers, so this count, not the
// backlog or the partition count, is what bounds a run's memory. Partitions wait for a slot in turn.

/** `K` names a partition: its number, or a topic and its number when a run reads several topics. */
export class ObjectBudget<K = number> {
  private open = 0;
  private readonly waiting: K[] = [];
  private readonly reserved = new Set<K>();

  /** `wake(partition)` is called when a slot has been set aside for a waiting partition. */
  constructor(
    readonly max: number,
    private readonly wake: (partition: K) => void,
  ) {}

  /** Takes a slot for a new object of `partition`; false means none is free and the partition now waits its turn. */
  acquire(partition: K): boolean {
    if (this.reserved.delete(partition)) return true;
    // A free slot means nobody waits: release() hands slots to waiting partitions first.
    if (this.open < this.max) {
      this.open++;
      return true;
    }
    if (!this.waiting.includes(partition)) this.waiting.push(partition);
    return false;
  }

  /** Gives back a slot once an object is finished or dropped; the longest-waiting partition gets it. */
  release(): void {
    const next = this.waiting.shift();
    if (next === undefined) {
      this.open--;
      return;
    }
    this.reserved.add(next);
    this.wake(next);
  }

  /** A partition that will open no more objects in this run stops waiting and returns a slot set aside for it. */
  forget(partition: K): void {
    const i = this.waiting.indexOf(partition);
    if (i >= 0) this.waiting.splice(i, 1);
    if (this.reserved.delete(partition)) this.release();
  }

  get waitingPartitions(): readonly K[] {
    return this.waiting;
  }
}
