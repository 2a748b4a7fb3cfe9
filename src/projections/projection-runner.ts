import {
  compareCheckpoints,
  matchesFilter,
  type Checkpoint,
  type EventFilter,
  type EventStore,
  type RetryPolicy,
  type Subscription,
  type SubscriptionStatus,
} from '../event-store/event-store';
import type { Logger } from '../shared/logger';
import type { Projection } from './projection';

export interface ProjectionStatus extends SubscriptionStatus {
  readonly name: string;
  /** Roughly how many events the projection is behind the head of the log (positions, not counts). */
  readonly lag: number | null;
  readonly rebuilding: boolean;
  /** How the last rebuild asked for ended, if one was. */
  readonly lastRebuild?: { readonly outcome: 'succeeded' | 'failed'; readonly at: string; readonly error?: string };
}

export interface ProjectionRunnerOptions {
  /** Events per batch: large while catching up, so a rebuild is a few thousand round trips, not a million. */
  readonly batchSize?: number;
  /** Events per batch of a rebuild, which reads the whole log. */
  readonly rebuildBatchSize?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly pollIntervalMs?: number;
}

/**
 * Runs each projection as a named subscription with its own checkpoint. A batch that keeps
 * failing is retried with backoff, then its projection stops and reports the event (health shows
 * it down); nothing is skipped. Unlike process managers, projections do not park a bad event and
 * go on: a read model that skipped one would be wrong without anyone knowing (an order shown
 * unpaid, a report short by a sale), and answering from it is worse than answering late. A stopped
 * projection loses nothing: once the cause is fixed (an upcaster, a code fix) it resumes or is
 * rebuilt from the log, and the other projections and the process managers go on meanwhile. A projection can be rebuilt from the first event into a shadow, which
 * replaces the live target once it has caught up, while the live one keeps serving.
 */
export class ProjectionRunner {
  private readonly running = new Map<string, { projection: Projection; subscription: Subscription }>();
  /** Projections another process runs: this one only reads how far they got (see watch). */
  private readonly watched = new Map<string, Projection>();
  private readonly rebuilding = new Set<string>();
  private readonly lastRebuild = new Map<string, NonNullable<ProjectionStatus['lastRebuild']>>();
  /** Per projection run here, how many times it changed its read model (see version). */
  private readonly changes = new Map<string, number>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly logger: Logger,
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  async start(projections: readonly Projection[]): Promise<void> {
    for (const projection of projections) {
      await projection.prepare();
      this.watched.delete(projection.name);
      this.running.set(projection.name, { projection, subscription: this.subscribe(projection, projection.name, projection.liveTarget) });
    }
  }

  private subscribe(projection: Projection, subscriptionId: string, target: string): Subscription {
    return this.eventStore.subscribe({
      subscriptionId,
      filter: projection.filter,
      batchSize: this.options.batchSize ?? 500,
      checkpointing: projection.checkpointing,
      retry: { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5_000, ...this.options.retry },
      ...(this.options.pollIntervalMs ? { pollIntervalMs: this.options.pollIntervalMs } : {}),
      ...(projection.gatherMs ? { gatherMs: projection.gatherMs } : {}),
      handle: async (events, { checkpoint }) => {
        try {
          await projection.handle(events, { checkpoint, subscriptionId, target });
        } finally {
          // Counted once the writes are done (or failed half way): whoever read the version before
          // reads the read model again.
          if (target === projection.liveTarget) this.changed(projection.name);
        }
      },
    });
  }

  private changed(name: string): void {
    this.changes.set(name, (this.changes.get(name) ?? 0) + 1);
  }

  /**
   * Changes whenever this process changes the projection's read model (a batch handled, a rebuild
   * swapped in), for answers kept in memory to know they still hold; undefined when another process
   * runs the projection, as this one cannot tell then.
   */
  version(name: string): number | undefined {
    return this.running.has(name) ? (this.changes.get(name) ?? 0) : undefined;
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.eventStore.headCheckpoint();
    return [...this.running].map(([name, { subscription }]) => {
      const status = subscription.status();
      const lag = lagBehind(head, status.checkpoint);
      const lastRebuild = this.lastRebuild.get(name);
      return { ...status, name, lag, rebuilding: this.rebuilding.has(name), ...(lastRebuild ? { lastRebuild } : {}) };
    });
  }

