// The exact objects every format and compression writes for one fixed set of records, through the real
// writers (the partition writer, the formats' object writers, the key layout) into memory. The digests
// below were recorded from the code as it was before the formats were reorganised: a change that alters
// one byte of an object or one key fails here. Only a deliberate change of the stored format may record
// new digests.
import type { KafkaMessage } from "kafkajs";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Compression } from "../../function/formats/format";
import type { Format } from "../../function/formats/registry";
import { ObjectBudget } from "../../function/object-budget";
import { objectFormat } from "../../function/formats/writers";
import { PartitionWriter, type WriterContext } from "../../function/partition-writer";
import { MemoryStorage } from "../helpers/memory-storage";

const T0 = Date.UTC(2026, 10, 25, 10, 59, 58); // two seconds before an hour boundary
/** Cuts the run of medium records below (about 2.9 MiB in one hour), and is above a Parquet row group (2 MiB). */
const PARTITION_MAX_BYTES = 2_359_296;

/** Deterministic bytes that do not compress (xorshift32). */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

type Headers = KafkaMessage["headers"];

function record(offset: number, timestamp: string, key: Buffer | null, value: Buffer | null, headers: Headers = {}): KafkaMessage {
  return {
    offset: String(offset),
    timestamp,
    key,
    value,
    headers,
    attributes: 0,
  } as KafkaMessage;
}

/** The records of one partition, in offset order. */
function records(partition: number): KafkaMessage[] {
  const out: KafkaMessage[] = [];
  let offset = partition * 1000;
  const add = (timestamp: string | number, key: Buffer | null, value: Buffer | null, headers?: Headers) => out.push(record(offset++, String(timestamp), key, value, headers));
  // Keys: null, empty, binary, text; values: tombstone, empty, JSON with escapes, non-UTF-8, Unicode.
  add(T0, null, Buffer.from('{"id":1,"note":"quote \\" backslash \\\\ tab\\t"}'));
  add(T0, Buffer.alloc(0), null);
  add(T0 + 1, Buffer.from([0x00, 0xff, 0xfe, 0x80]), Buffer.alloc(0));
  add(T0 + 1, Buffer.from("k-ü-€-😀"), Buffer.from("line\nbreak\r\u0001\u001f \u2028\u2029 \u007f é"));
  add(T0 + 1, Buffer.from("k"), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]));
  // Headers: repeated names, null and undefined values, binary and empty values.
  add(T0 + 1, Buffer.from("h"), Buffer.from("v"), {
    trace: Buffer.from("abc"),
    repeated: [Buffer.from("one"), Buffer.from([0xff, 0x00]), null as unknown as Buffer, Buffer.from("three")],
    empty: Buffer.alloc(0),
    none: undefined,
    'name "quoted"': "text header",
  });
  // Across the hour boundary, then timestamps without a time folder, then back.
  add(T0 + 2_000, Buffer.from("next-hour"), Buffer.from("first of 11:00"));
  add(T0 + 2_001, null, Buffer.from("second of 11:00"));
  add(-1, Buffer.from("no-time"), Buffer.from("timestamp -1"));
  add(0, Buffer.from("epoch"), Buffer.from("timestamp 0"));
  add("253402300799999", null, Buffer.from("last millisecond of year 9999"));
  add("253402300800000", null, Buffer.from("first millisecond of year 10000"));
  add("1764064800000000", null, Buffer.from("microseconds"));
  add("9223372036854775807", null, Buffer.from("int64 max"));
  add("-9223372036854775808", null, Buffer.from("int64 min"));
  // Medium records in one hour: cut at partition_max (and, for Parquet, more than one row group).
  for (let i = 0; i < 1100; i++) {
    const body = JSON.stringify({
      partition,
      i,
      event: "order-created",
      items: Array.from({ length: 90 }, (_, j) => ({
        sku: `sku-${(i * 7 + j) % 97}`,
        qty: j % 5,
      })),
    });
    add(T0 + 3_600_000 + i, Buffer.from(`order-${i % 50}`), Buffer.from(body), i % 3 ? {} : { source: Buffer.from("web") });
  }
  // A record larger than partition_max and a part (5 MiB): an object of its own, uploaded in parts.
  add(T0 + 3_600_000 + 1_100, Buffer.from("large"), noise(5_600_000, partition + 1));
  // Tiny records after it.
  for (let i = 0; i < 5; i++) add(T0 + 3_600_000 + 1_101 + i, null, Buffer.from(String(i)));
  return out;
}

