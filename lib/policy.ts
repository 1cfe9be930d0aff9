// CAM documents for the backup function: the SCF trust and a least-privilege policy.

export function scfTrustDocument(): object {
  return {
    version: "2.0",
    statement: [{ action: ["name/sts:AssumeRole"], effect: "allow", principal: { service: ["scf.qcloud.com"] } }],
  };
}

/** The COS actions the handler performs: single and multipart uploads of backup objects and manifests. */
export const COS_OBJECT_ACTIONS = [
  "name/cos:PutObject",
  "name/cos:InitiateMultipartUpload",
  "name/cos:UploadPart",
  "name/cos:CompleteMultipartUpload",
  "name/cos:AbortMultipartUpload",
] as const;

export interface BackupPolicyInput {
  region: string;
  appId: string;
  bucket: string;
  prefix: string;
  ownerUin: string;
  /** Set when the SASL password is read from SSM. */
  saslSecretName?: string;
}

export function backupPolicyDocument(input: BackupPolicyInput): object {
  const statement: object[] = [
    {
      effect: "allow",
      action: [...COS_OBJECT_ACTIONS],
      resource: [`qcs::cos:${input.region}:uid/${input.appId}:${input.bucket}/${input.prefix}*`],
    },
  ];
  if (input.saslSecretName) {
    // Resource format per the SSM CAM docs as we read them (UNVERIFIED; see the README).
    statement.push({
      effect: "allow",
      action: ["name/ssm:GetSecretValue"],
      resource: [`qcs::ssm:${input.region}:uin/${input.ownerUin}:secret/creatorUin/${input.ownerUin}/${input.saslSecretName}`],
    });
  }
  return { version: "2.0", statement };
}
