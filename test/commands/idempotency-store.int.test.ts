import { PostgresIdempotencyStore } from '../../src/commands/idempotency/postgres-idempotency-store';
import { idempotencyStoreContract } from '../contract/idempotency-store.contract';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

idempotencyStoreContract('PostgresIdempotencyStore', async () => new PostgresIdempotencyStore(db.pool));

describe('PostgresIdempotencyStore', () => {
  it('purges keys older than a cutoff', async () => {
    const store = new PostgresIdempotencyStore(db.pool);
    await store.begin('alice', 'old-key', 'fp', 30_000);
    await db.pool.query("update idempotency_keys set created_at = now() - interval '2 days' where key = 'old-key'");
    expect(await store.purgeBefore(new Date(Date.now() - 86_400_000))).toBe(1);
    expect(await store.begin('alice', 'old-key', 'another request', 30_000)).toEqual({ outcome: 'started' });
  });
});
