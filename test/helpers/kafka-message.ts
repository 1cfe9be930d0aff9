// A record as kafkajs hands it to the handler's consumer, for the writers' and encoders' unit tests.
import type { KafkaMessage } from "kafkajs";

/** Header values as kafkajs gives them, null included (cli/kafkajs-null-headers.ts). */
export type TestHeaders = Record<string, Buffer | string | Array<Buffer | string> | null | undefined>;

export function message(offset: number, timestamp: string, key: Buffer | null, value: Buffer | null, headers: TestHeaders = {}): KafkaMessage {
  return { offset: String(offset), timestamp, attributes: 0, key, value, headers } as unknown as KafkaMessage;
}
