import type { CustomerEvent } from '../domain/customers/customer';
import type { InventoryEvent } from '../domain/inventory/inventory';
import type { OrderEvent } from '../domain/orders/order';
import type { PaymentEvent } from '../domain/payments/payment';
import type { RecordedEvent } from '../event-store/event-store';
import type { IntegrationEvent, IntegrationEventName, IntegrationEventTypes, Money } from './integration-events';

type Data<Type extends string, Events extends { type: string; data: unknown }> = Extract<Events, { type: Type }>['data'];
type DomainEvent = OrderEvent | PaymentEvent | InventoryEvent | Extract<CustomerEvent, { type: 'CustomerErased' }>;

/** The domain events other systems hear of, and the integration event each becomes; the rest (submitted payments, catalog edits…) stay inside. */
export const integrationEventOf = {
  OrderPlaced: 'order_created',
  OrderAwaitingPayment: 'order_status_changed',
  OrderPaid: 'order_status_changed',
  OrderPaymentFailed: 'order_status_changed',
  OrderCancelled: 'order_status_changed',
  OrderRejected: 'order_status_changed',
  OrderRefunded: 'order_status_changed',
  OrderShipped: 'order_shipped',
  OrderDelivered: 'order_delivered',
  PaymentSucceeded: 'payment_processed',
  PaymentFailed: 'payment_processed',
  PaymentSucceededLate: 'payment_processed',
  RefundRequested: 'payment_processed',
  PaymentRefunded: 'payment_processed',
  RefundFailed: 'payment_processed',
  StockReceived: 'stock_changed',
  StockReserved: 'stock_changed',
  ReservationReleased: 'stock_changed',
  ReservationCommitted: 'stock_changed',
  StockAdjusted: 'stock_changed',
  LowStockReached: 'stock_low',
  CustomerErased: 'customer_erased',
} as const satisfies Partial<Record<DomainEvent['type'], IntegrationEventName>>;

export const publishedDomainEventTypes = Object.keys(integrationEventOf) as (keyof typeof integrationEventOf)[];

/** A domain event that cannot be told to other systems: its data is not what its type promises. */
export class UnmappableEvent extends Error {}

/**
 * The integration event a domain event becomes, or null for one other systems do not hear of.
 * Each field is copied by name, never by spreading the domain event's data, so that a field added
 * to a domain event stays inside until it is added here on purpose.
 */
export function toIntegrationEvent(event: RecordedEvent): IntegrationEvent | null {
  const made = map(event);
  if (!made) return null;
  return {
    id: event.id,
    ...made,
    time: event.recordedAt.toISOString(),
    ...(event.metadata.correlationId ? { correlationId: event.metadata.correlationId } : {}),
    ...(event.metadata.causationId ? { causationId: event.metadata.causationId } : {}),
    ...(event.metadata.traceparent ? { traceparent: event.metadata.traceparent } : {}),
  };
}

type Made = { [Name in IntegrationEventName]: { name: Name; key: string; subject: string; data: IntegrationEventTypes[Name] } }[IntegrationEventName];

/** How each payment event reads as payment_processed: its status, its time field, and whether it names a reason and a refund. */
const paymentStatusOf: Record<'PaymentSucceeded' | 'PaymentFailed' | 'PaymentSucceededLate' | 'RefundRequested' | 'PaymentRefunded' | 'RefundFailed', { status: IntegrationEventTypes['payment_processed']['status']; at: string; failed: boolean; refund: boolean }> = {
  PaymentSucceeded: { status: 'SUCCESS', at: 'succeededAt', failed: false, refund: false },
  PaymentFailed: { status: 'FAILED', at: 'failedAt', failed: true, refund: false },
  PaymentSucceededLate: { status: 'SUCCESS_LATE', at: 'succeededAt', failed: false, refund: false },
  RefundRequested: { status: 'REFUND_REQUESTED', at: 'requestedAt', failed: false, refund: true },
  PaymentRefunded: { status: 'REFUNDED', at: 'refundedAt', failed: false, refund: true },
  RefundFailed: { status: 'REFUND_FAILED', at: 'failedAt', failed: true, refund: true },
};

