import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { keptMasterKeyFile } from '../config/config';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import type { EventStore } from '../event-store/event-store';
import { vaultedEventStore, type PersonalDataVault } from '../privacy/personal-data-vault';
import { postgresVault } from '../privacy/postgres-personal-data-keys';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres-server';
import { silentLogger } from '../shared/logger';

/** The auditor asked for something that cannot be done as asked (exit code 2). */
export class AuditUsageError extends Error {
  override readonly name = 'AuditUsageError';
}

export interface AuditConnection {
  readonly connectionString: string;
  readonly pool: Pool;
  /** The log as written (personal data sealed): what verify-log and export read. */
  readonly store: PostgresEventStore;
  /** The log as the shop reads it, personal data opened (or erased) where the master key is known; else as written. */
  readonly events: EventStore;
  /** Opens personal data in events read straight from the table (trace); null without the master key. */
  readonly vault: PersonalDataVault | null;
  /** Where the shop keeps its local data, when it is the embedded one: the checkpoints live there. */
  readonly dataDir: string | null;
  /** How it got there, for the auditor's record. */
  readonly describe: string;
  close(): Promise<void>;
}

/**
 * The event store the auditor reads, straight, not through the app: DATABASE_URL, or the embedded
 * PostgreSQL of a data directory, running (used as it is) or stopped (started for the audit and
 * stopped after). With EVENTSTORE_URL only verify-log runs (see withEventStoreDb).
 */
export async function connectForAudit(options: { databaseUrl?: string | undefined; eventstoreUrl?: string | undefined; dataDir: string }): Promise<AuditConnection> {
  if (options.eventstoreUrl) {
    throw new AuditUsageError('EVENTSTORE_URL: of the audit commands, only verify-log reads EventStoreDB so far; for the others, audit the PostgreSQL store with DATABASE_URL or --data-dir');
  }
  if (options.databaseUrl) return open(options.databaseUrl, null, `PostgreSQL at ${redact(options.databaseUrl)}`, async () => undefined);

  const dataDir = path.resolve(options.dataDir);
  const passwordFile = path.join(dataDir, 'postgres-password');
  if (!existsSync(passwordFile)) {
    throw new AuditUsageError(`No embedded shop data in ${dataDir} (no postgres-password there). Give --data-dir (EMPORIUM_DATA_DIR) of a shop, or --database-url (DATABASE_URL)`);
  }
  const running = runningServerUrl(dataDir, readFileSync(passwordFile, 'utf8').trim());
  if (running) {
    try {
      return await open(running, dataDir, `the running embedded PostgreSQL of ${dataDir}`, async () => undefined);
    } catch {
      // A server that left its pid file behind and is gone: start it below.
    }
  }
  const server = await startEmbeddedPostgres({ dataDir, database: 'emporium', logger: silentLogger });
  return open(server.connectionString, dataDir, `the embedded PostgreSQL of ${dataDir}, started for this audit`, () => server.stop());
}

/** EMPORIUM_MASTER_KEY, or the key `npm start` keeps in its data directory: without either, personal data stays sealed. */
function masterKeyFor(dataDir: string | null): Buffer | null {
  const configured = process.env.EMPORIUM_MASTER_KEY;
  if (configured) return Buffer.from(configured, 'base64');
  const kept = dataDir ? path.join(dataDir, keptMasterKeyFile) : null;
  return kept && existsSync(kept) ? Buffer.from(readFileSync(kept, 'utf8').trim(), 'base64') : null;
}

function runningServerUrl(dataDir: string, password: string): string | null {
  try {
    const port = readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]?.trim();
    return port ? `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/emporium` : null;
  } catch {
    return null;
  }
}

async function open(connectionString: string, dataDir: string | null, describe: string, afterwards: () => Promise<void>): Promise<AuditConnection> {
  const pool = new Pool({ connectionString, max: 4, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  try {
    await pool.query('select 1 from events limit 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    await afterwards().catch(() => undefined);
    throw new AuditUsageError(`Cannot read an Emporium event log from ${describe}: ${(error as Error).message}`);
  }
  const store = new PostgresEventStore(pool);
  const masterKey = masterKeyFor(dataDir);
  const vault = masterKey ? postgresVault(pool, masterKey) : null;
  return {
    connectionString,
    pool,
    store,
    events: vault ? vaultedEventStore(store, vault) : store,
    vault,
    dataDir,
    describe,
    async close() {
      await store.close();
      await pool.end();
      await afterwards();
    },
  };
}

const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
