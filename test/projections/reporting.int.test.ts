import { randomUUID } from 'node:crypto';
import { matchesFilter, type RecordedEvent } from '../../src/event-store/event-store';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { reportingProjections, reportingSchemas } from '../../src/projections/reporting/reporting-projection';
import { lowStockReport, paymentOutcomesReport, salesReport } from '../../src/projections/reporting/reporting-queries';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
let position = 0;
function recorded(streamId: string, type: string, data: Record<string, unknown>): RecordedEvent {
  position++;
  return { id: randomUUID(), type, data: data as never, metadata: {}, streamId, revision: 0, position, checkpoint: { commit: position, position }, recordedAt: new Date(), hash: '', previousHash: null };
}

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.drop();
});

function orderEvents(orderId: string, lines: [code: string, quantity: number, unit: number, vendorId?: string][], paidAt: string | null) {
  const events = [
    recorded(`order-${orderId}`, 'OrderPlaced', {
      orderId,
      customerId: 'c-1',
      lines: lines.map(([productCode, quantity, unit, vendorId]) => ({ productCode, name: productCode, quantity, unitPrice: eur(unit), lineTotal: eur(quantity * unit), ...(vendorId ? { vendorId } : {}) })),
      total: eur(lines.reduce((sum, [, quantity, unit]) => sum + quantity * unit, 0)),
      paymentMethod: 'card',
      shippingAddress: {},
      placedAt: '2026-11-23T09:00:00Z',
    }),
  ];
  if (paidAt) events.push(recorded(`order-${orderId}`, 'OrderPaid', { orderId, customerId: 'c-1', paymentId: 'p', total: eur(0), paidAt }));
  return events;
}

