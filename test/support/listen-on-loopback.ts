import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackListener {
  port: number;
  /** Destroys every open connection (hung ones included), then closes the server. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 at a free port and tracks the server's connections: the test servers hold connections open
 * on purpose (stalls, drips, hangs), and server.close() alone would wait for them for ever.
 */
export async function listenOnLoopback(server: Server): Promise<LoopbackListener> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
