import { carrierStatuses, orderStatuses, paymentMethods, shippingServices } from '../domain/orders/order';

/*
 * JSON Schemas of what the query API answers, in its OpenAPI document. The web interface's client
 * types are generated from them (npm run api:types), and schemathesis checks every answer against
 * them, so a read model that changes shape without its schema fails CI rather than the browser.
 */

type Schema = Record<string, unknown>;

export const object = (properties: Record<string, Schema>, optional: readonly string[] = []): Schema => ({
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
const orderStatus: Schema = { enum: [...orderStatuses] };
const carrierStatus: Schema = { enum: [...carrierStatuses] };
const shippingRateFields = { service: { enum: [...shippingServices] }, carrier: text, cost: money, estimatedDays: { type: 'integer', minimum: 0 } };
const shipmentFields = { shipmentId: text, carrier: text, service: { enum: [...shippingServices] }, trackingNumber: text, labelUrl: { ...text, description: 'The printable label' } };
/** A carrier's rate for a parcel (POST /api/shipping/quotes). */
export const shippingRateSchema = object(shippingRateFields);
/** A parcel once its label is bought. */
export const shipmentSchema = object(shipmentFields);
const paymentMethod: Schema = { enum: [...paymentMethods] };

const ruleRef = object({ ruleId: text, name: text });

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
  weightGrams: { type: 'integer', minimum: 1, description: 'Packed, per unit; absent: not recorded, and shipped as 500 g' },
  status: { enum: ['active', 'discontinued'] },
  vendor: nullable({ ...object({ id: text, name: text, status: { enum: ['active', 'suspended'] } }), description: "Who sells it; null for the shop's own products. A suspended vendor's products cannot be ordered meanwhile" }),
  listPrice: { ...money, description: 'The price before any price rule; `price` is what one costs now' },
  priceRule: nullable({ ...ruleRef, description: 'The price rule that made `price`, if one did' }),
  priceValidUntil: nullable({ ...dateTime, description: 'Ordered before then (sent with this price as expectedUnitPrice), this is the price charged; null: no change is coming' }),
  quantityPrices: { type: 'array', description: 'Lower unit prices from a quantity on', items: object({ minQuantity: { type: 'integer', minimum: 2 }, price: money, priceRule: ruleRef }) },
  nextListPrice: nullable({ ...object({ price: money, effectiveAt: dateTime }), description: 'The list price scheduled next, and from when' }),
  scheduled: { type: 'array', description: 'Every list price to come, earliest first', items: object({ scheduleId: text, price: money, effectiveAt: dateTime }) },
}, ['scheduled', 'weightGrams']);

export const priceRuleSchema = object({
  ruleId: text,
  name: text,
  scope: {
    oneOf: [
      object({ kind: { const: 'all' } }),
      object({ kind: { const: 'product' }, productCode: text }),
      object({ kind: { const: 'category' }, categoryId: text }),
      object({ kind: { const: 'vendor' }, vendorId: text }),
    ],
  },
  discount: { oneOf: [object({ kind: { const: 'percentage' }, percent: { type: 'integer', minimum: 1, maximum: 99 } }), object({ kind: { const: 'fixed' }, amount: money })] },
  validFrom: nullable(dateTime),
  validUntil: nullable(dateTime),
  minQuantity: { type: 'integer', minimum: 1 },
  status: { enum: ['active', 'ended'] },
  definedBy: object({ id: text, role: text }),
  definedAt: dateTime,
  ended: nullable(object({ reason: text, at: dateTime })),
});

export const categorySchema = object({ id: text, name: text, description: text });

const orderLine = object(
  {
    productCode: text,
    name: text,
    quantity: { type: 'integer', minimum: 1 },
    unitPrice: money,
    lineTotal: money,
    vendorId: { ...text, description: "The vendor selling it; absent for the shop's own products" },
    priceRule: { ...object({ ruleId: text, name: text }), description: 'The price rule that made the unit price, when one did' },
    listPrice: { ...money, description: 'The list price the rule was taken off' },
  },
  ['vendorId', 'priceRule', 'listPrice'],
);

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
  shipping: {
    ...object({ ...shippingRateFields, weightGrams: { type: 'integer', minimum: 0 } }),
    description: 'How it travels and what that costs (part of the total); absent: collected at the shop',
  },
  shipment: {
    ...object({
      ...shipmentFields,
      tracking: { type: 'array', description: "The carrier's word on the parcel, oldest first", items: object({ status: carrierStatus, at: dateTime, description: text }, ['description']) },
    }),
    description: 'The parcel, once shipped',
  },
}, ['shipping', 'shipment']);

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
  smsPhone: nullable({ ...text, description: 'The mobile number text messages about orders go to, once the customer opted in' }),
  orders: object({
    count,
    totalSpent: { type: 'array', items: money },
    lastOrder: nullable(object({ orderId: text, placedAt: dateTime, status: orderStatus, total: money })),
  }),
}, ['erasedAt', 'smsPhone']);

export const salesReportSchema = object({
  from: { type: 'string', format: 'date' },
  to: { type: 'string', format: 'date' },
  days: { type: 'array', items: object({ day: { type: 'string', format: 'date' }, currency: text, orders: count, units: count, revenue: { type: 'integer', description: 'In minor units' } }) },
  products: { type: 'array', items: object({ productCode: text, currency: text, units: count, revenue: { type: 'integer' } }) },
  vendors: {
    type: 'array',
    description: 'Paid sales by vendor; vendorId null is the shop’s own products. An order with lines of several vendors counts as an order for each',
    items: object({ vendorId: nullable(text), currency: text, orders: count, units: count, revenue: { type: 'integer' } }),
  },
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

/** A vendor's part of an order: its lines, their subtotal, and where the order stands; nothing of the customer. */
export const vendorOrderLinesSchema = object({ id: text, orderId: text, vendorId: text, lines: { type: 'array', items: orderLine }, subtotal: money, status: orderStatus, placedAt: dateTime, updatedAt: dateTime });

export const vendorSchema = object({ vendorId: text, name: text, contactEmail: text, status: { enum: ['active', 'suspended'] }, suspendedReason: nullable(text), onboardedAt: dateTime, updatedAt: dateTime });
export const staffAccountSchema = object(
  { accountId: text, email: text, role: { enum: ['staff', 'admin', 'auditor', 'vendor'] }, vendorId: { ...text, description: "A vendor account's vendor" }, status: { enum: ['active', 'disabled'] }, createdAt: dateTime },
  ['vendorId'],
);
