import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { canonicalJson } from '../event-store/event-integrity';
import { compareCheckpoints, matchesFilter, type Checkpoint, type EventStore } from '../event-store/event-store';
import { PostgresCheckpointStore } from '../event-store/postgres/postgres-event-store';
import { runMigrations } from '../postgres/migrations';
import { allProjections } from '../projections/all-projections';
import type { ProjectionName } from '../projections/projection-names';
import { silentLogger } from '../shared/logger';
import { differences as fieldDifferences, type Change } from './audit-queries';

/**
 * Read models and reports rebuilt from the log into a scratch database on the same server: the
 * live ones are never touched, and nothing but projections runs, so no email, gateway call or
 * message can leave. The log is only read.
 */
export interface ScratchReplay {
  readonly database: string;
  /** Through which checkpoint of the log it was replayed. */
  readonly through: Checkpoint | null;
  readonly events: number;
  /** Per projection, per table: rows. */
  readonly rows: Record<string, Record<string, number>>;
  /** Per projection, the last event it was given: a live projection has caught up once it is past it. */
  readonly lastHandled: Record<string, Checkpoint>;
  readonly pool: Pool;
  drop(): Promise<void>;
}

export async function replayIntoScratch(
  /** `events`: the log as the shop reads it (personal data opened), so the rebuild matches the live read models. */
  live: { readonly connectionString: string; readonly events: EventStore },
  options: { readonly projections: readonly ProjectionName[]; readonly until?: Date; readonly keep?: boolean; readonly progress?: (events: number) => void },
): Promise<ScratchReplay> {
  const database = `emporium_audit_${randomBytes(6).toString('hex')}`;
  await onServer(live.connectionString, (client) => client.query(`create database ${database}`));
  const url = new URL(live.connectionString);
  url.pathname = `/${database}`;
  const pool = new Pool({ connectionString: url.toString(), max: 4 });
  const drop = async () => {
    await pool.end();
    await onServer(live.connectionString, (client) => client.query(`drop database if exists ${database} with (force)`));
  };
  try {
    await runMigrations(pool, silentLogger);
    const projections = allProjections(pool, { checkpoints: new PostgresCheckpointStore(pool) }).filter((projection) => options.projections.includes(projection.name as ProjectionName));
    for (const projection of projections) await projection.prepare();
    const through = await live.events.headCheckpoint();
    let events = 0;
    const lastHandled: Record<string, Checkpoint> = {};
    if (through) {
      for await (const batch of live.events.readAll({ batchSize: 5_000 })) {
        const inRange = batch.filter((event) => compareCheckpoints(event.checkpoint, through) <= 0 && (!options.until || event.recordedAt.getTime() <= options.until.getTime()));
        for (const projection of projections) {
          const relevant = inRange.filter((event) => matchesFilter(projection.filter, event));
          if (relevant.length === 0) continue;
          lastHandled[projection.name] = relevant.at(-1)!.checkpoint;
          await projection.handle(relevant, { checkpoint: relevant.at(-1)!.checkpoint, subscriptionId: projection.name, target: projection.liveTarget });
        }
        events += inRange.length;
        options.progress?.(events);
        if (compareCheckpoints(batch.at(-1)!.checkpoint, through) >= 0) break;
      }
    }
    const rows: Record<string, Record<string, number>> = {};
    for (const projection of projections) rows[projection.name] = await rowCounts(pool, projection.liveTarget);
    return { database, through, events, rows, lastHandled, pool, drop };
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
}

async function onServer<T>(connectionString: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The tables of a projection's target: rm_<collection> for documents, every table of its schema for reports. */
export async function tablesOf(pool: Pool, target: string): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
      where (table_schema = 'public' and table_name = 'rm_' || $1) or table_schema = $1 order by 1`,
    [target],
  );
  return rows.map((row) => row.name);
}

async function rowCounts(pool: Pool, target: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesOf(pool, target)) {
    // Documents deleted by a projection stay as tombstones (document null): they are not rows to an auditor.
    const where = table.startsWith('public.rm_') ? ' where document is not null' : '';
    counts[table] = Number((await pool.query<{ n: string }>(`select count(*) as n from ${table}${where}`)).rows[0]!.n);
  }
  return counts;
}

export interface ReadModelDifference {
  readonly projection: string;
  readonly table: string;
  readonly kind: 'missing-in-live' | 'extra-in-live' | 'different' | 'behind';
  /** The row's key (a document id), or the row itself for report tables. */
  readonly row: string;
  readonly live?: unknown;
  readonly rebuilt?: unknown;
  /** For a row that differs: which fields, from the rebuilt value to the live one. */
  readonly fields?: readonly Change[];
}

/**
 * Compares the live read models with a scratch replay, row by row. Live projections must first
 * have reached the point the replay went to (up to `waitMs`), or they are reported as behind.
 */
export async function compareWithLive(livePool: Pool, replay: ScratchReplay, waitMs = 10_000): Promise<ReadModelDifference[]> {
  const differences: ReadModelDifference[] = [];
  for (const projection of Object.keys(replay.rows)) {
    const target = replay.lastHandled[projection];
    if (target && !(await liveReached(livePool, projection, target, waitMs))) {
      differences.push({ projection, table: '', kind: 'behind', row: '', rebuilt: target });
      continue;
    }
    for (const table of Object.keys(replay.rows[projection]!)) {
      const [live, rebuilt] = [await rowsOf(livePool, table), await rowsOf(replay.pool, table)];
      for (const [key, row] of rebuilt) {
        const mine = live.get(key);
        if (mine === undefined) differences.push({ projection, table, kind: 'missing-in-live', row: key, rebuilt: row });
        else if (canonicalJson(mine) !== canonicalJson(row)) differences.push({ projection, table, kind: 'different', row: key, live: mine, rebuilt: row, fields: fieldDifferences(row, mine, '') });
      }
      for (const [key, row] of live) if (!rebuilt.has(key)) differences.push({ projection, table, kind: 'extra-in-live', row: key, live: row });
    }
  }
  return differences;
}

async function liveReached(pool: Pool, projection: string, through: Checkpoint, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { rows } = await pool.query<{ commit: string; position: string }>('select transaction_id::text as commit, position from subscription_checkpoints where subscription_id = $1', [projection]);
    const row = rows[0];
    if (row && compareCheckpoints({ commit: Number(row.commit), position: Number(row.position) }, through) >= 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Rows keyed by document id, or, for report tables (no id), by the row itself. */
async function rowsOf(pool: Pool, table: string): Promise<Map<string, unknown>> {
  const isDocuments = table.startsWith('public.rm_');
  const { rows } = await pool.query<Record<string, unknown>>(isDocuments ? `select id, document from ${table} where document is not null` : `select * from ${table}`);
  return new Map(rows.map((row) => (isDocuments ? [String(row.id), row.document] : [canonicalJson(row), row])));
}
