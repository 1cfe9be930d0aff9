// A TCP server on loopback that accepts connections and never answers: a silent broker or object store, for
// the CLI's time limits.
import { createServer, type Socket } from "node:net";

export interface MuteServer {
  /** host:port */
  readonly address: string;
  close(): Promise<void>;
}

export async function muteServer(): Promise<MuteServer> {
  const held: Socket[] = [];
  const server = createServer((socket) => held.push(socket));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    address: `127.0.0.1:${(server.address() as { port: number }).port}`,
    close: async () => {
      for (const socket of held) socket.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
