import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../../src/event-store/event-store';
import { applyToDocuments, type DocumentProjection } from '../../src/projections/document-projection';
import { InMemoryDocumentStore } from '../../src/projections/in-memory-document-store';
import { catalogProjection } from '../../src/projections/read-models/catalog';
import { customersProjection } from '../../src/projections/read-models/customers';
import { orderHistoryProjection } from '../../src/projections/read-models/order-history';
import { notificationsProjection } from '../../src/projections/read-models/notifications';
import { paymentsProjection } from '../../src/projections/read-models/payments';
import { staffAccountsProjection } from '../../src/projections/read-models/staff-accounts';
import { vendorsProjection } from '../../src/projections/read-models/vendors';
import { vendorOrderLinesProjection, type VendorOrderLines } from '../../src/projections/read-models/vendor-order-lines';
import { priceRulesProjection } from '../../src/projections/read-models/price-rules';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const address = { line1: '1 Tea Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' };
let position = 0;
/** A recorded event as the store would deliver it, at the next position. */
function recorded(streamId: string, type: string, data: Record<string, unknown>): RecordedEvent {
  position++;
  return { id: randomUUID(), type, data: data as never, metadata: {}, streamId, revision: 0, position, checkpoint: { commit: position, position }, recordedAt: new Date(), hash: '', previousHash: null };
}

/** Given these events (each batch as delivered), then the documents are… */
async function project<Doc>(projection: DocumentProjection<Doc>, batches: RecordedEvent[][]): Promise<Map<string, Doc>> {
  const store = new InMemoryDocumentStore();
  await store.ensureCollection(projection.collection);
  for (const batch of batches) await applyToDocuments(store, projection.collection.name, projection, batch);
  return store.dump<Doc>(projection.collection.name);
}

describe('catalog read model', () => {
  const added = recorded('product-TEA-1', 'ProductAdded', { code: 'TEA-1', name: 'Sencha', description: 'Steamed', categoryId: 'green', categoryName: 'Green', price: eur(450), lowStockThreshold: 3, addedAt: 't' });
  const received = recorded('inventory-TEA-1', 'StockReceived', { code: 'TEA-1', quantity: 10, onHand: 10, receivedAt: 't' });
  const reserved = recorded('inventory-TEA-1', 'StockReserved', { code: 'TEA-1', orderId: 'o-1', quantity: 8, available: 2, reservedAt: 't' });

  it('joins catalog details and stock, with availability and the low-stock flag', async () => {
    const documents = await project(catalogProjection, [[added, received, reserved]]);
    expect(documents.get('TEA-1')).toEqual({
      code: 'TEA-1',
      name: 'Sencha',
      description: 'Steamed',
      category: { id: 'green', name: 'Green' },
      price: eur(450),
      onHand: 10,
      reserved: 8,
      available: 2,
      lowStockThreshold: 3,
      lowStock: true,
      status: 'active',
      vendor: null,
      nameKey: 'sencha',
      searchText: 'tea-1 sencha steamed',
    });
  });

  it('counts an event delivered twice once', async () => {
    const once = await project(catalogProjection, [[added, received, reserved]]);
    const twice = await project(catalogProjection, [[added, received], [received, reserved], [reserved]]);
    expect(twice).toEqual(once);
  });

  it('follows price, details, commits, releases, adjustments and discontinuation', async () => {
    const documents = await project(catalogProjection, [
      [
        added,
        received,
        reserved,
        recorded('inventory-TEA-1', 'ReservationCommitted', { code: 'TEA-1', orderId: 'o-1', quantity: 8, onHand: 2, committedAt: 't' }),
        recorded('product-TEA-1', 'ProductPriceChanged', { code: 'TEA-1', previousPrice: eur(450), price: eur(500), changedAt: 't' }),
        recorded('product-TEA-1', 'ProductDetailsUpdated', { code: 'TEA-1', changes: { name: 'Sencha Superior', categoryId: 'japan', categoryName: 'Japan' }, updatedAt: 't' }),
        recorded('inventory-TEA-1', 'StockAdjusted', { code: 'TEA-1', previousOnHand: 2, onHand: 20, reason: 'count', adjustedAt: 't' }),
        recorded('product-TEA-1', 'ProductDiscontinued', { code: 'TEA-1', reason: 'x', discontinuedAt: 't' }),
      ],
    ]);
    expect(documents.get('TEA-1')).toMatchObject({ name: 'Sencha Superior', category: { id: 'japan', name: 'Japan' }, price: eur(500), onHand: 20, reserved: 0, available: 20, lowStock: false, status: 'discontinued' });
  });

  it("shows each product's vendor, and follows the vendor's name and standing on all of its products", async () => {
    const ofVendor = (code: string, vendorId: string, vendorName: string) =>
      recorded(`product-${code}`, 'ProductAdded', { code, name: code, description: '', categoryId: 'cups', categoryName: 'Cups', price: eur(1_200), lowStockThreshold: 0, vendorId, vendorName, addedAt: 't' });
    const vendorEvent = (type: string, data: Record<string, unknown>) => recorded('vendor-v1', type, { vendorId: 'v1', ...data });
    const documents = await project(catalogProjection, [
      [added, ofVendor('MUG-1', 'v1', 'Potter'), ofVendor('BOWL-1', 'v2', 'Kiln')],
      [ofVendor('MUG-2', 'v1', 'Potter'), vendorEvent('VendorProfileUpdated', { name: 'Potter & Sons', contactEmail: 'x@y.z', updatedAt: 't' })],
      [vendorEvent('VendorSuspended', { reason: 'fees', suspendedBy: { id: 'a', role: 'admin' }, suspendedAt: 't' })],
    ]);
    // Renamed and suspended, both products of v1 show it, the one added in the same batch as the renaming too.
    for (const code of ['MUG-1', 'MUG-2']) expect(documents.get(code)!.vendor).toEqual({ id: 'v1', name: 'Potter & Sons', status: 'suspended' });
    expect(documents.get('BOWL-1')!.vendor).toEqual({ id: 'v2', name: 'Kiln', status: 'active' });
    expect(documents.get('TEA-1')!.vendor).toBeNull();

    const reinstated = await project(catalogProjection, [[ofVendor('MUG-1', 'v1', 'Potter')], [vendorEvent('VendorSuspended', { reason: 'fees', suspendedBy: { id: 'a', role: 'admin' }, suspendedAt: 't' }), vendorEvent('VendorReinstated', { reinstatedBy: { id: 'a', role: 'admin' }, reinstatedAt: 't' })]]);
    expect(reinstated.get('MUG-1')!.vendor).toMatchObject({ status: 'active' });
  });
});

