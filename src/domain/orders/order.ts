import { alreadyExists, invalidReference, notFound, ruleViolated } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';
import { money, multiply, sum, type Money } from '../shared/money';
import type { PostalAddress } from '../shared/address';
import type { PriceRule } from '../pricing/price-book';
import { priceOf } from '../pricing/pricing';

export const maxOrderLines = 50;
export const paymentMethods = ['card', 'paypal', 'bank-transfer'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export type OrderStatus = 'placed' | 'awaiting-payment' | 'paid' | 'payment-failed' | 'cancelled' | 'rejected' | 'refunded';

/** A product as the catalog showed it when the order was placed; the handler looks it up. */
export interface CatalogEntry {
  readonly name: string;
  /** The list price, before any price rule. */
  readonly unitPrice: Money;
  readonly categoryId: string;
  readonly status: 'active' | 'discontinued';
  /** The vendor selling it, and whether it may sell now; none for the shop's own products. */
  readonly vendor?: { readonly vendorId: string; readonly status: 'active' | 'suspended' };
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
        now: Date;
      };
    }
  | { type: 'RecordOrderAwaitingPayment'; data: { orderId: string; paymentId: string; now: Date } }
  | { type: 'MarkOrderPaid'; data: { orderId: string; paymentId: string; now: Date } }
  | { type: 'MarkOrderPaymentFailed'; data: { orderId: string; paymentId: string; reason: string; now: Date } }
  | { type: 'CancelOrder'; data: { orderId: string; reason: string; now: Date } }
  | { type: 'RejectOrder'; data: { orderId: string; reason: 'out-of-stock'; unavailable: readonly UnavailableLine[]; now: Date } }
  /** The money taken for it went back to the customer, all of it. */
  | { type: 'MarkOrderRefunded'; data: { orderId: string; paymentId: string; refundId: string; amount: Money; reason: string; now: Date } };

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
  | { type: 'OrderRefunded'; data: { orderId: string; customerId: string; paymentId: string; refundId: string; amount: Money; reason: string; refundedAt: string } };

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
  const total = sum(
    priced.map((line) => line.lineTotal),
    currency,
  );
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
        placedAt: now.toISOString(),
      },
    },
  ];
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
  if (order.status !== 'paid' && order.status !== 'cancelled' && order.status !== 'payment-failed') refuseTransition(order, 'refunded');
  return [{ type: 'OrderRefunded', data: { orderId, customerId: order.customerId, paymentId, refundId, amount, reason, refundedAt: now.toISOString() } }];
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
    default:
      return unreachable(command);
  }
}

export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderPlaced') {
    const { orderId, customerId, lines, total, paymentMethod, paymentToken, shippingAddress } = event.data;
    return { status: 'placed', orderId, customerId, lines, total, paymentMethod, ...(paymentToken ? { paymentToken } : {}), shippingAddress };
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
    default:
      return unreachable(event);
  }
}

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  initialState: initialOrderState,
  decide: decideOrder,
  evolve: evolveOrder,
};
