import { orderDecider, parcelWeightGrams, type OrderCommand, type OrderEvent, type QuotedRate } from '../../src/domain/orders/order';
import { deciderSpec } from '../support/decider-spec';

/** Shipping an order, given/when/then: its cost in the total, the label, and the carrier's word by webhook. */
const now = new Date('2026-11-26T10:00:00.000Z');
const at = now.toISOString();
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const home = { line1: '1 Tea Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' };
const spec = deciderSpec(orderDecider);

const catalog = {
  'TEA-001': { name: 'Sencha', unitPrice: eur(450), categoryId: 'green-tea', status: 'active' as const, weightGrams: 120 },
  'POT-002': { name: 'Kyusu teapot', unitPrice: eur(3_999), categoryId: 'teaware', status: 'active' as const },
};
const rates: QuotedRate[] = [
  { service: 'standard', carrier: 'Sandbox Post', cost: eur(990), estimatedDays: 5 },
  { service: 'express', carrier: 'Sandbox Express', cost: eur(1_990), estimatedDays: 2 },
];
const place = (overrides: Partial<Extract<OrderCommand, { type: 'PlaceOrder' }>['data']> = {}): OrderCommand => ({
  type: 'PlaceOrder',
  data: {
    orderId: 'o-1',
    customer: { customerId: 'c-1', shippingAddress: home },
    lines: [
      { productCode: 'TEA-001', quantity: 3 },
      { productCode: 'POT-002', quantity: 1 },
    ],
    catalog,
    priceRules: [],
    paymentMethod: 'card',
    delivery: 'standard',
    shippingRates: rates,
    now,
    ...overrides,
  },
});
const lines = [
  { productCode: 'TEA-001', name: 'Sencha', quantity: 3, unitPrice: eur(450), lineTotal: eur(1_350) },
  { productCode: 'POT-002', name: 'Kyusu teapot', quantity: 1, unitPrice: eur(3_999), lineTotal: eur(3_999) },
];
// 3 × 120 g of tea and a teapot of unrecorded weight (500 g).
const shipping = { service: 'standard' as const, carrier: 'Sandbox Post', cost: eur(990), estimatedDays: 5, weightGrams: 860 };
const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: { orderId: 'o-1', customerId: 'c-1', lines, total: eur(5_349 + 990), paymentMethod: 'card', shippingAddress: home, shipping, placedAt: at },
};
const pickedUp: OrderEvent = { type: 'OrderPlaced', data: { ...placed.data, total: eur(5_349) } };
delete (pickedUp.data as { shipping?: unknown }).shipping;
const awaiting: OrderEvent = { type: 'OrderAwaitingPayment', data: { orderId: 'o-1', customerId: 'c-1', paymentId: 'p-1', at } };
const paid: OrderEvent = { type: 'OrderPaid', data: { orderId: 'o-1', customerId: 'c-1', paymentId: 'p-1', total: eur(6_339), paidAt: at } };
const shipment = { shipmentId: 's-1', carrier: 'Sandbox Post', service: 'standard' as const, trackingNumber: 'SBX123', labelUrl: 'https://labels.example.invalid/SBX123.pdf' };
const ship: OrderCommand = { type: 'ShipOrder', data: { orderId: 'o-1', shipment, now } };
const shipped: OrderEvent = { type: 'OrderShipped', data: { orderId: 'o-1', customerId: 'c-1', ...shipment, shippedAt: at } };
const track = (trackingEventId: string, status: 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception', trackingNumber = 'SBX123'): OrderCommand => ({
  type: 'RecordTrackingUpdate',
  data: { orderId: 'o-1', trackingNumber, trackingEventId, status, description: 'by the carrier', occurredAt: '2026-11-27T08:00:00.000Z', now },
});
const inTransit: OrderEvent = {
  type: 'OrderTrackingUpdated',
  data: { orderId: 'o-1', customerId: 'c-1', trackingNumber: 'SBX123', trackingEventId: 'e-1', status: 'in_transit', description: 'by the carrier', occurredAt: '2026-11-27T08:00:00.000Z' },
};
const delivered: OrderEvent = {
  type: 'OrderDelivered',
  data: { orderId: 'o-1', customerId: 'c-1', trackingNumber: 'SBX123', trackingEventId: 'e-3', description: 'by the carrier', deliveredAt: '2026-11-27T08:00:00.000Z' },
};