describe('reporting projection', () => {
  it('reports paid sales per day and product, payment outcomes per method, and the low-stock list', async () => {
    const projections = reportingProjections(db.pool, new PostgresEventStore(db.pool).checkpoints);
    for (const projection of projections) await projection.prepare();
    const schemaOf: Record<string, string> = { 'sales-report': reportingSchemas.sales, 'payments-report': reportingSchemas.payments, 'stock-report': reportingSchemas.stock };
    const [o1, o2, o3] = [randomUUID(), randomUUID(), randomUUID()];
    const events = [
      ...orderEvents(o1, [['TEA-1', 2, 450], ['POT-1', 1, 3_999]], '2026-11-23T10:00:00Z'),
      ...orderEvents(o2, [['TEA-1', 1, 450]], '2026-11-24T08:00:00Z'),
      ...orderEvents(o3, [['TEA-1', 5, 450]], null),
      recorded('payment-1', 'PaymentSucceeded', { paymentId: '1', orderId: o1, amount: eur(4_899), method: 'card', gatewayReference: 'g1', succeededAt: 't' }),
      recorded('payment-2', 'PaymentFailed', { paymentId: '2', orderId: o3, amount: eur(2_250), method: 'card', reason: 'declined', failedAt: 't' }),
      recorded('payment-3', 'PaymentSucceeded', { paymentId: '3', orderId: o2, amount: eur(450), method: 'paypal', gatewayReference: 'g3', succeededAt: 't' }),
      recorded('product-TEA-1', 'ProductAdded', { code: 'TEA-1', name: 'Sencha', description: '', categoryId: 'g', categoryName: 'G', price: eur(450), lowStockThreshold: 3, addedAt: 't' }),
      recorded('inventory-TEA-1', 'StockReceived', { code: 'TEA-1', quantity: 5, onHand: 5, receivedAt: 't' }),
      recorded('inventory-TEA-1', 'StockReserved', { code: 'TEA-1', orderId: o1, quantity: 2, available: 3, reservedAt: 't' }),
      recorded('product-POT-1', 'ProductAdded', { code: 'POT-1', name: 'Teapot', description: '', categoryId: 'g', categoryName: 'G', price: eur(3_999), lowStockThreshold: 1, addedAt: 't' }),
      recorded('inventory-POT-1', 'StockReceived', { code: 'POT-1', quantity: 9, onHand: 9, receivedAt: 't' }),
    ];
    // The first half is delivered twice, as after a crash before the checkpoint, and the second
    // time by two instances of the projector at once (a moment of overlap as one takes over from
    // the other): counted once.
    const half = Math.floor(events.length / 2);
    for (const projection of projections) {
      const mine = (list: RecordedEvent[]) => list.filter((event) => matchesFilter(projection.filter, event));
      const target = schemaOf[projection.name]!;
      await projection.handle(mine(events.slice(0, half)), { checkpoint: events[half - 1]!.checkpoint, subscriptionId: projection.name, target });
      await Promise.all([1, 2].map(() => projection.handle(mine(events), { checkpoint: events.at(-1)!.checkpoint, subscriptionId: projection.name, target })));
    }

    expect(await salesReport(db.pool, '2026-11-01', '2026-11-30')).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      days: [
        { day: '2026-11-23', currency: 'EUR', orders: 1, units: 3, revenue: 4_899 },
        { day: '2026-11-24', currency: 'EUR', orders: 1, units: 1, revenue: 450 },
      ],
      products: [
        { productCode: 'POT-1', currency: 'EUR', units: 1, revenue: 3_999 },
        { productCode: 'TEA-1', currency: 'EUR', units: 3, revenue: 1_350 },
      ],
      vendors: [{ vendorId: null, currency: 'EUR', orders: 2, units: 4, revenue: 5_349 }],
    });
    expect((await salesReport(db.pool, '2026-11-24', '2026-11-24')).days).toHaveLength(1);
    expect(await paymentOutcomesReport(db.pool)).toEqual([
      { method: 'card', succeeded: 1, failed: 1, successRate: 0.5 },
      { method: 'paypal', succeeded: 1, failed: 0, successRate: 1 },
    ]);
    expect(await lowStockReport(db.pool)).toEqual([{ code: 'TEA-1', name: 'Sencha', onHand: 5, reserved: 2, available: 3, threshold: 3 }]);
  });

  it('breaks paid sales down by vendor, an order with lines of several vendors counting for each', async () => {
    const [sales] = reportingProjections(db.pool, new PostgresEventStore(db.pool).checkpoints);
    await sales!.prepare();
    const events = [
      ...orderEvents(randomUUID(), [['MUG-1', 2, 1_200, 'v-potter'], ['BOWL-1', 1, 800, 'v-kiln'], ['TEA-1', 1, 450]], '2026-11-25T10:00:00Z'),
      ...orderEvents(randomUUID(), [['MUG-1', 1, 1_200, 'v-potter']], '2026-11-26T10:00:00Z'),
      // Not paid: not a sale.
      ...orderEvents(randomUUID(), [['BOWL-1', 9, 800, 'v-kiln']], null),
    ];
    await sales!.handle(events, { checkpoint: events.at(-1)!.checkpoint, subscriptionId: 'sales-report', target: reportingSchemas.sales });
    expect((await salesReport(db.pool, '2026-11-01', '2026-11-30')).vendors).toEqual([
      { vendorId: 'v-potter', currency: 'EUR', orders: 2, units: 3, revenue: 3_600 },
      { vendorId: 'v-kiln', currency: 'EUR', orders: 1, units: 1, revenue: 800 },
      { vendorId: null, currency: 'EUR', orders: 1, units: 1, revenue: 450 },
    ]);
    // The shop's total is the sum of its parts.
    expect((await salesReport(db.pool, '2026-11-01', '2026-11-30')).days.reduce((total, day) => total + day.revenue, 0)).toBe(4_850);
  });

  it('upgrades a sales schema made before vendors: earlier sales become the shop’s own, once', async () => {
    const [sales] = reportingProjections(db.pool, new PostgresEventStore(db.pool).checkpoints);
    await sales!.prepare();
    // As the schema was before: no vendor column, no breakdown table, one paid day.
    await db.pool.query(`alter table ${reportingSchemas.sales}.order_lines drop column vendor_id; drop table ${reportingSchemas.sales}.sales_daily_vendor;
      insert into ${reportingSchemas.sales}.sales_daily (day, currency, orders, units, revenue) values ('2026-10-01', 'EUR', 3, 7, 2_100)`);
    await sales!.prepare();
    await sales!.prepare();
    expect((await salesReport(db.pool, '2026-10-01', '2026-10-31')).vendors).toEqual([{ vendorId: null, currency: 'EUR', orders: 3, units: 7, revenue: 2_100 }]);
    const later = orderEvents(randomUUID(), [['MUG-1', 1, 1_200, 'v-potter']], '2026-10-02T10:00:00Z');
    await sales!.handle(later, { checkpoint: later.at(-1)!.checkpoint, subscriptionId: 'sales-report', target: reportingSchemas.sales });
    expect((await salesReport(db.pool, '2026-10-01', '2026-10-31')).vendors.map((row) => row.vendorId)).toEqual([null, 'v-potter']);
  });
});
