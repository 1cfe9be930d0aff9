// The backup function: the SCF function running the prebuilt handler in the instance's VPC, one timer trigger
// per instance of a tick, no retries of a failed tick, and reserved concurrency for one tick's instances.
import { AssetType, Op, TerraformAsset, Token, type ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { ScfFunction } from "../generated/providers/tencentcloud/scf-function";
import { ScfFunctionEventInvokeConfig } from "../generated/providers/tencentcloud/scf-function-event-invoke-config";
import { ScfReservedConcurrencyConfig } from "../generated/providers/tencentcloud/scf-reserved-concurrency-config";
import { ScfTrigger } from "../generated/providers/tencentcloud/scf-trigger";
import { GRANULARITY_MINUTES, LIMITS, SCF_MAX_TIMEOUT_SECONDS, checkIntRange, formatSlotArgument } from "../function/config";
import { alarmsWanted } from "./alarms";
import { HANDLER_NODE_MAJOR, handlerCode } from "./handler-code";
import { memoryPrecondition } from "./handler-memory";
import type { BackupLogTopic } from "./logging";
import { known, literal, propErrors, reference } from "./prop-checks";
import type { BackupBasics, CkafkaCosBackupProps } from "./props";
import { topicsText } from "./topic-selection";

/** 7-field SCF cron (second minute hour day month week year). `*\/N * * * * * *` would fire every N seconds. */
export function cronFor(granularityMinutes: number): string {
  return `0 */${granularityMinutes} * * * * *`;
}

/** What the function runs with besides the props. */
export interface BackupFunctionInput {
  /** The handler's configuration. */
  readonly environment: Record<string, string>;
  readonly roleName: string;
  /** Applied before the function is: the role's policy. */
  readonly dependsOn?: ITerraformDependable;
  readonly logTopic?: BackupLogTopic;
}

export interface BackupFunction {
  readonly codeAsset: TerraformAsset;
  readonly function: ScfFunction;
  readonly timerTriggers: ScfTrigger[];
  readonly eventInvokeConfig: ScfFunctionEventInvokeConfig;
  readonly reservedConcurrency: ScfReservedConcurrencyConfig;
}

export function backupFunction(scope: Construct, props: CkafkaCosBackupProps, basics: BackupBasics, input: BackupFunctionInput): BackupFunction {
  const { provider, functionName } = props;
  const { namespace, granularityMinutes: granularity, memoryMiB, parallelism } = basics;
  // The zip is built once, when the package is built; its hash names the asset folder, so the
  // `zip_file` path, and with it the deployed code, changes exactly when the code does.
  const code = handlerCode();
  const codeAsset = new TerraformAsset(scope, "code", {
    path: code.zipPath,
    type: AssetType.FILE,
    assetHash: code.sha256.slice(0, 32),
  });
  const fn = new ScfFunction(scope, "function", {
    provider,
    name: functionName,
    namespace,
    description: `Backs up CKafka ${topicsText(basics.selection)} of ${props.instanceId} to COS every ${granularity} minutes`,
    handler: "index.main_handler",
    runtime: props.runtime ?? "Nodejs18.15",
    memSize: memoryMiB,
    timeout: basics.timeoutSeconds,
    environment: input.environment,
    zipFile: codeAsset.path,
    role: input.roleName,
    vpcId: props.vpcId,
    subnetId: props.subnetId,
    enablePublicNet: props.publicNetEnabled ?? true,
    clsLogsetId: input.logTopic?.logsetId ?? props.clsLogsetId,
    clsTopicId: input.logTopic?.logTopic.id ?? props.clsTopicId,
    dependsOn: input.dependsOn ? [input.dependsOn] : undefined,
    // A reference cannot be checked at synth: the plan checks it as validateProps checks a literal.
    lifecycle: Token.isUnresolved(memoryMiB) ? { precondition: [memoryPrecondition(memoryMiB)] } : undefined,
  });

  // One trigger per instance, so that every instance starts on time and knows its share from its own
  // event: no instance depends on another to start it, and a failed one costs only its partitions' tick.
  const timerTriggers = Array.from({ length: parallelism }, (_, slot) =>
    new ScfTrigger(scope, slot === 0 ? "timer" : `timer-${slot}`, {
      provider,
      functionName: fn.name,
      namespace,
      type: "timer",
      triggerName: slot === 0 ? "backup-timer" : `backup-timer-${slot}`,
      triggerDesc: cronFor(granularity),
      enable: "OPEN",
      customArgument: formatSlotArgument({ slot, parallelism }),
      description: parallelism === 1 ? `Every ${granularity} minutes` : `Every ${granularity} minutes, instance ${slot} of ${parallelism}`,
    }),
  );

  // A tick that fails or times out is not retried: the next tick resumes from the committed offsets,
  // and a retry would only run beside it. A queued tick lives at most one interval.
  const eventInvokeConfig = new ScfFunctionEventInvokeConfig(scope, "invoke-config", {
    provider,
    functionName: fn.name,
    namespace,
    asyncTriggerConfig: {
      msgTtl: granularity * 60,
      retryConfig: [{ retryNum: props.asyncRetryCount ?? 0 }],
    },
  });
  // Reserved concurrency of one tick's instances (SCF counts it in MB): ticks never run two at a time by accident.
  const reservedConcurrency = new ScfReservedConcurrencyConfig(scope, "reserved-concurrency", {
    provider,
    functionName: fn.name,
    namespace,
    reservedConcurrencyMem: Token.isUnresolved(memoryMiB) && parallelism > 1 ? Token.asNumber(Op.mul(memoryMiB, parallelism)) : memoryMiB * parallelism,
  });
  return { codeAsset, function: fn, timerTriggers, eventInvokeConfig, reservedConcurrency };
}

/** "prop: why" for each invalid prop of the function and its triggers. */
export function functionPropErrors(props: CkafkaCosBackupProps): string[] {
  const { errors, check } = propErrors();
  const given = (p: keyof CkafkaCosBackupProps) => known(props, p);
  const name = props.functionName;
  if (literal(name)) {
    check(
      "functionName",
      /^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$/.test(name)
        ? undefined
        : `"${name}" is not an SCF function name; expected 2–60 characters, starting with a letter, of letters, digits, "-" and "_", not ending in "-" or "_"`,
    );
  }
  if (props.namespace !== undefined && literal(props.namespace)) {
    check("namespace", /^[A-Za-z0-9_-]{1,60}$/.test(props.namespace) ? undefined : `"${props.namespace}" is not an SCF namespace; expected 1–60 letters, digits, "-" and "_"`);
  }
  const granularity = given("timeGranularityMinutes") ? props.timeGranularityMinutes! : 5;
  if (!(GRANULARITY_MINUTES as readonly number[]).includes(granularity)) {
    check("timeGranularityMinutes", `${granularity} is not allowed; expected one of ${GRANULARITY_MINUTES.join(", ")}: the timer fires at the minutes of the hour divisible by it, so it must divide 60 for even intervals`);
  }
  if (!props.vpcId || !props.subnetId) {
    check(props.vpcId ? "subnetId" : "vpcId", "vpcId and subnetId are required together: the function must run in the CKafka instance's VPC to reach its VPC access address");
  }
  if (given("parallelism")) {
    const { min, max } = LIMITS.parallelism;
    check("parallelism", checkIntRange(props.parallelism!, min, max)?.concat(` instances per tick (one timer trigger each; SCF allows ${max} timer triggers per function)`));
  }
  if (props.memoryMiB !== undefined && !reference(props.memoryMiB)) {
    const m = props.memoryMiB;
    const { min, max, step } = LIMITS.memoryMiB;
    check("memoryMiB", Number.isInteger(m) && m % step === 0 && m >= min && m <= max ? undefined : `${m} is not allowed; expected a multiple of ${step} from ${min} to ${max}`);
  }
  if (given("timeoutSeconds")) {
    const max = Math.min(granularity * 60 - 1, SCF_MAX_TIMEOUT_SECONDS);
    check("timeoutSeconds", checkIntRange(props.timeoutSeconds!, 60, max)?.concat(` (below the ${granularity}-minute granularity, so ticks do not overlap)`));
  }
  if (given("runtime")) {
    const major = Number(/^Nodejs(\d+)\.\d+$/.exec(props.runtime!)?.[1]);
    if (!(major >= HANDLER_NODE_MAJOR)) {
      check("runtime", `"${props.runtime}" is not allowed; expected a Node.js runtime from Nodejs${HANDLER_NODE_MAJOR}.15 on, e.g. Nodejs18.15 (the handler is built for Node.js ${HANDLER_NODE_MAJOR})`);
    }
  }
  if (alarmsWanted(props) && reference(props.functionName)) {
    check("functionName", "must be a literal value, not a Terraform reference, when alarms are on: the alarm policies' names are made from it and cut to alarmPolicyNameMaxLength");
  }
  if (props.asyncRetryCount !== undefined && !reference(props.asyncRetryCount)) check("asyncRetryCount", checkIntRange(props.asyncRetryCount, 0, 2));
  return errors;
}
