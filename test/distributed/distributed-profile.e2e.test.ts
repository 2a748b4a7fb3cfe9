import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { AccessTokens } from '../../src/identity/access-tokens';
import { startMailCatcher, type MailCatcher } from '../../src/mail/mail-catcher';
import { startApp, type AppProcess } from '../support/app-process';
import { uniqueTopicPrefix } from '../support/kafka-messages';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const servers = { kafka: process.env.KAFKA_BROKERS, mongo: process.env.MONGO_URL, eventstore: process.env.EVENTSTORE_URL ?? process.env.EVENTSTORE_STAND_IN_URL };
const missing = Object.entries(servers).filter(([, value]) => !value).map(([name]) => name);
if (missing.length > 0 && process.env.CI !== 'true') process.stderr.write(`Skipping the distributed profile: no ${missing.join(', ')} (scripts/test-servers.sh up)\n`);
const describeDistributed = missing.length > 0 && process.env.CI !== 'true' ? describe.skip : describe;

/**
 * The distributed profile, every role its own OS process: command API, query API, projector, relay,
 * order service, notification service and the sandbox gateway, on EventStoreDB (the stand-in here),
 * FerretDB, Kafka, PostgreSQL and an SMTP server of the test's own.
 */
describeDistributed('the distributed profile, each role its own process', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'emporium-distributed-'));
  const adminPassword = 'an admin passphrase for the test';
  const apiKey = `sk_test_${randomBytes(8).toString('hex')}`;
  const roles = new Map<string, AppProcess>();
  let db: TestDatabase;
  let catcher: MailCatcher;
  let mongo: MongoClient;
  let env: NodeJS.ProcessEnv;
  const database = `emporium_distributed_${randomBytes(4).toString('hex')}`;

  const start = async (role: string, extra: NodeJS.ProcessEnv = {}): Promise<string> => {
    const app = startApp({ ...env, ...extra, EMPORIUM_DATA_DIR: path.join(workDir, role) }, ['--role', role]);
    roles.set(role, app);
    const url = await app.url;
    return url;
  };
  const ready = async (url: string) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answer = await fetch(`${url}/health/ready`).catch(() => null);
      if (answer?.status === 200) return;
      if (Date.now() > deadline) throw new Error(`${url} not ready: ${answer ? await answer.text() : 'no answer'}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`CI must run the distributed profile: no ${missing.join(', ')} (scripts/test-servers.sh up)`);
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
      EVENTSTORE_NAMESPACE: `d${randomBytes(4).toString('hex')}-`,
      MONGO_URL: mongoUrl.toString(),
      KAFKA_BROKERS: servers.kafka,
      KAFKA_TOPIC_PREFIX: uniqueTopicPrefix('distributed'),
      KAFKA_PARTITIONS: '3',
      JWT_SIGNING_KEY_FILE: keyFile,
      PAYMENT_WEBHOOK_SECRET: `whsec_${randomBytes(16).toString('hex')}`,
      SMTP_URL: catcher.smtpUrl,
      EMPORIUM_ADMIN_EMAIL: 'admin@example.org',
      EMPORIUM_ADMIN_PASSWORD: adminPassword,
      PORT: '0',
    };
  }, 120_000);

  afterAll(async () => {
    for (const app of roles.values()) if (app.child.exitCode === null) app.interrupt();
    await Promise.all([...roles.values()].map((app) => app.exited));
    await mongo?.db(database).dropDatabase().catch(() => undefined);
    await mongo?.close();
    await catcher?.close();
    await db?.drop();
    await rm(workDir, { recursive: true, force: true });
  }, 60_000);

  it('takes orders through the command API, pays them through the gateway, emails once per outcome, and serves it all from the query API', async () => {
    const commandApi = await start('command-api');
    const queryApi = await start('query-api');
    const gateway = await start('sandbox-gateway', { SANDBOX_PORT: '0', SANDBOX_API_KEY: apiKey, SANDBOX_WEBHOOK_URL: `${commandApi}/api/payments/webhook`, SANDBOX_ANSWER_AFTER_MS: '50' });
    const followers = await Promise.all([start('projector'), start('relay'), start('order-service', { PAYMENT_GATEWAY_URL: gateway, PAYMENT_GATEWAY_API_KEY: apiKey }), start('notification-service')]);
    for (const url of [commandApi, queryApi, ...followers]) {
      await ready(url);
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
    }

    const call = async <T>(base: string, method: string, route: string, options: { body?: unknown; token?: string; checkpoint?: string | null } = {}) => {
      const response = await fetch(`${base}${route}`, {
        method,
        headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.checkpoint ? { 'emporium-checkpoint': options.checkpoint } : {}) },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, checkpoint: response.headers.get('emporium-checkpoint') };
    };

    // The catalog the command API added at its first start, read back from the query API.
    let products: { items: { code: string; available: number }[] } = { items: [] };
    for (let i = 0; i < 100 && products.items.filter((product) => product.available >= 30).length < 2; i++) {
      products = (await call<typeof products>(queryApi, 'GET', '/api/products?limit=20')).body;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const [first, second] = products.items.filter((product) => product.available >= 30);
    expect(first && second).toBeTruthy();

    const customers: { email: string; token: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const email = `buyer-${i}-${randomUUID().slice(0, 8)}@example.org`;
      expect((await call(commandApi, 'POST', '/api/auth/signup', { body: { firstName: `B${i}`, lastName: 'Buyer', email, password: 'a buyer passphrase', shippingAddress: { line1: '1 Tea Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' } } })).status).toBe(201);
      const session = await call<{ accessToken: string }>(commandApi, 'POST', '/api/auth/login', { body: { email, password: 'a buyer passphrase' } });
      customers.push({ email, token: session.body.accessToken });
    }

    const orderCount = 24;
    const placed = await Promise.all(
      Array.from({ length: orderCount }, async (_, i) => {
        const customer = customers[i % customers.length]!;
        const token = i % 3 === 2 ? 'tok_declined' : 'tok_success';
        const answer = await call<{ id: string }>(commandApi, 'POST', '/api/orders', { token: customer.token, body: { lines: [{ productCode: (i % 2 ? first : second)!.code, quantity: 1 }], paymentMethod: 'card', paymentToken: token } });
        expect(answer.status).toBe(201);
        return { id: answer.body.id, customer, expected: token === 'tok_success' ? 'paid' : 'payment-failed', checkpoint: answer.checkpoint };
      }),
    );

    // Each order reaches its outcome, read from the query API (read-your-writes across processes).
    for (const order of placed) {
      let status = '';
      for (let i = 0; i < 300 && status !== order.expected; i++) {
        const answer = await call<{ status: string }>(queryApi, 'GET', `/api/orders/${order.id}`, { token: order.customer.token, checkpoint: order.checkpoint });
        status = answer.body?.status ?? String(answer.status);
        if (status !== order.expected) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect({ order: order.id, status }).toEqual({ order: order.id, status: order.expected });
    }

    // Exactly one email per outcome, to the customer who ordered.
    const deadline = Date.now() + 60_000;
    while (catcher.messages().length < orderCount && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const sent = catcher.messages();
    expect(sent).toHaveLength(orderCount);
    expect(new Set(sent.map((message) => message.messageId)).size).toBe(orderCount);
    expect(sent.filter((message) => message.subject.endsWith('payment received'))).toHaveLength(placed.filter((order) => order.expected === 'paid').length);
    for (const customer of customers) expect(sent.filter((message) => message.to === customer.email)).toHaveLength(placed.filter((order) => order.customer === customer).length);

    // The read models are in MongoDB, the events in EventStoreDB (namespaced), and each role did its part.
    expect(await mongo.db(database).collection('rm_orders').countDocuments({ doc: { $ne: null } })).toBe(orderCount);
    const health = async (url: string) => (await (await fetch(`${url}/health`)).json()) as { checks: Record<string, { consumers?: { name: string; handled: number }[] }> };
    expect((await health(followers[2])).checks.consumers!.consumers![0]).toMatchObject({ name: 'fulfilment' });
    expect((await health(followers[3])).checks.consumers!.consumers![0]!.handled).toBeGreaterThanOrEqual(orderCount);

    // Every role stops cleanly.
    for (const [role, app] of roles) {
      app.interrupt();
      expect({ role, exit: (await app.exited).code }).toEqual({ role, exit: 0 });
    }
  }, 240_000);
});
