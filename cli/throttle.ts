// One byte rate shared by every partition a restore writes: CKafka throttles the whole instance once its
// traffic passes the purchased bandwidth, so an unthrottled restore slows every producer on it.

export class Throttle {
  /** When the bytes taken so far have been paid for at the rate (epoch ms). */
  private paidUntil = 0;

  /** `bytesPerSecond` undefined: no limit. */
  constructor(private readonly bytesPerSecond?: number) {}

  /**
   * Waits until `bytes` may go: each caller pays for its bytes before they are sent, so the rate over any
   * stretch of the restore stays at or under the limit, however many partitions ask at once.
   */
  async take(bytes: number): Promise<void> {
    if (!this.bytesPerSecond) return;
    const now = Date.now();
    this.paidUntil = Math.max(this.paidUntil, now) + (bytes / this.bytesPerSecond) * 1000;
    const wait = this.paidUntil - now;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}
