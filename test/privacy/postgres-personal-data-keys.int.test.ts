import { randomBytes, randomUUID } from 'node:crypto';
import { PostgresPersonalDataKeys } from '../../src/privacy/postgres-personal-data-keys';
import { personalDataKeysContract } from '../contract/personal-data-keys.contract';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

personalDataKeysContract('PostgresPersonalDataKeys', async () => new PostgresPersonalDataKeys(db.pool));

describe('PostgresPersonalDataKeys', () => {
  it('keeps no trace of an erased key in its table, only when it was erased', async () => {
    const keys = new PostgresPersonalDataKeys(db.pool);
    const subject = randomUUID();
    const key = randomBytes(60);
    await keys.ensure(subject, key);
    const erasedAt = new Date('2026-11-26T10:00:00Z');
    await keys.erase(subject, erasedAt);
    const { rows } = await db.pool.query('select wrapped_key, erased_at from personal_data_keys where subject_id = $1', [subject]);
    expect(rows).toEqual([{ wrapped_key: null, erased_at: erasedAt }]);
  });
});