describe('customers read model', () => {
  const customerId = 'c-1';
  const registered = recorded('customer-c-1', 'CustomerRegistered', { customerId, firstName: 'Ann', lastName: 'Lee', email: 'ann@example.org', shippingAddress: address, registeredAt: '2026-11-01T00:00:00Z' });
  const placed = (orderId: string, amount: number, at: string) =>
    recorded(`order-${orderId}`, 'OrderPlaced', { orderId, customerId, lines: [], total: eur(amount), paymentMethod: 'card', shippingAddress: address, placedAt: at });
  const paid = (orderId: string, amount: number) => recorded(`order-${orderId}`, 'OrderPaid', { orderId, customerId, paymentId: 'p', total: eur(amount), paidAt: 't' });

  it('sums paid orders only, counts all, and follows the last order', async () => {
    const first = placed('o-1', 1_000, '2026-11-02T00:00:00Z');
    const firstPaid = paid('o-1', 1_000);
    const second = placed('o-2', 2_500, '2026-11-03T00:00:00Z');
    const documents = await project(customersProjection, [[registered, first, firstPaid], [firstPaid, second]]);
    expect(documents.get(customerId)).toEqual({
      customerId,
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@example.org',
      shippingAddress: address,
      registeredAt: '2026-11-01T00:00:00Z',
      orders: { count: 2, totalSpent: [eur(1_000)], lastOrder: { orderId: 'o-2', placedAt: '2026-11-03T00:00:00Z', status: 'placed', total: eur(2_500) } },
    });
  });

  it('follows address and email changes', async () => {
    const moved = { ...address, line1: '9 Mill Lane' };
    const documents = await project(customersProjection, [
      [
        registered,
        recorded('customer-c-1', 'ShippingAddressChanged', { customerId, shippingAddress: moved, changedAt: 't' }),
        recorded('customer-c-1', 'CustomerEmailChanged', { customerId, previousEmail: 'ann@example.org', email: 'ann.lee@example.org', changedAt: 't' }),
      ],
    ]);
    expect(documents.get(customerId)).toMatchObject({ shippingAddress: moved, email: 'ann.lee@example.org' });
  });
});

