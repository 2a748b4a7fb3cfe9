import { inSpan, SpanKind } from '../observability/tracing';
import { DomainError } from '../domain/shared/domain-error';
import { isPaidFor, orderDecider, type OrderState, type UnavailableLine } from '../domain/orders/order';
import { paymentDecider, refundedInFull } from '../domain/payments/payment';
import { streamName, streamPrefix } from '../domain/stream-names';
import type { EventStore } from '../event-store/event-store';
import { loadState } from '../commands/handlers/catalog-handlers';
import type { inventoryHandlers } from '../commands/handlers/inventory-handlers';
import type { orderHandlers } from '../commands/handlers/order-handlers';
import type { paymentHandlers } from '../commands/handlers/payment-handlers';
import type { PaymentGateway } from '../payments/payment-gateway';
import { nameBasedUuid } from '../shared/ids';
import type { Logger } from '../shared/logger';
import { causedBy, textField, type ProcessInput, type ProcessManager } from './process-runner';
import type { PaymentDeadlines } from './payment-deadlines';

type Placed = Exclude<OrderState, { status: 'none' }>;

/** What reserving an order's lines came to: all reserved, or what was missing. */
export type ReservationResult = { readonly productCode: string } & ({ readonly reserved: true } | { readonly reserved: false; readonly unavailable: UnavailableLine });

/**
 * The decisions of the fulfilment process, as plain functions of the order and what happened; the
 * process manager below only carries them out.
 */
export const fulfilmentDecisions = {
  /** An order is worked on only while it is placed: a cancelled one is left alone. */
  shouldFulfil: (order: OrderState): order is Placed => order.status === 'placed',
  /** All or nothing: every line reserved, or every reserved line released and the order rejected. */
  afterReservations(results: readonly ReservationResult[]): { readonly next: 'request-payment' } | { readonly next: 'reject'; readonly release: readonly string[]; readonly unavailable: readonly UnavailableLine[] } {
    const missing = results.flatMap((result) => (result.reserved ? [] : [result.unavailable]));
    if (missing.length === 0) return { next: 'request-payment' };
    return { next: 'reject', release: results.filter((result) => result.reserved).map((result) => result.productCode), unavailable: missing };
  },
  /**
   * A payment that went through for an order that cannot take it, to be refunded in full, and why:
   * the order was cancelled meanwhile, or another payment of it went through already.
   */
  refundOnSuccess(order: OrderState, paymentId: string): string | null {
    if (order.status === 'cancelled') return 'the order was cancelled before the payment went through';
    if ((isPaidFor(order.status) || order.status === 'refunded') && order.status !== 'none' && order.paymentId !== paymentId) return 'the order was paid by another payment';
    return null;
  },
  /** A refund that gives back all an order's money marks it refunded, unless it was paid and kept (a second payment refunded). */
  refundedOrder(order: OrderState, paymentId: string): boolean {
    if (order.status === 'cancelled') return order.paymentId === undefined || order.paymentId === paymentId;
    return (order.status === 'payment-failed' || isPaidFor(order.status)) && order.status !== 'none' && order.paymentId === paymentId;
  },
  /** A payment's outcome: paid commits the goods; failed gives them back. A cancelled order only gets its stock back. */
  afterPayment(order: OrderState, outcome: 'succeeded' | 'failed'): { readonly reservations: 'commit' | 'release' | 'leave'; readonly order: 'mark-paid' | 'mark-failed' | 'leave' } {
    if (order.status === 'none') return { reservations: 'leave', order: 'leave' };
    if (order.status === 'cancelled') return { reservations: 'release', order: 'leave' };
    return outcome === 'succeeded' ? { reservations: 'commit', order: 'mark-paid' } : { reservations: 'release', order: 'mark-failed' };
  },
};

export interface FulfilmentDependencies {
  readonly eventStore: EventStore;
  readonly orders: ReturnType<typeof orderHandlers>;
  readonly inventory: ReturnType<typeof inventoryHandlers>;
  readonly payments: ReturnType<typeof paymentHandlers>;
  readonly gateway: PaymentGateway;
  readonly deadlines: PaymentDeadlines;
  /** How long a payment may go unanswered before it expires and its stock is released. */
  readonly paymentDeadlineMs: number;
  readonly clock: () => Date;
  readonly logger: Logger;
}

/**
 * Order placed → reserve every line (all or nothing, else release and reject as out of stock) →
 * request payment from the gateway → succeeded: commit the reservations, order paid; failed (or
 * expired): release them, order payment failed. Every step is safe to repeat, so the process
 * survives a restart at any point: it handles the event again from the top.
 */
