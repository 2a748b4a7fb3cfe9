import { randomBytes, randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { RecordedEvent } from '../../src/event-store/event-store';
import { applyToDocuments } from '../../src/projections/document-projection';
import { orderHistoryProjection } from '../../src/projections/read-models/order-history';
import { MongoDocumentStore } from '../../src/projections/mongodb/mongo-document-store';
import { documentStoreContract } from '../contract/document-store.contract';
import { describeWithServer } from '../support/test-servers';

/** The read store on MongoDB's wire protocol: FerretDB from scripts/test-servers.sh in CI, or MONGO_URL's server. */
describeWithServer('MONGO_URL', 'MongoDocumentStore', (url) => {
  const client = new MongoClient(url);
  const database = `emporium_test_${randomBytes(5).toString('hex')}`;
  afterAll(async () => {
    await client.db(database).dropDatabase().catch(() => undefined);
    await client.close();
  });

  documentStoreContract('MongoDocumentStore', async () => {
    await client.db(database).collection('rm_contract_products').drop().catch(() => undefined);
    return new MongoDocumentStore(client.db(database));
  });
});

describeWithServer('MONGO_URL', 'read models on MongoDB, given events delivered again', (url) => {
  const client = new MongoClient(url);
  const database = `emporium_test_${randomBytes(5).toString('hex')}`;
  afterAll(async () => {
    await client.db(database).dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('keeps an order with its timeline, and a batch delivered again changes nothing', async () => {
    const store = new MongoDocumentStore(client.db(database));
    await store.ensureCollection(orderHistoryProjection.collection);
    let position = 0;
    const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => {
      position++;
      return { id: randomUUID(), type, data: data as never, metadata: {}, streamId: 'order-o-1', revision: position - 1, position, checkpoint: { commit: position, position }, recordedAt: new Date(), hash: '', previousHash: null };
    };
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const placed = recorded('OrderPlaced', { orderId: 'o-1', customerId: 'c-1', lines: [{ productCode: 'TEA-1', name: 'Sencha', quantity: 2, unitPrice: eur(450), lineTotal: eur(900) }], total: eur(900), paymentMethod: 'card', shippingAddress: {}, placedAt: '2026-11-24T10:00:00Z' });
    const awaiting = recorded('OrderAwaitingPayment', { orderId: 'o-1', customerId: 'c-1', paymentId: 'p-1', at: '2026-11-24T10:00:01Z' });
    const paid = recorded('OrderPaid', { orderId: 'o-1', customerId: 'c-1', paymentId: 'p-1', paidAt: '2026-11-24T10:00:05Z' });
    // As after a crash between the writes and the checkpoint: batches delivered again, overlapping.
    for (const batch of [[placed, awaiting], [placed, awaiting, paid], [awaiting, paid], [paid]]) await applyToDocuments(store, orderHistoryProjection.collection.name, orderHistoryProjection, batch);
    const order = await store.get<{ status: string; timeline: { status: string }[] }>(orderHistoryProjection.collection.name, 'o-1');
    expect(order?.status).toBe('paid');
    expect(order?.timeline.map((entry) => entry.status)).toEqual(['placed', 'awaiting-payment', 'paid']);
  });
});
