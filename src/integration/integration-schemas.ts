import type { IntegrationEventName } from './integration-events';

/**
 * The JSON Schema of each integration event's data, as published in the AsyncAPI document
 * (asyncapi.ts). Written out by hand, beside the types in integration-events.ts, because this is
 * the contract other systems code against: a test checks every message the relay publishes against
 * it, so the two cannot drift apart unnoticed.
 */
type Schema = Readonly<Record<string, unknown>>;

const money: Schema = {
  type: 'object',
  description: 'An amount of money: integer minor units (cents for EUR) and an ISO 4217 currency. { "amount": 5998, "currency": "EUR" } is €59.98.',
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: { amount: { type: 'integer' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
};
const id: Schema = { type: 'string', minLength: 1 };
const timestamp: Schema = { type: 'string', format: 'date-time', description: 'When it happened (ISO 8601, UTC)' };
const count: Schema = { type: 'integer' };

const object = (required: readonly string[], properties: Record<string, Schema>): Schema => ({ type: 'object', required, additionalProperties: false, properties });

export const integrationSchemas: Record<IntegrationEventName, Schema> = {
  order_created: object(['orderId', 'userId', 'items', 'totalAmount', 'timestamp'], {
    orderId: id,
    userId: { ...id, description: "The customer's id" },
    items: {
      type: 'array',
      minItems: 1,
      items: object(['productId', 'quantity', 'price'], { productId: { ...id, description: "The product's code" }, quantity: { type: 'integer', minimum: 1 }, price: { ...money, description: 'Unit price' } }),
    },
    totalAmount: money,
    timestamp,
  }),
  order_status_changed: object(['orderId', 'userId', 'status', 'timestamp'], {
    orderId: id,
    userId: id,
    status: { type: 'string', enum: ['awaiting_payment', 'paid', 'payment_failed', 'cancelled', 'rejected', 'refunded'] },
    paymentId: id,
    reason: { type: 'string', description: 'Why it was cancelled, rejected, or its payment failed' },
    timestamp,
  }),
  order_shipped: object(['orderId', 'userId', 'carrier', 'service', 'trackingNumber', 'timestamp'], {
    orderId: id,
    userId: id,
    carrier: { type: 'string', minLength: 1 },
    service: { type: 'string', description: 'The carrier\'s service: standard or express' },
    trackingNumber: { type: 'string', minLength: 1, description: "The parcel's number at the carrier" },
    timestamp,
  }),
  order_delivered: object(['orderId', 'userId', 'trackingNumber', 'timestamp'], { orderId: id, userId: id, trackingNumber: { type: 'string', minLength: 1 }, timestamp }),
  payment_processed: object(['paymentId', 'orderId', 'amount', 'status', 'timestamp'], {
    paymentId: id,
    orderId: id,
    amount: money,
    status: { type: 'string', enum: ['SUCCESS', 'FAILED', 'SUCCESS_LATE', 'REFUND_REQUESTED', 'REFUNDED', 'REFUND_FAILED'], description: "The gateway's answer; SUCCESS_LATE: the money was taken after the payment expired (a refund follows); REFUND_REQUESTED: a refund of amount asked of the gateway; REFUNDED, REFUND_FAILED: its outcome" },
    refundId: { ...id, description: 'The refund (REFUND_REQUESTED, REFUNDED, REFUND_FAILED only)' },
    reason: { type: 'string', description: 'Why the payment or the refund failed (FAILED, REFUND_FAILED only)' },
    timestamp,
  }),
  stock_changed: object(['productId', 'change', 'quantity', 'timestamp'], {
    productId: id,
    change: { type: 'string', enum: ['received', 'reserved', 'released', 'committed', 'adjusted'] },
    quantity: { ...count, description: 'Units this change moved (adjusted: the difference counted, may be negative)' },
    onHand: { ...count, description: 'Units on the shelf after the change, where it tells' },
    available: { ...count, description: 'Units free to sell after the change, where it tells' },
    orderId: id,
    timestamp,
  }),
  stock_low: object(['productId', 'available', 'threshold', 'timestamp'], { productId: id, available: count, threshold: count, timestamp }),
  customer_erased: object(['userId', 'timestamp'], { userId: { ...id, description: "The erased customer's id" }, timestamp }),
};

export const integrationDescriptions: Record<IntegrationEventName, string> = {
  order_created: 'An order was placed: its lines at the prices charged, and its total.',
  order_status_changed: 'An order moved on: awaiting payment, paid, payment failed, cancelled, or rejected (out of stock).',
  order_shipped: 'An order left with the carrier: who carries it, by which service, and its tracking number.',
  order_delivered: "The carrier delivered an order's parcel.",
  payment_processed: "A payment's outcome from the gateway: SUCCESS or FAILED with the reason; SUCCESS_LATE when it came after the payment expired; REFUND_REQUESTED, REFUNDED or REFUND_FAILED for a refund of it.",
  stock_changed: "A product's stock changed: received, reserved for an order, released, committed (shipped), or adjusted after a count.",
  stock_low: "A product's available stock fell to its low-stock threshold or below: time to reorder.",
  customer_erased: 'A customer was erased (GDPR art. 17): forget whatever you keep of them under this id. Their orders and payments stay, under the id alone.',
};
