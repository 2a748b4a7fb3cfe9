import { findBrokenLink } from '../../src/event-store/event-integrity';
import { DuplicateEventIdError, WrongExpectedRevisionError, type AppendResult, type RecordedEvent } from '../../src/event-store/event-store';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { migrations, runMigrations } from '../../src/postgres/migrations';
import { silentLogger } from '../../src/shared/logger';
import { newEvent } from '../contract/event-store.contract';
import { createTestDatabase, recordStatements as recordStatementsOf, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let store: PostgresEventStore;
beforeEach(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.pool);
});
afterEach(async () => {
  await store.close();
  await db.drop();
});

/** The statements the test database's pool is asked for from now on: all of them, or those of one prepared name. */
const recordStatements = (name?: string) => recordStatementsOf(db.pool, name);

describe('PostgresEventStore beyond the port contract', () => {
  it('lets a consumer commit its own writes and its checkpoint in one transaction, so a crash in between changes nothing', async () => {
    await db.pool.query('create table handled (event_id uuid primary key)');
    let last: AppendResult | undefined;
    for (let i = 0; i < 40; i++) last = await store.appendToStream(`order-${i % 5}`, [newEvent('OrderPlaced')]);

    let crashes = 0;
    const consumer = (crashOnBatch: number | null) => {
      let batches = 0;
      return store.subscribe({
        subscriptionId: 'transactional',
        batchSize: 7,
        checkpointing: 'handler',
        retry: { maxAttempts: 10, initialDelayMs: 1, maxDelayMs: 5 },
        handle: async (events, { checkpoint }) => {
          const client = await db.pool.connect();
          try {
            await client.query('begin');
            // A plain insert, not an upsert: a batch applied twice would fail on the primary key.
            for (const event of events) await client.query('insert into handled (event_id) values ($1)', [event.id]);
            await store.checkpoints.claim('transactional', checkpoint, client);
            if (++batches === crashOnBatch) {
              crashes++;
              throw new Error('crash after the writes, before the commit');
            }
            await client.query('commit');
          } catch (error) {
            await client.query('rollback');
            throw error;
          } finally {
            client.release();
          }
        },
      });
    };

    const first = consumer(3);
    expect(await first.waitFor(last!.checkpoint, 5_000)).toBe(true);
    await first.stop();
    expect(crashes).toBe(1);
    const handled = await db.pool.query<{ event_id: string }>('select event_id from handled');
    const all = await db.pool.query<{ event_id: string }>('select event_id from events');
    expect(new Set(handled.rows.map((r) => r.event_id))).toEqual(new Set(all.rows.map((r) => r.event_id)));
    expect(await store.checkpoints.load('transactional')).toEqual(last!.checkpoint);

    // After a restart nothing is handled twice (the insert would fail) and new events still arrive.
    const more = await store.appendToStream('order-1', [newEvent('OrderPaid')]);
    const second = consumer(null);
    expect(await second.waitFor(more.checkpoint, 5_000)).toBe(true);
    expect(second.status().state).toBe('live');
    expect((await db.pool.query<{ n: number }>('select count(*)::int as n from handled')).rows[0]!.n).toBe(41);
  });

  it('holds back an event committed after an older transaction still running, and delivers it soon after that one ends, without waiting for a poll', async () => {
    const blocker = await db.pool.connect();
    await blocker.query('begin');
    await blocker.query('select pg_current_xact_id()'); // an ordinary writing transaction: it will not notify
    const delivered: string[] = [];
    const subscription = store.subscribe({ subscriptionId: 'held-back', pollIntervalMs: 60_000, handle: async (events) => void delivered.push(...events.map((e) => e.id)) });
    const event = newEvent();
    const result = await store.appendToStream('s', [event]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(delivered).toEqual([]);

    await blocker.query('commit');
    blocker.release();
    // Not subscription.waitFor: it wakes the subscription itself, and this test is about who does.
    const deadline = Date.now() + 2_000;
    const reached = () => subscription.status().checkpoint?.position === result.checkpoint.position;
    while (!reached() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(subscription.status().checkpoint).toEqual(result.checkpoint);
    expect(delivered).toEqual([event.id]);
  });

  it('listens again after its LISTEN connection is killed, so other processes still wake it', async () => {
    const delivered: string[] = [];
    const subscription = store.subscribe({ subscriptionId: 'relisten', pollIntervalMs: 60_000, handle: async (events) => void delivered.push(...events.map((e) => e.id)) });
    const listening = async () =>
      (await db.pool.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'")).rows.map((row) => row.pid);
    let pids: number[] = [];
    for (let i = 0; i < 50 && pids.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      pids = await listening();
    }
    expect(pids).toHaveLength(1);
    await db.pool.query('select pg_terminate_backend($1)', [pids[0]]);
    for (let i = 0; i < 150 && ((await listening()).length === 0 || (await listening())[0] === pids[0]); i++) await new Promise((resolve) => setTimeout(resolve, 20));

    // Appended through another store, as another process would: only a notification can wake us.
    const other = new PostgresEventStore(db.pool);
    const event = newEvent();
    const result = await other.appendToStream('s', [event]);
    const deadline = Date.now() + 3_000;
    while (subscription.status().checkpoint?.position !== result.position && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(delivered).toEqual([event.id]);
    await other.close();
  });

  it('chains every event of a stream to the previous one, so an auditor detects an edited event', async () => {
    for (let i = 0; i < 5; i++) await store.appendToStream('payment-7', [newEvent('PaymentEvent', { step: i })]);
    expect(findBrokenLink(await store.readStream('payment-7'))).toBeNull();

    await db.pool.query(`update events set data = '{"step": 99}' where stream_id = 'payment-7' and revision = 2`);
    expect(findBrokenLink(await store.readStream('payment-7'))).toBe(2);
  });

  it('does not let a checkpoint move backwards', async () => {
    await store.checkpoints.save('projector', { commit: 900, position: 12 });
    await store.checkpoints.save('projector', { commit: 800, position: 40 });
    expect(await store.checkpoints.load('projector')).toEqual({ commit: 900, position: 12 });
  });

  it('runs each migration once, however often and however concurrently it is started', async () => {
    const again = await Promise.all([runMigrations(db.pool, silentLogger), runMigrations(db.pool, silentLogger)]);
    expect(again).toEqual([[], []]);
    const { rows } = await db.pool.query<{ version: number }>('select version from schema_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
  });

  it('rolls a failed migration back entirely and names it', async () => {
    const broken = { version: 999, name: 'broken on purpose', sql: 'create table half_done (id int); select no_such_function();' };
    await expect(runMigrations(db.pool, silentLogger, [...migrations, broken])).rejects.toThrow(/Migration 999 \(broken on purpose\) failed/);
    const { rows } = await db.pool.query<{ table: string | null }>("select to_regclass('half_done') as table");
    expect(rows[0]!.table).toBeNull();
  });

  it('wakes a dozen subscriptions at the head of the log with one read of it per append, not one each', async () => {
    const pageReads = recordStatements('emporium_read_page');
    const shared = new PostgresEventStore(db.pool);
    const subscriptions = Array.from({ length: 12 }, (_, i) =>
      shared.subscribe({ subscriptionId: `head-${i}`, filter: { eventTypes: [`OnlyFor${i}`] }, pollIntervalMs: 60_000, handle: async () => undefined }),
    );
    try {
      const first = await shared.appendToStream('order-1', [newEvent('OrderPlaced')]);
      expect(await Promise.all(subscriptions.map((subscription) => subscription.waitFor(first.checkpoint, 5_000)))).toEqual(subscriptions.map(() => true));

      pageReads.length = 0;
      const second = await shared.appendToStream('order-1', [newEvent('OrderPlaced')]);
      expect(await Promise.all(subscriptions.map((subscription) => subscription.waitFor(second.checkpoint, 5_000)))).toEqual(subscriptions.map(() => true));
      // One read answers all twelve; a few more only if another transaction held the new event back a moment.
      expect(pageReads.length).toBeGreaterThanOrEqual(1);
      expect(pageReads.length).toBeLessThan(subscriptions.length);
    } finally {
      await shared.close();
    }
  });

  it('answers subscriptions that come back to the log one by one from the events it read last, reading it again only to go past its end', async () => {
    const pageReads = recordStatements('emporium_read_page');
    const shared = new PostgresEventStore(db.pool);
    // Each takes its own time over a batch, so each asks for the next page at a moment, and after a checkpoint, of its own.
    const subscriptions = Array.from({ length: 12 }, (_, i) =>
      shared.subscribe({ subscriptionId: `busy-${i}`, filter: { streamPrefixes: ['order-'] }, pollIntervalMs: 60_000, handle: () => new Promise((resolve) => setTimeout(resolve, 2 * i)) }),
    );
    try {
      const first = await shared.appendToStream('order-1', [newEvent('OrderPlaced')]);
      expect(await Promise.all(subscriptions.map((subscription) => subscription.waitFor(first.checkpoint, 5_000)))).toEqual(subscriptions.map(() => true));

      pageReads.length = 0;
      const appends = 20;
      let last = first;
      for (let i = 0; i < appends; i++) {
        last = await shared.appendToStream('order-1', [newEvent('OrderPlaced')]);
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      expect(await Promise.all(subscriptions.map((subscription) => subscription.waitFor(last.checkpoint, 10_000)))).toEqual(subscriptions.map(() => true));
      // About one read per append, and more where a transaction held an event back a moment (31 or
      // 32 here), where each subscription read for itself before (127).
      expect(pageReads.length).toBeLessThan(3 * appends);
    } finally {
      await shared.close();
    }
  });

  it('commits appends that arrive together in one transaction, judging each as if it came alone', async () => {
    await store.appendToStream('order-hot', [newEvent('OrderPlaced')]);
    const reused = newEvent('OrderPlaced');
    await store.appendToStream('order-reused', [reused]);

    const fresh = Array.from({ length: 30 }, (_, i) => store.appendToStream(`order-fresh-${i}`, [newEvent('OrderPlaced', { i }), newEvent('OrderPaid', { i })], { expectedRevision: 'no_stream' }));
    // Ten writers who all read revision 0 of one stream: one gets through.
    const racing = Array.from({ length: 10 }, () => store.appendToStream('order-hot', [newEvent('OrderPaid')], { expectedRevision: 0 }));
    // An event id used before, with other content: refused, whatever else is in its batch.
    const collision = store.appendToStream('order-other', [{ ...newEvent('OrderPlaced'), id: reused.id }]);
    // A value PostgreSQL will not store (NUL in JSON text): only that append fails.
    const unstorable = store.appendToStream('order-nul', [newEvent('OrderPlaced', { note: 'a\u0000b' })]);
    const [freshResults, racingResults, collisionResult, unstorableResult] = await Promise.all([
      Promise.allSettled(fresh),
      Promise.allSettled(racing),
      collision.then(() => null, (error: unknown) => error),
      unstorable.then(() => null, (error: unknown) => error),
    ]);

    expect(freshResults.every((result) => result.status === 'fulfilled' && result.value.nextExpectedRevision === 1)).toBe(true);
    expect(racingResults.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of racingResults.filter((result) => result.status === 'rejected')) {
      expect((result).reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((result).reason).toMatchObject({ actual: 1 });
    }
    expect(collisionResult).toBeInstanceOf(DuplicateEventIdError);
    expect(unstorableResult).toBeInstanceOf(Error);
    expect(await store.readStream('order-nul')).toEqual([]);
    expect(await store.readStream('order-other')).toEqual([]);

    // Fewer transactions than appends: they were committed together.
    const { rows } = await db.pool.query<{ appends: string; transactions: string }>(
      `select count(distinct stream_id) as appends, count(distinct transaction_id) as transactions from events where stream_id like 'order-fresh-%'`,
    );
    expect(Number(rows[0]!.appends)).toBe(30);
    expect(Number(rows[0]!.transactions)).toBeLessThan(30);
    // Every stream chained, and delivered in its own order by the log read in commit order.
    const delivered: RecordedEvent[] = [];
    for await (const batch of store.readAll()) delivered.push(...batch);
    for (let i = 0; i < 30; i++) {
      const stream = delivered.filter((event) => event.streamId === `order-fresh-${i}`);
      expect(stream.map((event) => [event.revision, event.type])).toEqual([[0, 'OrderPlaced'], [1, 'OrderPaid']]);
      expect(findBrokenLink(stream)).toBeNull();
    }
    expect(delivered.filter((event) => event.streamId === 'order-hot').map((event) => event.revision)).toEqual([0, 1]);
  });

  it('answers stream reads asked together with a few statements, each read as it would be alone', async () => {
    for (let i = 0; i < 20; i++) await store.appendToStream(`order-${i}`, Array.from({ length: 1 + (i % 4) }, () => newEvent('OrderPlaced', { i })));
    const asked = Array.from({ length: 60 }, (_, n) => ({ streamId: `order-${n % 25}`, fromRevision: n % 3 }));
    const alone: RecordedEvent[][] = [];
    for (const { streamId, fromRevision } of asked) alone.push(await store.readStream(streamId, { fromRevision }));

    const statements = recordStatements();
    const together = await Promise.all(asked.map(({ streamId, fromRevision }) => store.readStream(streamId, { fromRevision })));
    expect(together).toEqual(alone);
    expect(together.some((events) => events.length === 0)).toBe(true);
    expect(statements.length).toBeLessThan(asked.length / 4);
  });

  it('reads the streams asked in one turn with one statement, even when nothing else is under way', async () => {
    // A command reading its customer, price book and product at once, on a quiet shop.
    for (const streamId of ['customer-quiet', 'pricebook-quiet', 'product-quiet']) await store.appendToStream(streamId, [newEvent('Noted', { streamId })]);
    const statements = recordStatements();
    const read = await Promise.all(['customer-quiet', 'pricebook-quiet', 'product-quiet'].map((streamId) => store.readStream(streamId)));
    expect(read.map((events) => events.map((event) => event.data.streamId))).toEqual([['customer-quiet'], ['pricebook-quiet'], ['product-quiet']]);
    // The appends' notice may still be on its way out meanwhile: it is not a read.
    expect(statements.filter((statement) => !JSON.stringify(statement).includes('pg_notify'))).toHaveLength(1);
  });

  it('saves the checkpoints of many subscriptions asked together in a few statements, keeping the furthest of each', async () => {
    const statements = recordStatements();
    const saves = Array.from({ length: 40 }, (_, i) => store.checkpoints.save(`subscriber-${i % 10}`, { commit: 100 + i, position: i }));
    await Promise.all(saves);
    expect(statements.length).toBeLessThan(10);
    for (let s = 0; s < 10; s++) expect(await store.checkpoints.load(`subscriber-${s}`)).toEqual({ commit: 130 + s, position: 30 + s });
    // And never backwards, together or not.
    await Promise.all([store.checkpoints.save('subscriber-0', { commit: 1, position: 1 }), store.checkpoints.save('subscriber-1', { commit: 2, position: 2 })]);
    expect(await store.checkpoints.load('subscriber-0')).toEqual({ commit: 130, position: 30 });
  });
  it('keeps to the indexes of the log as it grows from empty, before any statistics say it has', async () => {
    // One connection, so that every statement's cached plan is this session's; autovacuum kept off
    // the log, as on a fresh shop's first minutes or after a restore, so its statistics stay those
    // of a log of a few events. Plans made then must not be sequential scans that stay one.
    const own = await createTestDatabase({ poolSize: 1 });
    const ownStore = new PostgresEventStore(own.pool);
    try {
      await own.pool.query('alter table events set (autovacuum_enabled = false)');
      const work = async (round: number) => {
        await ownStore.appendToStream(`order-${round}`, [newEvent('OrderPlaced')]);
        // Several at once: those queued behind the first go in one emporium_append_batch.
        await Promise.all(Array.from({ length: 6 }, (_, i) => ownStore.appendToStream(`payment-${round}-${i}`, [newEvent('PaymentRequested')])));
        await ownStore.readStream(`order-${round}`);
        for await (const page of ownStore.readAll({ after: null, batchSize: 5 })) {
          expect(page.length).toBeGreaterThan(0);
          break;
        }
      };
      for (let round = 0; round < 8; round++) await work(round);

      for (let i = 0; i < 40; i++) await ownStore.appendToStream(`bulk-${i}`, Array.from({ length: 100 }, () => newEvent('StockReceived')));
      const sequentialScans = async () => {
        // Pending statistics reach the shared ones when the session goes idle; this forces the next time.
        await own.pool.query('select pg_stat_force_next_flush()');
        const { rows } = await own.pool.query<{ seq_scan: string }>("select seq_scan from pg_stat_user_tables where relname = 'events'");
        return Number(rows[0]!.seq_scan);
      };
      const before = await sequentialScans();
      for (let round = 8; round < 16; round++) await work(round);
      expect(await sequentialScans()).toBe(before);
      expect((await own.pool.query<{ count: string }>('select count(*) from events')).rows[0]!.count).toBe(String(4000 + 16 * 7));
    } finally {
      await ownStore.close();
      await own.drop();
    }
  });

  it('reads a long page of the log, as a rebuild does, in commit order and without spilling it to disk', async () => {
    // One connection with little work_mem: a page held in memory before it is sent, or sorted on
    // the way, would have to go to a temporary file, and the session's statistics would count it.
    const own = await createTestDatabase({ poolSize: 1 });
    const ownStore = new PostgresEventStore(own.pool);
    try {
      const note = 'x'.repeat(1_000);
      for (let i = 0; i < 60; i++) await ownStore.appendToStream(`order-${i}`, Array.from({ length: 50 }, () => newEvent('OrderNoted', { note })));
      // Statistics as a shop that has run for a while has them: the planner then guesses how many
      // events lie after the checkpoint, below a horizon it cannot know when it plans.
      await own.pool.query('analyze events');
      await own.pool.query("set work_mem = '64kB'");
      const temporaryFiles = async () => {
        await own.pool.query('select pg_stat_force_next_flush()');
        const { rows } = await own.pool.query<{ temp_files: string }>('select temp_files from pg_stat_database where datname = current_database()');
        return Number(rows[0]!.temp_files);
      };
      const before = await temporaryFiles();

      const pages: number[] = [];
      const read: string[] = [];
      for await (const page of ownStore.readAll({ batchSize: 2_500 })) {
        pages.push(page.length);
        read.push(...page.map((event) => event.id));
      }

      expect(await temporaryFiles()).toBe(before);
      expect(pages).toEqual([2_500, 500]);
      const { rows } = await own.pool.query<{ event_id: string }>('select event_id from events order by transaction_id, position');
      expect(read).toEqual(rows.map((row) => row.event_id));
    } finally {
      await ownStore.close();
      await own.drop();
    }
  });
});
