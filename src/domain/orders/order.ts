import { alreadyExists, invalidReference, notFound, ruleViolated } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';
import { money, multiply, sum, type Money } from '../shared/money';
import type { PostalAddress } from '../shared/address';
import type { PriceRule } from '../pricing/price-book';
import { priceOf } from '../pricing/pricing';
import { defaultWeightGrams } from '../catalog/product';

export const maxOrderLines = 50;
export const paymentMethods = ['card', 'paypal', 'bank-transfer'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const orderStatuses = ['placed', 'awaiting-payment', 'paid', 'shipped', 'delivered', 'payment-failed', 'cancelled', 'rejected', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** Paid and kept: before it leaves, on its way, or delivered. */
export const isPaidFor = (status: OrderStatus | 'none'): boolean => status === 'paid' || status === 'shipped' || status === 'delivered';

/** The carrier's services; or the order is collected at the shop (no cost, nothing to ship). */
export const shippingServices = ['standard', 'express'] as const;
export type ShippingService = (typeof shippingServices)[number];
export const deliveryChoices = ['pickup', ...shippingServices] as const;
export type DeliveryChoice = (typeof deliveryChoices)[number];

/** A carrier's rate for the parcel, as the shipping provider quoted it (see src/shipping). */
export interface QuotedRate {
  readonly service: ShippingService;
  readonly carrier: string;
  readonly cost: Money;
  readonly estimatedDays: number;
}

/** How an order travels, and what that costs: part of its total. */
export interface OrderShipping extends QuotedRate {
  readonly weightGrams: number;
}

/** The parcel once its label is bought. */
export interface Shipment {
  readonly shipmentId: string;
  readonly carrier: string;
  readonly service: ShippingService;
  readonly trackingNumber: string;
  readonly labelUrl: string;
}

/** What a carrier says of a parcel. */
export const carrierStatuses = ['in_transit', 'out_for_delivery', 'delivered', 'exception'] as const;
export type CarrierStatus = (typeof carrierStatuses)[number];

/** A product as the catalog showed it when the order was placed; the handler looks it up. */
export interface CatalogEntry {
  readonly name: string;
  /** The list price, before any price rule. */
  readonly unitPrice: Money;
  readonly categoryId: string;
  readonly status: 'active' | 'discontinued';
  /** The vendor selling it, and whether it may sell now; none for the shop's own products. */
  readonly vendor?: { readonly vendorId: string; readonly status: 'active' | 'suspended' };
  /** Packed, per unit; absent: `defaultWeightGrams`. */
  readonly weightGrams?: number;
}

/** What the order's lines weigh together, packed: what shipping is quoted on. Unknown products weigh nothing (the order is refused for them anyway). */
export function parcelWeightGrams(lines: readonly { productCode: string; quantity: number }[], catalog: Readonly<Record<string, CatalogEntry | undefined>>): number {
  return lines.reduce((grams, line) => grams + (catalog[line.productCode]?.weightGrams ?? defaultWeightGrams) * (Number.isSafeInteger(line.quantity) ? line.quantity : 0), 0);
}

export interface OrderLine {
  readonly productCode: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly lineTotal: Money;
  /** Whose sale the line is: one order, and one payment, may hold lines of several vendors. */
  readonly vendorId?: string;
  /** When a price rule made the unit price: the rule, and the list price it was taken off. */
  readonly priceRule?: { readonly ruleId: string; readonly name: string };
  readonly listPrice?: Money;
}

export interface UnavailableLine {
  readonly productCode: string;
  readonly requested: number;
  readonly available: number;
}

export type OrderCommand =
  | {
      type: 'PlaceOrder';
      data: {
        orderId: string;
        /** The customer as registered, or null when there is none (the handler looks). */
        customer: { customerId: string; shippingAddress: PostalAddress } | null;
        /** `expectedUnitPrice`: the price the customer was shown; the order is refused if it is no longer the price. */
        lines: readonly { productCode: string; quantity: number; expectedUnitPrice?: Money }[];
        catalog: Readonly<Record<string, CatalogEntry | undefined>>;
        /** The price book's rules; the price of each line is worked out from them at `now`. */
        priceRules: readonly PriceRule[];
        paymentMethod: PaymentMethod;
        /** A token from the payment provider's form standing for the card or account (never a card number). */
        paymentToken?: string;
        /** Defaults to the customer's shipping address. */
        shippingAddress?: PostalAddress;
        /** Pickup when absent: orders placed before shipping existed kept their totals so. */
        delivery?: DeliveryChoice;
        /** The carrier's rates for this parcel to this address (none asked for a pickup). */
        shippingRates?: readonly QuotedRate[];
        /** The shipping cost the customer was shown; the order is refused if it is no longer the cost. */
        expectedShippingCost?: Money;
        now: Date;
      };
    }
  | { type: 'RecordOrderAwaitingPayment'; data: { orderId: string; paymentId: string; now: Date } }
  | { type: 'MarkOrderPaid'; data: { orderId: string; paymentId: string; now: Date } }
  | { type: 'MarkOrderPaymentFailed'; data: { orderId: string; paymentId: string; reason: string; now: Date } }
  | { type: 'CancelOrder'; data: { orderId: string; reason: string; now: Date } }
  | { type: 'RejectOrder'; data: { orderId: string; reason: 'out-of-stock'; unavailable: readonly UnavailableLine[]; now: Date } }
  /** The money taken for it went back to the customer, all of it. */
  | { type: 'MarkOrderRefunded'; data: { orderId: string; paymentId: string; refundId: string; amount: Money; reason: string; now: Date } }
  /** Its label bought: the parcel is handed to the carrier. */
  | { type: 'ShipOrder'; data: { orderId: string; shipment: Shipment; now: Date } }
  /** The carrier's word on the parcel (its webhook), once per carrier event. */
  | { type: 'RecordTrackingUpdate'; data: { orderId: string; trackingNumber: string; trackingEventId: string; status: CarrierStatus; description?: string; occurredAt: string; now: Date } };

export type OrderEvent =
  | {
      type: 'OrderPlaced';
      data: {
        orderId: string;
        customerId: string;
        lines: OrderLine[];
        total: Money;
        paymentMethod: PaymentMethod;
        paymentToken?: string;
        shippingAddress: PostalAddress;
        /** Absent: collected at the shop. The total includes its cost. */
        shipping?: OrderShipping;
        placedAt: string;
      };
    }
  // Status events name the customer, and OrderPaid the total, so that those who follow orders
  // (read models, other systems) need not keep every order to make sense of them.
  | { type: 'OrderAwaitingPayment'; data: { orderId: string; customerId: string; paymentId: string; at: string } }
  | { type: 'OrderPaid'; data: { orderId: string; customerId: string; paymentId: string; total: Money; paidAt: string } }
  | { type: 'OrderPaymentFailed'; data: { orderId: string; customerId: string; paymentId: string; reason: string; failedAt: string } }
  | { type: 'OrderCancelled'; data: { orderId: string; customerId: string; reason: string; cancelledAt: string } }
  | { type: 'OrderRejected'; data: { orderId: string; customerId: string; reason: 'out-of-stock'; unavailable: UnavailableLine[]; rejectedAt: string } }
  | { type: 'OrderRefunded'; data: { orderId: string; customerId: string; paymentId: string; refundId: string; amount: Money; reason: string; refundedAt: string } }
  | { type: 'OrderShipped'; data: { orderId: string; customerId: string; shippedAt: string } & Shipment }
  | {
      type: 'OrderTrackingUpdated';
      data: { orderId: string; customerId: string; trackingNumber: string; trackingEventId: string; status: Exclude<CarrierStatus, 'delivered'>; description?: string; occurredAt: string };
    }
  | { type: 'OrderDelivered'; data: { orderId: string; customerId: string; trackingNumber: string; trackingEventId: string; description?: string; deliveredAt: string } };

export type OrderState =
  | { status: 'none' }
  | {
      status: OrderStatus;
      orderId: string;
      customerId: string;
      lines: readonly OrderLine[];
      total: Money;
      paymentMethod: PaymentMethod;
      paymentToken?: string;
      shippingAddress: PostalAddress;
      paymentId?: string;
      shipping?: OrderShipping;
      shipment?: Shipment;
      /** The carrier events recorded already: a redelivered one records nothing. */
      trackingEventIds?: readonly string[];
    };

type PlacedOrder = Exclude<OrderState, { status: 'none' }>;

export const initialOrderState: OrderState = { status: 'none' };

function existing(state: OrderState, orderId: string): PlacedOrder {
  if (state.status === 'none') throw notFound('order-not-found', `There is no order ${orderId}`, { orderId });
  return state;
}

function refuseTransition(order: PlacedOrder, to: string): never {
  throw ruleViolated('invalid-order-transition', `Order ${order.orderId} is ${order.status}; it cannot become ${to}`, {
    orderId: order.orderId,
    status: order.status,
    requested: to,
  });
}

export function placeOrder(command: Extract<OrderCommand, { type: 'PlaceOrder' }>, state: OrderState): OrderEvent[] {
  const { orderId, customer, lines, catalog, priceRules, paymentMethod, now } = command.data;
  if (state.status !== 'none') throw alreadyExists('order-exists', `Order ${orderId} exists already`, { orderId });
  if (!customer) throw invalidReference('customer-not-found', 'The order names no registered customer');
  if (lines.length === 0 || lines.length > maxOrderLines) {
    throw ruleViolated('invalid-order-lines', `An order has 1 to ${maxOrderLines} lines, this one has ${lines.length}`, { lines: lines.length });
  }
  const codes = lines.map((line) => line.productCode);
  const repeated = codes.find((code, i) => codes.indexOf(code) !== i);
  if (repeated) throw ruleViolated('duplicate-order-line', `Product ${repeated} appears on more than one line; order it once with the total quantity`, { productCode: repeated });

  const priced = lines.map(({ productCode, quantity, expectedUnitPrice }): OrderLine => {
    if (!Number.isSafeInteger(quantity) || quantity <= 0) {
      throw ruleViolated('invalid-quantity', `A quantity of ${productCode} must be a whole number above zero, got ${quantity}`, { productCode, quantity });
    }
    const entry = catalog[productCode];
    if (!entry) throw invalidReference('unknown-product', `There is no product ${productCode}`, { productCode });
    if (entry.status === 'discontinued') throw ruleViolated('product-discontinued', `Product ${productCode} is discontinued`, { productCode });
    if (entry.vendor?.status === 'suspended') throw ruleViolated('vendor-suspended', `Product ${productCode} is sold by a vendor who is suspended`, { productCode });
    const vendor = entry.vendor ? { vendorId: entry.vendor.vendorId } : {};
    const price = priceOf({ productCode, categoryId: entry.categoryId, ...vendor, listPrice: entry.unitPrice, quantity }, priceRules, now);
    // The customer pays the price they were shown, or is told the new one: never a surprise.
    if (expectedUnitPrice && (expectedUnitPrice.amount !== price.unitPrice.amount || expectedUnitPrice.currency !== price.unitPrice.currency)) {
      throw ruleViolated('price-changed', `The price of ${productCode} is now ${price.unitPrice.amount} ${price.unitPrice.currency} (minor units), not the price shown`, {
        productCode,
        expected: expectedUnitPrice,
        price: price.unitPrice,
        ...(price.rule ? { priceRule: price.rule } : {}),
      });
    }
    const rule = price.rule ? { priceRule: price.rule, listPrice: price.listPrice } : {};
    return { productCode, name: entry.name, quantity, unitPrice: price.unitPrice, lineTotal: multiply(price.unitPrice, quantity), ...vendor, ...rule };
  });
  const currency = priced[0]!.unitPrice.currency;
  const foreign = priced.find((line) => line.unitPrice.currency !== currency);
  if (foreign) {
    throw ruleViolated('mixed-currencies', `Product ${foreign.productCode} is priced in ${foreign.unitPrice.currency}, the rest of the order in ${currency}`, {
      productCode: foreign.productCode,
    });
  }
  const shipping = shippingOf(command.data, currency, parcelWeightGrams(lines, catalog));
  const total = sum([...priced.map((line) => line.lineTotal), ...(shipping ? [shipping.cost] : [])], currency);
  return [
    {
      type: 'OrderPlaced',
      data: {
        orderId,
        customerId: customer.customerId,
        lines: priced,
        total: money(total.amount, currency),
        paymentMethod,
        ...(command.data.paymentToken ? { paymentToken: command.data.paymentToken } : {}),
        shippingAddress: command.data.shippingAddress ?? customer.shippingAddress,
        ...(shipping ? { shipping } : {}),
        placedAt: now.toISOString(),
      },
    },
  ];
}

/** The chosen service's rate, checked against the cost the customer was shown; none for a pickup. */
function shippingOf(data: Extract<OrderCommand, { type: 'PlaceOrder' }>['data'], currency: string, weightGrams: number): OrderShipping | undefined {
  const delivery = data.delivery ?? 'pickup';
  if (delivery === 'pickup') {
    if (data.expectedShippingCost && data.expectedShippingCost.amount !== 0) throw ruleViolated('shipping-changed', 'An order collected at the shop costs nothing to ship', { delivery, shippingCost: money(0, currency) });
    return undefined;
  }
  const rate = (data.shippingRates ?? []).find((quoted) => quoted.service === delivery);
  if (!rate) throw ruleViolated('not-shippable', `The carrier offers no ${delivery} service for a parcel of ${weightGrams} g to ${data.shippingAddress?.country ?? 'this address'}`, { delivery, weightGrams });
  if (rate.cost.currency !== currency) throw ruleViolated('mixed-currencies', `Shipping is quoted in ${rate.cost.currency}, the order is in ${currency}`, { delivery });
  if (data.expectedShippingCost && (data.expectedShippingCost.amount !== rate.cost.amount || data.expectedShippingCost.currency !== rate.cost.currency)) {
    throw ruleViolated('shipping-changed', `Shipping by ${delivery} now costs ${rate.cost.amount} ${rate.cost.currency} (minor units), not the cost shown`, { delivery, expected: data.expectedShippingCost, shippingCost: rate.cost });
  }
  return { ...rate, weightGrams };
}

export function recordOrderAwaitingPayment(command: Extract<OrderCommand, { type: 'RecordOrderAwaitingPayment' }>, state: OrderState): OrderEvent[] {
  const { orderId, paymentId, now } = command.data;
  const order = existing(state, orderId);
  if (order.status === 'awaiting-payment' && order.paymentId === paymentId) return [];
  if (order.status !== 'placed') refuseTransition(order, 'awaiting-payment');
  return [{ type: 'OrderAwaitingPayment', data: { orderId, customerId: order.customerId, paymentId, at: now.toISOString() } }];
}

function ofThisPayment(order: PlacedOrder, paymentId: string): void {
  if (order.paymentId !== paymentId) {
    throw ruleViolated('payment-mismatch', `Order ${order.orderId} awaits payment ${order.paymentId ?? '(none)'}, not ${paymentId}`, {
      orderId: order.orderId,
      paymentId,
    });
  }
}

export function markOrderPaid(command: Extract<OrderCommand, { type: 'MarkOrderPaid' }>, state: OrderState): OrderEvent[] {
  const { orderId, paymentId, now } = command.data;
  const order = existing(state, orderId);
  if (order.status === 'paid' && order.paymentId === paymentId) return [];
  if (order.status !== 'awaiting-payment') refuseTransition(order, 'paid');
  ofThisPayment(order, paymentId);
  return [{ type: 'OrderPaid', data: { orderId, customerId: order.customerId, paymentId, total: order.total, paidAt: now.toISOString() } }];
}

export function markOrderPaymentFailed(command: Extract<OrderCommand, { type: 'MarkOrderPaymentFailed' }>, state: OrderState): OrderEvent[] {
  const { orderId, paymentId, reason, now } = command.data;
  const order = existing(state, orderId);
  if (order.status === 'payment-failed' && order.paymentId === paymentId) return [];
  if (order.status !== 'awaiting-payment') refuseTransition(order, 'payment-failed');
  ofThisPayment(order, paymentId);
  return [{ type: 'OrderPaymentFailed', data: { orderId, customerId: order.customerId, paymentId, reason, failedAt: now.toISOString() } }];
}

export function cancelOrder(command: Extract<OrderCommand, { type: 'CancelOrder' }>, state: OrderState): OrderEvent[] {
  const { orderId, reason, now } = command.data;
  const order = existing(state, orderId);
  if (order.status === 'cancelled') return [];
  if (order.status !== 'placed' && order.status !== 'awaiting-payment') refuseTransition(order, 'cancelled');
  return [{ type: 'OrderCancelled', data: { orderId, customerId: order.customerId, reason, cancelledAt: now.toISOString() } }];
}

export function rejectOrder(command: Extract<OrderCommand, { type: 'RejectOrder' }>, state: OrderState): OrderEvent[] {
  const { orderId, reason, unavailable, now } = command.data;
  const order = existing(state, orderId);
  if (order.status === 'rejected') return [];
  if (order.status !== 'placed') refuseTransition(order, 'rejected');
  return [{ type: 'OrderRejected', data: { orderId, customerId: order.customerId, reason, unavailable: [...unavailable], rejectedAt: now.toISOString() } }];
}

/**
 * The money taken for an order went back, in full: a paid order refunded by the staff, or one
 * cancelled or failed whose payment the gateway took after all.
 */
export function markOrderRefunded(command: Extract<OrderCommand, { type: 'MarkOrderRefunded' }>, state: OrderState): OrderEvent[] {
  const { orderId, paymentId, refundId, amount, reason, now } = command.data;
  const order = existing(state, orderId);
  if (order.status === 'refunded') return [];
  if (!isPaidFor(order.status) && order.status !== 'cancelled' && order.status !== 'payment-failed') refuseTransition(order, 'refunded');
  return [{ type: 'OrderRefunded', data: { orderId, customerId: order.customerId, paymentId, refundId, amount, reason, refundedAt: now.toISOString() } }];
}

/** Only a paid order that travels (not one collected at the shop) is shipped, once. */
export function ensureShippable(order: PlacedOrder): void {
  if (order.shipment) throw ruleViolated('already-shipped', `Order ${order.orderId} left with parcel ${order.shipment.trackingNumber}`, { orderId: order.orderId, trackingNumber: order.shipment.trackingNumber });
  if (order.status !== 'paid') refuseTransition(order, 'shipped');
  if (!order.shipping) throw ruleViolated('not-shippable', `Order ${order.orderId} is collected at the shop: there is nothing to ship`, { orderId: order.orderId });
}

/** The label is bought for a paid order that travels; asked again with the same parcel, nothing new. */
export function shipOrder(command: Extract<OrderCommand, { type: 'ShipOrder' }>, state: OrderState): OrderEvent[] {
  const { orderId, shipment, now } = command.data;
  const order = existing(state, orderId);
  if (order.shipment?.trackingNumber === shipment.trackingNumber) return [];
  ensureShippable(order);
  return [{ type: 'OrderShipped', data: { orderId, customerId: order.customerId, ...shipment, shippedAt: now.toISOString() } }];
}

/**
 * The carrier's word: delivered moves the order on; any other update is kept as the parcel's
 * history while it travels. Carriers redeliver and reorder their webhooks: an event seen before, or
 * an update that comes after the delivery, records nothing.
 */
export function recordTrackingUpdate(command: Extract<OrderCommand, { type: 'RecordTrackingUpdate' }>, state: OrderState): OrderEvent[] {
  const { orderId, trackingNumber, trackingEventId, status, description, occurredAt } = command.data;
  const order = existing(state, orderId);
  if (!order.shipment || order.shipment.trackingNumber !== trackingNumber) {
    throw notFound('shipment-not-found', `Order ${orderId} has no parcel ${trackingNumber}`, { orderId, trackingNumber });
  }
  if (order.trackingEventIds?.includes(trackingEventId) || order.status !== 'shipped') return [];
  const said = description ? { description } : {};
  if (status === 'delivered') return [{ type: 'OrderDelivered', data: { orderId, customerId: order.customerId, trackingNumber, trackingEventId, ...said, deliveredAt: occurredAt } }];
  return [{ type: 'OrderTrackingUpdated', data: { orderId, customerId: order.customerId, trackingNumber, trackingEventId, status, ...said, occurredAt } }];
}

export function decideOrder(command: OrderCommand, state: OrderState): OrderEvent[] {
  switch (command.type) {
    case 'PlaceOrder':
      return placeOrder(command, state);
    case 'RecordOrderAwaitingPayment':
      return recordOrderAwaitingPayment(command, state);
    case 'MarkOrderPaid':
      return markOrderPaid(command, state);
    case 'MarkOrderPaymentFailed':
      return markOrderPaymentFailed(command, state);
    case 'CancelOrder':
      return cancelOrder(command, state);
    case 'RejectOrder':
      return rejectOrder(command, state);
    case 'MarkOrderRefunded':
      return markOrderRefunded(command, state);
    case 'ShipOrder':
      return shipOrder(command, state);
    case 'RecordTrackingUpdate':
      return recordTrackingUpdate(command, state);
    default:
      return unreachable(command);
  }
}

export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderPlaced') {
    const { orderId, customerId, lines, total, paymentMethod, paymentToken, shippingAddress, shipping } = event.data;
    return { status: 'placed', orderId, customerId, lines, total, paymentMethod, ...(paymentToken ? { paymentToken } : {}), shippingAddress, ...(shipping ? { shipping } : {}) };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'OrderAwaitingPayment':
      return { ...state, status: 'awaiting-payment', paymentId: event.data.paymentId };
    case 'OrderPaid':
      return { ...state, status: 'paid' };
    case 'OrderPaymentFailed':
      return { ...state, status: 'payment-failed' };
    case 'OrderCancelled':
      return { ...state, status: 'cancelled' };
    case 'OrderRejected':
      return { ...state, status: 'rejected' };
    case 'OrderRefunded':
      return { ...state, status: 'refunded' };
    case 'OrderShipped': {
      const { shipmentId, carrier, service, trackingNumber, labelUrl } = event.data;
      return { ...state, status: 'shipped', shipment: { shipmentId, carrier, service, trackingNumber, labelUrl } };
    }
    case 'OrderTrackingUpdated':
      return { ...state, trackingEventIds: [...(state.trackingEventIds ?? []), event.data.trackingEventId] };
    case 'OrderDelivered':
      return { ...state, status: 'delivered', trackingEventIds: [...(state.trackingEventIds ?? []), event.data.trackingEventId] };
    default:
      return unreachable(event);
  }
}

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  initialState: initialOrderState,
  decide: decideOrder,
  evolve: evolveOrder,
};