  /**
   * How far every projection is, whether this process runs it or only watches it (a query API):
   * the watched ones by the progress their runner saved, behind the head of the log by `lag`.
   */
  async progress(): Promise<{ name: string; runHere: boolean; state: string | null; lag: number | null }[]> {
    const running = (await this.status()).map((status) => ({ name: status.name, runHere: true, state: status.state, lag: status.lag }));
    const head = await this.eventStore.headCheckpoint();
    const watched = await Promise.all(
      [...this.watched.keys()].map(async (name) => {
        return { name, runHere: false, state: null, lag: lagBehind(head, await this.eventStore.checkpoints.load(name)) };
      }),
    );
    return [...running, ...watched];
  }

  /**
   * Projections that another process runs (the projector), so that this one (a query API) can wait
   * for them to reach a checkpoint: it reads the progress they saved, not any state of its own.
   * Their collections and schemas are made here too if the projector has not made them yet (a new
   * read model, on an upgrade that starts the query API first): read, they are empty, not missing.
   */
  async watch(projections: readonly Projection[]): Promise<void> {
    for (const projection of projections) {
      if (this.running.has(projection.name)) continue;
      await projection.prepare();
      this.watched.set(projection.name, projection);
    }
  }

  /** Resolves true once every named projection has handled (or scanned past) the checkpoint. */
  async waitFor(names: readonly string[], checkpoint: Checkpoint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (const name of names) {
      const running = this.running.get(name);
      const watched = this.watched.get(name);
      if (!running && !watched) throw new Error(`No projection named ${name}`);
      const reached = running ? await running.subscription.waitFor(checkpoint, Math.max(0, deadline - Date.now())) : await this.savedProgressReaches(watched!, checkpoint, deadline);
      if (!reached) return false;
    }
    return true;
  }

