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
 * How long an idle keep-alive connection stays open. Longer than the gateway in front keeps its
 * idle connections to us (deploy/nginx: 55 s; load balancers commonly 60 s): the gateway must be
 * the one to close them. Node's default, 5 s, let us close a connection just as the gateway sent a
 * request on it, and nginx answers that with 502, without retrying it when it is a POST.
 */
export const keepAliveTimeoutMs = 65_000;

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
    // Node's advice: a little longer than keepAliveTimeout, so that a request begun on a connection
    // about to idle out is not cut off.
    server.headersTimeout = keepAliveTimeoutMs + 1_000;
    server.once('error', reject);
  });
}
