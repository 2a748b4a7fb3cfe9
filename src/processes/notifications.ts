import { customerDecider } from '../domain/customers/customer';
import type { InventoryEvent } from '../domain/inventory/inventory';
import { orderDecider, type OrderEvent } from '../domain/orders/order';
import { foldEvents } from '../domain/shared/decider';
import { productDecider } from '../domain/catalog/product';
import { vendorDecider } from '../domain/vendors/vendor';
import { streamName } from '../domain/stream-names';
import type { EventStore } from '../event-store/event-store';
import { loadState } from '../commands/handlers/catalog-handlers';
import type { notificationHandlers } from '../commands/handlers/notification-handlers';
import { dispatchEmail, dispatchText, lowStockAlertEmail, paymentConfirmationEmail, paymentConfirmationText, paymentFailedEmail, paymentFailedText, refundEmail, type RenderedEmail } from '../mail/email-templates';
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
 * Payment succeeded → confirmation email; payment failed → failure email; order shipped → dispatch
 * email with the tracking number; each also a text message
 * to a customer who opted in to them; low stock → alert to the staff, or to the vendor selling the
 * product, at its contact address. Each becomes a notification stream whose id (and Message-ID) derive from the event and
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

  /** A text message too, to a customer who opted in; its id derives from the event and purpose, as the email's. */
  async function textToo(event: ProcessInput, purpose: string, found: { customerId: string; smsPhone: string | undefined }, text: string): Promise<void> {
    if (!found.smsPhone) return;
    const smsId = nameBasedUuid(`${event.id}:${purpose}:sms`);
    await notifications.requestTextMessage({ smsId, message: { to: found.smsPhone, customerId: found.customerId, text, purpose, causeEventId: event.id } }, causedBy(event, name, `${purpose}:sms`, clock()));
  }

  async function orderFacts(orderId: string) {
    const events = await eventStore.readStream(streamName('order', orderId));
    const order = foldEvents(orderDecider, events as unknown as OrderEvent[]);
    if (order.status === 'none') return null;
    const placedAt = events[0]?.type === 'OrderPlaced' ? (events[0].data.placedAt as string) : undefined;
    const customer = await loadState(eventStore, streamName('customer', order.customerId), customerDecider);
    if (customer.status !== 'registered') return null;
    const { lines, total, shippingAddress, paymentMethod, shipping, shipment } = order;
    return { to: customer.email, customerId: order.customerId, smsPhone: customer.smsPhone, placedAt, shipment, facts: { orderId, firstName: customer.firstName, lines, total, shippingAddress, paymentMethod, shipping } };
  }

  return {
    name,
    filter: { eventTypes: ['PaymentSucceeded', 'PaymentFailed', 'PaymentRefunded', 'OrderShipped', 'LowStockReached'] },
    partitionKey: (event) => event.id,
    async handle(event) {
      if (event.type === 'LowStockReached') {
        const { code, available, threshold } = (event as unknown as Extract<InventoryEvent, { type: 'LowStockReached' }>).data;
        const product = await loadState(eventStore, streamName('product', code), productDecider);
        // A vendor keeps its own stock: the alert is theirs, in place of the staff's (still one email per event).
        const vendorId = product.status === 'absent' ? undefined : product.vendorId;
        const vendor = vendorId !== undefined ? await loadState(eventStore, streamName('vendor', vendorId), vendorDecider) : undefined;
        const to = vendor && vendor.status !== 'none' ? vendor.profile.contactEmail : deps.staffEmail;
        await request(event, 'low-stock', to, lowStockAlertEmail({ code, name: product.status === 'absent' ? code : product.name, available, threshold }));
        return;
      }
      const found = await orderFacts(textField(event, 'orderId'));
      if (!found) {
        logger.warn('no order or customer to write to about a payment', { eventId: event.id, orderId: event.data.orderId });
        return;
      }
      if (event.type === 'PaymentSucceeded') {
        await request(event, 'payment-succeeded', found.to, paymentConfirmationEmail(found.facts), { orderPlacedAt: found.placedAt, customerId: found.customerId });
        await textToo(event, 'payment-succeeded', found, paymentConfirmationText(found.facts));
      }
      if (event.type === 'PaymentFailed') {
        const reason = textField(event, 'reason');
        await request(event, 'payment-failed', found.to, paymentFailedEmail(found.facts, reason), { orderPlacedAt: found.placedAt, customerId: found.customerId });
        await textToo(event, 'payment-failed', found, paymentFailedText(found.facts, reason));
      }
      if (event.type === 'OrderShipped' && found.shipment) {
        await request(event, 'order-dispatched', found.to, dispatchEmail(found.facts, found.shipment), { customerId: found.customerId });
        await textToo(event, 'order-dispatched', found, dispatchText(found.facts, found.shipment));
      }
      if (event.type === 'PaymentRefunded') {
        const amount = event.data.amount as unknown as Money;
        const payment = await loadState(eventStore, streamName('payment', textField(event, 'paymentId')), paymentDecider);
        const reason = payment.status === 'succeeded' || payment.status === 'failed' ? payment.refunds?.find((refund) => refund.refundId === event.data.refundId)?.reason : undefined;
        await request(event, 'payment-refunded', found.to, refundEmail(found.facts, { amount, reason: reason ?? 'refunded' }), { customerId: found.customerId });
      }
    },
  };
}
