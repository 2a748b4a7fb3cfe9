import { compareCheckpoints, type Checkpoint, type EventStore, type RetryPolicy, type Subscription, type SubscriptionStatus } from '../event-store/event-store';
import type { Logger } from '../shared/logger';
import type { Projection } from './projection';

export interface ProjectionStatus extends SubscriptionStatus {
  readonly name: string;
  /** Roughly how many events the projection is behind the head of the log (positions, not counts). */
  readonly lag: number | null;
  readonly rebuilding: boolean;
}

export interface ProjectionRunnerOptions {
  /** Events per batch: large while catching up, so a rebuild is a few thousand round trips, not a million. */
  readonly batchSize?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly pollIntervalMs?: number;
}

/**
 * Runs each projection as a named subscription with its own checkpoint. A batch that keeps
 * failing is retried with backoff, then its projection stops and reports the event (health shows
 * it); nothing is skipped. A projection can be rebuilt from the first event into a shadow, which
 * replaces the live target once it has caught up, while the live one keeps serving.
 */
export class ProjectionRunner {
  private readonly running = new Map<string, { projection: Projection; subscription: Subscription }>();
  private readonly rebuilding = new Set<string>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly logger: Logger,
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  async start(projections: readonly Projection[]): Promise<void> {
    for (const projection of projections) {
      await projection.prepare();
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
      handle: (events, { checkpoint }) => projection.handle(events, { checkpoint, subscriptionId, target }),
    });
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.eventStore.headCheckpoint();
    return [...this.running].map(([name, { subscription }]) => {
      const status = subscription.status();
      const lag = !head ? 0 : status.checkpoint ? Math.max(0, compareCheckpoints(head, status.checkpoint) <= 0 ? 0 : head.position - status.checkpoint.position) : head.position;
      return { ...status, name, lag, rebuilding: this.rebuilding.has(name) };
    });
  }

  /** Resolves true once every named projection has handled (or scanned past) the checkpoint. */
  async waitFor(names: readonly string[], checkpoint: Checkpoint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (const name of names) {
      const running = this.running.get(name);
      if (!running) throw new Error(`No projection named ${name}`);
      if (!(await running.subscription.waitFor(checkpoint, Math.max(0, deadline - Date.now())))) return false;
    }
    return true;
  }

  /**
   * Rebuilds a projection from the first event into a shadow target, then swaps it in: the live
   * projection serves until the shadow has caught up, stops for the swap, and resumes from the
   * shadow's checkpoint. Events the live one handled after that are handled again on the new target;
   * projections are idempotent (per document, or transactionally), so that is harmless.
   */
  async rebuild(name: string, options: { timeoutMs?: number } = {}): Promise<{ checkpoint: Checkpoint | null; elapsedMs: number }> {
    const running = this.running.get(name);
    if (!running) throw new Error(`No projection named ${name}`);
    if (this.rebuilding.has(name)) throw new Error(`Projection ${name} is being rebuilt already`);
    this.rebuilding.add(name);
    const started = Date.now();
    const timeoutMs = options.timeoutMs ?? 3_600_000;
    const { projection } = running;
    const rebuildId = `${name}#rebuild`;
    try {
      const shadow = await projection.createShadow();
      await this.eventStore.checkpoints.reset(rebuildId, null);
      const rebuild = this.subscribe(projection, rebuildId, shadow);
      try {
        await until(() => rebuild.status().state === 'live' || rebuild.status().state === 'failed', timeoutMs);
        this.failIfFailed(rebuild);
        await running.subscription.stop();
        const reachedByLive = running.subscription.status().checkpoint;
        if (reachedByLive && !(await rebuild.waitFor(reachedByLive, timeoutMs))) this.failIfFailed(rebuild);
      } finally {
        await rebuild.stop();
      }
      this.failIfFailed(rebuild);
      const checkpoint = await this.eventStore.checkpoints.load(rebuildId);
      await projection.swap(shadow);
      await this.eventStore.checkpoints.reset(name, checkpoint);
      await this.eventStore.checkpoints.reset(rebuildId, null);
      this.running.set(name, { projection, subscription: this.subscribe(projection, name, projection.liveTarget) });
      const elapsedMs = Date.now() - started;
      this.logger.info('projection rebuilt', { projection: name, elapsedMs, checkpoint });
      return { checkpoint, elapsedMs };
    } catch (error) {
      // The live projection goes on (or again) from its own checkpoint.
      if (running.subscription.status().state === 'stopped' && this.running.get(name) === running) {
        this.running.set(name, { projection, subscription: this.subscribe(projection, name, projection.liveTarget) });
      }
      throw error;
    } finally {
      this.rebuilding.delete(name);
    }
  }

  private failIfFailed(subscription: Subscription): void {
    const { state, failure } = subscription.status();
    if (state === 'failed') throw new Error(`Rebuild failed: ${failure?.message ?? 'unknown'}`);
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
