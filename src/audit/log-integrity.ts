import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import { canonicalJson, chainHash, eventDigest } from '../event-store/event-integrity';
import type { EventMetadata, EventStore, JsonObject, RecordedEvent } from '../event-store/event-store';

/**
 * Tamper evidence for the whole log. Each stream carries a hash chain (event-integrity.ts), which
 * shows an event edited, removed from the middle, inserted or reordered. What a chain cannot show
 * is a stream removed whole, its last events cut off, or a chain recomputed by someone with write
 * access (SHA-256 needs no key). Signed checkpoints close that gap: now and then the head of every
 * stream (its last revision and hash) is recorded, signed with an Ed25519 key, and kept apart from
 * the log (a file, by default in the data directory). Later, every stream must still hold each
 * head it had, with the same hash, and nothing may have appeared before a checkpoint that it did
 * not count.
 */

export type LogProblemKind =
  /** An event's content no longer matches its hash. */
  | 'edited'
  /** Revisions are missing from a stream. */
  | 'deleted'
  /** An event does not link to the one before it: something was inserted, removed or moved before it. */
  | 'broken-chain'
  /** A stream's events are no longer in the order they were written. */
  | 'reordered'
  /** A stream a checkpoint recorded is gone. */
  | 'stream-removed'
  /** A stream lost events a checkpoint recorded, or they were rewritten since. */
  | 'head-changed'
  /** Events are in the log before a checkpoint that the checkpoint did not count. */
  | 'inserted'
  /** A checkpoint's signature does not hold: the checkpoint itself was altered or forged. */
  | 'bad-checkpoint';

export interface LogProblem {
  readonly kind: LogProblemKind;
  readonly streamId?: string;
  readonly revision?: number;
  readonly detail: string;
}

export interface LogCheckpoint {
  readonly version: 1;
  readonly takenAt: string;
  /** It covers exactly the events of transactions below this id: all committed when it was taken, and no later one can join them. */
  readonly commitBelow: string;
  readonly events: number;
  /** [stream, last revision, hash of that event], by stream. */
  readonly heads: readonly (readonly [string, number, string])[];
  /** Base64 Ed25519 signature over the canonical JSON of everything above. */
  readonly signature: string;
}

export function newCheckpointKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

const signedPart = (checkpoint: Omit<LogCheckpoint, 'signature'>) => Buffer.from(canonicalJson({ version: checkpoint.version, takenAt: checkpoint.takenAt, commitBelow: checkpoint.commitBelow, events: checkpoint.events, heads: checkpoint.heads }));

