// A TCP proxy in front of the object server that stops working after a byte budget, or answers late:
// an object store that fails mid-run or is slow, for real, without touching the store itself.
import { createServer, connect, type Server, type Socket } from "node:net";

export async function startFlakyProxy(
  target: string,
  budgetBytes: number,
  /** Holds each piece of every answer this long before passing it on. */
  answerDelayMs = 0,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const url = new URL(target);
  let used = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (used >= budgetBytes) return client.destroy();
    const upstream = connect(Number(url.port), url.hostname);
    sockets.add(client).add(upstream);
    client.on("data", (chunk) => {
      used += chunk.length;
      if (used >= budgetBytes) {
        for (const s of sockets) s.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => (answerDelayMs ? setTimeout(() => client.write(chunk), answerDelayMs) : client.write(chunk)));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
