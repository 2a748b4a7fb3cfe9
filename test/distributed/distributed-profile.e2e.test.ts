import { randomBytes, randomUUID } from 'node:crypto';
import { vaultedEventStore } from '../../src/privacy/personal-data-vault';
import { postgresVault } from '../../src/privacy/postgres-personal-data-keys';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { PostgresCheckpointStore } from '../../src/event-store/postgres/postgres-event-store';
import { AccessTokens } from '../../src/identity/access-tokens';
import { orderNumber } from '../../src/mail/email-templates';
import { startMailCatcher, type CaughtEmail, type MailCatcher } from '../../src/mail/mail-catcher';
import { allProjections } from '../../src/projections/all-projections';
import { MongoDocumentStore } from '../../src/projections/mongodb/mongo-document-store';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { lowStockReport, paymentOutcomesReport, salesReport } from '../../src/projections/reporting/reporting-queries';
import { silentLogger } from '../../src/shared/logger';
import { nginxMissing, startApiGateway, type RunningGateway } from '../support/api-gateway';
import { startApp, untilReady, type AppProcess } from '../support/app-process';
import { uniqueTopicPrefix } from '../support/kafka-messages';
import { parsePrometheusText, sampleSum } from '../support/prometheus-text';
import { needs } from '../support/needs';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const servers = { kafka: process.env.KAFKA_BROKERS, mongo: process.env.MONGO_URL, eventstore: process.env.EVENTSTORE_URL ?? process.env.EVENTSTORE_STAND_IN_URL, nginx: nginxMissing() ? undefined : 'nginx' };
const missing = Object.entries(servers).filter(([, value]) => !value).map(([name]) => name);
const { describe: describeDistributed } = needs('the distributed profile', missing.length > 0 ? `no ${missing.join(', ')} (scripts/test-servers.sh up; apt-get install nginx-light)` : null);

interface Placed {
  readonly id: string;
  readonly customer: { email: string; token: string };
  readonly expected: 'paid' | 'payment-failed';
  readonly checkpoint: string | null;
}

/**
 * The distributed profile, every role its own OS process: command API, query API, two projectors,
 * relay, order service, notification service and the sandbox gateway, behind nginx (the API
 * gateway of deploy/), on EventStoreDB (the stand-in here, a real one with EVENTSTORE_URL),
 * FerretDB, Kafka, PostgreSQL and an SMTP server of the test's own. Every call goes through the
 * gateway, the sandbox's webhooks too.
 */
