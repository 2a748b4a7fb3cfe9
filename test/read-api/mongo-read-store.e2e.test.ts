import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { runDemo, startApp, type AppProcess } from '../support/app-process';
import { describeWithServer } from '../support/test-servers';

/** READ_STORE=mongodb: `npm start` serves the catalog, customers and order history from MongoDB. */
describeWithServer('MONGO_URL', 'the shop with its read models in MongoDB', (mongoUrl) => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'emporium-mongo-')), 'data');
  const database = `emporium_e2e_${randomBytes(4).toString('hex')}`;
  const url = new URL(mongoUrl);
  url.pathname = `/${database}`;
  const client = new MongoClient(url.toString());
  let app: AppProcess | undefined;

  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.interrupt();
      await app.exited;
    }
    await client.db(database).dropDatabase().catch(() => undefined);
    await client.close();
    const cluster = path.join(dataDir, 'postgres');
    if (existsSync(cluster) && lstatSync(cluster).isSymbolicLink()) await rm(path.dirname(realpathSync(cluster)), { recursive: true, force: true });
    await rm(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('serves the catalog, a customer and their orders from MongoDB', async () => {
    app = startApp({ PORT: '0', EMPORIUM_DATA_DIR: dataDir, READ_STORE: 'mongodb', MONGO_URL: url.toString() });
    const base = await app.url;
    expect(app.output()).toContain('read models are kept in MongoDB');
    const demo = await runDemo(base);
    expect(demo.status).toBe(0);
    const paid = /order ([0-9a-f-]{36}): paid/.exec(demo.stdout)![1]!;

    // The documents are in MongoDB, and the API serves them.
    const db = client.db(database);
    expect(await db.collection('rm_products').countDocuments({ doc: { $ne: null } })).toBeGreaterThan(0);
    const stored = await db.collection<{ _id: string; doc: { status: string; customerId: string } }>('rm_orders').findOne({ _id: paid });
    expect(stored?.doc.status).toBe('paid');
    const products = (await (await fetch(`${base}/api/products?limit=5`)).json()) as { items: { code: string }[] };
    expect(products.items.length).toBeGreaterThan(0);
    expect(await db.collection<{ _id: string }>('rm_customers').countDocuments({ _id: stored!.doc.customerId })).toBe(1);

    app.interrupt();
    expect((await app.exited).code).toBe(0);
  });
});
