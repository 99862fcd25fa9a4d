import { createServer, type Server } from 'node:http';
import type Koa from 'koa';

/** Serves `koa` on `host:port` (port 0 picks a free one). */
export function listen(koa: Koa, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const handle = koa.callback();
    // Koa's handler settles its own promise (errors become responses), so nothing is left floating.
    const server = createServer((req, res) => void handle(req, res));
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * Stops accepting connections and waits for in-flight requests; idle keep-alive sockets are closed
 * at once, and stragglers are cut after 10 s so a stuck client cannot block shutdown forever.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