describeDistributed('the distributed profile, each role its own process', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'emporium-distributed-'));
  const adminPassword = 'an admin passphrase for the test';
  const apiKey = `sk_test_${randomBytes(8).toString('hex')}`;
  const processes = new Map<string, AppProcess>();
  const placed: Placed[] = [];
  const customers: { email: string; token: string }[] = [];
  let db: TestDatabase;
  let catcher: MailCatcher;
  let mongo: MongoClient;
  let gateway: RunningGateway;
  let env: NodeJS.ProcessEnv;
  let adminToken: string;
  let products: { code: string }[];
  const database = `emporium_distributed_${randomBytes(4).toString('hex')}`;
  const namespace = `d${randomBytes(4).toString('hex')}-`;
  const extras = new Map<string, NodeJS.ProcessEnv>();

  /** Starts (or starts again, with the same data directory and settings) the process `name`, running `role`. */
  const start = async (name: string, role: string, extra: NodeJS.ProcessEnv = extras.get(name) ?? {}): Promise<string> => {
    extras.set(name, extra);
    const app = startApp({ ...env, ...extra, EMPORIUM_DATA_DIR: path.join(workDir, name) }, ['--role', role]);
    processes.set(name, app);
    return app.url;
  };
  const killed = async (name: string) => {
    const app = processes.get(name)!;
    process.kill(-app.child.pid!, 'SIGKILL');
    expect((await app.exited).signal).toBe('SIGKILL');
  };
  const ready = (url: string) => untilReady(url);
  const health = async (url: string) => (await (await fetch(`${url}/health`)).json()) as { checks: Record<string, { leases?: { name: string; held: boolean }[]; consumers?: { name: string; handled: number }[] }> };

  /** A call through the gateway. */
  const call = async <T>(method: string, route: string, options: { body?: unknown; token?: string; checkpoint?: string | null } = {}) => {
    const response = await fetch(`${gateway.url}${route}`, {
      method,
      headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.checkpoint ? { 'emporium-checkpoint': options.checkpoint } : {}) },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, checkpoint: response.headers.get('emporium-checkpoint') };
  };

  /** Places `count` orders, a few at a time as shoppers would, every third one declined by the gateway. */
  const placeOrders = async (count: number, whilePlacing: (placedSoFar: number) => Promise<void> = () => Promise.resolve()): Promise<Placed[]> => {
    const batch: Placed[] = [];
    for (let i = 0; i < count; i += 8) {
      const wave = await Promise.all(
        Array.from({ length: Math.min(8, count - i) }, async (_, j) => {
          const n = placed.length + i + j;
          const customer = customers[n % customers.length]!;
          const token = n % 3 === 2 ? 'tok_declined' : 'tok_success';
          const answer = await call<{ id: string }>('POST', '/api/orders', { token: customer.token, body: { lines: [{ productCode: products[n % products.length]!.code, quantity: 1 }], paymentMethod: 'card', paymentToken: token } });
          // With the answer's body (a refusal says whether the gateway or the command API gave it) and the end of the command API's log.
          const refused = answer.status === 201 ? null : { body: answer.body, commandApiLog: processes.get('command-api')?.output().slice(-4_000) };
          expect({ status: answer.status, refused }).toEqual({ status: 201, refused: null });
          return { id: answer.body.id, customer, expected: token === 'tok_success' ? 'paid' : 'payment-failed', checkpoint: answer.checkpoint } as const;
        }),
      );
      batch.push(...wave);
      await whilePlacing(i + wave.length);
    }
    placed.push(...batch);
    return batch;
  };

  /** Every order placed reaches its outcome, read from the query API (read-your-writes through the gateway). */
  const outcomes = async (): Promise<void> => {
    const pending = new Set(placed);
    const last = new Map<Placed, string>();
    const deadline = Date.now() + 180_000;
    while (pending.size > 0 && Date.now() < deadline) {
      for (const order of [...pending]) {
        const answer = await call<{ status: string }>('GET', `/api/orders/${order.id}`, { token: order.customer.token, checkpoint: order.checkpoint });
        last.set(order, answer.body?.status ?? String(answer.status));
        if (answer.body?.status === order.expected) pending.delete(order);
      }
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect([...pending].map((order) => ({ order: order.id, expected: order.expected, status: last.get(order) }))).toEqual([]);
  };

  /** The emails once they stop coming: at least `count`, then a quiet while for any duplicate to show. */
  const settledEmails = async (count: number): Promise<readonly CaughtEmail[]> => {
    const deadline = Date.now() + 120_000;
    while (catcher.messages().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    return catcher.messages();
  };

  /** Exactly one email per order, of its outcome, to the customer who placed it. */
  const expectOneEmailPerOrder = (sent: readonly CaughtEmail[]) => {
    const orderEmails = sent.filter((message) => message.to !== env.STAFF_EMAIL);
    expect(orderEmails).toHaveLength(placed.length);
    expect(new Set(orderEmails.map((message) => message.messageId)).size).toBe(placed.length);
    const wrong = placed.filter((order) => {
      const mine = orderEmails.filter((message) => message.subject.includes(orderNumber(order.id)));
      return mine.length !== 1 || mine[0]!.to !== order.customer.email || mine[0]!.subject.endsWith('payment received') !== (order.expected === 'paid');
    });
    expect(wrong.map((order) => order.id)).toEqual([]);
  };

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`CI must run the distributed profile: no ${missing.join(', ')} (scripts/test-servers.sh up; apt-get install nginx-light)`);
    db = await createTestDatabase();
    catcher = await startMailCatcher();
    mongo = await new MongoClient(servers.mongo!).connect();
    const keyFile = path.join(workDir, 'jwt-signing-key.pem');
    writeFileSync(keyFile, AccessTokens.newKeyPem(), { mode: 0o600 });
    const mongoUrl = new URL(servers.mongo!);
    mongoUrl.pathname = `/${database}`;
    env = {
      EMPORIUM_PROFILE: 'distributed',
      DATABASE_URL: db.connectionString,
      EVENTSTORE_URL: servers.eventstore,
      EVENTSTORE_NAMESPACE: namespace,
      MONGO_URL: mongoUrl.toString(),
      KAFKA_BROKERS: servers.kafka,
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix('distributed'),
      KAFKA_PARTITIONS: '3',
      JWT_SIGNING_KEY_FILE: keyFile,
      EMPORIUM_MASTER_KEY: randomBytes(32).toString('base64'),
      PAYMENT_WEBHOOK_SECRET: `whsec_${randomBytes(16).toString('hex')}`,
      SHIPPING_WEBHOOK_SECRET: `whsec_${randomBytes(16).toString('hex')}`,
      SMTP_URL: catcher.smtpUrl,
      STAFF_EMAIL: 'staff@example.org',
      EMPORIUM_ADMIN_EMAIL: 'admin@example.org',
      EMPORIUM_ADMIN_PASSWORD: adminPassword,
      TRUST_PROXY: 'loopback',
      LEASE_INTERVAL_MS: '200',
      PORT: '0',
    };

    const commandApi = new URL(await start('command-api', 'command-api'));
    const queryApi = new URL(await start('query-api', 'query-api'));
    gateway = await startApiGateway({ commandApi: commandApi.host, queryApi: queryApi.host });
    const sandbox = await start('sandbox-gateway', 'sandbox-gateway', { SANDBOX_PORT: '0', SANDBOX_API_KEY: apiKey, SANDBOX_WEBHOOK_URL: `${gateway.url}/api/payments/webhook`, SANDBOX_ANSWER_AFTER_MS: '50' });
    await Promise.all([
      start('projector-a', 'projector'),
      start('projector-b', 'projector'),
      start('relay', 'relay'),
      start('order-service', 'order-service', { PAYMENT_GATEWAY_URL: sandbox, PAYMENT_GATEWAY_API_KEY: apiKey }),
      start('notification-service', 'notification-service'),
    ]);
    for (const [name, app] of processes) {
      if (name === 'sandbox-gateway') continue;
      await ready(await app.url);
      expect((await fetch(`${await app.url}/health/live`)).status).toBe(200);
    }

    // Stock for every order to come, received by the admin the command API made at its first start.
    adminToken = (await call<{ accessToken: string }>('POST', '/api/auth/login', { body: { email: env.EMPORIUM_ADMIN_EMAIL, password: adminPassword } })).body.accessToken;
    let catalog: { items: { code: string }[] } = { items: [] };
    for (let i = 0; i < 100 && catalog.items.length < 3; i++) {
      catalog = (await call<typeof catalog>('GET', '/api/products?limit=3')).body;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    products = catalog.items.slice(0, 3);
    expect(products).toHaveLength(3);
    for (const { code } of products) expect((await call('POST', `/api/inventory/${code}/receipts`, { token: adminToken, body: { quantity: 500 } })).status).toBe(200);

    for (let i = 0; i < 8; i++) {
      const email = `buyer-${i}-${randomUUID().slice(0, 8)}@example.org`;
      expect((await call('POST', '/api/auth/signup', { body: { firstName: `B${i}`, lastName: 'Buyer', email, password: 'a buyer passphrase', shippingAddress: { line1: '1 Tea Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' } } })).status).toBe(201);
      const session = await call<{ accessToken: string }>('POST', '/api/auth/login', { body: { email, password: 'a buyer passphrase' } });
      customers.push({ email, token: session.body.accessToken });
    }
  }, 180_000);

  afterAll(async () => {
    for (const app of processes.values()) if (app.child.exitCode === null && app.child.signalCode === null) app.interrupt();
    await Promise.all([...processes.values()].map((app) => app.exited));
    await gateway?.stop();
    await mongo?.db(database).dropDatabase().catch(() => undefined);
    await mongo?.db(`${database}_rebuilt`).dropDatabase().catch(() => undefined);
    await mongo?.close();
    await catcher?.close();
    await db?.drop();
    await rm(workDir, { recursive: true, force: true });
  }, 60_000);

  it('gives each projection to one of the two projectors, never both, and runs one relay and one mail sender', async () => {
    const held = async (name: string) => ((await health(await processes.get(name)!.url)).checks.leases?.leases ?? []).filter((lease) => lease.held).map((lease) => lease.name);
    const [a, b] = [await held('projector-a'), await held('projector-b')];
    expect([...a, ...b].sort()).toEqual(['categories', 'catalog', 'customers', 'order-history', 'payments', 'emails', 'staff-accounts', 'vendors', 'vendor-order-lines', 'price-rules', 'payments-report', 'sales-report', 'stock-report'].map((name) => `projection:${name}`).sort());
    expect(a.filter((lease) => b.includes(lease))).toEqual([]);
    expect(await held('relay')).toEqual(['relay']);
    expect(await held('notification-service')).toEqual(['mail-sender']);
  });

  it('takes 200 orders through the gateway: each paid or failed, one email each, read models and reports right', async () => {
    await placeOrders(200);
    await outcomes();
    expectOneEmailPerOrder(await settledEmails(placed.length));

    const paid = placed.filter((order) => order.expected === 'paid').length;
    const report = await call<{ items: { method: string; succeeded: number; failed: number }[] }>('GET', '/api/reports/payments', { token: adminToken, checkpoint: placed.at(-1)!.checkpoint });
    expect(report.status).toBe(200);
    expect(report.body.items).toMatchObject([{ method: 'card', succeeded: paid, failed: placed.length - paid }]);
    expect(await mongo.db(database).collection('rm_orders').countDocuments({ doc: { $ne: null } })).toBe(placed.length);
  }, 400_000);

  it('has every role serve its own /metrics, which count the work that role did', async () => {
    const scrapeOf = async (name: string) => {
      const answer = await fetch(`${await processes.get(name)!.url}/metrics`);
      expect({ name, status: answer.status }).toEqual({ name, status: 200 });
      return parsePrometheusText(await answer.text());
    };
    const [commandApi, queryApi, projectorA, projectorB, relay, orderService, notificationService] = await Promise.all(
      ['command-api', 'query-api', 'projector-a', 'projector-b', 'relay', 'order-service', 'notification-service'].map(scrapeOf),
    );
    expect(sampleSum(commandApi!, 'emporium_commands_total', { type: 'PlaceOrder', outcome: 'ok' })).toBeGreaterThanOrEqual(200);
    expect(sampleSum(commandApi!, 'emporium_payment_outcomes_total')).toBeGreaterThanOrEqual(200);
    expect(sampleSum(queryApi!, 'emporium_http_request_duration_seconds_count', { method: 'GET' })).toBeGreaterThan(0);
    // The thirteen projections are shared between the two projectors, each reporting those it runs.
    const projections = new Set([...projectorA!, ...projectorB!].filter((sample) => sample.name === 'emporium_subscription_lag_events' && sample.labels.kind === 'projection').map((sample) => sample.labels.subscription));
    expect(projections.size).toBe(13);
    expect(sampleSum(relay!, 'emporium_subscription_events_total')).toBeGreaterThan(0);
    expect(relay!.some((sample) => sample.name === 'emporium_subscription_lag_events' && sample.labels.kind === 'relay')).toBe(true);
    expect(sampleSum(orderService!, 'emporium_commands_total', { outcome: 'ok' })).toBeGreaterThan(0);
    expect(sampleSum(notificationService!, 'emporium_emails_total', { outcome: 'sent' })).toBeGreaterThanOrEqual(200);
    for (const samples of [commandApi, queryApi, projectorA, relay, orderService, notificationService]) expect(sampleSum(samples!, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('loses and repeats nothing when the projector, the order service and the notification service are each killed mid-run, and the relay stopped', async () => {
    const holderOfOrders = async () => {
      for (const name of ['projector-a', 'projector-b']) {
        const leases = (await health(await processes.get(name)!.url)).checks.leases?.leases ?? [];
        if (leases.some((lease) => lease.name === 'projection:order-history' && lease.held)) return name;
      }
      throw new Error('no projector holds the order history');
    };
    await placeOrders(96, async (soFar) => {
      // SIGKILL, mid-run, with orders in flight: the projector holding the order history, then the
      // order service, then the notification service; each is started again a moment later. Then
      // the relay is stopped as an orchestrator stops it (SIGTERM), in the middle of publishing.
      const victim = soFar === 16 ? await holderOfOrders() : soFar === 40 ? 'order-service' : soFar === 64 ? 'notification-service' : soFar === 80 ? 'relay' : null;
      if (!victim) return;
      if (victim === 'relay') {
        const relay = processes.get(victim)!;
        process.kill(-relay.child.pid!, 'SIGTERM');
        expect((await relay.exited).code).toBe(0);
      } else {
        await killed(victim);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      await ready(await start(victim, processes.get(victim)!.child.spawnargs.at(-1)!));
    });
    await outcomes();
    expectOneEmailPerOrder(await settledEmails(placed.length));

    // The read models and reports, kept by projectors that were killed and took over from each
    // other, equal the same projections rebuilt from the log afresh.
    const rebuildDb = await createTestDatabase();
    // Read as the roles read it: personal data opened with the shop's master key, its keys in the shop's PostgreSQL.
    const vault = postgresVault(db.pool, Buffer.from(env.EMPORIUM_MASTER_KEY!, 'base64'));
    const store = vaultedEventStore(EventStoreDbEventStore.connect(servers.eventstore!, { namespace, checkpoints: new PostgresCheckpointStore(rebuildDb.pool), logger: silentLogger }), vault);
    const rebuiltDocuments = new MongoDocumentStore(mongo.db(`${database}_rebuilt`));
    const runner = new ProjectionRunner(store, silentLogger);
    try {
      const projections = allProjections(rebuildDb.pool, { checkpoints: new PostgresCheckpointStore(rebuildDb.pool) }, rebuiltDocuments);
      await runner.start(projections);
      const head = (await store.headCheckpoint())!;
      expect(await runner.waitFor(projections.map((projection) => projection.name), head, 120_000)).toBe(true);
      // The live ones, by the progress the projectors saved, have reached the same point.
      const liveStore = EventStoreDbEventStore.connect(servers.eventstore!, { namespace, checkpoints: new PostgresCheckpointStore(db.pool), logger: silentLogger });
      const live = new MongoDocumentStore(mongo.db(database));
      const watcher = new ProjectionRunner(liveStore, silentLogger);
      await watcher.watch(allProjections(db.pool, { checkpoints: new PostgresCheckpointStore(db.pool) }, live));
      const caughtUp = await watcher.waitFor(projections.map((projection) => projection.name), head, 60_000);
      await liveStore.close();
      expect(caughtUp).toBe(true);
      for (const collection of ['products', 'categories', 'customers', 'orders', 'payments']) {
        const [expected, actual] = [await rebuiltDocuments.dump(collection), await live.dump(collection)];
        expect({ collection, documents: actual.size }).toEqual({ collection, documents: expected.size });
        expect({ collection, same: [...expected].filter(([id, doc]) => JSON.stringify(actual.get(id)) !== JSON.stringify(doc)).map(([id]) => id) }).toEqual({ collection, same: [] });
      }
      expect(await paymentOutcomesReport(db.pool)).toEqual(await paymentOutcomesReport(rebuildDb.pool));
      expect(await salesReport(db.pool, '2000-01-01', '2100-01-01')).toEqual(await salesReport(rebuildDb.pool, '2000-01-01', '2100-01-01'));
      expect(await lowStockReport(db.pool)).toEqual(await lowStockReport(rebuildDb.pool));
    } finally {
      await runner.stop();
      await store.close();
      await rebuildDb.drop();
    }
  }, 600_000);

  it('ships through the roles: the command API buys the label and believes the carrier; the notification service, from Kafka, emails the dispatch once', async () => {
    const customer = customers[0]!;
    const lines = [{ productCode: products[0]!.code, quantity: 1 }];
    const quote = await call<{ rates: { service: string; cost: { amount: number; currency: string } }[] }>('POST', '/api/shipping/quotes', { token: customer.token, body: { lines } });
    expect(quote.status).toBe(200);
    const express = quote.body.rates.find((rate) => rate.service === 'express')!;
    const ordered = await call<{ id: string }>('POST', '/api/orders', { token: customer.token, body: { lines, paymentMethod: 'card', paymentToken: 'tok_success', delivery: 'express', expectedShippingCost: express.cost } });
    expect(ordered.status).toBe(201);
    const orderId = ordered.body.id;
    const until = async (status: string, checkpoint: string | null) => {
      const deadline = Date.now() + 60_000;
      let seen: string | undefined;
      while (seen !== status && Date.now() < deadline) {
        seen = (await call<{ status: string }>('GET', `/api/orders/${orderId}`, { token: customer.token, checkpoint })).body?.status;
        if (seen !== status) await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect({ orderId, status: seen }).toEqual({ orderId, status });
    };
    await until('paid', ordered.checkpoint);
    const shipped = await call<{ shipment: { trackingNumber: string } }>('POST', `/api/orders/${orderId}/shipment`, { token: adminToken });
    expect(shipped.status).toBe(201);
    // The sandbox carrier, in the command API, sends its tracking webhooks; delivered 8 s after the label.
    await until('delivered', shipped.checkpoint);
    const subject = `Order ${orderNumber(orderId)} is on its way`;
    const deadline = Date.now() + 60_000;
    while (!catcher.messages().some((message) => message.subject === subject) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const dispatch = catcher.messages().filter((message) => message.subject === subject);
    expect(dispatch).toHaveLength(1);
    expect(dispatch[0]!.to).toBe(customer.email);
    expect(dispatch[0]!.text).toContain(shipped.body.shipment.trackingNumber);
  }, 150_000);

  it('stops every role cleanly on SIGTERM, as an orchestrator stops it', async () => {
    for (const [name, app] of processes) {
      process.kill(-app.child.pid!, 'SIGTERM');
      expect({ name, exit: (await app.exited).code }).toEqual({ name, exit: 0 });
    }
  }, 60_000);
});
