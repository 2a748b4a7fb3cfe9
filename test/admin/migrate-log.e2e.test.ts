import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { migrateLog, verifyMigration } from '../../src/admin/migrate-log';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import type { RecordedEvent } from '../../src/event-store/event-store';
import { PostgresCheckpointStore, PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { writeShopHistory } from '../support/shop-history';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { describeWithServer } from '../support/test-servers';

const root = path.resolve(__dirname, '../..');

/** output: stdout and stderr as they came; stdout alone, for --json. */
type Cli = { child: ChildProcess; output: () => string; stdout: () => string; exited: Promise<number | null> };
const admin = (args: readonly string[], env: NodeJS.ProcessEnv): Cli => run('bin/emporium-admin.js', args, env);
/** The auditors' tool, on the copy. */
const audit = (args: readonly string[], env: NodeJS.ProcessEnv): Cli => run('bin/emporium-audit.js', args, { DATABASE_URL: '', ...env });

function run(bin: string, args: readonly string[], env: NodeJS.ProcessEnv): Cli {
  const child = spawn(process.execPath, [path.join(root, bin), ...args], { cwd: root, env: { ...process.env, EMPORIUM_DATA_DIR: '', ...env } });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, stdout: () => stdout, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

/** The log of a shop that outgrew `npm start`, moved into EventStoreDB (the stand-in here, a real one with EVENTSTORE_URL). */
describeWithServer('EVENTSTORE_URL', 'emporium-admin migrate-log --to eventstoredb', (url) => {
  let db: TestDatabase;
  let source: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    source = new PostgresEventStore(db.pool);
    await writeShopHistory(source, { products: 6, customers: 8, orders: 40 });
  }, 120_000);
  afterAll(async () => {
    await source.close();
    await db.drop();
  });

  it('copies the whole log, resumes after being killed part-way, and verifies every stream, its chain and the global order', async () => {
    const namespace = `m${randomBytes(4).toString('hex')}-`;
    const args = ['migrate-log', '--to', 'eventstoredb', '--namespace', namespace, '--batch-size', '15'];
    const env = { DATABASE_URL: db.connectionString, EVENTSTORE_URL: url };
    const first = admin(args, env);
    const deadline = Date.now() + 60_000;
    while (!/copied [1-9]\d\d/.test(first.output()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    first.child.kill('SIGKILL');
    await first.exited;
    const copiedBeforeKill = Math.max(...[...first.output().matchAll(/copied (\d+)/g)].map((match) => Number(match[1])));
    expect(copiedBeforeKill).toBeGreaterThanOrEqual(100);

    const second = admin(args, env);
    expect(await second.exited).toBe(0);
    const total = (await db.pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n;
    expect(second.output()).toMatch(new RegExp(`verified: \\d+ streams, ${total} events, 0 differences`));
    // The second run went on from the saved progress, not from the first event.
    const copiedNow = Number(/copied (\d+) events in this run/.exec(second.output())![1]);
    expect(copiedNow).toBeLessThanOrEqual(Number(total) - copiedBeforeKill + 15);

    // Checked again from here, independently of the command's own report.
    const target = EventStoreDbEventStore.connect(url, { namespace });
    try {
      const verified = await verifyMigration(source, target);
      expect(verified).toMatchObject({ events: Number(total), differences: [] });
      const order = (await source.readStream(`order-${(await db.pool.query<{ stream_id: string }>("select stream_id from events where stream_id like 'order-%' limit 1")).rows[0]!.stream_id.slice(6)}`));
      const copy = await target.readStream(order[0]!.streamId);
      expect(copy.map((event) => [event.id, event.revision, event.hash, event.previousHash, event.metadata.correlationId])).toEqual(order.map((event) => [event.id, event.revision, event.hash, event.previousHash, event.metadata.correlationId]));
    } finally {
      await target.close();
    }

    // The auditors' verify-log, on the target: every chain holds there.
    const verifyLog = audit(['verify-log'], { EVENTSTORE_URL: url, EVENTSTORE_NAMESPACE: namespace });
    expect(await verifyLog.exited).toBe(0);
    expect(verifyLog.output()).toContain(`${total} events in `);
    expect(verifyLog.output()).toContain('the log is intact');
  }, 180_000);

  it('switches over: every subscription goes on in the copy from the event it had reached, the document read models start over', async () => {
    const shop = await createTestDatabase();
    const log = new PostgresEventStore(shop.pool);
    const checkpoints = new PostgresCheckpointStore(shop.pool);
    try {
      await writeShopHistory(log, { products: 3, customers: 3, orders: 8 });
      const events: RecordedEvent[] = [];
      for await (const batch of log.readAll()) events.push(...batch);
      // Where the embedded shop's subscriptions had got to when it was stopped.
      const reached = { 'sales-report': events[40]!, fulfilment: events[55]!, notifications: events[30]!, catalog: events[60]! };
      for (const [name, event] of Object.entries(reached)) await checkpoints.save(name, event.checkpoint);

      const namespace = `s${randomBytes(4).toString('hex')}-`;
      const env = { DATABASE_URL: shop.connectionString, EVENTSTORE_URL: url };
      const run = admin(['migrate-log', '--to', 'eventstoredb', '--namespace', namespace, '--switch-over'], env);
      expect(await run.exited).toBe(0);
      expect(run.output()).toMatch(/switched over: 4 subscriptions go on in EventStoreDB from where they were \(fulfilment, notifications, sales-report, integration-relay\); 1 read models start over \(catalog\)/);

      const target = EventStoreDbEventStore.connect(url, { namespace });
      try {
        const copyOf = async (event: RecordedEvent) => (await target.readStream(event.streamId, { fromRevision: event.revision, maxCount: 1 }))[0]!.checkpoint;
        expect(await checkpoints.load('catalog')).toBeNull();
        expect(await checkpoints.load('sales-report')).toEqual(await copyOf(reached['sales-report']));
        expect(await checkpoints.load('fulfilment')).toEqual(await copyOf(reached.fulfilment));
        // The relay starts where the earlier of the two process managers had got to.
        expect(await checkpoints.load('integration-relay')).toEqual(await copyOf(reached.notifications));
        // Read from there, the copy gives exactly what the report had still to handle.
        const rest: string[] = [];
        for await (const batch of target.readAll({ after: (await checkpoints.load('sales-report'))! })) rest.push(...batch.map((event) => event.id));
        expect(rest).toEqual(events.slice(41).map((event) => event.id));
      } finally {
        await target.close();
      }

      const again = admin(['migrate-log', '--to', 'eventstoredb', '--namespace', namespace, '--switch-over'], env);
      expect(await again.exited).toBe(2);
      expect(again.output()).toContain('the subscriptions were moved to the copy already');
      expect(await checkpoints.load('catalog')).toBeNull();
    } finally {
      await log.close();
      await shop.drop();
    }
  }, 120_000);

  it('names what differs when the target is not a copy, and exits 1; a bad option exits 2', async () => {
    const namespace = `m${randomBytes(4).toString('hex')}-`;
    const target = EventStoreDbEventStore.connect(url, { namespace });
    const streamId = (await db.pool.query<{ stream_id: string }>("select stream_id from events where stream_id like 'customer-%' limit 1")).rows[0]!.stream_id;
    try {
      await migrateLog(source, target, new PostgresCheckpointStore(db.pool), { batchSize: 200, migrationId: `copy:${namespace}` });
      expect((await verifyMigration(source, target)).differences).toEqual([]);
      // Someone wrote to the copy behind the migration's back.
      await target.appendToStream(streamId, [{ id: crypto.randomUUID(), type: 'CustomerRenamed', data: { firstName: 'Eve' } }]);
    } finally {
      await target.close();
    }
    const run = admin(['migrate-log', '--to', 'eventstoredb', '--namespace', namespace], { DATABASE_URL: db.connectionString, EVENTSTORE_URL: url });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`DIFFERENT ${streamId}: `);
    expect(run.output()).toMatch(/NOT verified: \d+ streams, \d+ events, 1 differences/);

    // An event slipped into the copy with a made-up hash: verify-log on the target names it, exit 1.
    const client = EventStoreDBClient.connectionString(url);
    try {
      await client.appendToStream(`${namespace}${streamId}`, jsonEvent({ type: 'CustomerRenamed', data: { firstName: 'Mallory' }, metadata: { $hash: 'ab'.repeat(32), $previousHash: 'cd'.repeat(32) } }));
    } finally {
      await client.dispose();
    }
    const verifyLog = audit(['verify-log', '--json'], { EVENTSTORE_URL: url, EVENTSTORE_NAMESPACE: namespace });
    expect(await verifyLog.exited).toBe(1);
    const found = JSON.parse(verifyLog.stdout()) as { problems: { kind: string; streamId: string }[] };
    expect(found.problems.map((problem) => problem.kind).sort()).toEqual(['broken-chain', 'edited']);
    expect(found.problems.every((problem) => problem.streamId === streamId)).toBe(true);

    const bad = admin(['migrate-log', '--to', 'eventstoredb', '--batch-size', '100000'], { DATABASE_URL: db.connectionString, EVENTSTORE_URL: url });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('--batch-size is a whole number from 1 to 10000');
  }, 120_000);
});
