// SeaweedFS (`weed mini`) as the S3-compatible object server, on loopback only.
// Its S3 gateway skips authentication when no identity is configured, so COS-signed requests pass.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, runScript, startService, stopThenRemove } from "./process";

/** The bucket the object server creates at start; COS bucket names end in a 10-digit appid. */
export const TEST_BUCKET = "backup-1250000000";

export interface ObjectStore {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startObjectStore(): Promise<ObjectStore> {
  const weed = runScript(join(__dirname, "install-weed.sh"));
  const dir = mkdtempSync(join(tmpdir(), "ckb-weed-"));
  const port = await freePort();
  const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const env = { ...process.env };
  delete env.AWS_ACCESS_KEY_ID; // either of these switches authentication on
  delete env.AWS_SECRET_ACCESS_KEY;
  const endpoint = `http://127.0.0.1:${port}`;
  const service = await startService({
    name: "SeaweedFS object server",
    command: weed,
    args: [
      "mini",
      `-dir=${dir}`,
      "-ip=127.0.0.1",
      "-ip.bind=127.0.0.1",
      `-s3.port=${port}`,
      `-master.port=${ports[0]}`,
      `-volume.port=${ports[1]}`,
      `-filer.port=${ports[2]}`,
      `-bucket=${TEST_BUCKET}`,
      "-master.telemetry=false",
      "-webdav=false",
      "-admin.ui=false",
      "-s3.port.iceberg=0",
      "-s3.port.lance=0",
    ],
    logFile: join(dir, "weed.log"),
    env,
    // Ready when the bucket answers, not merely when the port is open.
    ready: async () => {
      try {
        const res = await fetch(`${endpoint}/${TEST_BUCKET}?max-keys=1`);
        return res.status === 200;
      } catch {
        return false;
      }
    },
    timeoutMs: 120_000,
  });
  return { endpoint, stop: stopThenRemove(dir, service.stop) };
}
