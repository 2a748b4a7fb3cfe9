import { compareCheckpoints, type EventStore, type SubscriptionStatus } from '../event-store/event-store';
import { lagSecondsOf, type FollowerProgress } from './metrics';

/**
 * The progress of a runner's subscriptions against the head of the log, for the lag gauges.
 * `kind` names what follows: projection, process, relay.
 */
export function progressOf(eventStore: EventStore, kind: string, statuses: () => readonly SubscriptionStatus[] | Promise<readonly SubscriptionStatus[]>, clock: () => Date = () => new Date()): () => Promise<FollowerProgress[]> {
  return async () => {
    const [head, list] = await Promise.all([eventStore.headCheckpoint(), statuses()]);
    const now = clock();
    return list.map((status) => {
      const lagEvents = !head ? 0 : !status.checkpoint ? head.position : compareCheckpoints(head, status.checkpoint) <= 0 ? 0 : Math.max(0, head.position - status.checkpoint.position);
      return {
        subscription: status.subscriptionId,
        kind,
        state: status.state,
        position: status.checkpoint?.position ?? null,
        lagEvents,
        lagSeconds: lagSecondsOf(lagEvents, status.lastEventRecordedAt, now),
      };
    });
  };
}
