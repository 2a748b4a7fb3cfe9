import { randomBytes } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { connectionPool } from '../../src/postgres/pool';
import { runMigrations } from '../../src/postgres/migrations';
import { silentLogger } from '../../src/shared/logger';

export interface TestDatabase {
  readonly connectionString: string;
  readonly pool: Pool;
  /** Ends the pool and drops the database. */
  drop(): Promise<void>;
}

export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest, whose global setup starts PostgreSQL');
  return url;
}

/** A fresh, migrated database of its own for a test file, on the test server. */
export async function createTestDatabase(options: { migrate?: boolean; poolSize?: number } = {}): Promise<TestDatabase> {
  const name = `emporium_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  // The app's own kind of pool, so that tests meet the connections the app has.
  const pool = connectionPool({ connectionString, max: options.poolSize ?? 20 });
  if (options.migrate ?? true) await runMigrations(pool, silentLogger);

  return {
    connectionString,
    pool,
    async drop() {
      // pool.end() resolves before its connections have closed; the forced drop may then end
      // them first, which the pool would report as an unhandled error.
      pool.on('error', () => undefined);
      await pool.end();
      const client = new Client({ connectionString: serverUrl() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** The statements the pool is asked for from now on: all of them, or those of one prepared name. */
export function recordStatements(pool: Pool, name?: string): unknown[] {
  const statements: unknown[] = [];
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  pool.query = ((...args: unknown[]) => {
    if (name === undefined || (args[0] as { name?: string }).name === name) statements.push(args[0]);
    return query(...args);
  }) as typeof pool.query;
  return statements;
}
