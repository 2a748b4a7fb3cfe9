import { PostgresSnapshotStore } from '../../src/event-store/postgres/postgres-snapshot-store';
import { snapshotStoreContract } from '../contract/snapshot-store.contract';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

snapshotStoreContract('PostgresSnapshotStore', async () => {
  await db.pool.query('truncate snapshots');
  return new PostgresSnapshotStore(db.pool);
});
