// Three topics of one CKafka instance backed up by one stack: the backups share one notification template
// (on-call group and a webhook whose URL is a Terraform variable, kept out of code) and one CLS logset; each
// has its own function, log topic (indexed), consumer group and alarm policies named after its function.
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { BackupAlarmNotice, CkafkaCosBackup } from "ckafka-cos-backup";
import { clsLogset, provider } from "ckafka-cos-backup/tencentcloud";

export class ThreeTopicsBackupStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new provider.TencentcloudProvider(this, "tencentcloud", { region: "ap-guangzhou" });
    const webhook = new TerraformVariable(this, "alarm_webhook_url", { type: "string", sensitive: true, description: "Where the backup alarms post" });
    const notice = new BackupAlarmNotice(this, "backup-alarms", {
      name: "kafka backups",
      recipientGroupIds: [1001],
      noticeWays: ["EMAIL", "SMS"],
      webhookUrls: [webhook.stringValue],
    });
    const logs = new clsLogset.ClsLogset(this, "backup-logs", { logsetName: "kafka-backups" });

    for (const [topic, parallelism] of [["orders", 1], ["payments", 1], ["clickstream", 3]] as const) {
      new CkafkaCosBackup(this, `${topic}-backup`, {
        functionName: `${topic}-backup`,
        region: "ap-guangzhou",
        instanceId: "ckafka-abcd1234",
        topic,
        brokers: ["10.0.0.15:9092"],
        vpcId: "vpc-abcd1234",
        subnetId: "subnet-abcd1234",
        bucketNamePrefix: `kafka-backup-${topic}`,
        timeGranularityMinutes: 15,
        parallelism,
        logTopicEnabled: true,
        clsLogsetId: logs.id,
        alarmNoticeIds: [notice.noticeId],
      });
    }
  }
}

if (require.main === module) {
  const app = new App();
  new ThreeTopicsBackupStack(app, "three-topics");
  app.synth();
}
