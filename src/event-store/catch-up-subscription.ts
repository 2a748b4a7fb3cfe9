import { subscriptionEvents, subscriptionHandlerDuration, subscriptionRetries } from '../observability/metrics';
import { backoffDelay } from '../shared/delay';
import { doingWorkOf } from '../shared/work-context';
import type { Logger } from '../shared/logger';
import {
  compareCheckpoints,
  type Checkpoint,
  type CheckpointStore,
  type EventFilter,
  type RecordedEvent,
  type RetryPolicy,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionState,
  type SubscriptionStatus,
} from './event-store';

/** One page of the global log in commit order, as an adapter reads it. */
export interface LogPage {
  /** The events in the page that match the filter. */
  readonly events: RecordedEvent[];
  /** The last event scanned, matching or not: the next page starts after it. */
  readonly scannedTo: Checkpoint | null;
  /** True when the page reached the end of what can be delivered now. */
  readonly exhausted: boolean;
  /** True when committed events wait behind a transaction still running; they will be deliverable soon. */
  readonly heldBack: boolean;
}

/** What an adapter provides for catch-up subscriptions and readAll to be built on. */
export interface CommitOrderedLog {
  /** Events after `after` in commit order, never one whose predecessors in that order may still commit. */
  readPage(after: Checkpoint | null, filter: EventFilter | undefined, limit: number): Promise<LogPage>;
  /** Calls the listener whenever new events may have been committed; returns an unsubscribe function. */
  onAppended(listener: () => void): () => void;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 10_000 };
const infrastructureRetry = { initialDelayMs: 100, maxDelayMs: 5_000 };
/** How soon to look again when events are held back by a transaction still running. */
const heldBackRetryMs = 20;
/**
 * How often a subscription saves its progress ('store' checkpointing). Saving after every batch was
 * a statement per batch per subscription, about four per order under load. The saves of all the
 * subscriptions of a process fall due at the same moments (multiples of this interval), so the
 * store can take them together. A crash redelivers what was handled since the last save, as it
 * always could redeliver a batch: handlers are idempotent.
 */
export const checkpointSaveIntervalMs = 50;

export async function* readAllInBatches(
  log: CommitOrderedLog,
  options: { after?: Checkpoint | null; batchSize?: number; filter?: EventFilter } = {},
): AsyncGenerator<RecordedEvent[]> {
  let after = options.after ?? null;
  const batchSize = options.batchSize ?? 500;
  for (;;) {
    const page = await log.readPage(after, options.filter, batchSize);
    if (page.events.length > 0) yield page.events;
    if (page.exhausted || !page.scannedTo) return;
    after = page.scannedTo;
  }
}

/**
 * The subscription loop shared by every adapter: load the checkpoint, read a page, hand it to the
 * handler, save the checkpoint, and when the log is exhausted wait for a wake-up or the poll
 * interval. At-least-once: a crash after the handler and before the checkpoint redelivers the batch.
 */
