import { customerDecider } from '../domain/customers/customer';
import type { InventoryEvent } from '../domain/inventory/inventory';
import { orderDecider, type OrderEvent } from '../domain/orders/order';
import { foldEvents } from '../domain/shared/decider';
import { productDecider } from '../domain/catalog/product';
import { streamName } from '../domain/stream-names';
import type { EventStore } from '../event-store/event-store';
import { loadState } from '../commands/handlers/catalog-handlers';
import type { notificationHandlers } from '../commands/handlers/notification-handlers';
import { lowStockAlertEmail, paymentConfirmationEmail, paymentFailedEmail, refundEmail, type RenderedEmail } from '../mail/email-templates';
import { paymentDecider } from '../domain/payments/payment';
import type { Money } from '../domain/shared/money';
import { nameBasedUuid } from '../shared/ids';
import type { Logger } from '../shared/logger';
import { causedBy, textField, type ProcessInput, type ProcessManager } from './process-runner';

export interface NotificationsDependencies {
  readonly eventStore: EventStore;
  readonly notifications: ReturnType<typeof notificationHandlers>;
  readonly staffEmail: string;
  readonly clock: () => Date;
  readonly logger: Logger;
}

/**
 * Payment succeeded → confirmation email; payment failed → failure email; low stock → alert to the
 * staff. Each becomes a notification stream whose id (and Message-ID) derive from the event and
 * the purpose: an event handled twice asks for the same email, which is then asked for once.
 * The sending is the mail sender's work.
 */
export function notificationsProcess(deps: NotificationsDependencies): ProcessManager {
  const { eventStore, notifications, clock, logger } = deps;
  const name = 'notifications';

  /** `about.customerId`: whose data the email holds (absent for the staff's alerts), so that it is sealed under their key. */
  async function request(event: ProcessInput, purpose: string, to: string, email: RenderedEmail, about: { orderPlacedAt?: string | undefined; customerId?: string } = {}): Promise<void> {
    const { orderPlacedAt, customerId } = about;
    const notificationId = nameBasedUuid(`${event.id}:${purpose}`);
    await notifications.requestEmail(
      { notificationId, message: { ...email, to, ...(customerId ? { customerId } : {}), messageId: `<${notificationId}@emporium>`, purpose, causeEventId: event.id, ...(orderPlacedAt ? { orderPlacedAt } : {}) } },
      causedBy(event, name, purpose, clock()),
    );
  }

  async function orderFacts(orderId: string) {
    const events = await eventStore.readStream(streamName('order', orderId));
    const order = foldEvents(orderDecider, events as unknown as OrderEvent[]);
    if (order.status === 'none') return null;
    const placedAt = events[0]?.type === 'OrderPlaced' ? (events[0].data.placedAt as string) : undefined;
    const customer = await loadState(eventStore, streamName('customer', order.customerId), customerDecider);
    if (customer.status !== 'registered') return null;
    return { to: customer.email, customerId: order.customerId, placedAt, facts: { orderId, firstName: customer.firstName, lines: order.lines, total: order.total, shippingAddress: order.shippingAddress, paymentMethod: order.paymentMethod } };
  }

  return {
    name,
    filter: { eventTypes: ['PaymentSucceeded', 'PaymentFailed', 'PaymentRefunded', 'LowStockReached'] },
    partitionKey: (event) => event.id,
    async handle(event) {
      if (event.type === 'LowStockReached') {
        const { code, available, threshold } = (event as unknown as Extract<InventoryEvent, { type: 'LowStockReached' }>).data;
        const product = await loadState(eventStore, streamName('product', code), productDecider);
        await request(event, 'low-stock', deps.staffEmail, lowStockAlertEmail({ code, name: product.status === 'absent' ? code : product.name, available, threshold }));
        return;
      }
      const found = await orderFacts(textField(event, 'orderId'));
      if (!found) {
        logger.warn('no order or customer to write to about a payment', { eventId: event.id, orderId: event.data.orderId });
        return;
      }
      if (event.type === 'PaymentSucceeded') await request(event, 'payment-succeeded', found.to, paymentConfirmationEmail(found.facts), { orderPlacedAt: found.placedAt, customerId: found.customerId });
      if (event.type === 'PaymentFailed') await request(event, 'payment-failed', found.to, paymentFailedEmail(found.facts, textField(event, 'reason')), { orderPlacedAt: found.placedAt, customerId: found.customerId });
      if (event.type === 'PaymentRefunded') {
        const amount = event.data.amount as unknown as Money;
        const payment = await loadState(eventStore, streamName('payment', textField(event, 'paymentId')), paymentDecider);
        const reason = payment.status === 'succeeded' || payment.status === 'failed' ? payment.refunds?.find((refund) => refund.refundId === event.data.refundId)?.reason : undefined;
        await request(event, 'payment-refunded', found.to, refundEmail(found.facts, { amount, reason: reason ?? 'refunded' }), { customerId: found.customerId });
      }
    },
  };
}
