// Tencent Cloud keys from the environment: one reader for the handler (SCF's names, which SCF sets from the
// function's role) and the CLI (the Tencent Cloud provider's names first, then SCF's).

export interface Credentials {
  secretId: string;
  secretKey: string;
  sessionToken?: string;
}

/** How one convention names the three variables. */
export interface CredentialNames {
  secretId: string;
  secretKey: string;
  sessionToken: string;
}

/** SCF's names: SCF sets them in the function's environment from its role's temporary keys. */
export const SCF_NAMES: CredentialNames = { secretId: "TENCENTCLOUD_SECRETID", secretKey: "TENCENTCLOUD_SECRETKEY", sessionToken: "TENCENTCLOUD_SESSIONTOKEN" };

/** The Tencent Cloud provider's (and tccli's) names. */
export const PROVIDER_NAMES: CredentialNames = { secretId: "TENCENTCLOUD_SECRET_ID", secretKey: "TENCENTCLOUD_SECRET_KEY", sessionToken: "TENCENTCLOUD_SECURITY_TOKEN" };

/**
 * Keys from `env`, each variable taken from the first of `conventions` that sets it (an empty value counts as
 * unset); or, when the id or the key is missing, the missing ones, each named in every convention: "A (or B)".
 */
export function credentialsFrom(env: NodeJS.ProcessEnv, conventions: CredentialNames[]): { credentials: Credentials } | { missing: string[] } {
  const first = (name: keyof CredentialNames) => conventions.map((c) => env[c[name]]).find((v) => v) || undefined;
  const named = (name: keyof CredentialNames) => conventions.map((c) => c[name]).join(" (or ") + ")".repeat(conventions.length - 1);
  const [secretId, secretKey, sessionToken] = [first("secretId"), first("secretKey"), first("sessionToken")];
  if (!secretId || !secretKey) return { missing: [secretId ? "" : named("secretId"), secretKey ? "" : named("secretKey")].filter(Boolean) };
  return { credentials: { secretId, secretKey, sessionToken } };
}
