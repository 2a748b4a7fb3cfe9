import { runAdmin } from '../../src/admin/cli';
import { migrations } from '../../src/postgres/migrations';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The deployment's migration step (the Helm chart's pre-install and pre-upgrade Job). */
describe('emporium-admin migrate-database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.drop());

  const run = async (args: string[]) => {
    let printed = '';
    const code = await runAdmin(['migrate-database', ...args], (text) => (printed += text));
    return { code, printed };
  };
  const latest = Math.max(...migrations.map((migration) => migration.version));

  it('brings an empty database to the latest schema, and the next run changes nothing', async () => {
    expect(await run(['--database-url', db.connectionString])).toEqual({ code: 0, printed: `applied migrations ${migrations.map((m) => m.version).join(', ')}; the schema is at version ${latest}\n` });
    const { rows } = await db.pool.query<{ version: number }>('select version from schema_migrations order by version');
    expect(rows.map((row) => row.version)).toEqual(migrations.map((m) => m.version));
    const tables = await db.pool.query<{ n: string }>("select count(*) as n from information_schema.tables where table_name in ('events', 'personal_data_keys')");
    expect(tables.rows[0]!.n).toBe('2');

    expect(await run(['--database-url', db.connectionString])).toEqual({ code: 0, printed: `the schema is up to date, at version ${latest}\n` });
  });

  it('is safe when several run at once, as a Job and starting pods can', async () => {
    const fresh = await createTestDatabase({ migrate: false });
    try {
      const runs = await Promise.all([1, 2, 3].map(() => run(['--database-url', fresh.connectionString])));
      expect(runs.every((r) => r.code === 0)).toBe(true);
      expect(runs.filter((r) => r.printed.startsWith('applied'))).toHaveLength(1);
      const { rows } = await fresh.pool.query<{ n: string }>('select count(*) as n from schema_migrations');
      expect(Number(rows[0]!.n)).toBe(migrations.length);
    } finally {
      await fresh.drop();
    }
  });

  it('says in one line why it could not, with the usage exit code, and needs a database to be named', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const unreachable = new URL(db.connectionString);
      unreachable.port = '1';
      expect((await run(['--database-url', unreachable.toString()])).code).toBe(2);
      expect(String(stderr.mock.calls.at(-1)?.[0])).toMatch(/^emporium-admin: could not migrate the database: .*ECONNREFUSED/);
      const saved = process.env.DATABASE_URL;
      delete process.env.DATABASE_URL;
      try {
        expect((await run([])).code).toBe(2);
      } finally {
        if (saved !== undefined) process.env.DATABASE_URL = saved;
      }
    } finally {
      stderr.mockRestore();
    }
  });
});