  /**
   * Whether a projection run elsewhere has reached the checkpoint, by its saved progress. Progress
   * is saved after batches of events it handles, so a saved checkpoint behind the target still
   * counts when no event it handles lies between the two.
   */
  private async savedProgressReaches(projection: Projection, target: Checkpoint, deadline: number): Promise<boolean> {
    for (;;) {
      const saved = await this.eventStore.checkpoints.load(projection.name);
      if (saved && compareCheckpoints(saved, target) >= 0) return true;
      let pending = false;
      for await (const batch of this.eventStore.readAll({ after: saved, filter: projection.filter, batchSize: 1 })) {
        pending = batch.some((event) => compareCheckpoints(event.checkpoint, target) <= 0);
        break;
      }
      if (!pending) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Rebuilds projections from the first event into shadow targets, then swaps them in: the live
   * projections serve until the shadows have caught up, stop for the swap, and resume from the
   * shadows' checkpoints. Events a live one handled after that are handled again on the new
   * target; projections are idempotent (per document, or transactionally), so that is harmless.
   * Several projections rebuilt together share one read of the log.
   */
  async rebuild(names: string | readonly string[], options: { timeoutMs?: number } = {}): Promise<{ elapsedMs: number }> {
    const list = typeof names === 'string' ? [names] : names;
    const repeated = list.filter((name, index) => list.indexOf(name) !== index);
    if (repeated.length > 0) throw new Error(`Projection ${repeated[0]} is named twice`);
    const targets = list.map((name) => {
      const running = this.running.get(name);
      if (!running) throw new Error(`No projection named ${name}`);
      if (this.rebuilding.has(name)) throw new Error(`Projection ${name} is being rebuilt already`);
      return { name, ...running, rebuildId: `${name}#rebuild` };
    });
    for (const { name } of targets) this.rebuilding.add(name);
    const started = Date.now();
    const timeoutMs = options.timeoutMs ?? 3_600_000;
    try {
      const shadows = new Map<string, string>();
      for (const target of targets) {
        shadows.set(target.name, await target.projection.createShadow());
        await this.eventStore.checkpoints.reset(target.rebuildId, null);
      }
      const rebuild = this.eventStore.subscribe({
        subscriptionId: `rebuild:${targets.map((t) => t.name).join('+')}`,
        filter: unionOf(targets.map((t) => t.projection.filter)),
        batchSize: this.options.rebuildBatchSize ?? 10_000,
        // Each projection keeps its own rebuild checkpoint (below, or in its own transaction).
        checkpointing: 'handler',
        retry: { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5_000, ...this.options.retry },
        handle: async (events, { checkpoint }) => {
          await Promise.all(
            targets.map(async ({ name, projection, rebuildId }) => {
              const relevant = events.filter((event) => matchesFilter(projection.filter, event));
              if (relevant.length > 0) await projection.handle(relevant, { checkpoint, subscriptionId: rebuildId, target: shadows.get(name)! });
              if (projection.checkpointing === 'store' || relevant.length === 0) await this.eventStore.checkpoints.save(rebuildId, checkpoint);
            }),
          );
        },
      });
      try {
        await until(() => rebuild.status().state === 'live' || rebuild.status().state === 'failed', timeoutMs);
        this.failIfFailed(rebuild);
        for (const target of targets) await target.subscription.stop();
        for (const target of targets) {
          const reachedByLive = target.subscription.status().checkpoint;
          if (reachedByLive && !(await rebuild.waitFor(reachedByLive, timeoutMs))) this.failIfFailed(rebuild);
        }
      } finally {
        await rebuild.stop();
      }
      this.failIfFailed(rebuild);
      for (const { name, projection, rebuildId } of targets) {
        const checkpoint = await this.eventStore.checkpoints.load(rebuildId);
        await projection.swap(shadows.get(name)!);
        this.changed(name);
        await this.eventStore.checkpoints.reset(name, checkpoint);
        await this.eventStore.checkpoints.reset(rebuildId, null);
        this.running.set(name, { projection, subscription: this.subscribe(projection, name, projection.liveTarget) });
      }
      const elapsedMs = Date.now() - started;
      this.logger.info('projections rebuilt', { projections: targets.map((t) => t.name), elapsedMs });
      for (const { name } of targets) this.lastRebuild.set(name, { outcome: 'succeeded', at: new Date().toISOString() });
      return { elapsedMs };
    } catch (error) {
      for (const { name } of targets) this.lastRebuild.set(name, { outcome: 'failed', at: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) });
      // The live projections go on (or again) from their own checkpoints.
      for (const target of targets) {
        if (this.running.get(target.name) === target && target.subscription.status().state === 'stopped') {
          this.running.set(target.name, { projection: target.projection, subscription: this.subscribe(target.projection, target.name, target.projection.liveTarget) });
        }
      }
      throw error;
    } finally {
      for (const { name } of targets) this.rebuilding.delete(name);
    }
  }

  private failIfFailed(subscription: Subscription): void {
    const { state, failure } = subscription.status();
    if (state === 'failed') throw new Error(`Rebuild failed: ${failure?.message ?? 'unknown'}`);
  }

  /**
   * Stops running one projection here, as when another process takes it over: it finishes the
   * batch in hand, and this runner goes on answering waitFor for it from its saved progress.
   */
  async release(name: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) return;
    this.running.delete(name);
    this.watched.set(name, running.projection);
    await running.subscription.stop();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.values()].map(({ subscription }) => subscription.stop()));
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A filter that lets through what any of the filters lets through (a missing part lets through everything). */
function unionOf(filters: readonly EventFilter[]): EventFilter {
  const prefixes = filters.every((filter) => filter.streamPrefixes) ? [...new Set(filters.flatMap((filter) => filter.streamPrefixes!))] : undefined;
  const types = filters.every((filter) => filter.eventTypes) ? [...new Set(filters.flatMap((filter) => filter.eventTypes!))] : undefined;
  return { ...(prefixes ? { streamPrefixes: prefixes } : {}), ...(types ? { eventTypes: types } : {}) };
}

/** Roughly how many events a subscription at `checkpoint` is behind the head of the log (positions, not counts). */
function lagBehind(head: Checkpoint | null, checkpoint: Checkpoint | null): number {
  if (!head) return 0;
  if (!checkpoint) return head.position;
  return compareCheckpoints(head, checkpoint) <= 0 ? 0 : Math.max(0, head.position - checkpoint.position);
}
