import { connectionPool } from '../../src/postgres/pool';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await db.drop();
});

describe('the connection pool', () => {
  it('keeps its connection when a statement fails (pg-pool would close it)', async () => {
    const pool = connectionPool({ connectionString: db.connectionString, max: 1 });
    try {
      const before = (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      await expect(pool.query('select 1 / 0')).rejects.toThrow(/division by zero/);
      await expect(pool.query('insert into no_such_table values (1)')).rejects.toThrow(/does not exist/);
      const after = (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      expect(after).toBe(before);
      expect(pool.totalCount).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('drops a connection that broke, and the next query gets a new one', async () => {
    const pool = connectionPool({ connectionString: db.connectionString, max: 1 });
    pool.on('error', () => undefined);
    try {
      const first = (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      await expect(pool.query('select pg_terminate_backend(pg_backend_pid())')).rejects.toThrow();
      const second = (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      expect(second).not.toBe(first);
    } finally {
      await pool.end();
    }
  });

  it('passes parameters and named (prepared) statements through', async () => {
    const pool = connectionPool({ connectionString: db.connectionString, max: 2 });
    try {
      expect((await pool.query<{ n: number }>('select $1::int + 1 as n', [41])).rows[0]!.n).toBe(42);
      const named = { name: 'emporium_pool_test', text: 'select $1::text as t', values: ['kept'] };
      expect((await pool.query<{ t: string }>(named)).rows[0]!.t).toBe('kept');
      expect((await pool.query<{ t: string }>(named)).rows[0]!.t).toBe('kept');
    } finally {
      await pool.end();
    }
  });
});