/** Records the head of every stream now, signed. */
export async function takeCheckpoint(pool: Pool, privateKeyPem: string, now: Date): Promise<LogCheckpoint> {
  const client = await pool.connect();
  try {
    // One snapshot for the horizon and the heads, so they describe the same log.
    await client.query('begin isolation level repeatable read read only');
    const { rows: horizon } = await client.query<{ xmin: string }>('select pg_snapshot_xmin(pg_current_snapshot())::text as xmin');
    const commitBelow = horizon[0]!.xmin;
    const { rows: heads } = await client.query<{ stream_id: string; revision: string; hash: string }>(
      `select distinct on (stream_id) stream_id, revision, encode(hash, 'hex') as hash from events
        where transaction_id < $1::xid8 order by stream_id, revision desc`,
      [commitBelow],
    );
    const { rows: counted } = await client.query<{ n: string }>('select count(*) as n from events where transaction_id < $1::xid8', [commitBelow]);
    await client.query('commit');
    const unsigned = { version: 1 as const, takenAt: now.toISOString(), commitBelow, events: Number(counted[0]!.n), heads: heads.map((row) => [row.stream_id, Number(row.revision), row.hash] as const) };
    return { ...unsigned, signature: sign(null, signedPart(unsigned), createPrivateKey(privateKeyPem)).toString('base64') };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function publicKeyOf(privateOrPublicPem: string): KeyObject {
  return createPublicKey(privateOrPublicPem);
}

export interface LogVerification {
  readonly streams: number;
  readonly events: number;
  readonly checkpoints: number;
  readonly problems: readonly LogProblem[];
}

interface ScanRow {
  stream_id: string;
  revision: string;
  position: string;
  event_id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  previous_hash: string | null;
  hash: string;
}

/** Checks every stream's chain, then the log against each checkpoint. `progress` is called with events read so far. */
export async function verifyLog(pool: Pool, options: { checkpoints?: readonly LogCheckpoint[]; publicKey?: KeyObject; progress?: (done: number, total: number) => void } = {}): Promise<LogVerification> {
  const problems: LogProblem[] = [];
  const total = Number((await pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n);
  let events = 0;
  let streams = 0;
  let previous: { streamId: string; revision: number; position: number; hash: string } | null = null;
  let after: [string, number] = ['', -1];
  for (;;) {
    const { rows } = await pool.query<ScanRow>(
      `select stream_id, revision, position, event_id, type, data, metadata, encode(previous_hash, 'hex') as previous_hash, encode(hash, 'hex') as hash
         from events where (stream_id, revision) > ($1, $2) order by stream_id, revision limit 5000`,
      after,
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const revision = Number(row.revision);
      const position = Number(row.position);
      const sameStream = previous?.streamId === row.stream_id;
      if (!sameStream) streams++;
      const event = { streamId: row.stream_id, revision, id: row.event_id, type: row.type, data: row.data, metadata: row.metadata, previousHash: row.previous_hash ?? null, hash: row.hash };
      problems.push(...chainProblems(event, sameStream ? previous : null));
      if (sameStream && position < previous!.position) problems.push({ kind: 'reordered', streamId: row.stream_id, revision, detail: `written after revision ${previous!.revision} (position ${previous!.position}) but at position ${position}` });
      previous = { streamId: row.stream_id, revision, position, hash: row.hash };
      events++;
    }
    const last = rows.at(-1)!;
    after = [last.stream_id, Number(last.revision)];
    options.progress?.(events, total);
  }
  for (const checkpoint of options.checkpoints ?? []) problems.push(...(await againstCheckpoint(pool, checkpoint, options.publicKey)));
  return { streams, events, checkpoints: options.checkpoints?.length ?? 0, problems };
}

async function againstCheckpoint(pool: Pool, checkpoint: LogCheckpoint, publicKey: KeyObject | undefined): Promise<LogProblem[]> {
  const label = `the checkpoint of ${checkpoint.takenAt}`;
  if (!publicKey || !verify(null, signedPart(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'))) {
    return [{ kind: 'bad-checkpoint', detail: `${label}: its signature does not hold${publicKey ? '' : ' (no key to check it with)'}` }];
  }
  const problems: LogProblem[] = [];
  const { rows } = await pool.query<{ stream_id: string; revision: number; recorded: string; hash: string | null; stream_exists: boolean }>(
    `select h.stream_id, h.revision, h.hash as recorded, encode(e.hash, 'hex') as hash,
            exists (select 1 from events s where s.stream_id = h.stream_id) as stream_exists
       from unnest($1::text[], $2::bigint[], $3::text[]) as h(stream_id, revision, hash)
       left join events e on e.stream_id = h.stream_id and e.revision = h.revision`,
    [checkpoint.heads.map((head) => head[0]), checkpoint.heads.map((head) => head[1]), checkpoint.heads.map((head) => head[2])],
  );
  for (const row of rows) {
    const at = { streamId: row.stream_id, revision: Number(row.revision) };
    if (!row.stream_exists) problems.push({ kind: 'stream-removed', ...at, detail: `${label} recorded ${row.stream_id} up to revision ${row.revision}; the stream is gone` });
    else if (row.hash === null) problems.push({ kind: 'head-changed', ...at, detail: `${label} recorded revision ${row.revision}; it is gone` });
    else if (row.hash !== row.recorded) problems.push({ kind: 'head-changed', ...at, detail: `${label} recorded revision ${row.revision} with another hash: the stream was rewritten up to there` });
  }
  const { rows: counted } = await pool.query<{ n: string }>('select count(*) as n from events where transaction_id < $1::xid8', [checkpoint.commitBelow]);
  const now = Number(counted[0]!.n);
  if (now > checkpoint.events) {
    const recorded = new Set(checkpoint.heads.map((head) => head[0]));
    const { rows: newcomers } = await pool.query<{ stream_id: string }>('select distinct stream_id from events where transaction_id < $1::xid8 and not (stream_id = any($2::text[])) limit 20', [checkpoint.commitBelow, [...recorded]]);
    problems.push({ kind: 'inserted', detail: `${label} counted ${checkpoint.events} events before it; there are ${now}${newcomers.length ? ` (streams it did not know: ${newcomers.map((row) => row.stream_id).join(', ')})` : ''}` });
  }
  return problems;
}

type ChainedEvent = Pick<RecordedEvent, 'streamId' | 'revision' | 'id' | 'type' | 'data' | 'metadata' | 'previousHash' | 'hash'>;

/** What is wrong with one event given the one before it in its stream (null for a stream's first): a gap, a broken link, edited content. */
function chainProblems(event: ChainedEvent, previous: { revision: number; hash: string } | null): LogProblem[] {
  const problems: LogProblem[] = [];
  const at = { streamId: event.streamId, revision: event.revision };
  const expectedRevision = previous ? previous.revision + 1 : 0;
  if (event.revision > expectedRevision) problems.push({ kind: 'deleted', ...at, detail: `revisions ${expectedRevision} to ${event.revision - 1} are missing` });
  if (event.previousHash !== (previous?.hash ?? null)) problems.push({ kind: 'broken-chain', ...at, detail: 'does not link to the event before it in its stream' });
  const expected = chainHash(event.previousHash ? Buffer.from(event.previousHash, 'hex') : null, eventDigest(event));
  if (expected.toString('hex') !== event.hash) problems.push({ kind: 'edited', ...at, detail: `${event.type} ${event.id}: its content no longer matches its hash` });
  return problems;
}

/**
 * The hash chains of a log read through the event store port, as EventStoreDB's is (no SQL there):
 * every stream's revisions without gaps, each event linked to the one before it and matching its
 * hash. Signed checkpoints count PostgreSQL transactions, so they are checked on PostgreSQL only.
 */
export async function verifyStoreLog(store: Pick<EventStore, 'readAll'>, options: { progress?: (done: number) => void } = {}): Promise<LogVerification> {
  const problems: LogProblem[] = [];
  const tails = new Map<string, { revision: number; hash: string }>();
  let events = 0;
  for await (const batch of store.readAll({ batchSize: 1_000 })) {
    for (const event of batch) {
      const previous = tails.get(event.streamId) ?? null;
      problems.push(...chainProblems(event, previous));
      if (previous && event.revision <= previous.revision) problems.push({ kind: 'reordered', streamId: event.streamId, revision: event.revision, detail: `comes after revision ${previous.revision} in the log` });
      tails.set(event.streamId, { revision: event.revision, hash: event.hash });
      events++;
    }
    options.progress?.(events);
  }
  return { streams: tails.size, events, checkpoints: 0, problems };
}
