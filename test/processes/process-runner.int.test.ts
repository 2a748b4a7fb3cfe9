import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import type { RecordedEvent } from '../../src/event-store/event-store';
import { ProcessRunner, textField, type ProcessManager } from '../../src/processes/process-runner';
import { PostgresParkedEventStore } from '../../src/processes/postgres-parked-event-store';
import { silentLogger } from '../../src/shared/logger';
import { TransientError } from '../../src/shared/transient-errors';
import { newEvent } from '../contract/event-store.contract';
import { eventually } from '../support/journey';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The process runner on a real PostgreSQL: an event that keeps failing is parked and the others go
 * on; its partition's later events wait behind it; outages are waited out, not parked; a retry
 * after the fix handles the partition in log order; a restart remembers what is parked.
 */
describe('ProcessRunner: parking events that keep failing', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let parked: PostgresParkedEventStore;
  const runners: ProcessRunner[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool);
    parked = new PostgresParkedEventStore(db.pool);
  });
  afterAll(async () => {
    for (const runner of runners) await runner.stop();
    await store.close();
    await db.drop();
  });

  /** A process manager that handles "Work" events, keyed by `key`; `poison` ones fail until fixed. */
  function worker(state: { fixed: boolean; handled: string[]; outages: Map<string, number> }): ProcessManager {
    return {
      name: 'worker',
      filter: { eventTypes: ['Work'] },
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 20 },
      partitionKey: (event) => textField(event, 'key'),
      async handle(event: RecordedEvent) {
        const left = state.outages.get(textField(event, 'name')) ?? 0;
        if (left > 0) {
          state.outages.set(textField(event, 'name'), left - 1);
          throw new TransientError('the mail server is down');
        }
        if (event.data.poison && !state.fixed) throw new TypeError(`${textField(event, 'name')} is malformed`);
        state.handled.push(textField(event, 'name'));
      },
    };
  }
  const work = (name: string, key: string, poison = false) => newEvent('Work', { name, key, ...(poison ? { poison: 1 } : {}) });
  const start = async (state: Parameters<typeof worker>[0]) => {
    const runner = new ProcessRunner(store, parked, silentLogger);
    runners.push(runner);
    await runner.start([worker(state)]);
    return runner;
  };

  it('parks the failing event, holds its partition behind it, goes on with the rest, and resumes in order after a retry', async () => {
    const state = { fixed: false, handled: [] as string[], outages: new Map([['b1', 3]]) };
    const runner = await start(state);
    await store.appendToStream('work-1', [work('a1', 'A', true), work('a2', 'A'), work('b1', 'B'), work('c1', 'C')]);
    await eventually('B and C handled', async () => [...state.handled].sort(), (handled) => handled.join() === 'b1,c1');
    await store.appendToStream('work-1', [work('a3', 'A'), work('b2', 'B')]);
    await eventually('b2 handled', async () => state.handled, (handled) => handled.includes('b2'));

    // a3's parking and b2's handling run side by side: wait for the three of A to be parked.
    const open = await eventually('A parked three times', () => parked.list({ limit: 10 }), (entries) => entries.length === 3);
    expect(open.map((entry) => [entry.partitionKey, entry.reason, entry.attempts]).sort()).toEqual([
      ['A', 'failed', 3],
      ['A', 'waiting', 0],
      ['A', 'waiting', 0],
    ]);
    // b1 met an outage three times: waited out, not counted against it, not parked.
    expect(state.handled.filter((name) => name === 'b1')).toHaveLength(1);
    expect(await runner.parkedCounts()).toEqual({ worker: 3 });

    const failed = open.find((entry) => entry.reason === 'failed')!;
    expect(await runner.retryParked(failed.id, new Date())).toMatchObject({ handled: [], stillParked: 3, error: 'a1 is malformed' });

    state.fixed = true;
    const outcome = await runner.retryParked(failed.id, new Date());
    expect(outcome?.handled).toHaveLength(3);
    expect(state.handled.filter((name) => name.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(await parked.list({ limit: 10 })).toEqual([]);
    expect((await parked.list({ includeResolved: true, limit: 10 })).every((entry) => entry.resolvedAt !== null)).toBe(true);

    // The partition is open again: its next event is handled at once.
    await store.appendToStream('work-1', [work('a4', 'A')]);
    await eventually('a4 handled', async () => state.handled, (handled) => handled.includes('a4'));
    await runner.stop();
  });

  it('remembers a held partition across a restart', async () => {
    const state = { fixed: false, handled: [] as string[], outages: new Map<string, number>() };
    const first = await start(state);
    await store.appendToStream('work-2', [work('d1', 'D', true)]);
    await eventually('d1 parked', () => parked.list({ limit: 10 }), (open) => open.some((entry) => entry.partitionKey === 'D'));
    await first.stop();

    const second = await start(state);
    await store.appendToStream('work-2', [work('d2', 'D'), work('e1', 'E')]);
    await eventually('e1 handled', async () => state.handled, (handled) => handled.includes('e1'));
    // d2 and e1 are in different partitions, handled side by side: d2's parking may land a moment after e1.
    const waiting = await eventually('d2 parked behind d1', () => parked.list({ limit: 10 }), (open) => open.some((entry) => entry.partitionKey === 'D' && entry.reason === 'waiting'));
    expect(waiting.map((entry) => [entry.partitionKey, entry.reason])).toEqual(expect.arrayContaining([['D', 'waiting'], ['D', 'failed']]));
    expect(state.handled).not.toContain('d2');
    await second.stop();
  });

  it('tells when every process manager has handled the log up to a checkpoint, and when one has not in time', async () => {
    const state = { fixed: true, handled: [] as string[], outages: new Map([['w2', 2]]) };
    const runner = await start(state);
    const appended = await store.appendToStream('work-wait', [work('w1', 'k-wait'), work('w2', 'k-wait')]);
    // w2 is handled after two outages (backing off): reached, and only then.
    expect(await runner.waitFor(appended.checkpoint, 10_000)).toBe(true);
    expect(state.handled.slice(-2)).toEqual(['w1', 'w2']);
    state.outages.set('w3', 1_000);
    const stuck = await store.appendToStream('work-wait', [work('w3', 'k-stuck')]);
    expect(await runner.waitFor(stuck.checkpoint, 200)).toBe(false);
    state.outages.delete('w3');
    await runner.stop();
  });

  it('answers null for a parked event that does not exist', async () => {
    const runner = await start({ fixed: true, handled: [], outages: new Map() });
    expect(await runner.retryParked('424242', new Date())).toBeNull();
    expect(await runner.retryParked('not-a-number', new Date())).toBeNull();
  });
});
