// Every topic of one CKafka instance whose name starts with "orders-" backed up by one function: a topic created
// next week that matches is backed up from the tick after it appears, with no change to this stack. Two
// instances per tick share the topics' partitions; the alarms watch each matching topic's consumer group.
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { CkafkaCosBackup } from "ckafka-cos-backup";
import { provider } from "ckafka-cos-backup/tencentcloud";

export class TopicPatternBackupStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new provider.TencentcloudProvider(this, "tencentcloud", { region: "ap-guangzhou" });
    new CkafkaCosBackup(this, "orders-backup", {
      functionName: "orders-backup",
      region: "ap-guangzhou",
      instanceId: "ckafka-abcd1234",
      topicPattern: "orders-.*",
      brokers: ["10.0.0.15:9092"],
      vpcId: "vpc-abcd1234",
      subnetId: "subnet-abcd1234",
      // A pattern's policies cover the instance's folders under the prefix: keep this backup's apart.
      deliveryPathPrefix: "orders/",
      compression: "zstd",
      parallelism: 2,
      alarmRecipientUserIds: [100001],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new TopicPatternBackupStack(app, "topic-pattern");
  app.synth();
}
