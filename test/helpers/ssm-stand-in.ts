// A local stand-in for the SSM GetSecretValue API: answers with the secret it was given, and
// records what the handler asked for. The handler's production code path (TC3 signing, JSON API) runs unchanged.
import { createServer } from "node:http";

export async function startSsmStandIn(secrets: Record<string, string>): Promise<{ endpoint: string; requests: Array<Record<string, string>>; close(): Promise<void> }> {
  const requests: Array<Record<string, string>> = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const parsed = JSON.parse(body) as { SecretName: string };
      requests.push({ action: String(req.headers["x-tc-action"]), auth: String(req.headers.authorization), token: String(req.headers["x-tc-token"]), secret: parsed.SecretName });
      const value = secrets[parsed.SecretName];
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          Response:
            value === undefined
              ? { Error: { Code: "ResourceNotFound", Message: `secret ${parsed.SecretName} not found` }, RequestId: "r" }
              : { SecretName: parsed.SecretName, VersionId: "v1", SecretString: value, RequestId: "r" },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
