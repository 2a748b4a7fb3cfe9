import type { PoolClient } from 'pg';
import type { Logger } from '../shared/logger';
import { doingWorkOf } from '../shared/work-context';

/**
 * Runs a sweep every `intervalMs` until stopped: one at a time, each after the last has finished.
 * A sweep that fails is logged, and the next one tries again.
 */
export class Sweeper {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly sweep: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(intervalMs: number): void {
    const tick = () => {
      this.sweeping = doingWorkOf(this.name, () => this.sweep())
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`${this.name} sweep failed`, { error }))
        .finally(() => {
          this.sweeping = null;
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.sweeping;
  }
}

/** Timers of one kind due by `now` (process_timers), oldest first, locked for this sweep; those another sweep holds are skipped. */
export async function dueTimers<Payload>(client: PoolClient, kind: string, now: Date): Promise<{ id: string; payload: Payload }[]> {
  const { rows } = await client.query<{ id: string; payload: Payload }>(
    'select id, payload from process_timers where kind = $1 and due_at <= $2 order by due_at limit 100 for update skip locked',
    [kind, now],
  );
  return rows;
}
