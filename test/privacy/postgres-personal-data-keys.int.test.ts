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

  it('looks keys up by a statement each session prepares once, by the index from the first key on', async () => {
    // One connection, so that every plan is this session's; autovacuum off the table, as on a fresh
    // shop's first minutes. The plan kept for the session, made on a table of a few keys, must not
    // scan the table as it grows.
    const own = await createTestDatabase({ poolSize: 1 });
    try {
      await own.pool.query('alter table personal_data_keys set (autovacuum_enabled = false)');
      const keys = new PostgresPersonalDataKeys(own.pool);
      const sequentialScans = async () => {
        await own.pool.query('select pg_stat_force_next_flush()');
        const { rows } = await own.pool.query<{ seq_scan: string }>("select seq_scan from pg_stat_user_tables where relname = 'personal_data_keys'");
        return Number(rows[0]!.seq_scan);
      };
      const before = await sequentialScans();
      const subjects: string[] = [];
      for (let i = 0; i < 300; i++) {
        subjects.push(randomUUID());
        await keys.ensure(subjects.at(-1)!, randomBytes(60));
        const found = await keys.find([subjects[i]!, subjects[Math.floor(i / 2)]!]);
        expect(found.size).toBe(i === 0 ? 1 : 2);
      }
      expect(await sequentialScans()).toBe(before);
      const { rows } = await own.pool.query<{ name: string }>("select name from pg_prepared_statements where statement like '%from personal_data_keys where%'");
      expect(rows).toEqual([{ name: 'emporium_find_personal_data_keys' }]);
    } finally {
      await own.drop();
    }
  });
});

