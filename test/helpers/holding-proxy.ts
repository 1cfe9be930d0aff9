// An HTTP proxy in front of the object server that lets a chosen request reach the server and then
// withholds the answer: the write is durable, but the client never learns it. With the handler killed at
// that moment, a test lands exactly between "COS confirmed the object" and "the offset was committed".
import { request as httpRequest, createServer, type IncomingMessage, type Server } from "node:http";

export interface HoldingProxy {
  endpoint: string;
  /** Resolves with the held request's path once the server has answered it. */
  held: Promise<string>;
  close(): Promise<void>;
}

export async function startHoldingProxy(target: string, hold: (req: IncomingMessage) => boolean): Promise<HoldingProxy> {
  const url = new URL(target);
  let holding = false;
  let onHeld: (path: string) => void = () => undefined;
  const held = new Promise<string>((r) => (onHeld = r));
  const server: Server = createServer((req, res) => {
    const toHold = !holding && hold(req);
    if (toHold) holding = true;
    const upstream = httpRequest({ host: url.hostname, port: Number(url.port), method: req.method, path: req.url, headers: req.headers }, (answer) => {
      if (toHold) {
        answer.resume();
        answer.on("end", () => onHeld(req.url ?? ""));
        return; // never answered
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    held,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Whether `req` makes an object under `folder` durable: a PUT of a whole object, or CompleteMultipartUpload. */
export function completesObjectUnder(folder: string): (req: IncomingMessage) => boolean {
  return (req) => {
    const path = decodeURIComponent(req.url ?? "");
    const completes = req.method === "PUT" ? !path.includes("partNumber=") : req.method === "POST" && path.includes("uploadId=");
    return completes && path.includes(`/${folder}`);
  };
}
