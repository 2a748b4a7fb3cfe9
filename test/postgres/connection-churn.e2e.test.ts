import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { embeddedDatabaseUrl, startApp, untilReady, type AppProcess } from '../support/app-process';

/*
 * The app keeps its connections: a shop with quiet moments between busy ones must not close its
 * pool's connections when idle and open them again at the next order (pg's default closes a
 * connection idle for 10 s). PostgreSQL counts every session it accepts (pg_stat_database.sessions),
 * so the sessions opened while orders come, pause and come again must fit in the pool, plus the
 * connections the app holds apart from it (LISTEN for appends) and this test's own.
 */

const poolSize = 6;
let app: AppProcess;
let url: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'emporium-churn-'));
  app = startApp({ PORT: '0', EMPORIUM_DATA_DIR: dataDir, DATABASE_POOL_SIZE: String(poolSize), EMPORIUM_ADMIN_EMAIL: 'owner@shop.test', EMPORIUM_ADMIN_PASSWORD: 'a churn-test admin password' });
  url = await app.url;
  await untilReady(url);
}, 120_000);

afterAll(async () => {
  if (app) {
    app.interrupt();
    await app.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** The app's connections open now (not this test's). */
async function appConnections(client: Client): Promise<number> {
  const { rows } = await client.query<{ count: string }>(
    "select count(*) from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()",
  );
  return Number(rows[0]!.count);
}

async function sessionsSoFar(client: Client): Promise<number> {
  const { rows } = await client.query<{ sessions: string }>('select sessions from pg_stat_database where datname = current_database()');
  return Number(rows[0]!.sessions);
}

async function placeOrders(token: string, count: number, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next++ < count) {
      const answer = await fetch(`${url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ lines: [{ productCode: 'SENCHA-50', quantity: 1 }], paymentMethod: 'card', paymentToken: 'tok_success' }),
      });
      expect(answer.status).toBe(201);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

describe('database connections under a load with quiet moments', () => {
  it('are opened once: the pool keeps them while idle', async () => {
    const signUp = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'steady@example.test', password: 'a steady customer password', firstName: 'Sam', lastName: 'Steady', shippingAddress: { line1: '1 Quiet Lane', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' } }),
    });
    expect(signUp.status).toBe(201);
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'steady@example.test', password: 'a steady customer password' }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const receipt = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@shop.test', password: 'a churn-test admin password' }) });
    const admin = ((await receipt.json()) as { accessToken: string }).accessToken;
    expect((await fetch(`${url}/api/inventory/SENCHA-50/receipts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ quantity: 10_000 }) })).status).toBe(200);

    // Warm up: the pool opens what it needs.
    await placeOrders(accessToken, 30, poolSize);
    const client = new Client({ connectionString: embeddedDatabaseUrl(dataDir) });
    await client.connect();
    try {
      const open = await appConnections(client);
      const before = await sessionsSoFar(client);
      for (let round = 0; round < 2; round++) {
        // A quiet moment longer than pg's default idle timeout (10 s), then a burst.
        await new Promise((resolve) => setTimeout(resolve, 12_000));
        await placeOrders(accessToken, 30, poolSize);
      }
      const opened = (await sessionsSoFar(client)) - before;
      console.log(`connection churn test: ${open} app connections open, then ${opened} sessions opened across two quiet moments (pool of ${poolSize})`);
      // Every connection the app had in the window: at most the pool, and its one LISTEN connection.
      expect(open + opened).toBeLessThanOrEqual(poolSize + 1);
    } finally {
      await client.end();
    }
  }, 120_000);
});