describe('order history read model', () => {
  const orderId = 'o-9';
  const placed = recorded('order-o-9', 'OrderPlaced', {
    orderId,
    customerId: 'c-1',
    lines: [{ productCode: 'TEA-1', name: 'Sencha', quantity: 2, unitPrice: eur(450), lineTotal: eur(900) }],
    total: eur(900),
    paymentMethod: 'card',
    shippingAddress: address,
    placedAt: '2026-11-24T10:00:00Z',
  });
  const awaiting = recorded('order-o-9', 'OrderAwaitingPayment', { orderId, customerId: 'c-1', paymentId: 'p-1', at: '2026-11-24T10:00:01Z' });
  const failed = recorded('order-o-9', 'OrderPaymentFailed', { orderId, customerId: 'c-1', paymentId: 'p-1', reason: 'declined', failedAt: '2026-11-24T10:00:05Z' });

  it('keeps the order with its status timeline, and one event delivered twice changes nothing', async () => {
    const documents = await project(orderHistoryProjection, [[placed, awaiting], [awaiting, failed], [failed]]);
    expect(documents.get(orderId)).toEqual({
      orderId,
      customerId: 'c-1',
      lines: [{ productCode: 'TEA-1', name: 'Sencha', quantity: 2, unitPrice: eur(450), lineTotal: eur(900) }],
      total: eur(900),
      paymentMethod: 'card',
      shippingAddress: address,
      status: 'payment-failed',
      placedAt: '2026-11-24T10:00:00Z',
      paymentId: 'p-1',
      timeline: [
        { status: 'placed', at: '2026-11-24T10:00:00Z' },
        { status: 'awaiting-payment', at: '2026-11-24T10:00:01Z', paymentId: 'p-1' },
        { status: 'payment-failed', at: '2026-11-24T10:00:05Z', reason: 'declined', paymentId: 'p-1' },
      ],
    });
  });
});

describe('payments read model', () => {
  const base = { paymentId: 'p-2', orderId: 'o-2', amount: eur(900), method: 'card' };
  const requested = recorded('payment-p-2', 'PaymentRequested', { ...base, requestedAt: '2026-11-24T10:00:00Z' });
  const submitted = recorded('payment-p-2', 'PaymentSubmitted', { paymentId: 'p-2', orderId: 'o-2', gatewayReference: 'gw_7', submittedAt: '2026-11-24T10:00:01Z' });
  const failed = recorded('payment-p-2', 'PaymentFailed', { ...base, reason: 'The card was declined', failedAt: '2026-11-24T10:00:02Z' });

  it('follows a payment from request to outcome, and one event delivered twice changes nothing', async () => {
    const documents = await project(paymentsProjection, [[requested, submitted], [submitted, failed], [failed]]);
    expect(documents.get('p-2')).toEqual({
      ...base,
      status: 'failed',
      gatewayReference: 'gw_7',
      failureReason: 'The card was declined',
      requestedAt: '2026-11-24T10:00:00Z',
      submittedAt: '2026-11-24T10:00:01Z',
      settledAt: '2026-11-24T10:00:02Z',
    });
  });

  it('shows a payment submitted so far as submitted, with the gateway reference', async () => {
    const documents = await project(paymentsProjection, [[requested, submitted]]);
    expect(documents.get('p-2')).toMatchObject({ status: 'submitted', gatewayReference: 'gw_7', settledAt: null });
  });
});

describe('notifications read model', () => {
  const message = { to: 'ada@example.test', subject: 'Your order is paid', text: 't', html: 'h', messageId: '<m@x>', purpose: 'payment-succeeded', causeEventId: 'e' };
  const requested = (id: string) => recorded(`notification-${id}`, 'EmailRequested', { notificationId: id, ...message, requestedAt: '2026-11-25T10:00:00.000Z' });
  const failed = (id: string, attempt: number, permanent: boolean) =>
    recorded(`notification-${id}`, 'EmailDeliveryFailed', { notificationId: id, attempt, error: permanent ? '550 no such user' : '421 try later', permanent, failedAt: `2026-11-25T10:0${attempt}:00.000Z` });

  it('follows an email from asked for to sent, retrying or refused for good, without its body', async () => {
    // Made in log order: each recorded event takes the next position.
    const first = [requested('n1'), failed('n1', 1, false), recorded('notification-n1', 'EmailSent', { notificationId: 'n1', attempts: 2, sentAt: '2026-11-25T10:05:00.000Z' })];
    const documents = await project(notificationsProjection, [first, [requested('n2'), failed('n2', 1, false)], [requested('n3'), failed('n3', 1, true)]]);
    expect(documents.get('n1')).toEqual({ notificationId: 'n1', to: message.to, subject: message.subject, purpose: 'payment-succeeded', status: 'sent', attempts: 2, lastError: '421 try later', requestedAt: '2026-11-25T10:00:00.000Z', updatedAt: '2026-11-25T10:05:00.000Z' });
    expect(documents.get('n2')).toMatchObject({ status: 'retrying', attempts: 1, lastError: '421 try later' });
    expect(documents.get('n3')).toMatchObject({ status: 'failed', lastError: '550 no such user' });
    expect(JSON.stringify([...documents.values()])).not.toContain('"html"');
  });

  it('does not take a failure reported after the email left for the last word', async () => {
    const asked = requested('n4');
    const sent = recorded('notification-n4', 'EmailSent', { notificationId: 'n4', attempts: 1, sentAt: '2026-11-25T10:05:00.000Z' });
    const documents = await project(notificationsProjection, [[asked, sent, failed('n4', 1, false)]]);
    expect(documents.get('n4')).toMatchObject({ status: 'sent' });
  });
});

