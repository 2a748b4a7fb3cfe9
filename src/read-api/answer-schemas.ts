import { paymentMethods } from '../domain/orders/order';

/*
 * JSON Schemas of what the query API answers, in its OpenAPI document. The web interface's client
 * types are generated from them (npm run api:types), and schemathesis checks every answer against
 * them, so a read model that changes shape without its schema fails CI rather than the browser.
 */

type Schema = Record<string, unknown>;

const object = (properties: Record<string, Schema>, optional: readonly string[] = []): Schema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
});
const text: Schema = { type: 'string' };
const count: Schema = { type: 'integer', minimum: 0 };
const dateTime: Schema = { type: 'string', format: 'date-time' };
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });

export const money = object({ amount: { type: 'integer', description: 'In minor units (cents)' }, currency: { type: 'string', description: 'ISO 4217' } });
export const postalAddress = object({ line1: text, line2: text, city: text, postalCode: text, country: { type: 'string', description: 'ISO 3166-1 alpha-2' } }, ['line2']);
const orderStatus: Schema = { enum: ['placed', 'awaiting-payment', 'paid', 'payment-failed', 'cancelled', 'rejected', 'refunded'] };
const paymentMethod: Schema = { enum: [...paymentMethods] };

export const productSchema = object({
  code: text,
  name: text,
  description: text,
  category: object({ id: text, name: text }),
  price: money,
  onHand: { type: 'integer' },
  reserved: { type: 'integer' },
  available: { type: 'integer', description: 'On hand less reserved: what can be ordered now' },
  lowStockThreshold: count,
  lowStock: { type: 'boolean' },
  status: { enum: ['active', 'discontinued'] },
});

export const categorySchema = object({ id: text, name: text, description: text });

const orderLine = object({ productCode: text, name: text, quantity: { type: 'integer', minimum: 1 }, unitPrice: money, lineTotal: money });

export const orderSchema = object({
  orderId: text,
  customerId: text,
  lines: { type: 'array', items: orderLine },
  total: money,
  paymentMethod,
  shippingAddress: postalAddress,
  status: orderStatus,
  placedAt: dateTime,
  paymentId: nullable(text),
  timeline: {
    type: 'array',
    items: object(
      {
        status: orderStatus,
        at: dateTime,
        reason: text,
        paymentId: text,
        unavailable: { type: 'array', items: object({ productCode: text, requested: { type: 'integer' }, available: { type: 'integer' } }) },
      },
      ['reason', 'paymentId', 'unavailable'],
    ),
  },
});

export const paymentSchema = object({
  paymentId: text,
  orderId: text,
  amount: money,
  method: paymentMethod,
  status: { enum: ['requested', 'submitted', 'succeeded', 'failed'] },
  gatewayReference: nullable(text),
  failureReason: nullable(text),
  requestedAt: dateTime,
  submittedAt: nullable(dateTime),
  settledAt: nullable(dateTime),
  succeededLateAt: dateTime,
  refunds: {
    type: 'array',
    items: object({
      refundId: text,
      amount: money,
      reason: text,
      status: { enum: ['requested', 'refunded', 'failed'] },
      failureReason: nullable(text),
      requestedAt: dateTime,
      settledAt: nullable(dateTime),
    }),
  },
  lastRefundOutcome: { enum: ['refunded', 'failed'], description: 'How its last settled refund ended; failed: refused by the gateway, and not given back since' },
}, ['succeededLateAt', 'refunds', 'lastRefundOutcome']);

export const customerSchema = object({
  customerId: text,
  firstName: text,
  lastName: text,
  email: text,
  shippingAddress: postalAddress,
  registeredAt: dateTime,
  erasedAt: { ...dateTime, description: 'Set once the customer is erased (GDPR art. 17): name, email and address then read ‹erased›' },
  orders: object({
    count,
    totalSpent: { type: 'array', items: money },
    lastOrder: nullable(object({ orderId: text, placedAt: dateTime, status: orderStatus, total: money })),
  }),
}, ['erasedAt']);

export const salesReportSchema = object({
  from: { type: 'string', format: 'date' },
  to: { type: 'string', format: 'date' },
  days: { type: 'array', items: object({ day: { type: 'string', format: 'date' }, currency: text, orders: count, units: count, revenue: { type: 'integer', description: 'In minor units' } }) },
  products: { type: 'array', items: object({ productCode: text, currency: text, units: count, revenue: { type: 'integer' } }) },
});

export const paymentOutcomesSchema = object({
  items: { type: 'array', items: object({ method: paymentMethod, succeeded: count, failed: count, successRate: nullable({ type: 'number', minimum: 0, maximum: 1 }) }) },
});

export const lowStockSchema = object({
  items: { type: 'array', items: object({ code: text, name: text, onHand: { type: 'integer' }, reserved: { type: 'integer' }, available: { type: 'integer' }, threshold: count }) },
});

export const pageOfSchema = (items: Schema): Schema => object({ items: { type: 'array', items }, nextCursor: nullable(text) });

export const notificationSchema = object({
  notificationId: text,
  to: text,
  customerId: { ...text, description: 'The customer it was written to; absent for staff alerts' },
  subject: text,
  purpose: text,
  status: { enum: ['requested', 'sent', 'retrying', 'failed'] },
  attempts: count,
  lastError: nullable(text),
  requestedAt: dateTime,
  updatedAt: dateTime,
  resendOf: text,
  resends: { type: 'array', items: object({ resendId: text, reason: text, requestedBy: object({ id: text, role: text }), requestedAt: dateTime }) },
}, ['customerId', 'resendOf', 'resends']);

export const vendorSchema = object({ vendorId: text, name: text, contactEmail: text, status: { enum: ['active', 'suspended'] }, suspendedReason: nullable(text), onboardedAt: dateTime, updatedAt: dateTime });
export const staffAccountSchema = object({ accountId: text, email: text, role: { enum: ['staff', 'admin', 'auditor'] }, status: { enum: ['active', 'disabled'] }, createdAt: dateTime });