export function startCatchUpSubscription(
  deps: { log: CommitOrderedLog; checkpoints: CheckpointStore; logger: Logger },
  options: SubscribeOptions,
): Subscription {
  const { log, checkpoints } = deps;
  const logger = deps.logger.child({ subscriptionId: options.subscriptionId });
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const checkpointing = options.checkpointing ?? 'store';

  let state: SubscriptionState = 'starting';
  let checkpoint: Checkpoint | null = null;
  let lastEventRecordedAt: Date | undefined;
  let failure: SubscriptionStatus['failure'];
  let stopping = false;
  // Set by a wake-up; cleared before each read, so a wake-up that lands while a page is being read
  // is not lost to the wait that follows it.
  let woken = false;
  let wakeWaiter: (() => void) | null = null;
  const waiters = new Set<{ target: Checkpoint; resolve: (reached: boolean) => void }>();
  // Progress handled but not saved yet, and the save under way or due.
  let unsaved: Checkpoint | null = null;
  let saving: Promise<void> | null = null;
  let saveTimer: NodeJS.Timeout | null = null;
  let failedSaves = 0;
  // Pacing of live reads (options.gatherMs), and how to cut its wait short.
  const gatherMs = options.gatherMs ?? 0;
  let lastReadAt = Number.NEGATIVE_INFINITY;
  let hurry: (() => void) | null = null;

  const wake = () => {
    woken = true;
    wakeWaiter?.();
  };
  const unsubscribe = log.onAppended(wake);

  const settleWaiters = () => {
    for (const waiter of waiters) {
      const reached = checkpoint !== null && compareCheckpoints(checkpoint, waiter.target) >= 0;
      if (reached || state === 'failed' || state === 'stopped') {
        waiters.delete(waiter);
        waiter.resolve(reached);
      }
    }
  };

  /** Waits `ms`; `hold` is given the way to end the wait early while it lasts, and null once it is over. */
  const cuttableDelay = (ms: number, hold: (cut: (() => void) | null) => void) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        hold(null);
        resolve();
      }
      hold(done);
    });

  /** Until the next wake-up, or `ms`. */
  const sleep = (ms: number): Promise<void> => (woken || stopping ? Promise.resolve() : cuttableDelay(ms, (cut) => (wakeWaiter = cut)));

  /** Retries reads and checkpoint writes for as long as it takes: the database coming back is not a failure of ours. */
  async function untilItWorks<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 1; !stopping; attempt++) {
      try {
        return await work();
      } catch (error) {
        const wait = backoffDelay(attempt, infrastructureRetry.initialDelayMs, infrastructureRetry.maxDelayMs);
        logger.warn(`subscription ${what} failed, retrying`, { error, attempt, retryInMs: wait });
        await sleep(wait);
        woken = false;
      }
    }
    return undefined;
  }

  function saveSoon(reached: Checkpoint): void {
    unsaved = reached;
    if (saveTimer || saving) return;
    const wait = failedSaves > 0 ? backoffDelay(failedSaves, infrastructureRetry.initialDelayMs, infrastructureRetry.maxDelayMs) : checkpointSaveIntervalMs - (Date.now() % checkpointSaveIntervalMs);
    saveTimer = setTimeout(() => void saveNow(), wait);
  }

  /**
   * Saves the furthest progress handled. A failed save is tried again, backing off, for as long as
   * it takes (the database coming back is not a failure of ours), and once more on stopping.
   */
  async function saveNow(): Promise<void> {
    saveTimer = null;
    const target = unsaved;
    if (!target || stopping) return;
    saving = checkpoints.save(options.subscriptionId, target).then(
      () => {
        failedSaves = 0;
        if (unsaved === target) unsaved = null;
      },
      (error: unknown) => {
        failedSaves++;
        logger.warn('subscription checkpoint save failed, retrying', { error, attempt: failedSaves, checkpoint: target });
      },
    );
    await saving;
    saving = null;
    if (unsaved && !stopping) saveSoon(unsaved);
  }

  /** Lets appends gather before the next read, unless someone waits for this subscription or it stops. */
  const gatherFor = (ms: number): Promise<void> => (ms <= 0 || stopping ? Promise.resolve() : cuttableDelay(ms, (cut) => (hurry = cut)));

  /** On stopping: what was handled is saved before stop() returns, so whoever takes over resumes from there. */
  async function saveBeforeStopping(): Promise<void> {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    await saving;
    const target = unsaved;
    if (!target) return;
    try {
      await checkpoints.save(options.subscriptionId, target);
      unsaved = null;
    } catch (error) {
      // At least once still holds: the next start handles these events again.
      logger.warn('could not save the checkpoint on stopping; its events will be handled again', { error, checkpoint: target });
    }
  }

  async function handleWithRetry(events: readonly RecordedEvent[], batchCheckpoint: Checkpoint): Promise<'handled' | 'failed' | 'stopped'> {
    const labels = { subscription: options.subscriptionId };
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) subscriptionRetries.inc(labels);
      const timer = subscriptionHandlerDuration.startTimer(labels);
      try {
        await options.handle(events, { checkpoint: batchCheckpoint });
        timer();
        subscriptionEvents.inc(labels, events.length);
        lastEventRecordedAt = events.at(-1)!.recordedAt;
        return 'handled';
      } catch (error) {
        timer();
        if (stopping) return 'stopped';
        if (attempt >= retry.maxAttempts) {
          const first = events[0]!;
          failure = {
            message: error instanceof Error ? error.message : String(error),
            event: { id: first.id, streamId: first.streamId, revision: first.revision, type: first.type },
          };
          logger.error('subscription handler failed; subscription stopped', { error, attempt, event: failure.event, batchSize: events.length });
          return 'failed';
        }
        const wait = backoffDelay(attempt, retry.initialDelayMs, retry.maxDelayMs);
        logger.warn('subscription handler failed, retrying', { error, attempt, retryInMs: wait });
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  async function run(): Promise<void> {
    const loaded = await untilItWorks('checkpoint load', () => checkpoints.load(options.subscriptionId));
    if (stopping) return;
    checkpoint = loaded ?? null;
    state = 'catching-up';
    // While catching up, the next page is read while the handler works on this one.
    let prefetched: Promise<LogPage | undefined> | null = null;
    while (!stopping) {
      if (gatherMs > 0 && state === 'live' && waiters.size === 0) await gatherFor(lastReadAt + gatherMs - performance.now());
      lastReadAt = performance.now();
      woken = false;
      const page: LogPage | undefined = await (prefetched ?? untilItWorks('read', () => log.readPage(checkpoint, options.filter, batchSize)));
      prefetched = null;
      if (!page) break;
      if (!page.exhausted && page.scannedTo) {
        const after: Checkpoint = page.scannedTo;
        prefetched = untilItWorks('read', () => log.readPage(after, options.filter, batchSize));
        // Settled in any case: a prefetch abandoned by a stop must not reject unheard.
        prefetched.catch(() => undefined);
      }
      if (page.events.length > 0) {
        const reached = page.scannedTo!;
        const outcome = await handleWithRetry(page.events, reached);
        if (outcome === 'stopped') break;
        if (outcome === 'failed') {
          state = 'failed';
          break;
        }
        if (checkpointing === 'store') saveSoon(reached);
      }
      // Events scanned but filtered out move the checkpoint on in memory only; saving it on every
      // empty page would be a write per poll, and re-scanning them after a restart is harmless.
      if (page.scannedTo) checkpoint = page.scannedTo;
      settleWaiters();
      if (!page.exhausted) continue;
      if (state === 'catching-up') {
        state = 'live';
        logger.debug('subscription caught up', { checkpoint });
      }
      await sleep(page.heldBack ? heldBackRetryMs : pollIntervalMs);
    }
    await prefetched;
    await saveBeforeStopping();
  }

  const running = doingWorkOf(options.subscriptionId, run)
    .catch((error: unknown) => {
      state = 'failed';
      failure = { message: error instanceof Error ? error.message : String(error) };
      logger.error('subscription crashed', { error });
    })
    .finally(() => {
      unsubscribe();
      if (state !== 'failed') state = 'stopped';
      settleWaiters();
    });

  return {
    subscriptionId: options.subscriptionId,
    status: () => ({ subscriptionId: options.subscriptionId, state, checkpoint, ...(lastEventRecordedAt ? { lastEventRecordedAt } : {}), ...(failure ? { failure } : {}) }),
    waitFor(target, timeoutMs) {
      if (checkpoint && compareCheckpoints(checkpoint, target) >= 0) return Promise.resolve(true);
      if (state === 'failed' || state === 'stopped') return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const waiter = {
          target,
          resolve: (reached: boolean) => {
            clearTimeout(timer);
            resolve(reached);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          resolve(false);
        }, timeoutMs);
        waiters.add(waiter);
        wake();
        hurry?.();
      });
    },
    async stop() {
      stopping = true;
      wake();
      hurry?.();
      await running;
    },
  };
}
