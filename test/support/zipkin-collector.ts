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
 * A loopback stand-in for a trace collector: it takes Zipkin's `POST /api/v2/spans` and keeps the
 * spans, and OTLP's `POST /v1/traces` in its JSON encoding and keeps the trace ids, so that a test
 * can read the traces an app process exported over a real HTTP connection.
 */
export class ZipkinCollector {
  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    /** Every span received so far. */
    readonly spans: ZipkinSpan[],
    /** The trace id of every span received by OTLP so far. */
    readonly otlpTraceIds: string[],
  ) {}

  /** Where OTLP/HTTP sends traces (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT). */
  get otlpEndpoint(): string {
    return this.endpoint.replace('/api/v2/spans', '/v1/traces');
  }

  static async start(): Promise<ZipkinCollector> {
    const spans: ZipkinSpan[] = [];
    const otlpTraceIds: string[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
          if (request.method === 'POST' && request.url === '/api/v2/spans') {
            spans.push(...(body as ZipkinSpan[]));
            response.writeHead(202).end();
          } else if (request.method === 'POST' && request.url === '/v1/traces') {
            const { resourceSpans = [] } = body as { resourceSpans?: { scopeSpans?: { spans?: { traceId: string }[] }[] }[] };
            for (const resource of resourceSpans) for (const scope of resource.scopeSpans ?? []) for (const span of scope.spans ?? []) otlpTraceIds.push(span.traceId);
            response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
          } else response.writeHead(404).end();
        } catch {
          response.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new ZipkinCollector(server, `http://127.0.0.1:${port}/api/v2/spans`, spans, otlpTraceIds);
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