const CASES: Array<{
  format: Format;
  compression: Compression;
  level: number;
}> = [
  { format: "jsonl", compression: "none", level: 0 },
  { format: "jsonl", compression: "gzip", level: 1 },
  { format: "jsonl", compression: "gzip", level: 6 },
  { format: "jsonl", compression: "zstd", level: 1 },
  { format: "jsonl", compression: "zstd", level: 3 },
  { format: "parquet", compression: "gzip", level: 1 },
  { format: "parquet", compression: "gzip", level: 6 },
  { format: "parquet", compression: "zstd", level: 1 },
  { format: "parquet", compression: "zstd", level: 3 },
];

/** Every object written for the records of partitions 0 and 7 (appended alternately): `key sha256 records encodedBytes`. */
async function written(format: Format, compression: Compression, level: number): Promise<string[]> {
  const storage = new MemoryStorage();
  const ctx: WriterContext = {
    config: {
      prefix: "backup/",
      instanceId: "ckafka-1",
      topic: "orders",
      format,
      compression,
      partitionMaxBytes: PARTITION_MAX_BYTES,
    },
    storage,
    budget: new ObjectBudget(4, () => undefined),
    format: await objectFormat({
      format,
      compression,
      compressionLevel: level,
    }),
    commit: async () => undefined,
    pause: () => undefined,
    log: {
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    },
  };
  const inputs = [0, 7].map((partition) => {
    const messages = records(partition);
    const plan = {
      partition,
      startOffset: Number(messages[0].offset),
      endOffset: Number(messages.at(-1)!.offset) + 1,
      committedOffset: null,
      logStartOffset: 0,
    };
    const writer = new PartitionWriter(plan, ctx);
    writer.assigned();
    return { writer, messages };
  });
  for (let i = 0; i < inputs[0].messages.length; i++) {
    for (const { writer, messages } of inputs) expect(await writer.append(messages[i], Number(messages[i].offset))).toBe(true);
  }
  for (const { writer } of inputs) await writer.finish("caught-up");
  const objects = inputs.flatMap(({ writer }) => writer.result.objects);
  expect(objects.map((o) => o.key).sort()).toEqual([...storage.objects.keys()].sort());
  expect(storage.partSizes.length).toBeGreaterThan(0); // the large record's object went up in parts
  return objects.map((o) => {
    const sha256 = createHash("sha256").update(storage.objects.get(o.key)!).digest("hex");
    expect(o.sha256).toBe(sha256);
    return `${o.key} ${sha256} ${o.records} ${o.encodedBytes}`;
  });
}

