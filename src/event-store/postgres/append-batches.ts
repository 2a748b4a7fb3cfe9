import type { Pool } from 'pg';
import { RequestBatcher, type Queued } from '../../shared/request-batcher';
import { DuplicateEventIdError, WrongExpectedRevisionError, type AppendResult, type ExpectedRevision, type NewEvent } from '../event-store';

export interface PendingAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly NewEvent[];
  readonly digests: readonly Buffer[];
}

type QueuedAppend = Queued<PendingAppend, AppendResult>;

interface BatchRow {
  append_index: number;
  outcome: 'appended' | 'replayed' | 'wrong-revision' | 'duplicate-id';
  last_revision: string | null;
  last_position: string | null;
  commit_id: string | null;
  actual_revision: string | null;
  duplicate_event_id: string | null;
}

/**
 * Group commit for appends. A few appends go to the database at once, each on its own; those that
 * come while they are under way wait, and go together as one statement and one transaction
 * (emporium_append_batch) as soon as one of those returns. A quiet shop pays no wait at all; a busy
 * one pays one round trip and one commit for many appends instead of one each.
 *
 * Each append of a batch is judged as it would be alone: a wrong revision or an id used before
 * refuses that append only. Anything else failing the batch (a value the database will not take,
 * say) sends its halves again, and so on, so that only the append at fault fails.
 */
export class AppendBatches {
  private readonly batcher: RequestBatcher<PendingAppend, AppendResult>;

  constructor(
    private readonly pool: Pool,
    private readonly appendOne: (append: PendingAppend) => Promise<AppendResult>,
    options: { readonly maxInFlight: number; readonly maxBatch: number } = { maxInFlight: 2, maxBatch: 200 },
  ) {
    this.batcher = new RequestBatcher((batch) => this.send(batch), options);
  }

  append(append: PendingAppend): Promise<AppendResult> {
    return this.batcher.submit(append);
  }

  private async send(batch: readonly QueuedAppend[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch;
      await this.appendOne(only!.request).then(only!.resolve, only!.reject);
      return;
    }
    let rows: BatchRow[];
    try {
      ({ rows } = await this.pool.query<BatchRow>({
        name: 'emporium_append_batch',
        text: 'select * from emporium_append_batch($1::jsonb)',
        values: [JSON.stringify(batch.map(({ request }) => toJson(request)))],
      }));
    } catch {
      // Halves, then halves of those: the appends at fault end up alone and fail, the rest still go together.
      const half = Math.ceil(batch.length / 2);
      await Promise.all([this.send(batch.slice(0, half)), this.send(batch.slice(half))]);
      return;
    }
    const unanswered = new Set(batch);
    for (const row of rows) {
      const queued = batch[row.append_index - 1]!;
      unanswered.delete(queued);
      const { streamId, expected } = queued.request;
      switch (row.outcome) {
        case 'appended':
        case 'replayed': {
          const position = Number(row.last_position);
          queued.resolve({ nextExpectedRevision: Number(row.last_revision), position, checkpoint: { commit: Number(row.commit_id), position } });
          break;
        }
        case 'wrong-revision': {
          const actual = Number(row.actual_revision);
          queued.reject(new WrongExpectedRevisionError(streamId, expected, actual < 0 ? 'no_stream' : actual));
          break;
        }
        case 'duplicate-id':
          queued.reject(new DuplicateEventIdError(streamId, row.duplicate_event_id ?? 'unknown'));
          break;
      }
    }
    for (const queued of unanswered) queued.reject(new Error(`emporium_append_batch gave no answer for an append to ${queued.request.streamId}`));
  }
}

function toJson(append: PendingAppend) {
  return {
    stream: append.streamId,
    expected: String(append.expected),
    ids: append.events.map((event) => event.id),
    types: append.events.map((event) => event.type),
    data: append.events.map((event) => event.data),
    metadata: append.events.map((event) => event.metadata ?? {}),
    digests: append.digests.map((digest) => digest.toString('hex')),
  };
}
