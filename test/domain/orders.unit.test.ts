import { orderDecider, type OrderCommand, type OrderEvent } from '../../src/domain/orders/order';
import { deciderSpec } from '../support/decider-spec';

const now = new Date('2026-11-24T10:00:00.000Z');
const at = now.toISOString();
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const home = { line1: '1 Tea Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' };
const office = { line1: '9 Mill Lane', city: 'York', postalCode: 'YO1 7HH', country: 'GB' };
const spec = deciderSpec(orderDecider);

const catalog = {
  'TEA-001': { name: 'Sencha', unitPrice: eur(450), categoryId: 'green-tea', status: 'active' as const },
  'POT-002': { name: 'Kyusu teapot', unitPrice: eur(3_999), categoryId: 'teaware', status: 'active' as const },
  'OLD-003': { name: 'Old blend', unitPrice: eur(100), categoryId: 'black-tea', status: 'discontinued' as const },
  'USD-004': { name: 'Imported', unitPrice: { amount: 100, currency: 'USD' }, categoryId: 'black-tea', status: 'active' as const },
  'MUG-005': { name: 'Mug', unitPrice: eur(1_200), categoryId: 'teaware', status: 'active' as const, vendor: { vendorId: 'v-potter', status: 'active' as const } },
  'BOWL-006': { name: 'Bowl', unitPrice: eur(800), categoryId: 'teaware', status: 'active' as const, vendor: { vendorId: 'v-closed', status: 'suspended' as const } },
};
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
    now,
    ...overrides,
  },
});
const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: {
    orderId: 'o-1',
    customerId: 'c-1',
    lines: [
      { productCode: 'TEA-001', name: 'Sencha', quantity: 3, unitPrice: eur(450), lineTotal: eur(1_350) },
      { productCode: 'POT-002', name: 'Kyusu teapot', quantity: 1, unitPrice: eur(3_999), lineTotal: eur(3_999) },
    ],
    total: eur(5_349),
    paymentMethod: 'card',
    shippingAddress: home,
    placedAt: at,
  },
};
const awaiting: OrderEvent = { type: 'OrderAwaitingPayment', data: { orderId: 'o-1', customerId: 'c-1', paymentId: 'p-1', at } };
const paid: OrderEvent = { type: 'OrderPaid', data: { orderId: 'o-1', customerId: 'c-1', paymentId: 'p-1', total: eur(5_349), paidAt: at } };
const failed: OrderEvent = { type: 'OrderPaymentFailed', data: { orderId: 'o-1', customerId: 'c-1', paymentId: 'p-1', reason: 'declined', failedAt: at } };
const cancelled: OrderEvent = { type: 'OrderCancelled', data: { orderId: 'o-1', customerId: 'c-1', reason: 'changed my mind', cancelledAt: at } };
const rejected: OrderEvent = {
  type: 'OrderRejected',
  data: { orderId: 'o-1', customerId: 'c-1', reason: 'out-of-stock', unavailable: [{ productCode: 'POT-002', requested: 1, available: 0 }], rejectedAt: at },
};

const awaitPayment: OrderCommand = { type: 'RecordOrderAwaitingPayment', data: { orderId: 'o-1', paymentId: 'p-1', now } };
const markPaid: OrderCommand = { type: 'MarkOrderPaid', data: { orderId: 'o-1', paymentId: 'p-1', now } };
const markFailed: OrderCommand = { type: 'MarkOrderPaymentFailed', data: { orderId: 'o-1', paymentId: 'p-1', reason: 'declined', now } };
const cancel: OrderCommand = { type: 'CancelOrder', data: { orderId: 'o-1', reason: 'changed my mind', now } };
const reject: OrderCommand = { type: 'RejectOrder', data: { orderId: 'o-1', reason: 'out-of-stock', unavailable: [{ productCode: 'POT-002', requested: 1, available: 0 }], now } };

