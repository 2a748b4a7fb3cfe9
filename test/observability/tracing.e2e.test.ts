import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, untilReady, type AppProcess } from '../support/app-process';
import { ZipkinCollector, type ZipkinSpan } from '../support/zipkin-collector';

/*
 * One order's journey is one trace: `npm start` with OTEL_TRACES_EXPORTER=zipkin,otlp sends its
 * spans to a collector on loopback (test/support/zipkin-collector.ts), and every hop from the
 * customer's POST /api/orders to the email sent shares the trace id of that request.
 */

let collector: ZipkinCollector;
let app: AppProcess;
let url: string;
let dataDir: string;

beforeAll(async () => {
  collector = await ZipkinCollector.start();
  dataDir = mkdtempSync(path.join(tmpdir(), 'emporium-tracing-'));
  app = startApp({
    PORT: '0',
    EMPORIUM_DATA_DIR: dataDir,
    // Both exporters at once: Zipkin's JSON, and OTLP over HTTP in its JSON encoding.
    OTEL_TRACES_EXPORTER: 'zipkin,otlp',
    OTEL_EXPORTER_ZIPKIN_ENDPOINT: collector.endpoint,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.otlpEndpoint,
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '200',
  });
  url = await app.url;
  await untilReady(url);
}, 120_000);

afterAll(async () => {
  if (app) {
    app.interrupt();
    await app.exited;
  }
  await collector?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function eventuallyTrue(test: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('not so after 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function json<T>(response: Promise<Response>): Promise<{ status: number; body: T }> {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T };
}

function post(pathname: string, body: unknown, token?: string): Promise<Response> {
  return fetch(`${url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
}

describe('tracing with OTEL_TRACES_EXPORTER=zipkin,otlp', () => {
  it('makes one trace of an order, from POST /api/orders through the saga, the gateway, the webhook and the stock commit to the email sent', async () => {
    expect((await post('/api/auth/signup', { email: 'traced@example.test', password: 'a traced customer password', firstName: 'Tess', lastName: 'Traced', shippingAddress: { line1: '1 Span Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' } })).status).toBe(201);
    const { body: session } = await json<{ accessToken: string }>(post('/api/auth/login', { email: 'traced@example.test', password: 'a traced customer password' }));
    const placed = await json<{ id: string }>(post('/api/orders', { lines: [{ productCode: 'SENCHA-50', quantity: 1 }], paymentMethod: 'card', paymentToken: 'tok_success' }, session.accessToken));
    expect(placed.status).toBe(201);

    const request = await collector.until((span) => span.kind === 'SERVER' && span.name === 'POST /api/orders');
    const traceId = request.traceId;
    await collector.until((span) => span.traceId === traceId && span.name === 'send email');
    const trace = collector.spans.filter((span) => span.traceId === traceId);
    const names = trace.map((span) => span.name);
    const has = (test: (span: ZipkinSpan) => boolean, what: string) => expect({ what, found: trace.some(test) }).toEqual({ what, found: true });

    has((span) => span.name === 'command PlaceOrder', 'the command that placed the order');
    has((span) => span.name === 'append' && span.tags?.['emporium.stream_id'] === `order-${placed.body.id}`, "the order's append");
    has((span) => span.name === 'fulfilment OrderPlaced' && span.kind === 'CONSUMER', 'the saga handling the placed order');
    has((span) => span.name === 'payment gateway: create payment' && span.kind === 'CLIENT', 'the gateway call');
    has((span) => span.name === 'payment webhook payment.succeeded', "the gateway's webhook");
    has((span) => span.name === 'command RecordPaymentOutcome', 'the payment outcome recorded');
    has((span) => span.name.startsWith('fulfilment Payment') && span.kind === 'CONSUMER', 'the saga handling the payment outcome');
    has((span) => span.name.startsWith('command') && span.tags?.['emporium.stream_id']?.startsWith('inventory-') === true && trace.some((other) => other.name === 'payment webhook payment.succeeded' && other.timestamp < span.timestamp), 'the stock committed after the payment');
    has((span) => span.name.startsWith('notifications ') && span.kind === 'CONSUMER', 'the notifications process');
    has((span) => span.name === 'send email' && span.kind === 'CLIENT', 'the email sent');
    has((span) => span.name.startsWith('handle ') && span.tags?.['emporium.subscription'] !== undefined, 'a projection following the events');
    has((span) => span.name.startsWith('pg.query:') && span.kind === 'CLIENT', "PostgreSQL's statements");
    // Every span but the request's own has its parent in the trace: nothing hangs loose.
    const ids = new Set(trace.map((span) => span.id));
    expect(trace.filter((span) => span.parentId !== undefined && !ids.has(span.parentId)).map((span) => span.name)).toEqual([]);
    expect(names.length).toBeGreaterThan(20);
    // The same trace reached the OTLP endpoint.
    await eventuallyTrue(() => collector.otlpTraceIds.filter((id) => id === traceId).length >= trace.length);
  }, 60_000);
});
