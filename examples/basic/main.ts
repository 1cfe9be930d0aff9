// The quick start: a new bucket, PLAINTEXT access over the CKafka instance's VPC address, a log topic and alarms.
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { CkafkaCosBackup } from "ckafka-cos-backup";
import { provider } from "ckafka-cos-backup/tencentcloud";

export class BasicBackupStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new provider.TencentcloudProvider(this, "tencentcloud", { region: "ap-guangzhou" });
    new CkafkaCosBackup(this, "orders-backup", {
      functionName: "orders-backup",
      region: "ap-guangzhou",
      instanceId: "ckafka-abcd1234",
      topic: "orders",
      brokers: ["10.0.0.15:9092"],
      vpcId: "vpc-abcd1234",
      subnetId: "subnet-abcd1234",
      timeGranularityMinutes: 5,
      deliveryPathPrefix: "kafka-backup/",
      // Operations: the function's logs in a new CLS topic kept 30 days, and the alarms (README, "Operations")
      // notifying CAM user 100000000001 by email and SMS.
      logTopicEnabled: true,
      logRetentionDays: 30,
      alarmRecipientUserIds: [100000000001],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new BasicBackupStack(app, "basic");
  app.synth();
}
