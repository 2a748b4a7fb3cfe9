import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { newEvent } from '../contract/event-store.contract';
import { embeddedDatabaseUrl, startApp, type AppProcess } from '../support/app-process';

/** `npm start` in the embedded profile: a real PostgreSQL under the data directory, found again after a stop or a crash. */
describe('starting and stopping the app (embedded profile)', () => {
  // Inside a 0700 directory, as a clone under /root is in a container: the server's account
  // (`postgres`, when the tests run as root as CI does) cannot enter it.
  const privateDir = mkdtempSync(path.join(tmpdir(), 'emporium-start-'));
  const dataDir = path.join(privateDir, 'data');
  let app: AppProcess | undefined;
  let adminToken = '';

  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.interrupt();
      await app.exited;
    }
    // Whatever happened above, leave no server running.
    if (existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))) {
      const started = startApp({ PORT: '0', EMPORIUM_DATA_DIR: dataDir });
      await started.url.catch(() => undefined);
      started.interrupt();
      await started.exited;
    }
    // A cluster kept apart from a private data directory goes too.
    const cluster = path.join(dataDir, 'postgres');
    if (existsSync(cluster) && lstatSync(cluster).isSymbolicLink()) await rm(path.dirname(realpathSync(cluster)), { recursive: true, force: true });
    await rm(privateDir, { recursive: true, force: true });
  });

  const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  // A zombie counts as gone: in some sandboxes PID 1 never reaps the server once it has exited.
  const isAlive = (pid: number) => {
    try {
      return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
    } catch {
      return false;
    }
  };

  it('creates its data directory and serves /health on first start', async () => {
    app = startApp({ PORT: '0', EMPORIUM_DATA_DIR: dataDir });
    const url = await app.url;
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(app.output()).toContain('creating the embedded PostgreSQL cluster');
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { checks: { projections: { projections: { name: string }[] }; processes: { processes: { name: string }[] } } };
    expect(health).toMatchObject({ status: 'up', checks: { database: { status: 'up' } } });
    // A subscription's name is the key of its saved progress: no projection may share one with a process manager.
    const projections = health.checks.projections.projections.map((projection) => projection.name);
    const processes = health.checks.processes.processes.map((process) => process.name);
    expect(processes).toEqual(expect.arrayContaining(['fulfilment', 'notifications']));
    expect(projections).toEqual(expect.arrayContaining(['catalog', 'emails']));
    expect(new Set([...projections, ...processes]).size).toBe(projections.length + processes.length);

    const pool = new Pool({ connectionString: embeddedDatabaseUrl(dataDir) });
    await new PostgresEventStore(pool).appendToStream('marker-1', [{ ...newEvent('MarkerWritten'), id: '6f1d0a52-58d6-4c33-9d1e-0d6f8a0c7a11' }]);
    await pool.end();

    // The first admin, with its password in the data directory and nowhere in the log.
    const password = readFileSync(path.join(dataDir, 'initial-admin-password'), 'utf8').trim();
    expect(app.output()).not.toContain(password);
    const session = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@emporium.local', password }) });
    expect(session.status).toBe(200);
    adminToken = ((await session.json()) as { accessToken: string }).accessToken;
  });

  it('runs the whole shop: npm run demo walks a customer through it, and the mailbox shows the emails', async () => {
    const url = await app!.url;
    const demo = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, EMPORIUM_URL: url }, encoding: 'utf8', timeout: 60_000 });
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    expect(demo.stdout).toMatch(/order [0-9a-f-]{36}: paid, total €/);
    expect(demo.stdout).toMatch(/order [0-9a-f-]{36}: payment-failed \(The card was declined\)/);
    expect(demo.stdout).toMatch(/── Order [0-9A-F]{8}: payment received/);
    expect(demo.stdout).toMatch(/── Order [0-9A-F]{8}: your payment did not go through/);

    const mailbox = await fetch(`${url}/dev/mailbox`);
    const page = await mailbox.text();
    expect(page).toContain('Development only.');
    const link = /href="(\/dev\/mailbox\/[0-9a-f-]{36})"/.exec(page)![1]!;
    expect(await (await fetch(`${url}${link}`)).text()).toContain('Message-ID');
    const html = await fetch(`${url}${link}/html`);
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
    expect(app!.output()).toContain('added the demo catalog');
  });

  it('stops cleanly on Ctrl-C, database server included', async () => {
    const pid = postmasterPid();
    app!.interrupt();
    expect(await app!.exited).toEqual({ code: 0, signal: null });
    expect(app!.output()).toContain('embedded PostgreSQL stopped');
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it("lets an auditor read a stopped shop's data directory, and leaves it stopped", async () => {
    const cli = (args: string[]) => spawnSync(process.execPath, ['bin/emporium-audit.js', ...args], { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, DATABASE_URL: '', EMPORIUM_DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 });
    const exported = cli(['export', '--stream-prefix', 'order-']);
    expect(exported.status).toBe(0);
    const orders = exported.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; data: { orderId: string } }).filter((event) => event.type === 'OrderPlaced');
    expect(orders.length).toBeGreaterThanOrEqual(2);
    // The app signed a checkpoint of the log at start; the log still matches it.
    const verified = cli(['verify-log', '--json']);
    expect(verified.status).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ checkpoints: 1, problems: [] });
    expect(cli(['trace', orders[0]!.data.orderId]).stdout).toMatch(/OrderPlaced[\s\S]*EmailSent/);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('finds the same data on the next start', async () => {
    app = startApp({ PORT: '0', EMPORIUM_DATA_DIR: dataDir });
    await app.url;
    expect(app.output()).not.toContain('creating the embedded PostgreSQL cluster');
    expect(app.output()).not.toContain('migration applied');
    const pool = new Pool({ connectionString: embeddedDatabaseUrl(dataDir) });
    const events = await new PostgresEventStore(pool).readStream('marker-1');
    await pool.end();
    expect(events.map((e) => e.id)).toEqual(['6f1d0a52-58d6-4c33-9d1e-0d6f8a0c7a11']);
    // The signing key is kept too: a token from before the restart still works.
    const me = await fetch(`${await app.url}/api/auth/me`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: 'admin' });
    expect(app.output()).not.toContain('first admin account created');
    expect(app.output()).not.toContain('added the demo catalog');
    // The development mailbox is kept in the data directory: the demo's emails are still there.
    const mailbox = (await (await fetch(`${await app.url}/dev/mailbox/messages.json`)).json()) as { items: { subject: string }[] };
    expect(mailbox.items.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/payment received/), expect.stringMatching(/did not go through/)]));
  });

  it('after being killed, stops the database server it left behind and starts again on the same data', async () => {
    const orphan = postmasterPid();
    process.kill(-app!.child.pid!, 'SIGKILL');
    await app!.exited;
    expect(isAlive(orphan)).toBe(true);

    app = startApp({ PORT: '0', EMPORIUM_DATA_DIR: dataDir });
    await app.url;
    expect(app.output()).toContain('stopping an embedded PostgreSQL server left over from an earlier run');
    expect(isAlive(orphan)).toBe(false);
    expect((await fetch(`${await app.url}/health`)).status).toBe(200);
    app.interrupt();
    expect((await app.exited).code).toBe(0);
  });

  it('has no development mailbox when mail goes to a real SMTP server', async () => {
    app = startApp({ PORT: '0', EMPORIUM_DATA_DIR: dataDir, SMTP_URL: 'smtp://127.0.0.1:2525' });
    const url = await app.url;
    expect((await fetch(`${url}/dev/mailbox/messages.json`)).status).toBe(404);
    expect(app.output()).not.toContain('"mailbox":');
    app.interrupt();
    expect((await app.exited).code).toBe(0);
  });

  it('refuses to start on a bad configuration, naming the variable', async () => {
    const bad = startApp({ PORT: 'http', EMPORIUM_DATA_DIR: dataDir });
    const { code } = await bad.exited;
    expect(code).toBe(78);
    expect(bad.output()).toContain('PORT expects a TCP port, 0-65535 (0 picks a free one); got "http"');
  });
});
