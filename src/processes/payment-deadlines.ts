import type { Pool } from 'pg';
import { inTransaction } from '../postgres/transaction';
import type { paymentHandlers } from '../commands/handlers/payment-handlers';
import type { EventStore } from '../event-store/event-store';
import { nameBasedUuid } from '../shared/ids';
import type { Logger } from '../shared/logger';
import { paymentStillPending } from './fulfilment';
import { dueTimers, Sweeper } from './sweeper';

export const expiredReason = 'expired: the payment provider did not answer in time';

/**
 * Deadlines for payments (the process_timers table). A payment still unanswered at its deadline is
 * recorded as failed ("expired"), which the fulfilment process then treats like any failure: the
 * stock is released and the customer told.
 */
export class PaymentDeadlines {
  private readonly sweeper: Sweeper;

  constructor(
    private readonly pool: Pool,
    private readonly eventStore: EventStore,
    private readonly payments: ReturnType<typeof paymentHandlers>,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {
    this.sweeper = new Sweeper('payment-deadlines', () => this.sweep(), logger);
  }

  async schedule(paymentId: string, dueAt: Date): Promise<void> {
    await this.pool.query(
      `insert into process_timers (id, kind, due_at, payload) values ($1, 'payment-deadline', $2, $3) on conflict (id) do nothing`,
      [`payment-deadline:${paymentId}`, dueAt, JSON.stringify({ paymentId })],
    );
  }

  async cancel(paymentId: string): Promise<void> {
    await this.pool.query('delete from process_timers where id = $1', [`payment-deadline:${paymentId}`]);
  }

  /** Looks for due deadlines every `intervalMs`. */
  start(intervalMs: number): void {
    this.sweeper.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.sweeper.stop();
  }

  /** Expires what is due; several processes may sweep at once (skip locked). */
  async sweep(): Promise<number> {
    const expired = await inTransaction(this.pool, async (client) => {
      let count = 0;
      const rows = await dueTimers<{ paymentId: string }>(client, 'payment-deadline', this.clock());
      for (const row of rows) {
        const { paymentId } = row.payload;
        if (await paymentStillPending(this.eventStore, paymentId)) {
          await this.payments.recordOutcome(
            { paymentId, outcome: { status: 'failed', reason: expiredReason } },
            { now: this.clock(), actor: { id: 'payment-deadlines', role: 'system' }, correlationId: nameBasedUuid(row.id), idempotencyKey: row.id },
          );
          count++;
        }
        await client.query('delete from process_timers where id = $1', [row.id]);
      }
      return count;
    });
    if (expired > 0) this.logger.info('payments expired', { count: expired });
    return expired;
  }
}
