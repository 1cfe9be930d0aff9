export { CkafkaCosBackup, type CkafkaCosBackupProps } from "./ckafka-cos-backup";
export { bundleHandler, type FunctionBundle } from "./bundling";
export { cronFor, timeoutFor } from "./validation";
