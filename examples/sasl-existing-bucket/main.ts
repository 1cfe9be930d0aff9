// An existing bucket, SASL/SCRAM with the password in an SSM secret, and lifecycle rules.
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { CkafkaCosBackup } from "ckafka-cos-backup";
import { provider } from "ckafka-cos-backup/tencentcloud";

export class SaslExistingBucketStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new provider.TencentcloudProvider(this, "tencentcloud", { region: "ap-shanghai" });
    new CkafkaCosBackup(this, "payments-backup", {
      functionName: "payments-backup",
      region: "ap-shanghai",
      existingBucketName: "data-archive-1250000000",
      appId: "1250000000",
      ownerUin: "100000000001",
      instanceId: "ckafka-efgh5678",
      topic: "payments",
      startPosition: "latest",
      brokers: ["10.1.0.20:9094", "10.1.0.21:9094"],
      vpcId: "vpc-efgh5678",
      subnetId: "subnet-efgh5678",
      saslMechanism: "scram-sha-512",
      saslUsername: "ckafka-efgh5678#backup",
      saslPasswordSecretName: "ckafka-backup-password",
      timeGranularityMinutes: 15,
      partitionMaxBytes: 128 * 1024 * 1024,
      deliveryPathPrefix: "payments/",
      memoryMiB: 1024,
      transitionToStandardIaAfterDays: 30,
      transitionToArchiveAfterDays: 180,
      expirationDays: 730,
      tags: { team: "payments" },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new SaslExistingBucketStack(app, "sasl-existing-bucket");
  app.synth();
}
