import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { eventStoreContract } from '../contract/event-store.contract';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
const siblingPools: Pool[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(siblingPools.map((pool) => pool.end()));
  await db.drop();
});

eventStoreContract('PostgresEventStore', {
  create: async () => {
    await db.pool.query('truncate events, subscription_checkpoints');
    return new PostgresEventStore(db.pool);
  },
  // A second store with a pool of its own, as another process would have: only LISTEN/NOTIFY
  // can wake the first one's subscriptions before their poll interval.
  sibling: async () => {
    const pool = new Pool({ connectionString: db.connectionString, max: 2 });
    siblingPools.push(pool);
    return new PostgresEventStore(pool);
  },
});
