// Who may do what: the function's CAM role with its least-privilege policy (or an existing role), and the
// read-only policy for whoever runs the CLI on the backup. The documents themselves are in policy.ts.
import { Fn } from "cdktf";
import type { Construct } from "constructs";
import { CamPolicy } from "../generated/providers/tencentcloud/cam-policy";
import { CamRole } from "../generated/providers/tencentcloud/cam-role";
import { CamRolePolicyAttachment } from "../generated/providers/tencentcloud/cam-role-policy-attachment";
import { backupPolicyDocument, readerPolicyDocument, scfTrustDocument, type BackupKeySpace } from "./policy";
import type { BackupBasics, CkafkaCosBackupProps } from "./props";

export interface BackupAccess {
  readonly readerPolicy: CamPolicy;
  /** The new role, its policy and their attachment; undefined with `existingRoleName`. */
  readonly role?: CamRole;
  readonly policy?: CamPolicy;
  readonly policyAttachment?: CamRolePolicyAttachment;
  /** The function's role name (may be a token). */
  readonly roleName: string;
}

export function backupAccess(scope: Construct, props: CkafkaCosBackupProps, basics: BackupBasics, bucketName: string): BackupAccess {
  const provider = props.provider;
  const keySpace: BackupKeySpace = {
    region: props.region,
    appId: basics.appId,
    bucket: bucketName,
    prefix: basics.prefix,
    instanceId: props.instanceId,
    topics: basics.selection,
    ownerUin: basics.ownerUin,
    kmsKeyId: props.kmsKeyId,
  };
  const readerPolicy = new CamPolicy(scope, "reader-policy", {
    provider,
    name: `${props.functionName}-reader`,
    document: Fn.jsonencode(readerPolicyDocument(keySpace)),
    description: `Read-only access to the CKafka backup ${props.functionName} (history, verify, export, restore)`,
  });
  if (props.existingRoleName) return { readerPolicy, roleName: props.existingRoleName };

  const role = new CamRole(scope, "role", {
    provider,
    name: `${props.functionName}-role`,
    document: JSON.stringify(scfTrustDocument()),
    description: `Runs the CKafka backup function ${props.functionName}`,
  });
  const policy = new CamPolicy(scope, "policy", {
    provider,
    name: `${props.functionName}-policy`,
    document: Fn.jsonencode(backupPolicyDocument({ ...keySpace, saslSecretName: props.saslMechanism ? props.saslPasswordSecretName : undefined })),
    description: `Least privilege for the CKafka backup function ${props.functionName}`,
  });
  const policyAttachment = new CamRolePolicyAttachment(scope, "policy-attachment", {
    provider,
    roleId: role.id,
    policyId: policy.id,
  });
  return { readerPolicy, role, policy, policyAttachment, roleName: role.name };
}
