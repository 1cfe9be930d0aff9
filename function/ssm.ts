// Reads the SASL password from Tencent Cloud Secrets Manager (SSM GetSecretValue, API 2019-09-23),
// signed with TC3-HMAC-SHA256 and the function role's temporary credentials.
import { createHash, createHmac } from "node:crypto";
import type { Credentials } from "./credentials";

const SERVICE = "ssm";
const VERSION = "2019-09-23";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const hmac = (key: Buffer | string, s: string) => createHmac("sha256", key).update(s).digest();

export async function getSecretValue(opts: {
  secretName: string;
  region: string;
  credentials: Credentials;
  /** Defaults to https://ssm.tencentcloudapi.com; tests point it at a local stand-in. */
  endpoint?: string;
}): Promise<string> {
  const url = new URL(opts.endpoint ?? "https://ssm.tencentcloudapi.com");
  const host = url.host;
  const body = JSON.stringify({ SecretName: opts.secretName, VersionId: "$Latest" });
  const timestamp = Math.floor(Date.now() / 1000);
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const canonical = ["POST", "/", "", `content-type:application/json; charset=utf-8\nhost:${host}\n`, "content-type;host", sha256(body)].join("\n");
  const scope = `${date}/${SERVICE}/tc3_request`;
  const toSign = ["TC3-HMAC-SHA256", String(timestamp), scope, sha256(canonical)].join("\n");
  const key = hmac(hmac(hmac("TC3" + opts.credentials.secretKey, date), SERVICE), "tc3_request");
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  const headers: Record<string, string> = {
    Authorization: `TC3-HMAC-SHA256 Credential=${opts.credentials.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
    "Content-Type": "application/json; charset=utf-8",
    Host: host,
    "X-TC-Action": "GetSecretValue",
    "X-TC-Version": VERSION,
    "X-TC-Timestamp": String(timestamp),
    "X-TC-Region": opts.region,
  };
  if (opts.credentials.sessionToken) headers["X-TC-Token"] = opts.credentials.sessionToken;
  const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(10_000) });
  const json = (await res.json()) as { Response?: { SecretString?: string; Error?: { Code: string; Message: string } } };
  const error = json.Response?.Error;
  if (error) throw new Error(`SSM GetSecretValue for secret "${opts.secretName}" failed: ${error.Code}: ${error.Message}`);
  if (typeof json.Response?.SecretString !== "string") {
    throw new Error(`SSM GetSecretValue for secret "${opts.secretName}" returned no SecretString (HTTP ${res.status})`);
  }
  return json.Response.SecretString;
}