describe('order', () => {
  describe('placing', () => {
    it('captures names and prices from the catalog and totals in minor units, shipping to the customer by default', () => {
      spec.given([]).when(place()).then([placed]);
    });
    it('keeps the payment token the customer gave', () => {
      spec.given([]).when(place({ paymentToken: 'tok_declined' })).then([{ ...placed, data: { ...placed.data, paymentToken: 'tok_declined' } }]);
    });
    it('ships to another address when given one', () => {
      spec.given([]).when(place({ shippingAddress: office })).then([{ ...placed, data: { ...placed.data, shippingAddress: office } }]);
    });
    it('refuses an order id used before', () => {
      spec.given([placed]).when(place()).thenRefused('already-exists', 'order-exists');
    });
    it('refuses an unknown customer', () => {
      spec.given([]).when(place({ customer: null })).thenRefused('invalid-reference', 'customer-not-found');
    });
    it('refuses no lines, and more than fifty', () => {
      spec.given([]).when(place({ lines: [] })).thenRefused('rule-violated', 'invalid-order-lines');
      spec
        .given([])
        .when(place({ lines: Array.from({ length: 51 }, (_, i) => ({ productCode: `P-${i}`, quantity: 1 })) }))
        .thenRefused('rule-violated', 'invalid-order-lines');
    });
    it('refuses a product on two lines', () => {
      spec
        .given([])
        .when(place({ lines: [{ productCode: 'TEA-001', quantity: 1 }, { productCode: 'TEA-001', quantity: 2 }] }))
        .thenRefused('rule-violated', 'duplicate-order-line', { productCode: 'TEA-001' });
    });
    it('refuses a quantity below one', () => {
      spec.given([]).when(place({ lines: [{ productCode: 'TEA-001', quantity: 0 }] })).thenRefused('rule-violated', 'invalid-quantity');
    });
    it('refuses an unknown product', () => {
      spec.given([]).when(place({ lines: [{ productCode: 'NOPE', quantity: 1 }] })).thenRefused('invalid-reference', 'unknown-product', { productCode: 'NOPE' });
    });
    it('refuses a discontinued product', () => {
      spec.given([]).when(place({ lines: [{ productCode: 'OLD-003', quantity: 1 }] })).thenRefused('rule-violated', 'product-discontinued');
    });
    it("records each line's vendor: one order, one total, lines of the shop and of vendors", () => {
      spec
        .given([])
        .when(place({ lines: [{ productCode: 'TEA-001', quantity: 1 }, { productCode: 'MUG-005', quantity: 2 }] }))
        .then([
          {
            type: 'OrderPlaced',
            data: {
              ...placed.data,
              lines: [
                { productCode: 'TEA-001', name: 'Sencha', quantity: 1, unitPrice: eur(450), lineTotal: eur(450) },
                { productCode: 'MUG-005', name: 'Mug', quantity: 2, unitPrice: eur(1_200), lineTotal: eur(2_400), vendorId: 'v-potter' },
              ],
              total: eur(2_850),
            },
          },
        ]);
    });
    it('prices each line by the price book at the moment of ordering, recording the rule and the list price', () => {
      const teaware = { ruleId: 'r-teaware', name: 'Teaware week', scope: { kind: 'category' as const, categoryId: 'teaware' }, discount: { kind: 'percentage' as const, percent: 25 }, validFrom: null, validUntil: '2026-11-24T00:00:00.000Z', minQuantity: 1 };
      const dozen = { ruleId: 'r-dozen', name: 'Two or more mugs', scope: { kind: 'product' as const, productCode: 'MUG-005' }, discount: { kind: 'fixed' as const, amount: eur(200) }, validFrom: null, validUntil: null, minQuantity: 2 };
      spec
        .given([])
        // The teaware week ended this morning: only the quantity break applies.
        .when(place({ lines: [{ productCode: 'TEA-001', quantity: 1 }, { productCode: 'MUG-005', quantity: 2 }], priceRules: [teaware, dozen] }))
        .then([
          {
            type: 'OrderPlaced',
            data: {
              ...placed.data,
              lines: [
                { productCode: 'TEA-001', name: 'Sencha', quantity: 1, unitPrice: eur(450), lineTotal: eur(450) },
                { productCode: 'MUG-005', name: 'Mug', quantity: 2, unitPrice: eur(1_000), lineTotal: eur(2_000), vendorId: 'v-potter', priceRule: { ruleId: 'r-dozen', name: 'Two or more mugs' }, listPrice: eur(1_200) },
              ],
              total: eur(2_450),
            },
          },
        ]);
    });
    it('takes the price shown, and refuses a line whose price changed since, telling the new one', () => {
      spec.given([]).when(place({ lines: [{ productCode: 'TEA-001', quantity: 1, expectedUnitPrice: eur(450) }] })).then([
        { type: 'OrderPlaced', data: { ...placed.data, lines: [{ productCode: 'TEA-001', name: 'Sencha', quantity: 1, unitPrice: eur(450), lineTotal: eur(450) }], total: eur(450) } },
      ]);
      spec
        .given([])
        .when(place({ lines: [{ productCode: 'TEA-001', quantity: 1, expectedUnitPrice: eur(400) }] }))
        .thenRefused('rule-violated', 'price-changed', { productCode: 'TEA-001', expected: eur(400), price: eur(450) });
    });
    it('refuses a product of a suspended vendor', () => {
      spec.given([]).when(place({ lines: [{ productCode: 'TEA-001', quantity: 1 }, { productCode: 'BOWL-006', quantity: 1 }] })).thenRefused('rule-violated', 'vendor-suspended', { productCode: 'BOWL-006' });
    });
    it('refuses products priced in different currencies', () => {
      spec
        .given([])
        .when(place({ lines: [{ productCode: 'TEA-001', quantity: 1 }, { productCode: 'USD-004', quantity: 1 }] }))
        .thenRefused('rule-violated', 'mixed-currencies');
    });
  });

  describe('from placed', () => {
    it('awaits payment', () => spec.given([placed]).when(awaitPayment).then([awaiting]));
    it('is cancelled', () => spec.given([placed]).when(cancel).then([cancelled]));
    it('is rejected when out of stock, saying what was missing', () => spec.given([placed]).when(reject).then([rejected]));
    it('cannot be paid before it awaits payment', () => spec.given([placed]).when(markPaid).thenRefused('rule-violated', 'invalid-order-transition', { status: 'placed' }));
    it('cannot fail payment before it awaits payment', () => spec.given([placed]).when(markFailed).thenRefused('rule-violated', 'invalid-order-transition'));
  });

  describe('awaiting payment', () => {
    it('is paid', () => spec.given([placed, awaiting]).when(markPaid).then([paid]));
    it('fails payment', () => spec.given([placed, awaiting]).when(markFailed).then([failed]));
    it('is cancelled by the customer before payment', () => spec.given([placed, awaiting]).when(cancel).then([cancelled]));
    it('awaits the same payment only once', () => spec.given([placed, awaiting]).when(awaitPayment).thenNothingNew());
    it('refuses a second, different payment', () =>
      spec.given([placed, awaiting]).when({ type: 'RecordOrderAwaitingPayment', data: { orderId: 'o-1', paymentId: 'p-2', now } }).thenRefused('rule-violated', 'invalid-order-transition'));
    it('refuses the outcome of another payment', () =>
      spec.given([placed, awaiting]).when({ type: 'MarkOrderPaid', data: { orderId: 'o-1', paymentId: 'p-2', now } }).thenRefused('rule-violated', 'payment-mismatch'));
    it('cannot be rejected any more', () => spec.given([placed, awaiting]).when(reject).thenRefused('rule-violated', 'invalid-order-transition'));
  });

  describe('paid', () => {
    it('records the same payment only once', () => spec.given([placed, awaiting, paid]).when(markPaid).thenNothingNew());
    it.each([
      ['cancelled', cancel],
      ['failed', markFailed],
      ['rejected', reject],
    ] as const)('cannot be %s', (_name, command) => spec.given([placed, awaiting, paid]).when(command).thenRefused('rule-violated', 'invalid-order-transition', { status: 'paid' }));
  });

  describe('payment failed', () => {
    it('records the same failure only once', () => spec.given([placed, awaiting, failed]).when(markFailed).thenNothingNew());
    it('cannot be paid or cancelled', () => {
      spec.given([placed, awaiting, failed]).when(markPaid).thenRefused('rule-violated', 'invalid-order-transition');
      spec.given([placed, awaiting, failed]).when(cancel).thenRefused('rule-violated', 'invalid-order-transition');
    });
  });

  describe('cancelled or rejected', () => {
    it('cancels only once', () => spec.given([placed, cancelled]).when(cancel).thenNothingNew());
    it('rejects only once', () => spec.given([placed, rejected]).when(reject).thenNothingNew());
    it('cannot await payment any more', () => {
      spec.given([placed, cancelled]).when(awaitPayment).thenRefused('rule-violated', 'invalid-order-transition', { status: 'cancelled' });
      spec.given([placed, rejected]).when(awaitPayment).thenRefused('rule-violated', 'invalid-order-transition', { status: 'rejected' });
    });
    it('a rejected order cannot be cancelled', () => spec.given([placed, rejected]).when(cancel).thenRefused('rule-violated', 'invalid-order-transition'));
  });

  describe('refunded', () => {
    const markRefunded: OrderCommand = { type: 'MarkOrderRefunded', data: { orderId: 'o-1', paymentId: 'p-1', refundId: 'r-1', amount: eur(5_349), reason: 'paid after it expired', now } };
    const refunded: OrderEvent = { type: 'OrderRefunded', data: { orderId: 'o-1', customerId: 'c-1', paymentId: 'p-1', refundId: 'r-1', amount: eur(5_349), reason: 'paid after it expired', refundedAt: at } };
    it('records a refund in full of a paid, failed or cancelled order', () => {
      spec.given([placed, awaiting, paid]).when(markRefunded).then([refunded]);
      spec.given([placed, awaiting, failed]).when(markRefunded).then([refunded]);
      spec.given([placed, awaiting, cancelled]).when(markRefunded).then([refunded]);
    });
    it('records it once', () => spec.given([placed, awaiting, failed, refunded]).when(markRefunded).thenNothingNew());
    it('cannot refund an order that took no money yet, or was rejected', () => {
      spec.given([placed, awaiting]).when(markRefunded).thenRefused('rule-violated', 'invalid-order-transition');
      spec.given([placed, rejected]).when(markRefunded).thenRefused('rule-violated', 'invalid-order-transition');
    });
    it('is not paid or cancelled afterwards', () => {
      spec.given([placed, awaiting, failed, refunded]).when(markPaid).thenRefused('rule-violated', 'invalid-order-transition');
      spec.given([placed, awaiting, failed, refunded]).when(cancel).thenRefused('rule-violated', 'invalid-order-transition');
    });
  });

  describe('unknown', () => {
    it.each([
      ['RecordOrderAwaitingPayment', awaitPayment],
      ['MarkOrderPaid', markPaid],
      ['MarkOrderPaymentFailed', markFailed],
      ['CancelOrder', cancel],
      ['RejectOrder', reject],
    ] as const)('refuses %s', (_name, command) => spec.given([]).when(command).thenRefused('not-found', 'order-not-found'));
  });
});
