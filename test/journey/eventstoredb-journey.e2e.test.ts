import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { embeddedDatabaseUrl, startApp, type AppProcess } from '../support/app-process';
import { startStandIn, type StandInServer } from '../support/eventstoredb-stand-in/stand-in-server';

/**
 * EVENT_STORE=eventstoredb: the whole shop as `npm start` runs it, its events in EventStoreDB (here
 * the stand-in, a test server speaking its protocol, of this test's own), everything else in the
 * embedded PostgreSQL. `npm run demo` walks a customer through order, payment and email.
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: path.resolve(__dirname, '../..'), env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the journey with its events in EventStoreDB', () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'emporium-esdb-journey-')), 'data');
  let standIn: StandInServer;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    standIn = await startStandIn();
  });
  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.interrupt();
      await app.exited;
    }
    await standIn.stop();
    const cluster = path.join(dataDir, 'postgres');
    if (existsSync(cluster) && lstatSync(cluster).isSymbolicLink()) await rm(path.dirname(realpathSync(cluster)), { recursive: true, force: true });
    await rm(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('orders, pays, declines and emails, every event in EventStoreDB', async () => {
    app = startApp({ PORT: '0', EMPORIUM_DATA_DIR: dataDir, EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: standIn.url });
    const url = await app.url;
    expect(app.output()).toContain('events are kept in EventStoreDB');

    // Not spawnSync: the stand-in runs in this process and must go on answering meanwhile.
    const demo = await run(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { ...process.env, EMPORIUM_URL: url });
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    const paid = /order ([0-9a-f-]{36}): paid/.exec(demo.stdout)?.[1];
    expect(paid).toBeDefined();
    expect(demo.stdout).toMatch(/payment-failed \(The card was declined\)/);
    expect(demo.stdout).toMatch(/── Order [0-9A-F]{8}: payment received/);

    const store = EventStoreDbEventStore.connect(standIn.url);
    try {
      expect((await store.readStream(`order-${paid!}`)).map((event) => event.type)).toEqual(['OrderPlaced', 'OrderAwaitingPayment', 'OrderPaid']);
    } finally {
      await store.close();
    }
    // PostgreSQL holds the read models, and no event.
    const pool = new Pool({ connectionString: embeddedDatabaseUrl(dataDir) });
    try {
      expect((await pool.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n).toBe(0);
      expect((await pool.query<{ status: string }>(`select document->>'status' as status from rm_orders where id = $1`, [paid])).rows[0]?.status).toBe('paid');
    } finally {
      await pool.end();
    }
    app.interrupt();
    expect((await app.exited).code).toBe(0);
  });
});
