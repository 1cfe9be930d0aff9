// cos-nodejs-sdk-v5 pointed at the test object server, and small read helpers.
import COS from "cos-nodejs-sdk-v5";
import { tmpdir } from "node:os";
import { endpointOptions } from "../../function/cos-storage";
import { TEST_BUCKET } from "../services/object-store";

export { TEST_BUCKET };
export const TEST_REGION = "ap-guangzhou";

export function cosEndpoint(): string {
  const endpoint = process.env.CKB_COS_ENDPOINT;
  if (!endpoint) throw new Error("CKB_COS_ENDPOINT is not set: run this test in the integration project");
  return endpoint;
}

export function testCos(): COS {
  return new COS({
    SecretId: "test-id",
    SecretKey: "test-key",
    ...endpointOptions(cosEndpoint()),
    ConfCwd: tmpdir(),
  });
}

export async function listKeys(cos: COS, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let marker = "";
  for (;;) {
    const res = await cos.getBucket({ Bucket: TEST_BUCKET, Region: TEST_REGION, Prefix: prefix, Marker: marker, MaxKeys: 1000 });
    keys.push(...res.Contents.map((c) => c.Key));
    if (res.IsTruncated !== "true") return keys.sort();
    marker = res.NextMarker || res.Contents[res.Contents.length - 1].Key;
  }
}

export async function getBytes(cos: COS, key: string): Promise<Buffer> {
  const res = await cos.getObject({ Bucket: TEST_BUCKET, Region: TEST_REGION, Key: key });
  return Buffer.from(res.Body as Buffer);
}
