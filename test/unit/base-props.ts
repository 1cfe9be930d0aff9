// The smallest valid props, shared by the construct's unit tests; each test changes what it is about.
import type { CkafkaCosBackupProps } from "../../lib";

export const base: CkafkaCosBackupProps = {
  functionName: "orders-backup",
  region: "ap-guangzhou",
  instanceId: "ckafka-abcd1234",
  topic: "orders",
  brokers: ["10.0.0.15:9092"],
  vpcId: "vpc-1",
  subnetId: "subnet-1",
};
