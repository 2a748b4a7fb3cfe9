import { randomInt } from 'node:crypto';
import type { Pool } from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import type { RecordedEvent } from '../../src/event-store/event-store';
import { newEvent } from '../contract/event-store.contract';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Invariant 3: a subscription never skips an event, even when PostgreSQL transactions commit out of
 * sequence order. Writers hold their transactions open for a random time after taking positions,
 * some roll back, and a subscriber reads throughout. The same harness with a naive
 * `position > checkpoint` reader must lose events: that proves the harness can see the bug.
 */

const writers = 16;
const appendsPerWriter = 150;
const streams = 40;

interface Delivered {
  readonly events: RecordedEvent[];
}

interface HarnessResult {
  readonly committedIds: Set<string>;
  readonly delivered: RecordedEvent[];
}

/** Runs the writers while `reader` follows the log; returns what was committed and what was delivered. */
async function runWritersAgainst(
  db: TestDatabase,
  reader: { start(): Delivered; finish(): Promise<void> },
): Promise<HarnessResult> {
  const store = new PostgresEventStore(db.pool);
  const delivered = reader.start();
  const committedIds = new Set<string>();

  await Promise.all(
    Array.from({ length: writers }, async () => {
      const client = await db.pool.connect();
      try {
        for (let i = 0; i < appendsPerWriter; i++) {
          const batch = Array.from({ length: randomInt(1, 3) }, () => newEvent('Written'));
          await client.query('begin');
          await store.appendInTransaction(client, `stream-${randomInt(streams)}`, batch);
          // Hold the transaction open after its positions are taken, so that later positions commit first.
          await new Promise((resolve) => setTimeout(resolve, randomInt(0, 8)));
          if (randomInt(20) === 0) {
            await client.query('rollback');
          } else {
            await client.query('commit');
            for (const event of batch) committedIds.add(event.id);
            store.notifyAppended();
          }
        }
      } finally {
        client.release();
      }
    }),
  );
  await reader.finish();
  await store.close();
  return { committedIds, delivered: delivered.events };
}

function subscriptionReader(db: TestDatabase) {
  const store = new PostgresEventStore(db.pool);
  const events: RecordedEvent[] = [];
  let subscription: ReturnType<PostgresEventStore['subscribe']>;
  return {
    start() {
      subscription = store.subscribe({
        subscriptionId: 'gap-harness',
        batchSize: 50,
        pollIntervalMs: 5,
        handle: async (batch) => void events.push(...batch),
      });
      return { events };
    },
    async finish() {
      const last = (await db.pool.query<{ transaction_id: string; position: string }>('select transaction_id, position from events order by transaction_id desc, position desc limit 1')).rows[0]!;
      const reached = await subscription.waitFor({ commit: Number(last.transaction_id), position: Number(last.position) }, 20_000);
      expect(reached).toBe(true);
      await store.close();
    },
  };
}

/** What a first attempt usually looks like: follow the sequence. It is wrong, and this test keeps it visible. */
function naivePositionReader(pool: Pool) {
  const events: { id: string; position: number }[] = [];
  let checkpoint = 0;
  let running = true;
  const readOnce = async () => {
    const { rows } = await pool.query<{ event_id: string; position: string }>('select event_id, position from events where position > $1 order by position limit 50', [checkpoint]);
    for (const row of rows) events.push({ id: row.event_id, position: Number(row.position) });
    if (rows.length) checkpoint = Number(rows.at(-1)!.position);
    return rows.length;
  };
  let loop: Promise<void>;
  return {
    start() {
      loop = (async () => {
        while (running) if ((await readOnce()) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      })();
      return { events: events as unknown as RecordedEvent[] };
    },
    async finish() {
      running = false;
      await loop;
      while ((await readOnce()) > 0);
    },
  };
}

describe('invariant 3: a subscription never skips an event when transactions commit out of sequence order', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase({ poolSize: writers + 6 });
  });
  afterEach(async () => {
    await db.drop();
  });

  it(`delivers every committed event exactly once, each stream in revision order (${writers} writers, random commit delays, some rollbacks)`, async () => {
    const { committedIds, delivered } = await runWritersAgainst(db, subscriptionReader(db));

    const deliveredIds = delivered.map((event) => event.id);
    expect(new Set(deliveredIds).size).toBe(deliveredIds.length);
    expect(new Set(deliveredIds)).toEqual(committedIds);
    const stored = await db.pool.query<{ event_id: string }>('select event_id from events');
    expect(new Set(stored.rows.map((row) => row.event_id))).toEqual(committedIds);
    expect(committedIds.size).toBeGreaterThan(2_000);

    const revisionsByStream = new Map<string, number[]>();
    for (const event of delivered) revisionsByStream.set(event.streamId, [...(revisionsByStream.get(event.streamId) ?? []), event.revision]);
    for (const revisions of revisionsByStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));

    // The harness did produce out-of-order commits: delivery order is not position order.
    const outOfPositionOrder = delivered.filter((event, i) => i > 0 && event.position < delivered[i - 1]!.position).length;
    expect(outOfPositionOrder).toBeGreaterThan(0);
  });

  it('loses events with a naive position > checkpoint reader (the harness can see the bug)', async () => {
    const { committedIds, delivered } = await runWritersAgainst(db, naivePositionReader(db.pool));
    const seen = new Set(delivered.map((event) => event.id));
    const lost = [...committedIds].filter((id) => !seen.has(id));
    expect(lost.length).toBeGreaterThan(0);
  });
});
