#!/usr/bin/env node
// `ckafka-cos-backup verify|restore`: operator commands for a backup the construct's function wrote.
// COS credentials come from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (/ TENCENTCLOUD_SESSIONTOKEN),
// a SASL password from KAFKA_SASL_PASSWORD: never from the command line, where shells keep history.
import { Kafka, logLevel, type SASLOptions } from "kafkajs";
import { parseArgs } from "node:util";
import { SASL_MECHANISMS, checkBroker, checkBucket, checkInstanceId, checkPrefix, checkTopic } from "../function/config";
import { BackupSource } from "./backup-source";
import { restoreBackup } from "./restore";
import { verifyBackup } from "./verify";

const USAGE = `usage:
  ckafka-cos-backup verify  --bucket B --region R --instance I --topic T [--prefix P/] [--endpoint URL]
  ckafka-cos-backup restore --bucket B --region R --instance I --topic T [--prefix P/] [--endpoint URL]
                            --brokers host:port[,...] --target-topic T2 [--partition N ...]
                            [--from-offset N] [--to-offset N] [--sasl-mechanism M --sasl-username U] [--tls]
Exit status: 0 done (verify: the backup is sound), 1 verify found problems, 2 bad input, 3 failed.`;

class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || v === "") throw new UsageError(`--${name} is required`);
  return v;
}

function checked(name: string, value: string, check: (v: string) => string | undefined): string {
  const problem = check(value);
  if (problem) throw new UsageError(`--${name}: ${problem}`);
  return value;
}

function offset(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d+$/.test(value)) throw new UsageError(`--${name}: "${String(value)}" is not an offset; expected a whole number`);
  return Number(value);
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      bucket: { type: "string" },
      region: { type: "string" },
      prefix: { type: "string", default: "" },
      instance: { type: "string" },
      topic: { type: "string" },
      endpoint: { type: "string" },
      brokers: { type: "string" },
      "target-topic": { type: "string" },
      partition: { type: "string", multiple: true },
      "from-offset": { type: "string" },
      "to-offset": { type: "string" },
      "sasl-mechanism": { type: "string" },
      "sasl-username": { type: "string" },
      tls: { type: "boolean", default: false },
    },
  });
  const command = positionals[0];
  if (command !== "verify" && command !== "restore") throw new UsageError(command ? `unknown command "${command}"` : "no command");
  const secretId = env.TENCENTCLOUD_SECRETID;
  const secretKey = env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey) throw new UsageError("TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set (keys that may read the bucket)");
  const source = new BackupSource({
    bucket: checked("bucket", required(values, "bucket"), checkBucket),
    region: required(values, "region"),
    prefix: checked("prefix", values.prefix ?? "", checkPrefix),
    instanceId: checked("instance", required(values, "instance"), checkInstanceId),
    topic: checked("topic", required(values, "topic"), checkTopic),
    endpoint: values.endpoint,
    credentials: { secretId, secretKey, sessionToken: env.TENCENTCLOUD_SESSIONTOKEN || undefined },
  });

  if (command === "verify") {
    const report = await verifyBackup(source);
    for (const p of report.partitions) {
      const holes = p.holes.map((h) => `${h.from}–${h.to - 1}${h.retentionGap ? " (retention gap, recorded)" : ""}`).join(", ");
      out(`partition ${p.partition}: ${p.objects} objects, ${p.records} records, offsets ${p.firstOffset}–${p.lastOffset}${holes ? `, no records at ${holes}` : ""}`);
    }
    out(`${report.checkedDigests} object digest(s) checked against manifests`);
    for (const problem of report.problems) out(`PROBLEM ${problem}`);
    out(report.problems.length ? `${report.problems.length} problem(s) found` : "backup is sound");
    return report.problems.length ? 1 : 0;
  }

  const brokers = required(values, "brokers").split(",").map((b) => checked("brokers", b, checkBroker));
  const mechanism = values["sasl-mechanism"];
  let sasl: SASLOptions | undefined;
  if (mechanism !== undefined) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) throw new UsageError(`--sasl-mechanism: "${mechanism}" is not one of ${SASL_MECHANISMS.join(", ")}`);
    const password = env.KAFKA_SASL_PASSWORD;
    if (!password) throw new UsageError("KAFKA_SASL_PASSWORD must be set with --sasl-mechanism");
    sasl = { mechanism, username: required(values, "sasl-username"), password } as SASLOptions;
  }
  const partitions = values.partition?.map((p) => offset("partition", p)!);
  const kafka = new Kafka({ clientId: "ckafka-cos-backup-restore", brokers, ssl: values.tls, sasl, logLevel: logLevel.ERROR });
  const report = await restoreBackup(source, kafka, {
    targetTopic: checked("target-topic", required(values, "target-topic"), checkTopic),
    partitions,
    fromOffset: offset("from-offset", values["from-offset"]),
    toOffset: offset("to-offset", values["to-offset"]),
  });
  for (const [p, n] of report.byPartition) out(`partition ${p}: ${n} records restored`);
  out(`${report.records} records restored into ${values["target-topic"]}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    (code) => process.exit(code),
    (err) => {
      const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
      console.error(usage ? `${(err as Error).message}\n${USAGE}` : `error: ${(err as Error).message}`);
      process.exit(usage ? 2 : 3);
    },
  );
}
