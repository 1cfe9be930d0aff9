// An existing bucket, its versioning turned on and every backup object encrypted with the customer's KMS key,
// and SASL/SCRAM with the password in an SSM secret. An existing bucket's lifecycle rules are defined where the
// bucket is (README, "An existing bucket"): the construct refuses transitions and expiration here.
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
      versioningEnabled: true,
      kmsKeyId: "23e80852-1e38-11e9-b129-5cb9019b4b01",
      tags: { team: "payments" },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new SaslExistingBucketStack(app, "sasl-existing-bucket");
  app.synth();
}
