export { CkafkaCosBackup } from "./ckafka-cos-backup";
export type { CkafkaCosBackupProps } from "./props";
export { cronFor } from "./backup-function";
export { timeoutFor } from "../function/config";
export { BackupAlarms, type BackupAlarmProps, type BackupAlarmsProps, type BackupAlarmRule } from "./alarms";
export { BackupAlarmNotice, type BackupAlarmNoticeProps } from "./alarm-notice";
export { BackupLogTopic, type BackupLogProps, type BackupLogTopicProps } from "./logging";