describe('staff accounts read model', () => {
  const created = (id: string, role: string) => recorded(`account-${id}`, 'AccountCreated', { accountId: id, email: `${id}@shop.test`, role, passwordHash: 'scrypt$secret', createdAt: '2026-11-25T09:00:00.000Z' });

  it('lists staff, admins and auditors with their role and status, never customers nor a password hash', async () => {
    const documents = await project(staffAccountsProjection, [
      [created('s1', 'staff'), created('c1', 'customer'), created('a1', 'admin')],
      [recorded('account-s1', 'AccountRoleChanged', { accountId: 's1', previousRole: 'staff', role: 'auditor', changedAt: 't' }), recorded('account-a1', 'AccountDisabled', { accountId: 'a1', reason: 'left', disabledAt: 't' })],
    ]);
    expect([...documents.keys()].sort()).toEqual(['a1', 's1']);
    expect(documents.get('s1')).toEqual({ accountId: 's1', email: 's1@shop.test', role: 'auditor', status: 'active', createdAt: '2026-11-25T09:00:00.000Z' });
    expect(documents.get('a1')).toMatchObject({ role: 'admin', status: 'disabled' });
    expect(JSON.stringify([...documents.values()])).not.toContain('scrypt');
  });

  it("lists vendors' accounts with their vendor", async () => {
    const seller = recorded('account-v1', 'AccountCreated', { accountId: 'v1', email: 'v1@vendor.test', role: 'vendor', vendorId: 'vendor-9', passwordHash: 'scrypt$secret', createdAt: '2026-11-25T09:00:00.000Z' });
    const documents = await project(staffAccountsProjection, [[seller, created('s1', 'staff')]]);
    expect(documents.get('v1')).toEqual({ accountId: 'v1', email: 'v1@vendor.test', role: 'vendor', vendorId: 'vendor-9', status: 'active', createdAt: '2026-11-25T09:00:00.000Z' });
    expect(documents.get('s1')).not.toHaveProperty('vendorId');
  });
});

describe('vendors read model', () => {
  const admin = { id: 'a1', role: 'admin' };
  const onboarded = (id: string, name: string) => recorded(`vendor-${id}`, 'VendorOnboarded', { vendorId: id, name, contactEmail: `sales@${id}.example`, onboardedBy: admin, onboardedAt: '2026-11-26T09:00:00.000Z' });

  it('shows each vendor with its profile, and why it is suspended while it is', async () => {
    const documents = await project(vendorsProjection, [
      [onboarded('v1', 'Leaf & Co'), onboarded('v2', 'Pot Works')],
      [
        recorded('vendor-v1', 'VendorProfileUpdated', { vendorId: 'v1', name: 'Leaf and Co', contactEmail: 'orders@v1.example', updatedAt: '2026-11-26T10:00:00.000Z' }),
        recorded('vendor-v2', 'VendorSuspended', { vendorId: 'v2', reason: 'unpaid fees', suspendedBy: admin, suspendedAt: '2026-11-26T11:00:00.000Z' }),
      ],
    ]);
    expect(documents.get('v1')).toEqual({ vendorId: 'v1', name: 'Leaf and Co', contactEmail: 'orders@v1.example', status: 'active', suspendedReason: null, onboardedAt: '2026-11-26T09:00:00.000Z', updatedAt: '2026-11-26T10:00:00.000Z' });
    expect(documents.get('v2')).toMatchObject({ status: 'suspended', suspendedReason: 'unpaid fees', updatedAt: '2026-11-26T11:00:00.000Z' });
    const reinstated = await project(vendorsProjection, [[onboarded('v2', 'Pot Works')], [recorded('vendor-v2', 'VendorSuspended', { vendorId: 'v2', reason: 'r', suspendedBy: admin, suspendedAt: 't1' }), recorded('vendor-v2', 'VendorReinstated', { vendorId: 'v2', reinstatedBy: admin, reinstatedAt: 't2' })]]);
    expect(reinstated.get('v2')).toMatchObject({ status: 'active', suspendedReason: null, updatedAt: 't2' });
  });
});

