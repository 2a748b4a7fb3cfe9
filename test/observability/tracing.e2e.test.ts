import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, untilReady, type AppProcess } from '../support/app-process';
import { uniqueTopicPrefix } from '../support/kafka-messages';
import { describeWithServer } from '../support/test-servers';
import { ZipkinCollector, type ZipkinSpan } from '../support/zipkin-collector';

/*
 * One order's journey is one trace: `npm start` with OTEL_TRACES_EXPORTER=zipkin,otlp sends its
 * spans to a collector on loopback (test/support/zipkin-collector.ts), and every hop from the
 * customer's POST /api/orders to the email sent shares the trace id of that request; with Kafka
 * between the roles too, where the trace crosses the broker in the messages' headers.
 */

interface TracedShop {
  readonly collector: ZipkinCollector;
  url: string;
}

function tracedShop(env: NodeJS.ProcessEnv = {}): TracedShop {
  const shop = {} as TracedShop & { app?: AppProcess; dataDir?: string };
  beforeAll(async () => {
    (shop as { collector: ZipkinCollector }).collector = await ZipkinCollector.start();
    shop.dataDir = mkdtempSync(path.join(tmpdir(), 'emporium-tracing-'));
    shop.app = startApp({
      PORT: '0',
      EMPORIUM_DATA_DIR: shop.dataDir,
      // Both exporters at once: Zipkin's JSON, and OTLP over HTTP in its JSON encoding.
      OTEL_TRACES_EXPORTER: 'zipkin,otlp',
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: shop.collector.endpoint,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: shop.collector.otlpEndpoint,
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      ...env,
    });
    shop.url = await shop.app.url;
    await untilReady(shop.url);
  }, 120_000);
  afterAll(async () => {
    if (shop.app) {
      shop.app.interrupt();
      await shop.app.exited;
    }
    await shop.collector?.close();
    if (shop.dataDir) rmSync(shop.dataDir, { recursive: true, force: true });
  });
  return shop;
}

async function eventuallyTrue(test: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Signs a customer up, orders with tok_success, and returns every span of that order's trace once its email is sent. */
async function traceOfOneOrder(shop: TracedShop): Promise<{ orderId: string; trace: ZipkinSpan[] }> {
  const post = (pathname: string, body: unknown, token?: string) =>
    fetch(`${shop.url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  expect((await post('/api/auth/signup', { email: 'traced@example.test', password: 'a traced customer password', firstName: 'Tess', lastName: 'Traced', shippingAddress: { line1: '1 Span Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' } })).status).toBe(201);
  const { accessToken } = (await (await post('/api/auth/login', { email: 'traced@example.test', password: 'a traced customer password' })).json()) as { accessToken: string };
  const placed = await post('/api/orders', { lines: [{ productCode: 'SENCHA-50', quantity: 1 }], paymentMethod: 'card', paymentToken: 'tok_success' }, accessToken);
  expect(placed.status).toBe(201);
  const orderId = ((await placed.json()) as { id: string }).id;

  const request = await shop.collector.until((span) => span.kind === 'SERVER' && span.name === 'POST /api/orders');
  await shop.collector.until((span) => span.traceId === request.traceId && span.name === 'send email');
  // A span is exported when it ends, after its children: the one that records the email as sent
  // may still be open (or in the next export batch) when 'send email' arrives. Wait for the
  // trace to close; a span whose parent never comes still fails the check in expectEveryHop.
  const trace = () => shop.collector.spans.filter((span) => span.traceId === request.traceId);
  await eventuallyTrue(() => looseSpans(trace()).length === 0, 10_000).catch(() => undefined);
  return { orderId, trace: trace() };
}

/** The spans whose parent is not in the trace (the request's own has no parent). */
function looseSpans(trace: readonly ZipkinSpan[]): string[] {
  const ids = new Set(trace.map((span) => span.id));
  return trace.filter((span) => span.parentId !== undefined && !ids.has(span.parentId)).map((span) => span.name);
}

function expectEveryHop(trace: readonly ZipkinSpan[], orderId: string): void {
  const has = (test: (span: ZipkinSpan) => boolean, what: string) => expect({ what, found: trace.some(test) }).toEqual({ what, found: true });
  has((span) => span.name === 'command PlaceOrder', 'the command that placed the order');
  has((span) => span.name === 'append' && span.tags?.['emporium.stream_id'] === `order-${orderId}`, "the order's append");
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
  expect(looseSpans(trace)).toEqual([]);
  expect(trace.length).toBeGreaterThan(20);
}

describe('tracing with OTEL_TRACES_EXPORTER=zipkin,otlp', () => {
  const shop = tracedShop();

  it('makes one trace of an order, from POST /api/orders through the saga, the gateway, the webhook and the stock commit to the email sent', async () => {
    const { orderId, trace } = await traceOfOneOrder(shop);
    expectEveryHop(trace, orderId);
    // The same trace reached the OTLP endpoint.
    await eventuallyTrue(() => shop.collector.otlpTraceIds.filter((id) => id === trace[0]!.traceId).length >= trace.length);
  }, 60_000);
});

describeWithServer('KAFKA_BROKERS', 'tracing with Kafka between the roles', (brokers) => {
  const prefix = uniqueTopicPrefix('tracing');
  const shop = tracedShop({ KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix, KAFKA_PARTITIONS: '1' });

  it('carries the trace across the broker: the saga continues from the span that published the event', async () => {
    const { orderId, trace } = await traceOfOneOrder(shop);
    expectEveryHop(trace, orderId);
    const published = trace.filter((span) => span.kind === 'PRODUCER' && span.name.startsWith(`publish ${prefix}`));
    expect(published.length).toBeGreaterThan(0);
    const saga = trace.find((span) => span.name === 'fulfilment OrderPlaced')!;
    expect(published.map((span) => span.id)).toContain(saga.parentId);
  }, 60_000);
});