describe('order shipping', () => {
  describe('placing', () => {
    it('weighs the parcel (unrecorded weights as 500 g) and adds the chosen service to the total', () => {
      expect(parcelWeightGrams([{ productCode: 'TEA-001', quantity: 3 }, { productCode: 'POT-002', quantity: 1 }], catalog)).toBe(860);
      spec.given([]).when(place()).then([placed]);
    });
    it('charges express at its own rate', () => {
      const express = { ...rates[1]!, weightGrams: 860 };
      spec.given([]).when(place({ delivery: 'express' })).then([{ ...placed, data: { ...placed.data, shipping: express, total: eur(5_349 + 1_990) } }]);
    });
    it('costs nothing when collected at the shop, the default (orders placed before shipping existed kept their totals)', () => {
      spec.given([]).when(place({ delivery: undefined, shippingRates: [] })).then([pickedUp]);
      spec.given([]).when(place({ delivery: 'pickup', expectedShippingCost: eur(0) })).then([pickedUp]);
    });
    it('charges the cost shown, or refuses with the new one', () => {
      spec.given([]).when(place({ expectedShippingCost: eur(990) })).then([placed]);
      spec.given([]).when(place({ expectedShippingCost: eur(490) })).thenRefused('rule-violated', 'shipping-changed');
      spec.given([]).when(place({ delivery: 'pickup', expectedShippingCost: eur(490) })).thenRefused('rule-violated', 'shipping-changed');
    });
    it('refuses a service the carrier does not offer for that parcel and address', () => {
      spec.given([]).when(place({ shippingRates: [] })).thenRefused('rule-violated', 'not-shippable');
      spec.given([]).when(place({ delivery: 'express', shippingRates: [rates[0]!] })).thenRefused('rule-violated', 'not-shippable');
    });
    it('refuses shipping quoted in another currency than the goods', () => {
      spec.given([]).when(place({ shippingRates: [{ ...rates[0]!, cost: { amount: 990, currency: 'GBP' } }] })).thenRefused('rule-violated', 'mixed-currencies');
    });
  });

  describe('shipping', () => {
    it('ships a paid order with its label', () => spec.given([placed, awaiting, paid]).when(ship).then([shipped]));
    it('ships it once: the same parcel again records nothing, another is refused', () => {
      spec.given([placed, awaiting, paid, shipped]).when(ship).thenNothingNew();
      spec.given([placed, awaiting, paid, shipped]).when({ type: 'ShipOrder', data: { orderId: 'o-1', shipment: { ...shipment, trackingNumber: 'SBX999' }, now } }).thenRefused('rule-violated', 'already-shipped');
    });
    it('ships nothing unpaid, nor an order collected at the shop', () => {
      spec.given([placed]).when(ship).thenRefused('rule-violated', 'invalid-order-transition');
      spec.given([placed, awaiting]).when(ship).thenRefused('rule-violated', 'invalid-order-transition');
      spec.given([pickedUp, awaiting, paid]).when(ship).thenRefused('rule-violated', 'not-shippable');
    });
    it('refuses an unknown order', () => spec.given([]).when(ship).thenRefused('not-found', 'order-not-found'));
  });

  describe("the carrier's word", () => {
    it('keeps updates while the parcel travels, and delivers it', () => {
      spec.given([placed, awaiting, paid, shipped]).when(track('e-1', 'in_transit')).then([inTransit]);
      spec.given([placed, awaiting, paid, shipped, inTransit]).when(track('e-3', 'delivered')).then([delivered]);
    });
    it('records a redelivered event once', () => {
      spec.given([placed, awaiting, paid, shipped, inTransit]).when(track('e-1', 'in_transit')).thenNothingNew();
      spec.given([placed, awaiting, paid, shipped, inTransit, delivered]).when(track('e-3', 'delivered')).thenNothingNew();
    });
    it('ignores an update that arrives after the delivery (carriers reorder their webhooks)', () => {
      spec.given([placed, awaiting, paid, shipped, delivered]).when(track('e-2', 'out_for_delivery')).thenNothingNew();
    });
    it('keeps an exception as an update: the order stays shipped until delivered', () => {
      const exception = { ...inTransit, data: { ...inTransit.data, trackingEventId: 'e-9', status: 'exception' as const } };
      spec.given([placed, awaiting, paid, shipped]).when(track('e-9', 'exception')).then([exception]);
    });
    it('refuses word of another parcel, or of an order not shipped', () => {
      spec.given([placed, awaiting, paid, shipped]).when(track('e-1', 'in_transit', 'SBX999')).thenRefused('not-found', 'shipment-not-found');
      spec.given([placed, awaiting, paid]).when(track('e-1', 'in_transit')).thenRefused('not-found', 'shipment-not-found');
    });
  });

  describe('refunds', () => {
    const refund: OrderCommand = { type: 'MarkOrderRefunded', data: { orderId: 'o-1', paymentId: 'p-1', refundId: 'r-1', amount: eur(6_339), reason: 'returned', now } };
    it('refunds a shipped or delivered order (the goods came back)', () => {
      spec.given([placed, awaiting, paid, shipped]).when(refund).then([{ type: 'OrderRefunded', data: { orderId: 'o-1', customerId: 'c-1', paymentId: 'p-1', refundId: 'r-1', amount: eur(6_339), reason: 'returned', refundedAt: at } }]);
      spec.given([placed, awaiting, paid, shipped, delivered]).when(refund).then([{ type: 'OrderRefunded', data: { orderId: 'o-1', customerId: 'c-1', paymentId: 'p-1', refundId: 'r-1', amount: eur(6_339), reason: 'returned', refundedAt: at } }]);
    });
  });
});
