import type { Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningHttpServer {
  readonly url: string;
  readonly server: Server;
  /** Stops accepting connections and waits for requests in flight to finish. */
  close(): Promise<void>;
}

/**
 * How long an idle keep-alive connection stays open: Node's default, said here because the gateway
 * in front must close its idle connections to us sooner (deploy/nginx: 4 s). Were we the one to
 * close a connection just as the gateway sent a request on it, nginx would answer 502, and would
 * not retry a POST. (Keeping ours longer than the gateway's instead would hold a stopping server
 * open as long, for connections that went idle after it began to stop.)
 */
export const keepAliveTimeoutMs = 5_000;

export function listen(app: Express, port: number, host: string): Promise<RunningHttpServer> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) return reject(error);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        server,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((closeError) => (closeError ? fail(closeError) : done()));
            server.closeIdleConnections();
          }),
      });
    });
    server.keepAliveTimeout = keepAliveTimeoutMs;
    server.once('error', reject);
  });
}
