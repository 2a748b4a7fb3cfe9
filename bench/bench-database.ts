import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client, type Pool } from 'pg';
import { connectionPool } from '../src/postgres/pool';
import { startEmbeddedPostgres } from '../src/postgres/embedded-postgres-server';
import type { PersonalDataVault } from '../src/privacy/personal-data-vault';
import { postgresVault } from '../src/privacy/postgres-personal-data-keys';
import { runMigrations } from '../src/postgres/migrations';
import { jsonLogger, silentLogger } from '../src/shared/logger';

export interface BenchServer {
  readonly version: string;
  /** The embedded server's cluster, to read its processes' CPU time (process-cpu.ts); undefined for BENCH_DATABASE_URL. */
  readonly clusterDir: string | undefined;
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
  let clusterDir: string | undefined;
  const ownServer = !serverUrl;
  if (!serverUrl) {
    // A rebuild of a million events writes gigabytes of WAL, which PostgreSQL would otherwise keep
    // on disk, up to max_wal_size (1 GB), long after the benchmark: a smaller cap leaves less behind.
    const server = await startEmbeddedPostgres({
      dataDir: path.resolve(__dirname, '../.test-servers'),
      database: 'postgres',
      logger: jsonLogger('warn'),
      settings: { max_wal_size: '256MB', min_wal_size: '64MB', ...(process.env.BENCH_PG_SETTINGS ? (JSON.parse(process.env.BENCH_PG_SETTINGS) as Record<string, string>) : {}) },
    });
    serverUrl = server.adminConnectionString;
    clusterDir = server.clusterDir;
    stopServer = () => server.stop();
  }
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  return {
    version,
    clusterDir,
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
      if (ownServer) await reportWal(admin);
      await admin.end();
      await stopServer();
    },
  };
}

/** What the server keeps of its WAL on disk, to say it when a benchmark ends. */
async function reportWal(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ mb: string }>('select coalesce(sum(size), 0) / 1048576 as mb from pg_ls_waldir()');
  console.log(`(benchmark server: ${Number(rows[0]!.mb).toFixed(0)} MB of WAL left on disk)`);
}

/** A vault with a master key of the run's own, as the shop's (src/privacy): benches seal and open personal data as production does. */
export function benchVault(pool: Pool): PersonalDataVault {
  return postgresVault(pool, randomBytes(32));
}
