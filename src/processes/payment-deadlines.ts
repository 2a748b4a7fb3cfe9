import type { Pool } from 'pg';
import { inTransaction } from '../postgres/transaction';
import type { paymentHandlers } from '../commands/handlers/payment-handlers';
import type { EventStore } from '../event-store/event-store';
import { nameBasedUuid } from '../shared/ids';
import { RequestBatcher } from '../shared/request-batcher';
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

  /**
   * The saga sets a deadline for each order it asks payment for, and clears it at the outcome, for
   * several orders at once: those asked while others are under way go as one statement.
   */
  private readonly scheduled = new RequestBatcher<{ readonly paymentId: string; readonly dueAt: Date }, void>(
    async (batch) => {
      // One row per payment: a step repeated within the batch keeps its first moment, as a repeat after it does.
      const first = new Map<string, Date>();
      for (const { request } of batch) if (!first.has(request.paymentId)) first.set(request.paymentId, request.dueAt);
      await this.pool.query({
        name: 'emporium_schedule_payment_deadlines',
        text: `insert into process_timers (id, kind, due_at, payload)
               select 'payment-deadline:' || payment_id, 'payment-deadline', due_at, jsonb_build_object('paymentId', payment_id)
                 from unnest($1::text[], $2::timestamptz[]) as asked(payment_id, due_at)
               on conflict (id) do nothing`,
        values: [[...first.keys()], [...first.values()]],
      });
      for (const { resolve } of batch) resolve();
    },
    { maxInFlight: 2, maxBatch: 500 },
  );

  private readonly cancelled = new RequestBatcher<string, void>(
    async (batch) => {
      await this.pool.query({
        name: 'emporium_cancel_payment_deadlines',
        text: 'delete from process_timers where id = any($1::text[])',
        values: [batch.map(({ request }) => `payment-deadline:${request}`)],
      });
      for (const { resolve } of batch) resolve();
    },
    { maxInFlight: 2, maxBatch: 500 },
  );

  schedule(paymentId: string, dueAt: Date): Promise<void> {
    return this.scheduled.submit({ paymentId, dueAt });
  }

  cancel(paymentId: string): Promise<void> {
    return this.cancelled.submit(paymentId);
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