export function fulfilmentProcess(deps: FulfilmentDependencies): ProcessManager {
  const { eventStore, orders, inventory, payments, gateway, clock, logger } = deps;
  const name = 'fulfilment';
  const loadOrder = (orderId: string) => loadState(eventStore, streamName('order', orderId), orderDecider);

  async function reserve(event: ProcessInput, order: Placed): Promise<ReservationResult[]> {
    const results: ReservationResult[] = [];
    for (const line of order.lines) {
      try {
        await inventory.reserveStock({ code: line.productCode, orderId: order.orderId, quantity: line.quantity }, causedBy(event, name, `reserve:${line.productCode}`, clock()));
        results.push({ productCode: line.productCode, reserved: true });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const available = error.code === 'insufficient-stock' ? Number(error.details.available) : 0;
        results.push({ productCode: line.productCode, reserved: false, unavailable: { productCode: line.productCode, requested: line.quantity, available } });
        // All or nothing: no point reserving the rest.
        break;
      }
    }
    return results;
  }

  async function release(event: ProcessInput, orderId: string, codes: readonly string[], reason: string): Promise<void> {
    for (const code of codes) {
      try {
        await inventory.releaseReservation({ code, orderId, reason }, causedBy(event, name, `release:${code}`, clock()));
      } catch (error) {
        // Never reserved (the order was rejected before this line), or committed: nothing to give back.
        if (!(error instanceof DomainError && (error.code === 'reservation-not-found' || error.code === 'reservation-committed'))) throw error;
      }
    }
  }

  async function orderPlaced(event: ProcessInput): Promise<void> {
    const order = await loadOrder(textField(event, 'orderId'));
    if (!fulfilmentDecisions.shouldFulfil(order)) return;
    const decision = fulfilmentDecisions.afterReservations(await reserve(event, order));
    if (decision.next === 'reject') {
      await release(event, order.orderId, decision.release, 'out of stock');
      await orders.reject({ orderId: order.orderId, unavailable: [...decision.unavailable] }, causedBy(event, name, 'reject', clock()));
      return;
    }
    const requested = await payments.requestPayment({ orderId: order.orderId, method: order.paymentMethod }, causedBy(event, name, 'request-payment', clock()));
    const paymentId = requested.streamId.slice(streamPrefix('payment').length);
    // The payment id is the idempotency key: asking the gateway again gets the same payment, never a second charge.
    const { gatewayReference } = await inSpan('payment gateway: create payment', { kind: SpanKind.CLIENT, attributes: { 'emporium.payment_id': paymentId, 'emporium.payment_method': order.paymentMethod } }, () =>
      gateway.createPayment(
        { paymentId, orderId: order.orderId, amount: order.total, method: order.paymentMethod, ...(order.paymentToken ? { paymentToken: order.paymentToken } : {}) },
        paymentId,
      ),
    );
    await payments.recordSubmitted({ paymentId, gatewayReference }, causedBy(event, name, 'submitted', clock()));
    await deps.deadlines.schedule(paymentId, new Date(clock().getTime() + deps.paymentDeadlineMs));
    await orders.recordAwaitingPayment({ orderId: order.orderId, paymentId }, causedBy(event, name, 'awaiting-payment', clock()));
  }

  /**
   * Gives a payment's money back in full, once: the refund's id derives from the event that calls
   * for it, so the step repeated asks the gateway for the same refund, never a second one.
   */
  async function refundInFull(event: ProcessInput, paymentId: string, reason: string): Promise<void> {
    const refundId = nameBasedUuid(`${event.id}:refund`);
    const payment = await loadState(eventStore, streamName('payment', paymentId), paymentDecider);
    if (payment.status === 'none' || payment.status === 'requested' || payment.capturedReference === undefined) return;
    await payments.requestRefund({ paymentId, refundId, amount: payment.amount, reason }, causedBy(event, name, 'refund', clock()));
    logger.info('a payment is to be refunded in full', { orderId: payment.orderId, paymentId, refundId, reason });
  }

  /**
   * A refund asked for (by this saga, or by the staff) is asked of the gateway. Its id is the
   * idempotency key: asking again gets the same refund, never a second one.
   */
  async function refundRequested(event: ProcessInput): Promise<void> {
    const paymentId = textField(event, 'paymentId');
    const refundId = textField(event, 'refundId');
    const payment = await loadState(eventStore, streamName('payment', paymentId), paymentDecider);
    if (payment.status === 'none' || payment.status === 'requested' || payment.capturedReference === undefined) return;
    const refund = (payment.refunds ?? []).find((candidate) => candidate.refundId === refundId);
    if (!refund || refund.status !== 'requested') return;
    await inSpan('payment gateway: refund', { kind: SpanKind.CLIENT, attributes: { 'emporium.payment_id': paymentId, 'emporium.refund_id': refundId } }, () =>
      gateway.refund({ refundId, paymentId, orderId: payment.orderId, gatewayReference: payment.capturedReference!, amount: refund.amount, reason: refund.reason }, refundId),
    );
  }

  async function paymentDecided(event: ProcessInput, outcome: 'succeeded' | 'failed'): Promise<void> {
    const paymentId = textField(event, 'paymentId');
    const order = await loadOrder(textField(event, 'orderId'));
    if (order.status === 'none') return;
    const refund = outcome === 'succeeded' ? fulfilmentDecisions.refundOnSuccess(order, paymentId) : null;
    if (refund) {
      // The goods are not this payment's: the money goes back, and the order is left as it is.
      await refundInFull(event, paymentId, refund);
      if (order.status === 'cancelled') await release(event, order.orderId, order.lines.map((line) => line.productCode), 'order cancelled');
      await deps.deadlines.cancel(paymentId);
      return;
    }
    const decision = fulfilmentDecisions.afterPayment(order, outcome);
    if (order.status === 'placed') {
      // The outcome came before the order was marked awaiting this payment: the saga stopped
      // between asking the gateway and recording it, and the payments topic is read apart from
      // the orders topic. The payment is this order's, so that is recorded first; the order placed,
      // when it comes again, then finds the order settled and leaves it.
      await orders.recordAwaitingPayment({ orderId: order.orderId, paymentId }, causedBy(event, name, 'awaiting-payment', clock()));
    }
    const codes = order.lines.map((line) => line.productCode);
    if (decision.reservations === 'commit') {
      for (const code of codes) await inventory.commitReservation({ code, orderId: order.orderId }, causedBy(event, name, `commit:${code}`, clock()));
    }
    if (decision.reservations === 'release') await release(event, order.orderId, codes, outcome === 'failed' ? 'payment failed' : 'order cancelled');
    if (decision.order === 'mark-paid') await orders.markPaid({ orderId: order.orderId, paymentId }, causedBy(event, name, 'paid', clock()));
    if (decision.order === 'mark-failed') {
      await orders.markPaymentFailed({ orderId: order.orderId, paymentId, reason: textField(event, 'reason') }, causedBy(event, name, 'payment-failed', clock()));
    }
    await deps.deadlines.cancel(paymentId);
  }

  /** The gateway took the money after the payment expired (or failed): it goes back in full. */
  async function paymentSucceededLate(event: ProcessInput): Promise<void> {
    await refundInFull(event, textField(event, 'paymentId'), 'the payment went through after it had expired');
  }

  /**
   * Money given back: the goods that came back with it go into stock, and an order whose own
   * payment is now refunded in full shows it.
   */
  async function paymentRefunded(event: ProcessInput): Promise<void> {
    const paymentId = textField(event, 'paymentId');
    const order = await loadOrder(textField(event, 'orderId'));
    const payment = await loadState(eventStore, streamName('payment', paymentId), paymentDecider);
    if (payment.status !== 'succeeded' && payment.status !== 'failed') return;
    const refundId = textField(event, 'refundId');
    const refund = (payment.refunds ?? []).find((candidate) => candidate.refundId === refundId);
    for (const line of refund?.restock ?? []) {
      await inventory.receiveStock({ code: line.productCode, quantity: line.quantity }, causedBy(event, name, `restock:${line.productCode}`, clock()));
    }
    if (!refundedInFull(payment) || !fulfilmentDecisions.refundedOrder(order, paymentId)) return;
    await orders.markRefunded({ orderId: textField(event, 'orderId'), paymentId, refundId, amount: payment.amount, reason: refund?.reason ?? 'refunded' }, causedBy(event, name, 'refunded', clock()));
  }

  return {
    name,
    filter: { eventTypes: ['OrderPlaced', 'PaymentSucceeded', 'PaymentFailed', 'OrderCancelled', 'PaymentSucceededLate', 'RefundRequested', 'PaymentRefunded'] },
    partitionKey: (event) => textField(event, 'orderId'),
    async handle(event) {
      switch (event.type) {
        case 'OrderPlaced':
          return orderPlaced(event);
        case 'PaymentSucceeded':
          return paymentDecided(event, 'succeeded');
        case 'PaymentFailed':
          return paymentDecided(event, 'failed');
        case 'PaymentSucceededLate':
          return paymentSucceededLate(event);
        case 'PaymentRefunded':
          return paymentRefunded(event);
        case 'RefundRequested':
          return refundRequested(event);
        case 'OrderCancelled': {
          const order = await loadOrder(textField(event, 'orderId'));
          if (order.status !== 'none') await release(event, order.orderId, order.lines.map((line) => line.productCode), 'order cancelled');
          return;
        }
      }
    },
  };
}

/** Whether a payment still waits for its outcome (for the deadline sweeper). */
export async function paymentStillPending(eventStore: EventStore, paymentId: string): Promise<boolean> {
  return (await loadState(eventStore, streamName('payment', paymentId), paymentDecider)).status === 'requested';
}
