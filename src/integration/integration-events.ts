/**
 * The integration events: what Emporium tells other systems (and its own services, over Kafka).
 * A public, versioned contract, kept apart from the domain events it is mapped from
 * (from-domain-events.ts), so that a change inside a context never silently changes what other
 * systems receive: changing a shape here means a new version (`…v2`), published beside the old.
 *
 * Names and fields follow seed 003's schema where it has one (order_created, payment_processed),
 * with two deliberate differences: money is an integer amount of minor units plus an ISO 4217
 * currency (`{ "amount": 5998, "currency": "EUR" }` is €59.98), never a float; and ids are our
 * UUIDs and product codes, strings.
 */

export interface Money {
  /** Integer minor units (cents for EUR). */
  readonly amount: number;
  /** ISO 4217, upper case. */
  readonly currency: string;
}

export interface OrderCreated {
  readonly orderId: string;
  /** The customer's id (seed 003 calls the buyer a user). */
  readonly userId: string;
  readonly items: readonly { readonly productId: string; readonly quantity: number; readonly price: Money }[];
  readonly totalAmount: Money;
  readonly timestamp: string;
}

export type OrderStatus = 'awaiting_payment' | 'paid' | 'payment_failed' | 'cancelled' | 'rejected' | 'refunded';

export interface OrderStatusChanged {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly paymentId?: string;
  /** Why it was cancelled, rejected or its payment failed. */
  readonly reason?: string;
  readonly timestamp: string;
}

/**
 * An order left with the carrier. Its own event rather than a new status of order_status_changed,
 * whose published shape (statuses, fields) stays as it was: consumers that know only v1's statuses
 * are not handed one they cannot read.
 */
export interface OrderShipped {
  readonly orderId: string;
  readonly userId: string;
  readonly carrier: string;
  readonly service: string;
  readonly trackingNumber: string;
  readonly timestamp: string;
}

/** The carrier delivered an order's parcel. */
export interface OrderDelivered {
  readonly orderId: string;
  readonly userId: string;
  readonly trackingNumber: string;
  readonly timestamp: string;
}

export interface PaymentProcessed {
  readonly paymentId: string;
  readonly orderId: string;
  readonly amount: Money;
  /**
   * SUCCESS or FAILED: the gateway's answer. SUCCESS_LATE: it took the money after the payment had
   * expired (a refund follows). REFUND_REQUESTED: a refund of `amount` asked of the gateway;
   * REFUNDED or REFUND_FAILED: its outcome.
   */
  readonly status: 'SUCCESS' | 'FAILED' | 'SUCCESS_LATE' | 'REFUND_REQUESTED' | 'REFUNDED' | 'REFUND_FAILED';
  /** The refund (REFUND_REQUESTED, REFUNDED, REFUND_FAILED only). */
  readonly refundId?: string;
  /** Why the payment or the refund failed (FAILED, REFUND_FAILED only). */
  readonly reason?: string;
  readonly timestamp: string;
}

export type StockChange = 'received' | 'reserved' | 'released' | 'committed' | 'adjusted';

export interface StockChanged {
  readonly productId: string;
  readonly change: StockChange;
  /** The units this change moved (for adjusted: the difference counted, may be negative). */
  readonly quantity: number;
  /** Units on the shelf after the change, where the change tells it. */
  readonly onHand?: number;
  /** Units free to sell after the change, where the change tells it. */
  readonly available?: number;
  readonly orderId?: string;
  readonly timestamp: string;
}

export interface StockLow {
  readonly productId: string;
  readonly available: number;
  readonly threshold: number;
  readonly timestamp: string;
}

/**
 * A customer was erased (GDPR art. 17): whoever keeps anything of theirs under this id (a CRM, a
 * mailing list, a warehouse's labels) must forget it. The only integration event about a
 * customer, and it carries nothing but the id: other events name customers by id only.
 */
export interface CustomerErased {
  readonly userId: string;
  readonly timestamp: string;
}

/** Each integration event: its name, version, topic, what its key is, and its data's shape. */
export interface IntegrationEventTypes {
  order_created: OrderCreated;
  order_status_changed: OrderStatusChanged;
  order_shipped: OrderShipped;
  order_delivered: OrderDelivered;
  payment_processed: PaymentProcessed;
  stock_changed: StockChanged;
  stock_low: StockLow;
  customer_erased: CustomerErased;
}

export type IntegrationEventName = keyof IntegrationEventTypes;

/** One integration event, ready to be sent as a CloudEvent. */
export interface IntegrationEvent<Name extends IntegrationEventName = IntegrationEventName> {
  /** The CloudEvent id: the id of the domain event it comes from, so a resend is recognisably the same. */
  readonly id: string;
  readonly name: Name;
  /** Orders and payments: the order's id; stock: the product's code; customers: the customer's id. Kafka's key, so per-entity order holds. */
  readonly key: string;
  /** CloudEvents subject: the entity, e.g. `order/<id>`. */
  readonly subject: string;
  readonly time: string;
  readonly data: IntegrationEventTypes[Name];
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly traceparent?: string;
}

/** The topic (without the configured prefix) each event goes to: one per entity, so an entity's events stay in order. */
export const topicOf: Record<IntegrationEventName, IntegrationTopic> = {
  order_created: 'orders',
  order_status_changed: 'orders',
  order_shipped: 'orders',
  order_delivered: 'orders',
  payment_processed: 'payments',
  stock_changed: 'stock',
  stock_low: 'stock',
  customer_erased: 'customers',
};

export type IntegrationTopic = 'orders' | 'payments' | 'stock' | 'customers';
export const integrationTopics: readonly IntegrationTopic[] = ['orders', 'payments', 'stock', 'customers'];

/** The version of each event's shape, in its CloudEvent type (`emporium.order_created.v1`). */
export const integrationEventVersion = 1;

export const cloudEventType = (name: IntegrationEventName) => `emporium.${name}.v${integrationEventVersion}`;
export const cloudEventSource = (topic: IntegrationTopic) => `/emporium/${topic}`;

export function integrationEventNameOf(cloudEventTypeValue: string): IntegrationEventName | null {
  const match = /^emporium\.([a-z_]+)\.v(\d+)$/.exec(cloudEventTypeValue);
  if (!match || Number(match[2]) !== integrationEventVersion || !(match[1]! in topicOf)) return null;
  return match[1] as IntegrationEventName;
}
