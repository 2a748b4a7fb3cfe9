import { canonicalJson } from '../event-store/event-integrity';
import type { CheckpointStore, EventStore, RecordedEvent } from '../event-store/event-store';

export interface MigrationReport {
  /** Events appended to the target in this run. */
  readonly copied: number;
  /** Events the target had already (from an earlier, interrupted run). */
  readonly alreadyThere: number;
}

export interface MigrationOptions {
  readonly batchSize?: number;
  /** Names the progress kept in the checkpoint store, so an interrupted run resumes. */
  readonly migrationId?: string;
  /** Called after each batch is copied and its progress saved. */
  readonly onBatch?: (report: MigrationReport) => void;
}

/** The target holds an event where the source has another: not a copy of this log, so nothing more is written. */
export class MigrationConflict extends Error {}

/**
 * Copies a whole log from one event store into another (PostgreSQL into EventStoreDB, as a shop
 * outgrows one machine): every stream with its revisions, event ids, data and metadata, appended in
 * the source's global order, so the target's global order is the same. The target's adapter makes
 * the hash chains again from the same bytes, so they come out equal (verifyMigration checks).
 *
 * Resumable: progress is saved after each batch; a run after an interruption starts from there and
 * skips what the target already has of the batch in hand (it reads each stream's tail once), and an
 * append cut off half way is recognised by the target's own retry handling (same ids, same place).
 */
export async function migrateLog(source: EventStore, target: EventStore, progress: CheckpointStore, options: MigrationOptions = {}): Promise<MigrationReport> {
  const migrationId = options.migrationId ?? 'migrate-log';
  const tails = new Map<string, number>();
  const tailOf = async (streamId: string) => {
    if (!tails.has(streamId)) tails.set(streamId, (await target.readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0]?.revision ?? -1);
    return tails.get(streamId)!;
  };
  let copied = 0;
  let alreadyThere = 0;
  for await (const batch of source.readAll({ after: await progress.load(migrationId), batchSize: options.batchSize ?? 500 })) {
    // Runs of one stream's consecutive events go in one append; the runs keep the log's order.
    for (const run of consecutiveRuns(batch)) {
      const streamId = run[0]!.streamId;
      const tail = await tailOf(streamId);
      const missing = run.filter((event) => event.revision > tail);
      alreadyThere += run.length - missing.length;
      if (missing.length === 0) continue;
      if (missing[0]!.revision !== tail + 1) throw new MigrationConflict(`${streamId}: the target stops at revision ${tail}, the next to copy is ${missing[0]!.revision}`);
      await target.appendToStream(
        streamId,
        missing.map((event) => ({ id: event.id, type: event.type, data: event.data, metadata: event.metadata })),
        { expectedRevision: tail === -1 ? 'no_stream' : tail },
      );
      tails.set(streamId, missing.at(-1)!.revision);
      copied += missing.length;
    }
    await progress.save(migrationId, batch.at(-1)!.checkpoint);
    options.onBatch?.({ copied, alreadyThere });
  }
  return { copied, alreadyThere };
}

function consecutiveRuns(events: readonly RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of events) {
    const last = runs.at(-1);
    if (last && last[0]!.streamId === event.streamId) last.push(event);
    else runs.push([event]);
  }
  return runs;
}

export interface MigrationDifference {
  readonly streamId: string;
  readonly problem: string;
}

/**
 * Compares the target with the source, stream by stream: the same events at the same revisions
 * (ids, types, data and metadata compared as canonical JSON) and the same hash chain; and the global order the same. Each
 * difference is named.
 */
export async function verifyMigration(source: EventStore, target: EventStore): Promise<{ streams: number; events: number; differences: MigrationDifference[] }> {
  const differences: MigrationDifference[] = [];
  const sourceOrder: string[] = [];
  const streams = new Set<string>();
  for await (const batch of source.readAll({ batchSize: 1_000 })) {
    for (const event of batch) {
      sourceOrder.push(event.id);
      streams.add(event.streamId);
    }
  }
  for (const streamId of streams) {
    const [from, to] = await Promise.all([source.readStream(streamId), target.readStream(streamId)]);
    if (from.length !== to.length) differences.push({ streamId, problem: `${from.length} events in the source, ${to.length} in the target` });
    for (const [index, event] of from.entries()) {
      const copy = to[index];
      if (!copy) break;
      const same = copy.id === event.id && copy.type === event.type && copy.revision === event.revision && canonicalJson(copy.data) === canonicalJson(event.data) && canonicalJson(copy.metadata) === canonicalJson(event.metadata) && copy.hash === event.hash && copy.previousHash === event.previousHash;
      if (!same) {
        differences.push({ streamId, problem: `revision ${event.revision} differs (source ${event.id} ${event.hash.slice(0, 12)}…, target ${copy.id} ${copy.hash.slice(0, 12)}…)` });
        break;
      }
    }
  }
  const targetOrder: string[] = [];
  for await (const batch of target.readAll({ batchSize: 1_000 })) for (const event of batch) if (streams.has(event.streamId)) targetOrder.push(event.id);
  const firstOutOfOrder = sourceOrder.findIndex((id, index) => targetOrder[index] !== id);
  if (firstOutOfOrder !== -1) differences.push({ streamId: '$all', problem: `the global order differs from event ${firstOutOfOrder} on (${sourceOrder[firstOutOfOrder]} in the source)` });
  return { streams: streams.size, events: sourceOrder.length, differences };
}
