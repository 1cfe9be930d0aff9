export { CkafkaCosBackup, type CkafkaCosBackupProps } from "./ckafka-cos-backup";
export { cronFor, timeoutFor } from "./validation";
export { BackupAlarms, type BackupAlarmProps, type BackupAlarmsProps } from "./alarms";
export { BackupLogTopic, type BackupLogProps, type BackupLogTopicProps } from "./logging";
