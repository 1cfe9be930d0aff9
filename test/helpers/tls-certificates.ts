// Certificates the TLS tests make with openssl: a CA, a broker certificate for 127.0.0.1 signed by it (in a
// PKCS12 keystore for the broker), and a second CA that signed nothing, to trust by mistake.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestCertificates {
  /** The CA that signed the broker's certificate (PEM). */
  caPath: string;
  /** A CA that did not (PEM). */
  otherCaPath: string;
  keystorePath: string;
  password: string;
}

export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), "ckb-tls-"));
  const at = (f: string) => join(dir, f);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: ["ignore", "pipe", "pipe"] });
  const ca = (name: string) => openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", at(`${name}.key`), "-out", at(`${name}.pem`), "-days", "2", "-subj", `/CN=ckafka-cos-backup test ${name}`);
  ca("ca");
  ca("other-ca");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", at("broker.key"), "-out", at("broker.csr"), "-subj", "/CN=127.0.0.1");
  writeFileSync(at("broker.ext"), "subjectAltName=IP:127.0.0.1\n");
  openssl("x509", "-req", "-in", at("broker.csr"), "-CA", at("ca.pem"), "-CAkey", at("ca.key"), "-CAcreateserial", "-out", at("broker.pem"), "-days", "2", "-extfile", at("broker.ext"));
  const password = "test-keystore";
  openssl("pkcs12", "-export", "-in", at("broker.pem"), "-inkey", at("broker.key"), "-certfile", at("ca.pem"), "-out", at("broker.p12"), "-passout", `pass:${password}`);
  return { caPath: at("ca.pem"), otherCaPath: at("other-ca.pem"), keystorePath: at("broker.p12"), password };
}
