import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client, type Pool } from 'pg';
import { connectionPool } from '../src/postgres/pool';
import { startEmbeddedPostgres } from '../src/postgres/embedded-postgres-server';
import { runMigrations } from '../src/postgres/migrations';
import { jsonLogger, silentLogger } from '../src/shared/logger';

export interface BenchServer {
  readonly version: string;
  /** A fresh, migrated database; drop() ends its pool and drops it. */
  database(poolSize: number): Promise<{ pool: Pool; connectionString: string; drop: () => Promise<void> }>;
  stop(): Promise<void>;
}

/**
 * The server a benchmark runs on: BENCH_DATABASE_URL (a superuser connection; databases are created
 * and dropped there), or else the embedded PostgreSQL under .test-servers/.
 */
export async function benchServer(): Promise<BenchServer> {
  let serverUrl = process.env.BENCH_DATABASE_URL;
  let stopServer = async () => {};
  const ownServer = !serverUrl;
  if (!serverUrl) {
    const server = await startEmbeddedPostgres({ dataDir: path.resolve(__dirname, '../.test-servers'), database: 'postgres', logger: jsonLogger('warn') });
    serverUrl = server.adminConnectionString;
    stopServer = () => server.stop();
  }
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  return {
    version,
    async database(poolSize) {
      const name = `emporium_bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      // The app's own kind of pool: the benchmarks measure the connections the app has.
      const pool = connectionPool({ connectionString: url.toString(), max: poolSize });
      await runMigrations(pool, silentLogger);
      return {
        pool,
        connectionString: url.toString(),
        drop: async () => {
          // pool.end() resolves before its connections have closed; the forced drop may end them first.
          pool.on('error', () => undefined);
          await pool.end();
          await admin.query(`drop database ${name} with (force)`);
        },
      };
    },
    async stop() {
      if (ownServer) await trimWal(admin);
      await admin.end();
      await stopServer();
    },
  };
}

/**
 * A benchmark writes gigabytes of WAL, which PostgreSQL keeps for reuse up to max_wal_size: lowered
 * for one checkpoint, it lets the test server's pg_wal go back to a few segments.
 */
async function trimWal(admin: Client): Promise<void> {
  const walMb = async () => Number((await admin.query<{ mb: string }>('select coalesce(sum(size), 0) / 1048576 as mb from pg_ls_waldir()')).rows[0]!.mb);
  const before = await walMb();
  await admin.query("alter system set min_wal_size = '32MB'");
  await admin.query("alter system set max_wal_size = '64MB'");
  await admin.query('select pg_reload_conf()');
  await admin.query('checkpoint');
  await admin.query('alter system reset min_wal_size');
  await admin.query('alter system reset max_wal_size');
  await admin.query('select pg_reload_conf()');
  console.log(`(benchmark server: WAL trimmed from ${before.toFixed(0)} MB to ${(await walMb()).toFixed(0)} MB)`);
}
