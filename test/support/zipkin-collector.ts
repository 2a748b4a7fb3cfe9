import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as Zipkin's v2 JSON API takes it (what @opentelemetry/exporter-zipkin sends). */
export interface ZipkinSpan {
  readonly traceId: string;
  readonly id: string;
  readonly parentId?: string;
  readonly name: string;
  readonly kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  readonly timestamp: number;
  readonly duration: number;
  readonly localEndpoint?: { serviceName?: string };
  readonly tags?: Record<string, string>;
}

/**
 * A loopback stand-in for Zipkin's collector: it takes `POST /api/v2/spans` and keeps the spans,
 * so that a test can read the traces an app process exported over a real HTTP connection.
 */
export class ZipkinCollector {
  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    /** Every span received so far. */
    readonly spans: ZipkinSpan[],
  ) {}

  static async start(): Promise<ZipkinCollector> {
    const spans: ZipkinSpan[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.method !== 'POST' || request.url !== '/api/v2/spans') {
          response.writeHead(404).end();
          return;
        }
        try {
          spans.push(...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ZipkinSpan[]));
          response.writeHead(202).end();
        } catch {
          response.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new ZipkinCollector(server, `http://127.0.0.1:${port}/api/v2/spans`, spans);
  }

  /** Waits until a span matching `test` has arrived (the exporter sends in batches). */
  async until(test: (span: ZipkinSpan) => boolean, timeoutMs = 20_000): Promise<ZipkinSpan> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.spans.find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such span after ${timeoutMs} ms; got: ${[...new Set(this.spans.map((span) => span.name))].join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