function map(event: RecordedEvent): Made | null {
  const d = event.data as unknown;
  const order = (orderId: string) => ({ key: text(orderId, 'orderId'), subject: `order/${orderId}` });
  const product = (code: string) => ({ key: text(code, 'code'), subject: `product/${code}` });
  const status = (type: string, data: { orderId: string; customerId: string }, value: IntegrationEventTypes['order_status_changed']['status'], at: string, extra: { paymentId?: string; reason?: string }) => ({
    name: 'order_status_changed' as const,
    ...order(data.orderId),
    data: { orderId: data.orderId, userId: text(data.customerId, `${type}.customerId`), status: value, ...extra, timestamp: text(at, `${type} time`) },
  });
  switch (event.type as DomainEvent['type']) {
    case 'OrderPlaced': {
      const data = d as Data<'OrderPlaced', OrderEvent>;
      if (!Array.isArray(data.lines) || data.lines.length === 0) throw new UnmappableEvent(`OrderPlaced ${event.id} has no lines`);
      return {
        name: 'order_created',
        ...order(data.orderId),
        data: {
          orderId: data.orderId,
          userId: text(data.customerId, 'customerId'),
          items: data.lines.map((line) => ({ productId: text(line.productCode, 'productCode'), quantity: line.quantity, price: moneyOf(line.unitPrice) })),
          totalAmount: moneyOf(data.total),
          timestamp: text(data.placedAt, 'placedAt'),
        },
      };
    }
    case 'OrderAwaitingPayment': {
      const data = d as Data<'OrderAwaitingPayment', OrderEvent>;
      return status(event.type, data, 'awaiting_payment', data.at, { paymentId: data.paymentId });
    }
    case 'OrderPaid': {
      const data = d as Data<'OrderPaid', OrderEvent>;
      return status(event.type, data, 'paid', data.paidAt, { paymentId: data.paymentId });
    }
    case 'OrderPaymentFailed': {
      const data = d as Data<'OrderPaymentFailed', OrderEvent>;
      return status(event.type, data, 'payment_failed', data.failedAt, { paymentId: data.paymentId, reason: data.reason });
    }
    case 'OrderCancelled': {
      const data = d as Data<'OrderCancelled', OrderEvent>;
      return status(event.type, data, 'cancelled', data.cancelledAt, { reason: data.reason });
    }
    case 'OrderRejected': {
      const data = d as Data<'OrderRejected', OrderEvent>;
      return status(event.type, data, 'rejected', data.rejectedAt, { reason: data.reason });
    }
    case 'OrderRefunded': {
      const data = d as Data<'OrderRefunded', OrderEvent>;
      return status(event.type, data, 'refunded', data.refundedAt, { paymentId: data.paymentId, reason: data.reason });
    }
    case 'OrderShipped': {
      const data = d as Data<'OrderShipped', OrderEvent>;
      return {
        name: 'order_shipped',
        ...order(data.orderId),
        data: {
          orderId: data.orderId,
          userId: text(data.customerId, 'customerId'),
          carrier: text(data.carrier, 'carrier'),
          service: text(data.service, 'service'),
          trackingNumber: text(data.trackingNumber, 'trackingNumber'),
          timestamp: text(data.shippedAt, 'shippedAt'),
        },
      };
    }
    case 'OrderDelivered': {
      const data = d as Data<'OrderDelivered', OrderEvent>;
      return {
        name: 'order_delivered',
        ...order(data.orderId),
        data: { orderId: data.orderId, userId: text(data.customerId, 'customerId'), trackingNumber: text(data.trackingNumber, 'trackingNumber'), timestamp: text(data.deliveredAt, 'deliveredAt') },
      };
    }
    case 'PaymentSucceeded':
    case 'PaymentFailed':
    case 'PaymentSucceededLate':
    case 'RefundRequested':
    case 'PaymentRefunded':
    case 'RefundFailed': {
      const data = d as { paymentId: string; orderId: string; amount: Data<'PaymentSucceeded', PaymentEvent>['amount']; refundId?: string; reason?: string } & Record<string, unknown>;
      const { status: value, at, failed, refund } = paymentStatusOf[event.type as keyof typeof paymentStatusOf];
      return {
        name: 'payment_processed',
        ...order(data.orderId),
        data: {
          paymentId: text(data.paymentId, 'paymentId'),
          orderId: data.orderId,
          amount: moneyOf(data.amount),
          status: value,
          ...(refund ? { refundId: text(data.refundId, 'refundId') } : {}),
          ...(failed ? { reason: text(data.reason, 'reason') } : {}),
          timestamp: text(data[at], `${event.type}.${at}`),
        },
      };
    }
    case 'StockReceived': {
      const data = d as Data<'StockReceived', InventoryEvent>;
      return stock(data.code, { change: 'received', quantity: data.quantity, onHand: data.onHand, timestamp: data.receivedAt });
    }
    case 'StockReserved': {
      const data = d as Data<'StockReserved', InventoryEvent>;
      return stock(data.code, { change: 'reserved', quantity: data.quantity, available: data.available, orderId: data.orderId, timestamp: data.reservedAt });
    }
    case 'ReservationReleased': {
      const data = d as Data<'ReservationReleased', InventoryEvent>;
      return stock(data.code, { change: 'released', quantity: data.quantity, orderId: data.orderId, timestamp: data.releasedAt });
    }
    case 'ReservationCommitted': {
      const data = d as Data<'ReservationCommitted', InventoryEvent>;
      return stock(data.code, { change: 'committed', quantity: data.quantity, onHand: data.onHand, orderId: data.orderId, timestamp: data.committedAt });
    }
    case 'StockAdjusted': {
      const data = d as Data<'StockAdjusted', InventoryEvent>;
      return stock(data.code, { change: 'adjusted', quantity: data.onHand - data.previousOnHand, onHand: data.onHand, timestamp: data.adjustedAt });
    }
    case 'LowStockReached': {
      const data = d as Data<'LowStockReached', InventoryEvent>;
      return { name: 'stock_low', ...product(data.code), data: { productId: data.code, available: integer(data.available, 'available'), threshold: integer(data.threshold, 'threshold'), timestamp: text(data.reachedAt, 'reachedAt') } };
    }
    case 'CustomerErased': {
      const data = d as Data<'CustomerErased', CustomerEvent>;
      return { name: 'customer_erased', key: text(data.customerId, 'customerId'), subject: `customer/${data.customerId}`, data: { userId: data.customerId, timestamp: text(data.erasedAt, 'erasedAt') } };
    }
    default:
      return null;
  }

  function stock(code: string, data: Omit<IntegrationEventTypes['stock_changed'], 'productId'>): Made {
    for (const field of ['quantity', 'onHand', 'available'] as const) if (field in data) integer(data[field], field);
    return { name: 'stock_changed', ...product(code), data: { productId: code, ...data, timestamp: text(data.timestamp, 'timestamp') } };
  }

  function text(value: unknown, field: string): string {
    if (typeof value !== 'string' || value.length === 0) throw new UnmappableEvent(`${event.type} ${event.id} has no ${field}`);
    return value;
  }

  function integer(value: unknown, field: string): number {
    if (!Number.isSafeInteger(value)) throw new UnmappableEvent(`${event.type} ${event.id} has no whole number ${field}`);
    return value as number;
  }

  function moneyOf(value: Money | undefined): Money {
    if (!value || !Number.isSafeInteger(value.amount) || typeof value.currency !== 'string') throw new UnmappableEvent(`${event.type} ${event.id} has an amount that is not money`);
    return { amount: value.amount, currency: value.currency };
  }
}
