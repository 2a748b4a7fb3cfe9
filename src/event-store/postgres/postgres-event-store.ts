import type { DatabaseError, Pool, PoolClient } from 'pg';
import { silentLogger, type Logger } from '../../shared/logger';
import { readAllInBatches, startCatchUpSubscription, type CommitOrderedLog, type LogPage } from '../catch-up-subscription';
import { coalescePageReads } from '../coalesced-page-reads';
import { cacheLogTail } from '../log-tail-cache';
import { eventDigest } from '../event-integrity';
import {
  compareCheckpoints,
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  validateExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type CheckpointStore,
  type EventFilter,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type JsonObject,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store';
import { RequestBatcher } from '../../shared/request-batcher';
import { inTransaction } from '../../postgres/transaction';
import { AppendBatches, type PendingAppend } from './append-batches';
import { AppendNotifications } from './append-notifications';

/** A pool, or a client inside a transaction the caller controls. */
export type Queryable = Pool | PoolClient;

export interface EventRow {
  position: string;
  transaction_id: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  recorded_at_ms: number;
  previous_hash: string | null;
  hash: string;
}

type PageRow = { held_back: boolean; matched: boolean | null } & { [K in keyof EventRow]: EventRow[K] | null };

/**
 * Pages longer than this are read by a statement planned for each call, not by emporium_read_page.
 * The function is for the many small reads of live subscriptions, where planning was most of the
 * cost (migration 10). A page of a rebuild or an export (5,000-10,000 events) outgrows work_mem:
 * PL/pgSQL holds the function's whole result before sending its first row, and the function's
 * final sort holds it again, so 100,000 events rebuilt wrote 100 MB of temporary files. Planning
 * once per thousands of rows costs next to nothing.
 */
const largePage = 1_000;

/**
 * emporium_read_page's query (migration 10) with the parameters of the function, but without the
 * final sort: the page comes out of the index in commit order, and readPage sorts the rows it gets.
 */
const largePageRead = `
  with horizon as (
    select snapshot.xmin, exists (select 1 from events f where f.transaction_id >= snapshot.xmin) as held_back
      from (select pg_snapshot_xmin(pg_current_snapshot()) as xmin) snapshot
  ),
  page as (
    select e.*,
           ($3::text[] is null or e.stream_id ^@ any($3::text[]))
             and ($4::text[] is null or e.type = any($4::text[])) as matched
      from events e, horizon
     where (e.transaction_id, e.position) > ($1::text::xid8, $2::bigint)
       and e.transaction_id < horizon.xmin
     order by e.transaction_id, e.position
     limit $5::int
  )
  select horizon.held_back, page.position, page.transaction_id, page.stream_id, page.revision, page.event_id,
         page.type, (extract(epoch from page.recorded_at) * 1000)::float8 as recorded_at_ms,
         encode(page.previous_hash, 'hex') as previous_hash, encode(page.hash, 'hex') as hash, page.matched,
         case when page.matched then page.data end as data,
         case when page.matched then page.metadata end as metadata
    from horizon left join page on true`;

// Time as epoch milliseconds and hashes as hex text: converted by PostgreSQL once, rather than
// parsed by the driver and converted again here (it shows when a rebuild reads a million events).
export const eventColumns = `position, transaction_id, stream_id, revision, event_id, type, data, metadata,
  (extract(epoch from recorded_at) * 1000)::float8 as recorded_at_ms, encode(previous_hash, 'hex') as previous_hash, encode(hash, 'hex') as hash`;

export class PostgresCheckpointStore implements CheckpointStore {
  constructor(private readonly pool: Pool) {}

  /** Saves asked while others are under way go as one statement, the furthest per subscription. */
  private readonly saves = new RequestBatcher<{ subscriptionId: string; checkpoint: Checkpoint }, void>(
    async (batch) => {
      const furthest = new Map<string, Checkpoint>();
      for (const { request } of batch) {
        const known = furthest.get(request.subscriptionId);
        if (!known || compareCheckpoints(request.checkpoint, known) > 0) furthest.set(request.subscriptionId, request.checkpoint);
      }
      await this.pool.query({
        name: 'emporium_save_checkpoints',
        text: `insert into subscription_checkpoints (subscription_id, transaction_id, position)
               select id, commit_id::text::xid8, position from unnest($1::text[], $2::text[], $3::bigint[]) as saved(id, commit_id, position)
               on conflict (subscription_id) do update
                 set transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()
                 where (subscription_checkpoints.transaction_id, subscription_checkpoints.position)
                     < (excluded.transaction_id, excluded.position)`,
        values: [[...furthest.keys()], [...furthest.values()].map((checkpoint) => String(checkpoint.commit)), [...furthest.values()].map((checkpoint) => checkpoint.position)],
      });
      for (const { resolve } of batch) resolve();
    },
    // The subscriptions of a process save at the same moments (catch-up-subscription.ts): one statement for them all.
    { maxInFlight: 2, maxBatch: 200, gatherTurn: true },
  );

  async load(subscriptionId: string): Promise<Checkpoint | null> {
    const { rows } = await this.pool.query<{ transaction_id: string; position: string }>(
      'select transaction_id, position from subscription_checkpoints where subscription_id = $1',
      [subscriptionId],
    );
    const row = rows[0];
    return row ? { commit: Number(row.transaction_id), position: Number(row.position) } : null;
  }

  /** Moves the checkpoint forwards, never backwards: saves asked together, from every subscription of the process, go as one statement. */
  save(subscriptionId: string, checkpoint: Checkpoint): Promise<void> {
    return this.saves.submit({ subscriptionId, checkpoint });
  }

  /**
   * In the caller's transaction: locks the subscription's checkpoint, moves it forwards to
   * `checkpoint`, and answers where it was, in one statement. For a handler that must count each
   * event once: the events up to the answer are counted already (a batch delivered again, or by two
   * instances at once, which the lock puts one after the other), and its own writes and the new
   * checkpoint commit together.
   */
  async claim(subscriptionId: string, checkpoint: Checkpoint, transaction: PoolClient): Promise<Checkpoint | null> {
    const { rows } = await transaction.query<{ transaction_id: string; position: string }>({
      name: 'emporium_claim_checkpoint',
      text: `with previous as (
               select transaction_id, position from subscription_checkpoints where subscription_id = $1 for update
             ), moved as (
               insert into subscription_checkpoints (subscription_id, transaction_id, position) values ($1, $2::text::xid8, $3)
               on conflict (subscription_id) do update
                 set transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()
                 where (subscription_checkpoints.transaction_id, subscription_checkpoints.position)
                     < (excluded.transaction_id, excluded.position)
             )
             select transaction_id::text, position from previous`,
      values: [subscriptionId, String(checkpoint.commit), checkpoint.position],
    });
    const row = rows[0];
    return row ? { commit: Number(row.transaction_id), position: Number(row.position) } : null;
  }

  async reset(subscriptionId: string, checkpoint: Checkpoint | null, db: Queryable = this.pool): Promise<void> {
    if (!checkpoint) {
      await db.query('delete from subscription_checkpoints where subscription_id = $1', [subscriptionId]);
      return;
    }
    await db.query(
      `insert into subscription_checkpoints (subscription_id, transaction_id, position) values ($1, $2::text::xid8, $3)
       on conflict (subscription_id) do update set transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()`,
      [subscriptionId, String(checkpoint.commit), checkpoint.position],
    );
  }
}

export interface PostgresEventStoreOptions {
  readonly logger?: Logger;
  /** Send NOTIFY after appends so subscriptions in other processes wake at once (default true). */
  readonly notifyOtherProcesses?: boolean;
}

export class PostgresEventStore implements EventStore {
  readonly checkpoints: PostgresCheckpointStore;
  private readonly notifications: AppendNotifications;
  private readonly logger: Logger;
  private readonly subscriptions = new Set<Subscription>();
  private readonly batches: AppendBatches;

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.checkpoints = new PostgresCheckpointStore(pool);
    this.notifications = new AppendNotifications(pool, this.logger, options.notifyOtherProcesses ?? true);
    this.batches = new AppendBatches(pool, (append) => this.appendOne(this.pool, append));
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const append = pendingAppend(streamId, events, options);
    const { expected, digests } = append;
    try {
      const result = await this.batches.append(append);
      this.notifyAppended();
      return result;
    } catch (error) {
      // With 'any' or 'stream_exists' a retry is only recognised once its ids collide; then look
      // for the earlier append of the same events (a rare path, so it stays off the hot one).
      if (error instanceof DuplicateEventIdError && (expected === 'any' || expected === 'stream_exists')) {
        const { rows } = await this.pool.query<AppendRow>('select * from emporium_find_replay($1, $2::uuid[], $3::bytea[])', [
          streamId,
          events.map((event) => event.id),
          digests,
        ]);
        if (rows[0]) return appendResultOf(rows[0]);
      }
      throw error;
    }
  }

  /**
   * Appends as part of a transaction the caller holds open on `db`, so that other writes (an
   * idempotency record, say) commit or roll back with the events. Call notifyAppended() once the
   * transaction has committed, or subscriptions only see the events at their next poll. A retry
   * with expectation 'any' or 'stream_exists' of an append that succeeded fails here with
   * DuplicateEventIdError, as the caller's transaction is then aborted.
   */
  async appendInTransaction(db: Queryable, streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    return this.appendOne(db, pendingAppend(streamId, events, options));
  }

  private async appendOne(db: Queryable, { streamId, expected, events, digests }: PendingAppend): Promise<AppendResult> {
    try {
      const { rows } = await db.query<AppendRow>({
        name: 'emporium_append',
        text: 'select * from emporium_append($1, $2, $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::bytea[])',
        values: [
          streamId,
          String(expected),
          events.map((event) => event.id),
          events.map((event) => event.type),
          events.map((event) => JSON.stringify(event.data)),
          events.map((event) => JSON.stringify(event.metadata ?? {})),
          digests,
        ],
      });
      return appendResultOf(rows[0]!);
    } catch (error) {
      throw translateAppendError(error as DatabaseError, streamId, expected);
    }
  }

  async headCheckpoint(): Promise<Checkpoint | null> {
    const { rows } = await this.pool.query<{ transaction_id: string; position: string }>(
      `select transaction_id, position from events where transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        order by transaction_id desc, position desc limit 1`,
    );
    const row = rows[0];
    return row ? { commit: Number(row.transaction_id), position: Number(row.position) } : null;
  }

  notifyAppended(): void {
    this.notifications.appended();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    // The common read, a stream from a revision on, is grouped with those asked meanwhile (see streamReads).
    if (!backwards && options.maxCount === undefined) return this.streamReads.submit({ streamId, fromRevision: options.fromRevision ?? 0 });
    const { rows } = await this.pool.query<EventRow>(
      `select ${eventColumns} from events
        where stream_id = $1 and ($2::bigint is null or revision ${backwards ? '<=' : '>='} $2)
        order by revision ${backwards ? 'desc' : 'asc'}
        limit $3`,
      [streamId, options.fromRevision ?? null, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  /**
   * Commands and process managers read whole streams, many at once under load: those asked in
   * one turn of the event loop go together as one statement (an order's customer, price book and
   * products), and so do those asked while a few reads are under way, when one of those returns.
   */
  private readonly streamReads = new RequestBatcher<{ streamId: string; fromRevision: number }, RecordedEvent[]>(
    async (batch) => {
      const { rows } = await this.pool.query<EventRow & { request: string }>({
        name: 'emporium_read_streams',
        text: 'select * from emporium_read_streams($1::text[], $2::bigint[])',
        values: [batch.map(({ request }) => request.streamId), batch.map(({ request }) => request.fromRevision)],
      });
      const answers = batch.map((): RecordedEvent[] => []);
      for (const row of rows) answers[Number(row.request) - 1]!.push(toRecordedEvent(row));
      batch.forEach((queued, i) => queued.resolve(answers[i]!));
    },
    { maxInFlight: 4, maxBatch: 100, gatherTurn: true },
  );

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    return readAllInBatches(this.commitOrderedLog, options);
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription = startCatchUpSubscription({ log: this.commitOrderedLog, checkpoints: this.checkpoints, logger: this.logger }, options);
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Stops this store's subscriptions and notifications; the pool belongs to the caller. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.notifications.close();
  }

  /**
   * Reads the log in commit order without ever skipping an event.
   *
   * Positions come from a sequence, so they are taken when a transaction inserts, not when it
   * commits: the transaction holding position 10 may commit after the one holding 11. A reader that
   * resumes "after position 11" would then never see 10. Instead we order by the writing
   * transaction's id and read only below the snapshot's xmin, the oldest transaction id still
   * running: every transaction below it has committed or aborted, so no row can appear there
   * later, and every transaction that starts writing from now on gets an id at or above it. A
   * checkpoint (transaction id, position) thus marks a prefix of the log that can no longer change.
   * Within one transaction, rows are ordered by position. A long-running writing transaction holds
   * delivery back until it ends; it never causes a skip. (Transaction ids are cluster-wide, so
   * writing transactions in other databases of the same server hold it back too.)
   */
  private readonly commitOrderedLog: CommitOrderedLog = cacheLogTail(coalescePageReads({
    readPage: async (after: Checkpoint | null, filter: EventFilter | undefined, limit: number): Promise<LogPage> => {
      // Non-matching rows come back without their data, just to move the scan on. `held_back`
      // tells whether committed events wait above the horizon for an older transaction to end:
      // that transaction may not be an append, so no notification would announce its end.
      const values = [String(after?.commit ?? 0), after?.position ?? 0, filter?.streamPrefixes ?? null, filter?.eventTypes ?? null, limit];
      const rows =
        limit <= largePage
          ? (await this.pool.query<PageRow>({ name: 'emporium_read_page', text: 'select * from emporium_read_page($1::text::xid8, $2::bigint, $3::text[], $4::text[], $5::int)', values })).rows
          : await inTransaction(this.pool, async (client) => {
              // Planned for the call, the page cannot know the horizon (it is read as the statement
              // starts), so the planner guesses a third of the events after the checkpoint. Near the
              // head of the log that is fewer than the page asks for, and it then prefers a bitmap
              // scan and a sort that spills to disk to walking the commit-order index.
              await client.query('set local enable_bitmapscan = off; set local enable_sort = off');
              return (await client.query<PageRow>(largePageRead, values)).rows.sort(inCommitOrder);
            });
      const scanned = rows.filter((row) => row.position !== null);
      const last = scanned.at(-1);
      return {
        events: scanned.filter((row) => row.matched).map((row) => toRecordedEvent(row as EventRow)),
        scannedTo: last ? { commit: Number(last.transaction_id), position: Number(last.position) } : after,
        exhausted: scanned.length < limit,
        heldBack: rows[0]?.held_back ?? false,
      };
    },
    onAppended: (listener) => this.notifications.onAppended(listener),
  }));

}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const position = Number(row.position);
  return {
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position,
    checkpoint: { commit: Number(row.transaction_id), position },
    recordedAt: new Date(row.recorded_at_ms),
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

interface AppendRow {
  last_revision: string;
  last_position: string;
  commit_id: string;
}

function appendResultOf(row: AppendRow): AppendResult {
  const position = Number(row.last_position);
  return { nextExpectedRevision: Number(row.last_revision), position, checkpoint: { commit: Number(row.commit_id), position } };
}

/** For the large page's statement, which has no final sort: its rows come in this order already, so sorting them is a pass. */
const inCommitOrder = (a: PageRow, b: PageRow) => Number(a.transaction_id) - Number(b.transaction_id) || Number(a.position) - Number(b.position);

const digestOf = (event: NewEvent) => eventDigest({ ...event, metadata: event.metadata ?? {} });

/** An append checked and ready to send: its expectation valid, its events there, each one's digest made. */
function pendingAppend(streamId: string, events: readonly NewEvent[], options: AppendOptions): PendingAppend {
  const expected = options.expectedRevision ?? 'any';
  validateExpectedRevision(expected);
  if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
  return { streamId, expected, events, digests: events.map(digestOf) };
}

function translateAppendError(error: DatabaseError, streamId: string, expected: ExpectedRevision): Error {
  if (error.code === 'ES409') {
    const actual = Number(error.detail);
    return new WrongExpectedRevisionError(streamId, expected, actual < 0 ? 'no_stream' : actual);
  }
  if (error.code === '23505' && error.constraint === 'events_event_id') {
    const id = /\(event_id\)=\(([^)]+)\)/.exec(error.detail ?? '')?.[1];
    return new DuplicateEventIdError(streamId, id ?? 'unknown');
  }
  return error;
}
