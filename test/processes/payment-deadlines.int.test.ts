import { randomUUID } from 'node:crypto';
import { paymentHandlers } from '../../src/commands/handlers/payment-handlers';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { PaymentDeadlines } from '../../src/processes/payment-deadlines';
import { silentLogger } from '../../src/shared/logger';
import { createTestDatabase, recordStatements, type TestDatabase } from '../support/test-database';

/**
 * The payment deadlines as the fulfilment saga sets and clears them, one per order, from several
 * orders at once: those asked together go to the database together, and each is kept as asked.
 */
describe('payment deadlines', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let deadlines: PaymentDeadlines;

  beforeEach(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool);
    deadlines = new PaymentDeadlines(db.pool, store, paymentHandlers(store), () => new Date(), silentLogger);
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  const timers = async () =>
    new Map(
      (await db.pool.query<{ id: string; kind: string; due_at: Date; payload: { paymentId: string } }>('select id, kind, due_at, payload from process_timers')).rows.map((row) => [row.id, row]),
    );

  it('sets many deadlines asked at once with a few statements, each with its own payment and moment', async () => {
    const asked = Array.from({ length: 60 }, (_, i) => ({ paymentId: randomUUID(), dueAt: new Date(Date.UTC(2026, 11, 8, 10, 0, i)) }));
    const statements = recordStatements(db.pool);

    await Promise.all(asked.map(({ paymentId, dueAt }) => deadlines.schedule(paymentId, dueAt)));

    expect(statements.length).toBeLessThanOrEqual(3);
    const stored = await timers();
    expect(stored.size).toBe(60);
    for (const { paymentId, dueAt } of asked) {
      expect(stored.get(`payment-deadline:${paymentId}`)).toMatchObject({ kind: 'payment-deadline', due_at: dueAt, payload: { paymentId } });
    }
  });

  it('keeps the first moment of a deadline set again, even twice in one batch (the saga repeating a step)', async () => {
    const paymentId = randomUUID();
    const first = new Date('2026-12-08T10:00:00Z');
    await deadlines.schedule(paymentId, first);

    await Promise.all([deadlines.schedule(paymentId, new Date('2026-12-08T11:00:00Z')), deadlines.schedule(paymentId, new Date('2026-12-08T12:00:00Z'))]);

    expect((await timers()).get(`payment-deadline:${paymentId}`)?.due_at).toEqual(first);
  });

  it('clears many deadlines asked at once with a few statements, and only those', async () => {
    const paymentIds = Array.from({ length: 60 }, () => randomUUID());
    await Promise.all(paymentIds.map((paymentId) => deadlines.schedule(paymentId, new Date('2026-12-08T10:00:00Z'))));
    const statements = recordStatements(db.pool);

    await Promise.all(paymentIds.slice(0, 50).map((paymentId) => deadlines.cancel(paymentId)));

    expect(statements.length).toBeLessThanOrEqual(3);
    expect([...(await timers()).keys()].sort()).toEqual(paymentIds.slice(50).map((paymentId) => `payment-deadline:${paymentId}`).sort());
  });
});
