// The producers a restore sends through: a partition worker takes one for a whole partition and gives it back.
// Several topics restored in one command share one pool, so `--concurrency` bounds the partitions sending at once
// across all of them (a kafkajs producer writes to any topic; its idempotence is per partition).
import type { Kafka, Producer } from "kafkajs";

export class ProducerPool {
  private readonly all: Producer[] = [];
  private readonly idle: Producer[] = [];
  private readonly waiting: Array<(p: Producer) => void> = [];

  constructor(
    private readonly kafka: Kafka,
    readonly size: number,
    private readonly call: <T>(what: string, promise: Promise<T>) => Promise<T>,
  ) {}

  /** Connects the producers: before the restore's clock starts, so the rate and the throttle are about sending. */
  async connect(): Promise<void> {
    while (this.all.length < this.size) {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      this.all.push(producer);
      await this.call("connect a producer", producer.connect());
      this.idle.push(producer);
    }
  }

  async acquire(): Promise<Producer> {
    return this.idle.pop() ?? new Promise((resolve) => this.waiting.push(resolve));
  }

  release(producer: Producer): void {
    const next = this.waiting.shift();
    if (next) next(producer);
    else this.idle.push(producer);
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.all.map((p) => this.call("disconnect", p.disconnect()).catch(() => undefined)));
  }
}
