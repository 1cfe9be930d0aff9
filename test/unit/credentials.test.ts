// The one reader of Tencent Cloud keys: the handler reads SCF's names, the CLI the provider's first, then SCF's.
import { describe, expect, it } from "vitest";
import { credentialsFrom, PROVIDER_NAMES, SCF_NAMES } from "../../function/credentials";

const SCF = { TENCENTCLOUD_SECRETID: "x", TENCENTCLOUD_SECRETKEY: "y", TENCENTCLOUD_SESSIONTOKEN: "s" };
const PROVIDER = { TENCENTCLOUD_SECRET_ID: "a", TENCENTCLOUD_SECRET_KEY: "b", TENCENTCLOUD_SECURITY_TOKEN: "t" };

describe("credentialsFrom", () => {
  it("takes each variable from the first convention that sets it", () => {
    expect(credentialsFrom({ ...SCF, ...PROVIDER }, [PROVIDER_NAMES, SCF_NAMES])).toEqual({ credentials: { secretId: "a", secretKey: "b", sessionToken: "t" } });
    expect(credentialsFrom(SCF, [PROVIDER_NAMES, SCF_NAMES])).toEqual({ credentials: { secretId: "x", secretKey: "y", sessionToken: "s" } });
    expect(credentialsFrom({ ...SCF, TENCENTCLOUD_SECRET_ID: "", TENCENTCLOUD_SECURITY_TOKEN: "t" }, [PROVIDER_NAMES, SCF_NAMES])).toEqual({ credentials: { secretId: "x", secretKey: "y", sessionToken: "t" } });
  });

  it("reads only the conventions it is given: the handler SCF's, whatever else is set", () => {
    expect(credentialsFrom({ ...PROVIDER, ...SCF }, [SCF_NAMES])).toEqual({ credentials: { secretId: "x", secretKey: "y", sessionToken: "s" } });
    expect(credentialsFrom({ TENCENTCLOUD_SECRETID: "x", TENCENTCLOUD_SECRETKEY: "y" }, [SCF_NAMES])).toEqual({ credentials: { secretId: "x", secretKey: "y", sessionToken: undefined } });
    expect(credentialsFrom(PROVIDER, [SCF_NAMES])).toEqual({ missing: ["TENCENTCLOUD_SECRETID", "TENCENTCLOUD_SECRETKEY"] });
  });

  it("names what is missing in every convention; a token alone is not keys", () => {
    expect(credentialsFrom({ TENCENTCLOUD_SECRET_ID: "a", TENCENTCLOUD_SESSIONTOKEN: "s" }, [PROVIDER_NAMES, SCF_NAMES])).toEqual({ missing: ["TENCENTCLOUD_SECRET_KEY (or TENCENTCLOUD_SECRETKEY)"] });
    expect(credentialsFrom({}, [PROVIDER_NAMES, SCF_NAMES])).toEqual({ missing: ["TENCENTCLOUD_SECRET_ID (or TENCENTCLOUD_SECRETID)", "TENCENTCLOUD_SECRET_KEY (or TENCENTCLOUD_SECRETKEY)"] });
  });
});