const RECORDED: Record<string, string[]> = {
  "jsonl none 0": [
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+0+00000000000000000000.jsonl 23a235375fc763765510f51cbf14e23af49952eecbf3e5ef693dadab6f5c99d4 6 987",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000006.jsonl f18a3f5fa376989bea161f8f1174e96ba2cb5f304cfc3db136dfd2846a9d5599 2 212",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000008.jsonl 9b891adbe41b658eecff210e3ce40c4f04f790f6ebaaba800c8961ee1d5456bc 1 94",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+0+00000000000000000009.jsonl 6d3865d72c9fe78bbf91eb14ecd97f82776a461e0ffc6ebc91db29aacd20fba9 1 90",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+0+00000000000000000010.jsonl bcc327320d9772c5cbfe1a22ea6f6cafd3a460fb9e682c86b67c92db6a211df3 1 120",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000011.jsonl 908d9f21abe098ed8804d9a52eaff04c1dbe5d39588787950c40bc42ee572330 4 435",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000015.jsonl ce3c5847613d85139bb97a6c514a80c575c818707d6f6141e7c0b465124ae522 798 2356985",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000813.jsonl 2a54de62d8537e9e8f44381eb1c55ce4903ed44497b1f7d2b3a4dcb45fb5d9a8 302 892292",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001115.jsonl b083f0a8b965165313860f9ec59f1522d948453ab1c76fcf521d3d3cefd1d270 1 7466787",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001116.jsonl 6f8558a26370dc3d91065d357845f734f1cb97e595f0f01b250290587be4b2d9 5 460",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+7+00000000000000007000.jsonl 01c2e0facbc4ceea13c8aea6b550596d741015d2c19a3d4103873c4c27c75858 6 1005",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007006.jsonl aa0f52325f7e768469dbf37161d5b50ff50890d65e088e22eb2b305e6f260f72 2 218",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007008.jsonl bd8e6e8fcc4b10476f4764ca06acc86ec9e277ed9c60a5a42d1189a0317c458f 1 97",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+7+00000000000000007009.jsonl c93b3684e73b6d1279f225632e4ec29d776d7e6f1c11958578415ba958bb9cff 1 93",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+7+00000000000000007010.jsonl 5433991197e8a99d7065a4ef6f98f446a947297d0298edd5b51461b043a3071e 1 122",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007011.jsonl 2f2782744e1ec6d485e99f1b2ba341a3d7cfa8c23f40570337b37a6b090cc0b6 4 443",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007015.jsonl 3d368fd108a8876c5154ed08c5a7deefb2cdc83bd39bc00484164894b9988574 798 2357868",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007813.jsonl caae7779e4187a56d50bae8051078e18b842629695bad8ff89b38640ee83d0f1 302 892479",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008115.jsonl 038709d8b2596a77d80f4ae6040db7d89e1c08d1a6427844089cc01785aec9df 1 7466787",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008116.jsonl b710aad356870b604b329919a68bc30876e5d6f5d9ab4e44e9ea8e06cfc295e9 5 460",
  ],
  "jsonl gzip 1": [
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+0+00000000000000000000.jsonl.gz e35ec608ea15c80176d810d3e74b76dd03e591577c7f4529640f474c10ac23a7 6 987",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000006.jsonl.gz 727c9c09ab1ddd1f6f746306f7cccc086fb4415fc4175bd21010b2600c82136b 2 212",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000008.jsonl.gz b6a2dea558605676c97400ef423b6aa6f9fd7883689d10659f0930508f875f9b 1 94",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+0+00000000000000000009.jsonl.gz 4f0978b072751cdc06eeab3a8e7c42427be01c50d8382fba417c95b076914f29 1 90",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+0+00000000000000000010.jsonl.gz 133892158ad3477b41e96fb7c1b11ef4708616d5d2b25b44b564867edbccbe6d 1 120",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000011.jsonl.gz d6236d4e96c6b15f9607ce0458e40df4f0eb62e335b29d4a74eaa9cb52af125a 4 435",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000015.jsonl.gz 96ee764224e295d46c1185ef002c128e972a1a7128997ac4dba1b16fe632934a 798 2356985",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000813.jsonl.gz 4207b8b62b0cb60c5e8abd48b4e9bf221c111012f387776cae645c357e9a2146 302 892292",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001115.jsonl.gz 42b158a611b20dae5b3be9b92f8cd3b055b74977be6db03b954672eb6ab3d158 1 7466787",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001116.jsonl.gz 189a333ea4c59d0da89e94747fe15afa11435c61552ada9301e2ecf51459c79b 5 460",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+7+00000000000000007000.jsonl.gz e9e03b2c5ce9376af6fcb2a2386dd5764725372625cec27ebb77068516a18deb 6 1005",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007006.jsonl.gz e34ae5da3c45b452def89ad2ad533d29a13f762bb14732d6ba5ce909d152635c 2 218",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007008.jsonl.gz 197760d441f1bc09547c1814362113fbd9839a1189ecb19a058acbdb63637ad7 1 97",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+7+00000000000000007009.jsonl.gz ae2d9e4fc0204cb420653379f76fdc1fac4be2247963e6e71bb1515ba867f8b7 1 93",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+7+00000000000000007010.jsonl.gz fd72b43098d6d20db652f32fdf0f08a7a18246c8e4830c41c6ef5f23a449798d 1 122",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007011.jsonl.gz e22873d28cc3bd45e31899bb73e888badfc1db79b027b240980190e6379d9ec0 4 443",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007015.jsonl.gz 22ac5a51159c3b7e31c2cbf7c56c84b28d57d40f1df478a08858a32a76bd9e2f 798 2357868",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007813.jsonl.gz 5ddf32224e0ad442a8bfff07f3c6890ada101b85f4e43c1804092768b6713ccd 302 892479",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008115.jsonl.gz 7b7aef0442cd87ea2a10eb151485bac7d3b7eb9e1a74532fac1b6bc1435bc995 1 7466787",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008116.jsonl.gz de22f0965d7680daac736657ea9faa1a63a82eeea4033be680e2bdc8ea206639 5 460",
  ],
  "jsonl gzip 6": [
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+0+00000000000000000000.jsonl.gz c33768d855d08d8862adcbc15c221afc7b13ed3a44d0fb165d69ca8e7e26978b 6 987",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000006.jsonl.gz 67adfb7f2a835f4b0bfddafa9a8c21fca0d641a6ffcbc39591b550fc131c4a45 2 212",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000008.jsonl.gz 87cee3179685f587bebb227746d80cd891529fbeb595072416f686d907ab6020 1 94",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+0+00000000000000000009.jsonl.gz fef52842188a59c6ce218a34131ddc380e84e1ad1aa84db26d3fddedbeaf0b9e 1 90",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+0+00000000000000000010.jsonl.gz e30d40d6adf7d890c0992c6cc0f9548651735489f336907b05c0d5bbf988c262 1 120",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000011.jsonl.gz 39a1dac6be53c35d6a9a92b842d4c6e06cad7f59306bd8eb6ec7be430ab71411 4 435",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000015.jsonl.gz 1f9ba1953cfa54822bb8dec66618007f8f649cbd433f30f86afea72e82d24aa8 798 2356985",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000813.jsonl.gz 00f08934ac0e303e1936ff407e79ee4693e4ef926605a53fe806c3435acc25dc 302 892292",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001115.jsonl.gz 387eca06e159f62417c643c6696acdaefa4751e7a0ebd89f1916834fa2aaa9ea 1 7466787",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001116.jsonl.gz bc4a410a8464f39b1b87211be38ad3f4063d8e60b0e8c7ad437d3327cc956e5c 5 460",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+7+00000000000000007000.jsonl.gz 3d4de402ee7edd5e725cad4d7cabfb61d7d6e4899a8709d04bec989b67df67d5 6 1005",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007006.jsonl.gz 622492332af2e866c415685313c6b8ada6ea952888c3b6272883b4937882ac19 2 218",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007008.jsonl.gz 5623f5e182e2bdf926e9a4a46d5f1661c6378d07c0bb2bd585f96028a5a80cf2 1 97",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+7+00000000000000007009.jsonl.gz ff18be6f7e3bc21be0020b11b116b2d92ae8cb89740ad12ad8d13372a6b2a47b 1 93",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+7+00000000000000007010.jsonl.gz 52ec6826d3c06a0d2959efab29ca708bc0070b1bbbcd19dbab3d20aa8f90e3b8 1 122",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007011.jsonl.gz 62231b17375e5a88de6ecc3c82557f65ffc2f9d280b8752f9f6b02b86997644e 4 443",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007015.jsonl.gz a0b95e18a0a82db9fe50da2d8e8247e484bb4ea1d1c6bd8ae8a20c76cdde4bb4 798 2357868",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007813.jsonl.gz 33b9a9a8615e39780911e3196e6229c7faf1209daa0063f15041547d9a760b15 302 892479",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008115.jsonl.gz 6a151ba33da55ad028230d03027c56991e7d363309650111507b180e9b53ea14 1 7466787",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008116.jsonl.gz 607436446406fe7636ef3334b2f676d885438f14de345fbc9bcf7bfafa3e57a7 5 460",
  ],
  "jsonl zstd 1": [
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+0+00000000000000000000.jsonl.zst 3f55f0e1093246ecda3ab4b701be3bc2d0af0c19be537235f4e01a1b2e742365 6 987",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000006.jsonl.zst 0ae6e613b85c3991af1b4a7036261c3643c98420acc35f891c42535531a7543b 2 212",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000008.jsonl.zst 6691f3974ed5fcd1e3b7c54fc368427b6855ffb369905bb292d45af6a19e81f4 1 94",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+0+00000000000000000009.jsonl.zst 189dc2a36f7c19453487bddd739cc19339f53374d20a9df07fb0e6d5edccb29f 1 90",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+0+00000000000000000010.jsonl.zst d39d21cb97c3337deccadbca59775fabd163c57677e0f84e1b9d5f95895e462b 1 120",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000011.jsonl.zst 9442f17226e73e6ab6d996d3c021da2dd1a2188b6df907449856834a04603559 4 435",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000015.jsonl.zst 16d8461be596999dc77d9bf41cd7f2968e9d5ef1c750722403de936b83e86921 798 2356985",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000813.jsonl.zst 658d81c2cefb2946c57698580fa1566158efc32a7ef889fec4cfd9b5f877d5e5 302 892292",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001115.jsonl.zst 79614dbb3d5fa0c6e74eb3a78900cbb8639f16c70c82dc38269c3b9e65f75c14 1 7466787",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001116.jsonl.zst 52b5ccb838ea2eb403fab3ce3de91baaf4a76df4b488fd2951ec36126bc37921 5 460",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+7+00000000000000007000.jsonl.zst c55730a07f88e8ec2196a3201e64adfe93347ba9a4f43d544cc1f5730843bffd 6 1005",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007006.jsonl.zst 80b5085a816779a7fbd968ee812281d4346d0bde25eba71fdbcc72af89abffbb 2 218",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007008.jsonl.zst 68ce2b18721a75cf05e2e31ac1b0ec80f18f7f26715de22ba6849992112bb293 1 97",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+7+00000000000000007009.jsonl.zst 1276f2b38074a95d5e03cbe0640a253ccfc26a17a3277661ac99b8dc53a17cf8 1 93",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+7+00000000000000007010.jsonl.zst ae3aca9701ecc78e050d3d5ac6cfee0e17eaafb6e1d2f4e5365dd34a310611a8 1 122",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007011.jsonl.zst a3cb28e27d73bcc58daf1a8a84a1d58db342c0b401bad355863c9f9d5d641469 4 443",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007015.jsonl.zst 4f2507ccd7baba789dff8ae0d4cb9dc337563843eeb8b74c995c0152e201ab79 798 2357868",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007813.jsonl.zst ae4d0f270b81d058a424b5888cb42cb10e01dee56ea9f55d6e27ad43d4422fdc 302 892479",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008115.jsonl.zst b5e4f6686131a01daec2018352f6fbe062d993b47146d2843e8ad59d6b1adf56 1 7466787",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008116.jsonl.zst b81622e1d677a977894e71cb57eab8a081de7f3395a9d1cf6e1e9c522c2f5d67 5 460",
  ],
  "jsonl zstd 3": [
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+0+00000000000000000000.jsonl.zst ef8d0a21b5f83cbb5f2f1e8a563b34ffd99460211feba1652202e6ddea610b48 6 987",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000006.jsonl.zst 0ae6e613b85c3991af1b4a7036261c3643c98420acc35f891c42535531a7543b 2 212",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000008.jsonl.zst 6691f3974ed5fcd1e3b7c54fc368427b6855ffb369905bb292d45af6a19e81f4 1 94",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+0+00000000000000000009.jsonl.zst 189dc2a36f7c19453487bddd739cc19339f53374d20a9df07fb0e6d5edccb29f 1 90",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+0+00000000000000000010.jsonl.zst 336e51fe2c96160f98d15350e7062ce4e0f4bcfd5864c00c683a41db2f8dc894 1 120",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000011.jsonl.zst 1be83827ac2e02a5d803d9f64b32aad2478594bf387d032e38c5b970e6805b41 4 435",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000015.jsonl.zst 84fad60fa630013d741577a87c7d241bc023a468b0d1da9ee9c476d43ec3b3bc 798 2356985",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000813.jsonl.zst dd7d9c93d72c437a38b92348f8cbd7fbffa018eed2ec66d981d7d5b693ed1f91 302 892292",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001115.jsonl.zst 9c1cf4db1fc53f36b0f2b5c8ab54707e2f5d04f79a8033d8dcfbcb5af75948a4 1 7466787",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001116.jsonl.zst 52b5ccb838ea2eb403fab3ce3de91baaf4a76df4b488fd2951ec36126bc37921 5 460",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+7+00000000000000007000.jsonl.zst 6df85e59a39a392831de152a113db2d1bfb6bcab59eb90f3054e5b4d9cc288eb 6 1005",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007006.jsonl.zst b0b20575eb83b8605a04eb20d519be071d7bcac4d8ab1703551fa5d583295e10 2 218",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007008.jsonl.zst 68ce2b18721a75cf05e2e31ac1b0ec80f18f7f26715de22ba6849992112bb293 1 97",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+7+00000000000000007009.jsonl.zst 1276f2b38074a95d5e03cbe0640a253ccfc26a17a3277661ac99b8dc53a17cf8 1 93",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+7+00000000000000007010.jsonl.zst 338c737eb28c216bf8b6add2efc8d8e9586ffbe59cd15ff0f77222bdaa7ffa50 1 122",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007011.jsonl.zst 5f8f7bab1252203986a7849c684670ee7f4f8bda5b5bdf4bd3291bb959038276 4 443",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007015.jsonl.zst 0672f86358c247b6915cef5d57816fe0df107f939a47afaad9ff6273f9747e90 798 2357868",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007813.jsonl.zst 0810e662b5b207a346b17c5b9f08773485939d5b9c4b13b5c55a86d140521235 302 892479",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008115.jsonl.zst 61e490f0942b49103fb0e2f1c91cc1f4a3f24b5ed8c1b38c266af85d756b44cf 1 7466787",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008116.jsonl.zst b81622e1d677a977894e71cb57eab8a081de7f3395a9d1cf6e1e9c522c2f5d67 5 460",
  ],
  "parquet gzip 1": [
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+0+00000000000000000000.parquet 7ab4821da2e4c3f8e4f87f3862fd779d39335a3799dc31e2e24841a98e321874 6 345",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000006.parquet 5133539a7853916fce14c30a9282a39703fea74ba1e0a1ae8a8aae20ea74b5ec 2 94",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000008.parquet 0a0c9e44fdb7862325151b96649afabb80deaeccd44f3821177ae22107e5cc2c 1 47",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+0+00000000000000000009.parquet c28d784fc73ac4fd239922bf73c233feeccf7e6b697381929d94d1ed54ce6baf 1 44",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+0+00000000000000000010.parquet 477a893d1afab05f446b16bde16ce7e0d06adfe12f5dbf643c4b1b31e83916a6 1 57",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000011.parquet 69f09855422347661261deadbb261fb08959935b30eeebdf53ab00e2ff5af704 4 173",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000015.parquet 7f4d06510ebd4ab0948c793681779af676ce3f2f8f10583ffb490b4789cb27c5 1009 2357450",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001024.parquet 55f2bb7275c28b14c6dec49e4b91340c75e42de4099c7d9f62b473f3dea82fb5 91 212723",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001115.parquet a398c21da898ac1d6267599a5ad7669b7001ba1e3207460594edb77b5b88dd5f 1 5600033",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001116.parquet 3f6c6623be5208ee0ecc2a00bd23c817627103ef43a56173c875a90ae4d73085 5 145",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+7+00000000000000007000.parquet b7eff809ab991721a375fcd9cc1bf2490a2cd7bc2c8d90d69151862131bdde60 6 345",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007006.parquet ef6ec6ae1999ba86c7ca041ab1c6c5d3a7e29ac862f92619797f55e7f98809be 2 94",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007008.parquet c7935e8fecdc52f7ac6431667f15ce923cb41eaf0b15955892dfc59e2ac5f2dd 1 47",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+7+00000000000000007009.parquet a209b2e95ea12ecfa6f2ffa5e5f3d4334aa54dd0931f71c741f911e0d6c83809 1 44",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+7+00000000000000007010.parquet 4cb2b348a58561c60a9783e0cca4f7525977d61f4d16fc58d5ce95f50d709911 1 57",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007011.parquet e49d68ca6377351696e98583c142e2df6023d8e9771c71a71cb5706450787458 4 173",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007015.parquet 6cad45360c925ff50ef53eaee6a455448652ac357064755c7667c157250bc65b 1009 2357450",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008024.parquet b15efc52b305fb93efa89f07b3513b402135ed40e4ea46ea9f4e375e03668d2a 91 212723",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008115.parquet 662d1988fdfa4ffeffdaab8cf2067865aa5de533a6fa2aae735d6d1fdc14396a 1 5600033",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008116.parquet c3914aab3ace4e86caad83080b3437e1466e62bddfbdcf90cdfc0c27ffd8e921 5 145",
  ],
  "parquet gzip 6": [
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+0+00000000000000000000.parquet c14ec9d88aed7faf8f76f6d325ccc2a3d62308fc6d2cd689823fc6aa7d014591 6 345",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000006.parquet b98d8d573f6d462c2537184182a128c056755d0466102a7a6efa21f504ed5e2e 2 94",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000008.parquet 1367ab6dd97fc5a546eae5b23f88b52872db894a39d10bc8882101f763897272 1 47",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+0+00000000000000000009.parquet 3f0fdd0c5de7b467e60f84b40114ec79b78e32a510b30e0dc9e233984b912f2b 1 44",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+0+00000000000000000010.parquet 178fe1ace92f7b425f43b41dc9fe624e257c3873c9fb2526b09930f687d4008f 1 57",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000011.parquet 7f45db5389c5712d35d3d5899baa195af4b8019f6a04d1b0ff0cc4cf01efa042 4 173",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000015.parquet 9f79a3e205d0050bb8336b3d770a8ce0a9d5320f4814a8e8b6060cab35a32a2b 1009 2357450",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001024.parquet bda218a502e348ece9b98b27b8ba10f0e6b737180448f48163dab0971366771c 91 212723",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001115.parquet aba1ac9ae19860ae9f924bad97bd1b1224beff31a0d1559513f5d0322738f41c 1 5600033",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001116.parquet 22fa2944ca7d1dcbdb6b91d196e2d78879d93f7dc6de9a4005c00953300c18c2 5 145",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+7+00000000000000007000.parquet 8f6c530eb186b09c21159f2556ada69bb65fda93de669bcae7120983d4a9689a 6 345",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007006.parquet eb6eff67bccd4ced352e2d287a65be3bca4592d659818a6ffb2b507565fbef65 2 94",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007008.parquet 397a193f5eeaadbf2304c911d5a0d7fd1c6eae0a8dadfd9bf76d8a03cad72204 1 47",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+7+00000000000000007009.parquet 8d3b782cccff71d5aeb5073748be3779ec5b25931c9923040212070e08404cb9 1 44",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+7+00000000000000007010.parquet 24f8518e52370f497ebbcfc17acaf7d946b4d3b3c11e64ed2d46c137c1874a14 1 57",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007011.parquet b5a25bab73e7aef5d0c5baaf210bd605f75613cd3bf7f3bcf3107f1804f5785c 4 173",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007015.parquet e907b18c6f4081e25e41ddcee265efb9068c5dac4f98813198f10bd0eccbd36b 1009 2357450",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008024.parquet f65f3c22fba0c73f49d48f8889b4293ae29d093e787fd1c60161edbf49359a2a 91 212723",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008115.parquet 2488a6c9d69803b61c5bc2c27dd0d352ae2140b23b564bbea37c661d91fa5810 1 5600033",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008116.parquet 66aa869edc5f0439988cf19fef6c3f822a78225444c427a176af166ae42d09af 5 145",
  ],
  "parquet zstd 1": [
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+0+00000000000000000000.parquet 23de492ea023f07987c35c62bf1b603c7a28bf1909c8dd6381aea77f37272ae2 6 345",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000006.parquet bd4db782dffad402f300b9df216572f7e522b48d2a9b87d16fbd0f836e7ccee5 2 94",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000008.parquet 2b16c3428ff4d1229fa3dc5aeea6c3b9db4a477c770459eaee42888c4eb23ce4 1 47",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+0+00000000000000000009.parquet 9e4f4fde6dbcf369f957231e5a5873c305e027a96734c579bc622de35ee6cef8 1 44",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+0+00000000000000000010.parquet 06d5e1f023133abd55829e963a269ee6993b682181e55f6c1392db69c2409ac9 1 57",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000011.parquet 8a8be4c2131a6e5b78024bbda3da958f77af55af4849e75b9996c32d2bfe095c 4 173",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000015.parquet 0585cdb13ca2b6213e29142dd808e294cac3a51f4ff7ea395dae838ebe70776f 1009 2357450",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001024.parquet 5c78160b49aa8c7d84245779b622012ecf4037fcea4313212a3adf6b06f0f143 91 212723",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001115.parquet 279a13d7abd8d752556f33be87d7fbf272314b842379dccb029548296a664c8d 1 5600033",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001116.parquet 287ca07a524c4d0a0f73c01ad894b71802eebfd080cb4f4e4a6bbea0784b9da4 5 145",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+7+00000000000000007000.parquet 1356e0ec4ff004486b4084a16ceff3921765568e74ee69ff76137c0aeb8836d2 6 345",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007006.parquet 624e685fc6102430cbbdce94cdb5ed134cd597fba84791a733537057177fb452 2 94",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007008.parquet faadc1e6c1ace6893fd2955715950b94fa98b152047f12445b3dc61091413b71 1 47",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+7+00000000000000007009.parquet d084da7bb68189fd6c124f6be9f930bade2fcb51d45f108af91a9b07f4305897 1 44",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+7+00000000000000007010.parquet 5dfd782d4f34925615379495ffceb18ac042e6603db0d1254fe3c76dd187f439 1 57",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007011.parquet c26f4a07221d26e12241df69dd33434818ed9a7a33ae806eda7f1240237472c5 4 173",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007015.parquet a1a99128d3da85210e41d48b5077bc21273eb6cb459730b7005f9121ff3f34e7 1009 2357450",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008024.parquet d5059e8d343d9e7baf0c22dbb0b19a3e9b7047d25ca6943b88339775f273d988 91 212723",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008115.parquet 355a059648dff05cc47a7c9de021234c641685a156515d18ff717a2848eaa589 1 5600033",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008116.parquet c327b1b936856f6a19254fb719f668705caecc07c8f0890640736e9634f7fb4a 5 145",
  ],
  "parquet zstd 3": [
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+0+00000000000000000000.parquet 43d576cb564717f4b59de5f0927b38123a7016a2134761e325a7ec7b7d40f8af 6 345",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000006.parquet 449f99e859b4904e04dc45a66cdf84e514f2b9f4367e541b1bef5c35249d1562 2 94",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000008.parquet 2b16c3428ff4d1229fa3dc5aeea6c3b9db4a477c770459eaee42888c4eb23ce4 1 47",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+0+00000000000000000009.parquet 9e4f4fde6dbcf369f957231e5a5873c305e027a96734c579bc622de35ee6cef8 1 44",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+0+00000000000000000010.parquet 06d5e1f023133abd55829e963a269ee6993b682181e55f6c1392db69c2409ac9 1 57",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+0+00000000000000000011.parquet 6f85d00781c6f90389a7c2e72aef094becd09d2db584895571d50b3e6e1ce5aa 4 173",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000000015.parquet 482000002d5874096afb09d0e6f05c76cbc937b3c1f664e9a0fd22312544641d 1009 2357450",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001024.parquet f00229f1dfee96c663f1947adf27293bdf4f138a7fca835ca3d68fad1b237301 91 212723",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001115.parquet 8ce975e5126709abbcda3a784c48dd0bbfd4dc38b0a27b68383118db241c8005 1 5600033",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+0+00000000000000001116.parquet 287ca07a524c4d0a0f73c01ad894b71802eebfd080cb4f4e4a6bbea0784b9da4 5 145",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=10/orders+7+00000000000000007000.parquet 98bbf67298725957be019fda99d430226f954219f2fb8ff3f1e2d4e59809e676 6 345",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007006.parquet 9cf567b1135aac16b1cb67d7bcb80cdc42ae746949d091dd9682645b264b579c 2 94",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007008.parquet faadc1e6c1ace6893fd2955715950b94fa98b152047f12445b3dc61091413b71 1 47",
    "backup/ckafka-1/orders/dt=1970-01-01/hour=00/orders+7+00000000000000007009.parquet d084da7bb68189fd6c124f6be9f930bade2fcb51d45f108af91a9b07f4305897 1 44",
    "backup/ckafka-1/orders/dt=9999-12-31/hour=23/orders+7+00000000000000007010.parquet 5dfd782d4f34925615379495ffceb18ac042e6603db0d1254fe3c76dd187f439 1 57",
    "backup/ckafka-1/orders/dt=none/hour=none/orders+7+00000000000000007011.parquet cf7edf8703eafebe43033a4847d147be5b83630afbe9a7724d5ceeb624e1794d 4 173",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000007015.parquet ac335eebd3c20b036028c704aa2767ce247660fe2b00260e7ceb1a75beb890f2 1009 2357450",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008024.parquet ff412ddcc1f82ad362db94d698fd0159a53b8768e9879da92ca1abc26b70d9b7 91 212723",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008115.parquet 74f77f93626f438b4c5aa01bb8612b5fc49277f421b72c82fc578d415498bed5 1 5600033",
    "backup/ckafka-1/orders/dt=2026-11-25/hour=11/orders+7+00000000000000008116.parquet c327b1b936856f6a19254fb719f668705caecc07c8f0890640736e9634f7fb4a 5 145",
  ],
};

describe("objects written by every format and compression", () => {
  for (const { format, compression, level } of CASES) {
    const name = `${format} ${compression} ${level}`;
    it(`${name}: the same keys and bytes as recorded`, async () => {
      expect(await written(format, compression, level)).toEqual(RECORDED[name]);
    });
  }
});