describe('vendor order lines read model', () => {
  const line = (productCode: string, lineTotal: number, vendorId?: string) => ({ productCode, name: productCode, quantity: 1, unitPrice: eur(lineTotal), lineTotal: eur(lineTotal), ...(vendorId ? { vendorId } : {}) });
  const placed = recorded('order-o1', 'OrderPlaced', {
    orderId: 'o1',
    customerId: 'c1',
    lines: [line('TEA', 450), line('MUG', 1_200, 'v1'), line('BOWL', 800, 'v2'), line('CUP', 300, 'v1')],
    total: eur(2_750),
    paymentMethod: 'card',
    shippingAddress: address,
    placedAt: '2026-11-26T10:00:00.000Z',
  });

  it("gives each vendor of an order its own lines and subtotal, nothing of the customer, and follows the order's status", async () => {
    const documents = await project(vendorOrderLinesProjection, [
      [placed, recorded('order-o1', 'OrderAwaitingPayment', { orderId: 'o1', customerId: 'c1', paymentId: 'p1', at: '2026-11-26T10:00:01.000Z' })],
      [recorded('order-o1', 'OrderPaid', { orderId: 'o1', customerId: 'c1', paymentId: 'p1', total: eur(2_750), paidAt: '2026-11-26T10:00:05.000Z' })],
    ]);
    expect([...documents.keys()].sort()).toEqual(['o1:v1', 'o1:v2']);
    expect(documents.get('o1:v1')).toEqual({
      id: 'o1:v1',
      orderId: 'o1',
      vendorId: 'v1',
      lines: [line('MUG', 1_200, 'v1'), line('CUP', 300, 'v1')],
      subtotal: eur(1_500),
      status: 'paid',
      placedAt: '2026-11-26T10:00:00.000Z',
      updatedAt: '2026-11-26T10:00:05.000Z',
    });
    expect(documents.get('o1:v2')).toMatchObject({ lines: [line('BOWL', 800, 'v2')], subtotal: eur(800), status: 'paid' });
    const shown = JSON.stringify([...documents.values()]);
    for (const personal of ['c1', 'Tea Street', 'p1', 'card']) expect(shown).not.toContain(personal);
  });

  it("finds a batch's orders' documents in one lookup, each order still changing only its own", async () => {
    const store = new InMemoryDocumentStore();
    await store.ensureCollection(vendorOrderLinesProjection.collection);
    const collection = vendorOrderLinesProjection.collection.name;
    const orders = ['o10', 'o11', 'o12', 'o13'];
    const placedEach = orders.map((orderId, i) => recorded(`order-${orderId}`, 'OrderPlaced', { ...placed.data, orderId, lines: i === 3 ? [line('TEA', 450)] : [line('MUG', 1_200, 'v1'), line(`BOWL-${i}`, 800, `v${i + 2}`)] }));
    await applyToDocuments(store, collection, vendorOrderLinesProjection, placedEach);
    const finds: unknown[] = [];
    const find = store.find.bind(store);
    store.find = async (name, query) => {
      finds.push(query);
      return find(name, query);
    };

    const paid = (orderId: string) => recorded(`order-${orderId}`, 'OrderPaid', { orderId, customerId: 'c1', paymentId: `p-${orderId}`, total: eur(2_000), paidAt: `paid ${orderId}` });
    const awaiting = recorded('order-o12', 'OrderAwaitingPayment', { orderId: 'o12', customerId: 'c1', paymentId: 'p-o12', at: 'awaiting o12' });
    await applyToDocuments(store, collection, vendorOrderLinesProjection, [paid('o10'), awaiting, paid('o11'), paid('o13')]);

    expect(finds).toHaveLength(1);
    const documents = await store.dump<VendorOrderLines>(collection);
    expect([...documents.keys()].sort()).toEqual(['o10:v1', 'o10:v2', 'o11:v1', 'o11:v3', 'o12:v1', 'o12:v4']);
    for (const id of ['o10:v1', 'o10:v2']) expect(documents.get(id)).toMatchObject({ status: 'paid', updatedAt: 'paid o10' });
    for (const id of ['o11:v1', 'o11:v3']) expect(documents.get(id)).toMatchObject({ status: 'paid', updatedAt: 'paid o11' });
    for (const id of ['o12:v1', 'o12:v4']) expect(documents.get(id)).toMatchObject({ status: 'awaiting-payment', updatedAt: 'awaiting o12' });
  });

  it('makes no document for an order of the shop alone, and counts an event delivered twice once', async () => {
    const shopOnly = recorded('order-o2', 'OrderPlaced', { ...placed.data, orderId: 'o2', lines: [line('TEA', 450)] });
    expect((await project(vendorOrderLinesProjection, [[shopOnly]])).size).toBe(0);
    const cancelled = recorded('order-o1', 'OrderCancelled', { orderId: 'o1', customerId: 'c1', reason: 'x', cancelledAt: '2026-11-26T11:00:00.000Z' });
    const once = await project(vendorOrderLinesProjection, [[placed, cancelled]]);
    const twice = await project(vendorOrderLinesProjection, [[placed], [placed, cancelled], [cancelled]]);
    expect(twice).toEqual(once);
    expect(once.get('o1:v2')).toMatchObject({ status: 'cancelled' });
  });
});

