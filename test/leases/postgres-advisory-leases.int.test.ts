import { Pool } from 'pg';
import { PostgresAdvisoryLeases } from '../../src/leases/postgres-advisory-leases';
import { silentLogger } from '../../src/shared/logger';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { eventually } from '../support/journey';

/**
 * Leases are what keeps two projectors (relays, mail senders) side by side from doing the same
 * work at once. Each "process" here is a pool of its own on the same database, as a process is.
 */
describe('PostgreSQL advisory leases', () => {
  let db: TestDatabase;
  const opened: { pool: Pool; leases: PostgresAdvisoryLeases }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterEach(async () => {
    for (const { pool, leases } of opened.splice(0)) {
      await leases.close();
      pool.on('error', () => undefined);
      await pool.end();
    }
  });
  afterAll(async () => {
    await db.drop();
  });

  /** One process's leases, and a record of the work each runs under them. */
  function processLeases(): { leases: PostgresAdvisoryLeases; pool: Pool; running: Set<string>; log: string[] } {
    const pool = new Pool({ connectionString: db.connectionString, max: 3 });
    const leases = new PostgresAdvisoryLeases(pool, silentLogger, { intervalMs: 50 });
    opened.push({ pool, leases });
    const running = new Set<string>();
    const log: string[] = [];
    return { leases, pool, running, log };
  }
  function keep(process: ReturnType<typeof processLeases>, name: string): void {
    process.leases.keep(name, () => {
      process.running.add(name);
      process.log.push(`start ${name}`);
      return Promise.resolve(() => {
        process.running.delete(name);
        process.log.push(`stop ${name}`);
        return Promise.resolve();
      });
    });
  }
  const held = (process: ReturnType<typeof processLeases>) => process.leases.status().filter((lease) => lease.held).map((lease) => lease.name).sort();

  it('gives each lease to one process at a time, and every lease to someone', async () => {
    const names = ['projection:catalog', 'projection:customers', 'projection:order-history', 'relay'];
    const a = processLeases();
    const b = processLeases();
    for (const name of names) {
      keep(a, name);
      keep(b, name);
    }
    await eventually('every lease held', () => Promise.resolve([...held(a), ...held(b)].sort()), (all) => all.length === names.length);
    // Give the standby many more tries: none of them succeeds.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect([...held(a), ...held(b)].sort()).toEqual(names.sort());
    expect(new Set([...a.running].filter((name) => b.running.has(name)))).toEqual(new Set());
    expect([...a.running, ...b.running].sort()).toEqual(names.sort());
  });

  it('lets a standby take over when the holder closes, after the holder has stopped its work', async () => {
    const a = processLeases();
    const b = processLeases();
    keep(a, 'relay');
    await eventually('a to hold the relay', () => Promise.resolve(held(a)), (names) => names.length === 1);
    keep(b, 'relay');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(held(b)).toEqual([]);
    await a.leases.close();
    expect(a.log).toEqual(['start relay', 'stop relay']);
    await eventually('b to take the relay over', () => Promise.resolve(held(b)), (names) => names.length === 1);
    expect(b.running).toEqual(new Set(['relay']));
  });

  it('lets a standby take over when the holder dies (its connection ends), and the holder stops its work', async () => {
    const a = processLeases();
    const b = processLeases();
    keep(a, 'mail-sender');
    await eventually('a to hold the mail sender', () => Promise.resolve(held(a)), (names) => names.length === 1);
    keep(b, 'mail-sender');
    // What a SIGKILL or a lost network does to the holder's session, as seen from the server.
    await db.pool.query(`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted and pid <> pg_backend_pid()`);
    await eventually('b to take the mail sender over', () => Promise.resolve(held(b)), (names) => names.length === 1);
    await eventually('a to stop its work', () => Promise.resolve([...a.running]), (names) => names.length === 0);
    expect(a.log).toContain('stop mail-sender');
  });

  it('lets the lease go when the work fails to start, and tries again', async () => {
    const a = processLeases();
    let attempts = 0;
    a.leases.keep('relay', () => {
      attempts += 1;
      if (attempts < 3) return Promise.reject(new Error('broker unreachable'));
      return Promise.resolve(() => Promise.resolve());
    });
    await eventually('the third attempt to hold', () => Promise.resolve(held(a)), (names) => names.length === 1);
    expect(attempts).toBe(3);
    // While it failed, the lease was not kept from another process.
    const { rows } = await db.pool.query<{ count: string }>(`select count(*) from pg_locks where locktype = 'advisory' and granted`);
    expect(Number(rows[0]!.count)).toBe(1);
  });
});
