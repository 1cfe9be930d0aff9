// Construction-time validation of CkafkaCosBackupProps. Each message names the prop and what is allowed.
// Each part of the construct checks its own props (bucket.ts, backup-function.ts, handler-config.ts, tags.ts,
// topic-selection.ts, alarms.ts, logging.ts); here: the region, the props that must be literals, the codec.
// Values that are Terraform tokens (known only at apply time) are not checked.
import { COMPRESSIONS, checkCompression, checkCompressionLevel, checkFormat, checkRegion } from "../function/config";
import { alarmPropErrors } from "./alarms";
import { functionPropErrors } from "./backup-function";
import { bucketPropErrors } from "./bucket";
import { HANDLER_NODE_MAJOR } from "./handler-code";
import { handlerConfigPropErrors } from "./handler-config";
import { logPropErrors } from "./logging";
import { known, literal, propErrors, reference } from "./prop-checks";
import type { CkafkaCosBackupProps } from "./props";
import { tagPropErrors } from "./tags";

export function validateProps(props: CkafkaCosBackupProps): void {
  const { errors, check } = propErrors();
  const given = (p: keyof CkafkaCosBackupProps) => known(props, p);
  if (literal(props.region)) check("region", checkRegion(props.region));
  // The resources go to the provider's region while the policy and the handler use `region`: they must agree.
  const providerRegion = (props.provider as { region?: unknown } | undefined)?.region;
  if (literal(props.region) && literal(providerRegion) && providerRegion !== props.region) {
    check("region", `"${props.region}" differs from the region of the given provider, "${providerRegion}": the resources are created in the provider's region, so the function would look for its bucket in the wrong one`);
  }
  if (props.appId !== undefined && literal(props.appId)) check("appId", /^\d{10}$/.test(props.appId) ? undefined : `"${props.appId}" is not an APPID; expected 10 digits`);
  // Number props that shape other values at synth must be literals; each says why.
  const needsLiteral: [keyof CkafkaCosBackupProps, string][] = [
    ["timeGranularityMinutes", "it sets the timer's cron, the function timeout and the queued event's lifetime"],
    ["timeoutSeconds", "it is checked against timeGranularityMinutes so that ticks do not overlap"],
    ["partitionMaxBytes", "it goes into the handler's configuration, which the handler refuses outside 1 MiB to 500 MiB"],
    ["compressionLevel", "it goes into the handler's configuration, which the handler refuses outside its codec's levels"],
    ["parallelism", "it decides how many timer triggers are defined"],
    ["abortIncompleteMultipartUploadDays", "0 leaves the lifecycle rule out, which is decided at synth"],
    ["startPosition", "it is checked at synth to be earliest, latest or epoch milliseconds"],
    ["objectLockDays", "it is checked at synth against expirationDays and turns on the handler's write-once mode"],
    ["runtime", `it is checked at synth against the handler's build (Node.js ${HANDLER_NODE_MAJOR} or newer)`],
  ];
  // Any other number the construct computes with (the alarms' thresholds) needs a literal too; these pass through.
  const passThrough: (keyof CkafkaCosBackupProps)[] = ["memoryMiB", "transitionToStandardIaAfterDays", "transitionToArchiveAfterDays", "expirationDays", "asyncRetryCount"];
  for (const p of Object.keys(props) as (keyof CkafkaCosBackupProps)[]) {
    if (typeof props[p] === "number" && !passThrough.includes(p) && !needsLiteral.some(([n]) => n === p)) {
      needsLiteral.push([p, "the construct computes other values from it at synth"]);
    }
  }
  const references = needsLiteral.filter(([p]) => reference(props[p]));
  for (const [p, why] of references) check(p, `must be a literal value, not a Terraform reference: ${why}`);

  errors.push(...functionPropErrors(props), ...bucketPropErrors(props), ...handlerConfigPropErrors(props));
  if (props.format !== undefined) {
    if (!literal(props.format)) check("format", `must be a literal value, not a Terraform reference: it decides at synth which compression applies`);
    else check("format", checkFormat(props.format));
  }
  // compression is the object's codec for JSON Lines and the page codec for Parquet; each codec has its own levels.
  if (props.compression !== undefined) {
    if (!literal(props.compression)) check("compression", `must be a literal value, not a Terraform reference: it decides at synth which levels compressionLevel takes`);
    else if (props.format === undefined || literal(props.format)) check("compression", checkCompression(props.format ?? "jsonl", props.compression));
  }
  const compression = props.compression ?? "gzip";
  if (given("compressionLevel") && literal(compression) && COMPRESSIONS.includes(compression)) {
    check("compressionLevel", checkCompressionLevel(compression, props.compressionLevel!));
  }

  errors.push(...tagPropErrors(props), ...alarmPropErrors(props), ...logPropErrors(props));
  if (errors.length) throw new Error(`CkafkaCosBackup: invalid props:\n  - ${errors.join("\n  - ")}`);
}
