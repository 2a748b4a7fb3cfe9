import { randomBytes } from 'node:crypto';
import { MongoClient, MongoServerError } from 'mongodb';
import { describeWithServer } from '../support/test-servers';

describeWithServer('MONGO_URL', 'MongoDB-protocol test server (smoke)', (url) => {
  let client: MongoClient;
  const database = `smoke_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    client = await MongoClient.connect(url);
  });
  afterAll(async () => {
    await client.db(database).dropDatabase();
    await client.close();
  });

  it('keeps a unique index and upserts with $set and $inc', async () => {
    const products = client.db(database).collection<{ code: string; name?: string; onHand?: number }>('products');
    await products.createIndex({ code: 1 }, { unique: true });

    await products.updateOne({ code: 'TEA-001' }, { $set: { name: 'Sencha' }, $inc: { onHand: 5 } }, { upsert: true });
    await products.updateOne({ code: 'TEA-001' }, { $set: { name: 'Sencha, first flush' }, $inc: { onHand: 7 } }, { upsert: true });
    expect(await products.findOne({ code: 'TEA-001' }, { projection: { _id: 0 } })).toEqual({ code: 'TEA-001', name: 'Sencha, first flush', onHand: 12 });

    const duplicate = products.insertOne({ code: 'TEA-001' });
    await expect(duplicate).rejects.toBeInstanceOf(MongoServerError);
    await expect(duplicate).rejects.toMatchObject({ code: 11000 });
  });

  it('bulk-writes 1,000 documents, then finds with sort, skip and limit, and counts', async () => {
    const orders = client.db(database).collection<{ orderId: string; n: number; status: string }>('orders');
    const result = await orders.bulkWrite(
      Array.from({ length: 1_000 }, (_, n) => ({ insertOne: { document: { orderId: `o-${n}`, n, status: n % 4 === 0 ? 'paid' : 'placed' } } })),
    );
    expect(result.insertedCount).toBe(1_000);

    const page = await orders.find({}, { projection: { _id: 0, n: 1 } }).sort({ n: -1 }).skip(10).limit(5).toArray();
    expect(page.map((doc) => doc.n)).toEqual([989, 988, 987, 986, 985]);
    expect(await orders.countDocuments({ status: 'paid' })).toBe(250);
    expect(await orders.countDocuments()).toBe(1_000);
  });
});
