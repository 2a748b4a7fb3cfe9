import type { Pool } from 'pg';
import type { Logger } from '../shared/logger';
import { eventStoreMigration } from './migrations/0001-event-store';
import { idempotencyKeysMigration } from './migrations/0002-idempotency-keys';
import { sessionsMigration } from './migrations/0003-sessions';
import { processTimersMigration } from './migrations/0004-process-timers';
import { snapshotsMigration } from './migrations/0005-snapshots';
import { parkedEventsMigration } from './migrations/0006-parked-events';
import { auditIndexesMigration } from './migrations/0007-audit-indexes';
import { appendBatchMigration } from './migrations/0008-append-batch';
import { personalDataKeysMigration } from './migrations/0009-personal-data-keys';
import { plannedLogReadsMigration } from './migrations/0010-planned-log-reads';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Applied in version order; a released migration is never edited, only followed by a new one. */
export const migrations: readonly Migration[] = [eventStoreMigration, idempotencyKeysMigration, sessionsMigration, processTimersMigration, snapshotsMigration, parkedEventsMigration, auditIndexesMigration, appendBatchMigration, personalDataKeysMigration, plannedLogReadsMigration];

/** Any fixed number; it only has to differ from the other advisory lock keys we use. */
const migrationLockKey = 7000;

/**
 * Brings the schema up to date. Several processes may start at once (the distributed roles), so
 * they take turns on an advisory lock; each migration commits with its version row.
 */
export async function runMigrations(pool: Pool, logger: Logger, available: readonly Migration[] = migrations): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
    await client.query(`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`);
    const { rows } = await client.query<{ version: number }>('select version from schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    for (const migration of [...available].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
      }
      logger.info('migration applied', { version: migration.version, name: migration.name });
      applied.push(migration.version);
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    client.release();
  }
  return applied;
}
