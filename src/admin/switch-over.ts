import type { Pool } from 'pg';
import { compareCheckpoints, type CheckpointStore, type EventStore } from '../event-store/event-store';
import { documentReadModelNames } from '../projections/all-projections';
import { relaySubscriptionId } from '../relay/integration-relay';

/** What the embedded profile's process managers followed in the log, and the distributed one's hear from the relay. */
const followedThroughKafka = ['fulfilment', 'notifications'];

export interface SwitchOverReport {
  /** Subscriptions that go on in the copy from the same event they had reached in PostgreSQL. */
  readonly moved: readonly string[];
  /** Document read models, which start over on the new read store (MongoDB) from the first event. */
  readonly startOver: readonly string[];
}

/** The log was switched over already: the saved progress is the copy's now, and must not be moved twice. */
export class AlreadySwitchedOver extends Error {}

/**
 * The last step of moving a shop's log into EventStoreDB, with the shop stopped: every subscription's
 * saved progress (projections, reports, the relay, the process managers) is a PostgreSQL position,
 * meaningless in EventStoreDB. Each is moved to the copy's position of the same event, the last one
 * it had handled, so that nothing is handled twice or skipped; the document read models, which the
 * distributed profile keeps in a new store, start over from the first event instead.
 */
export async function switchOver(pool: Pool, target: EventStore, checkpoints: CheckpointStore, migrationId: string): Promise<SwitchOverReport> {
  const marker = `${migrationId}:switched-over`;
  if (await checkpoints.load(marker)) throw new AlreadySwitchedOver(`the subscriptions were moved to the copy already (${marker}); nothing was changed`);
  const { rows } = await pool.query<{ subscription_id: string; transaction_id: string; position: string }>(
    // Migrations' own progress (this one's, or another namespace's) is a position in the source, and stays one.
    `select subscription_id, transaction_id, position from subscription_checkpoints
      where subscription_id <> $1 and subscription_id not like 'migrate-log:%' order by subscription_id`,
    [migrationId],
  );
  const moved: string[] = [];
  const startOver: string[] = [];
  for (const row of rows) {
    if (documentReadModelNames.includes(row.subscription_id.split(':')[0]!)) {
      await checkpoints.reset(row.subscription_id, null);
      startOver.push(row.subscription_id);
      continue;
    }
    const { rows: last } = await pool.query<{ stream_id: string; revision: string }>(
      `select stream_id, revision from events where (transaction_id, position) <= ($1::text::xid8, $2)
        order by transaction_id desc, position desc limit 1`,
      [row.transaction_id, row.position],
    );
    const [copy] = last[0] ? await target.readStream(last[0].stream_id, { fromRevision: Number(last[0].revision), maxCount: 1 }) : [];
    await checkpoints.reset(row.subscription_id, copy?.checkpoint ?? null);
    moved.push(row.subscription_id);
  }
  // In the distributed profile the saga and the notifications hear of events through Kafka, from
  // the relay. A shop that never ran the relay starts it where the earlier of the two had got to, so
  // that they miss nothing and are not sent the whole history again.
  if (!(await checkpoints.load(relaySubscriptionId))) {
    const reached = (await Promise.all(followedThroughKafka.map((name) => checkpoints.load(name)))).filter((checkpoint) => checkpoint !== null);
    if (reached.length === followedThroughKafka.length) {
      await checkpoints.reset(relaySubscriptionId, reached.reduce((earliest, checkpoint) => (compareCheckpoints(checkpoint, earliest) < 0 ? checkpoint : earliest)));
      moved.push(relaySubscriptionId);
    }
  }
  const head = await target.headCheckpoint();
  await checkpoints.reset(marker, head ?? { commit: 0, position: 0 });
  return { moved, startOver };
}
