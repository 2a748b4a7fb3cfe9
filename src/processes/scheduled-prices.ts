import type { Pool } from 'pg';
import type { catalogHandlers } from '../commands/handlers/catalog-handlers';
import { streamPrefix } from '../domain/stream-names';
import { inTransaction } from '../postgres/transaction';
import { nameBasedUuid } from '../shared/ids';
import type { Logger } from '../shared/logger';
import { textField, type ProcessManager } from './process-runner';
import { dueTimers, Sweeper } from './sweeper';

const kind = 'scheduled-price';

/**
 * Scheduled list prices take effect by timer, as payments expire by one: each scheduled change
 * becomes a row of process_timers (by a process manager, so that none is missed), and a sweeper
 * applies what is due, recording a ProductPriceChanged at its moment. Orders placed between the
 * moment and the sweep already pay the new price (listPriceAt); the event is the record of it.
 */
export class ScheduledPrices {
  private readonly sweeper: Sweeper;

  constructor(
    private readonly pool: Pool,
    private readonly catalog: ReturnType<typeof catalogHandlers>,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {
    this.sweeper = new Sweeper('scheduled-prices', () => this.sweep(), logger);
  }

  /** The process manager that sets a timer for each scheduled change (once, however often it hears of it). */
  timers(): ProcessManager {
    return {
      name: 'price-schedules',
      filter: { streamPrefixes: [streamPrefix('product')], eventTypes: ['ProductPriceChangeScheduled'] },
      handle: async (event) => {
        const scheduleId = textField(event, 'scheduleId');
        await this.pool.query(`insert into process_timers (id, kind, due_at, payload) values ($1, $2, $3, $4) on conflict (id) do nothing`, [
          `${kind}:${scheduleId}`,
          kind,
          new Date(textField(event, 'effectiveAt')),
          JSON.stringify({ code: textField(event, 'code'), scheduleId }),
        ]);
      },
    };
  }

  start(intervalMs: number): void {
    this.sweeper.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.sweeper.stop();
  }

  /** Applies the changes that are due; several processes may sweep at once (skip locked). */
  async sweep(): Promise<number> {
    const applied = await inTransaction(this.pool, async (client) => {
      const rows = await dueTimers<{ code: string; scheduleId: string }>(client, kind, this.clock());
      let count = 0;
      for (const row of rows) {
        try {
          // Applied already, or cancelled: the command records nothing, and the timer goes.
          await this.catalog.applyScheduledPrice(row.payload, { now: this.clock(), actor: { id: 'scheduled-prices', role: 'system' }, correlationId: nameBasedUuid(row.id), idempotencyKey: row.id });
          await client.query('delete from process_timers where id = $1', [row.id]);
          count++;
        } catch (error) {
          // Left for the next sweep; one bad timer does not hold the others.
          this.logger.warn('a scheduled price change could not be applied; it is tried again', { timer: row.id, error });
        }
      }
      return count;
    });
    if (applied > 0) this.logger.info('scheduled prices applied', { count: applied });
    return applied;
  }
}