describe('price rules read model', () => {
  const staff = { id: 's1', role: 'staff' };
  const rule = { ruleId: 'r1', name: 'Winter sale', scope: { kind: 'category', categoryId: 'green' }, discount: { kind: 'percentage', percent: 20 }, validFrom: null, validUntil: '2026-12-24T00:00:00.000Z', minQuantity: 1 };

  it('keeps each rule as defined, and ends it with the reason', async () => {
    const defined = recorded('pricebook-shop', 'PriceRuleDefined', { ...rule, definedBy: staff, definedAt: '2026-11-26T10:00:00.000Z' });
    const ended = recorded('pricebook-shop', 'PriceRuleEnded', { ruleId: 'r1', reason: 'sold out', endedBy: staff, endedAt: '2026-11-27T10:00:00.000Z' });
    const live = await project(priceRulesProjection, [[defined]]);
    expect(live.get('r1')).toEqual({ ...rule, status: 'active', definedBy: staff, definedAt: '2026-11-26T10:00:00.000Z', ended: null });
    const documents = await project(priceRulesProjection, [[defined], [defined, ended]]);
    expect(documents.get('r1')).toMatchObject({ status: 'ended', ended: { reason: 'sold out', at: '2026-11-27T10:00:00.000Z' } });
  });
});

describe('catalog read model, scheduled prices', () => {
  const added = recorded('product-MUG-1', 'ProductAdded', { code: 'MUG-1', name: 'Mug', description: '', categoryId: 'cups', categoryName: 'Cups', price: eur(1_000), lowStockThreshold: 0, addedAt: 't' });
  const scheduled = (scheduleId: string, amount: number, effectiveAt: string) => recorded('product-MUG-1', 'ProductPriceChangeScheduled', { code: 'MUG-1', scheduleId, price: eur(amount), effectiveAt, scheduledAt: 't' });

  it('keeps the prices to come, earliest first, until applied or cancelled', async () => {
    const documents = await project(catalogProjection, [
      [added, scheduled('s2', 700, '2026-12-02T00:00:00.000Z'), scheduled('s1', 800, '2026-12-01T00:00:00.000Z'), scheduled('s3', 600, '2026-12-03T00:00:00.000Z')],
      [recorded('product-MUG-1', 'ScheduledPriceCancelled', { code: 'MUG-1', scheduleId: 's3', cancelledAt: 't' })],
      // s2 applied first (a late timer for s1): s1 is superseded, as in the product's own state.
      [recorded('product-MUG-1', 'ProductPriceChanged', { code: 'MUG-1', previousPrice: eur(1_000), price: eur(700), changedAt: 't', scheduleId: 's2' })],
    ]);
    expect(documents.get('MUG-1')).toMatchObject({ price: eur(700), scheduled: [] });
    const pending = await project(catalogProjection, [[added, scheduled('s2', 700, '2026-12-02T00:00:00.000Z'), scheduled('s1', 800, '2026-12-01T00:00:00.000Z')]]);
    expect(pending.get('MUG-1')!.scheduled!.map((change) => change.scheduleId)).toEqual(['s1', 's2']);
  });
});

