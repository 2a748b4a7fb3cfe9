import type { RecordedEvent } from '../../src/event-store/event-store';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { PostgresDocumentStore } from '../../src/projections/postgres/postgres-document-store';
import { documentProjection, type Projection } from '../../src/projections/projection';
import { projectionNames } from '../../src/projections/projection-names';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { catalogProjection, type CatalogProduct } from '../../src/projections/read-models/catalog';
import { reportingProjections } from '../../src/projections/reporting/reporting-projection';
import { lowStockReport } from '../../src/projections/reporting/reporting-queries';
import { silentLogger } from '../../src/shared/logger';
import { openReadStore, readStoreKinds } from '../support/read-stores';
import { startTestApp, type TestApp } from '../support/test-app';
import { staffSignedIn } from '../support/principals';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const productAdded = (code: string) => ({
  id: crypto.randomUUID(),
  type: 'ProductAdded',
  data: { code, name: code, description: '', categoryId: 'c', categoryName: 'C', price: eur(100), lowStockThreshold: 2, addedAt: 't' },
});
const stockReceived = (code: string, quantity: number, onHand: number) => ({ id: crypto.randomUUID(), type: 'StockReceived', data: { code, quantity, onHand, receivedAt: 't' } });

describe('projection runner', () => {
  let db: TestDatabase;
  let eventStore: PostgresEventStore;
  let documents: PostgresDocumentStore;
  beforeEach(async () => {
    db = await createTestDatabase();
    eventStore = new PostgresEventStore(db.pool);
    documents = new PostgresDocumentStore(db.pool);
  });
  afterEach(async () => {
    await eventStore.close();
    await db.drop();
  });

  it('makes, for a query API that only watches, the read models it reads if the projector has not yet: empty, not missing', async () => {
    const watcher = new ProjectionRunner(eventStore, silentLogger);
    await watcher.watch([documentProjection(documents, catalogProjection), ...reportingProjections(db.pool, eventStore.checkpoints)]);
    expect(await documents.find<CatalogProduct>(catalogProjection.collection.name, { sort: [{ path: 'code', type: 'text', direction: 'asc' }], limit: 10 })).toEqual([]);
    expect(await lowStockReport(db.pool)).toEqual([]);
  });

  it('stops a projection whose batch keeps failing, reports the event, skips nothing, and resumes at it once fixed', async () => {
    await eventStore.appendToStream('product-OK-1', [productAdded('OK-1')]);
    const poison = await eventStore.appendToStream('product-BAD-1', [productAdded('BAD-1')]);
    await eventStore.appendToStream('product-OK-2', [productAdded('OK-2')]);
    const catalog = documentProjection(documents, catalogProjection);
    let attempts = 0;
    const fragile: Projection = {
      ...catalog,
      handle: async (events: readonly RecordedEvent[], batch) => {
        if (events.some((event) => event.data.code === 'BAD-1')) {
          attempts++;
          throw new Error('cannot project BAD-1');
        }
        await catalog.handle(events, batch);
      },
    };
    const runner = new ProjectionRunner(eventStore, silentLogger, { batchSize: 1, retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 } });
    await runner.start([fragile]);
    for (let i = 0; i < 200 && (await runner.status())[0]!.state !== 'failed'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const [status] = await runner.status();
    expect(status).toMatchObject({ name: 'catalog', state: 'failed', failure: { message: 'cannot project BAD-1', event: { streamId: 'product-BAD-1', type: 'ProductAdded' } } });
    expect(attempts).toBe(3);
    expect([...(await documents.dump('products')).keys()]).toEqual(['OK-1']);
    await runner.stop();

    const fixed = new ProjectionRunner(eventStore, silentLogger);
    await fixed.start([catalog]);
    expect(await fixed.waitFor(['catalog'], poison.checkpoint, 5_000)).toBe(true);
    for (let i = 0; i < 200 && (await documents.dump('products')).size < 3; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect([...(await documents.dump('products')).keys()].sort()).toEqual(['BAD-1', 'OK-1', 'OK-2']);
    await fixed.stop();
  });

  it('rebuilds a document projection and the reporting schema into shadows, swapped in while the live ones keep serving', async () => {
    for (let i = 0; i < 30; i++) await eventStore.appendToStream(`product-P-${i}`, [productAdded(`P-${i}`)]);
    for (let i = 0; i < 30; i++) await eventStore.appendToStream(`inventory-P-${i}`, [stockReceived(`P-${i}`, i, i)]);
    const runner = new ProjectionRunner(eventStore, silentLogger, { batchSize: 7 });
    const projections = [documentProjection(documents, catalogProjection), ...reportingProjections(db.pool, eventStore.checkpoints)];
    await runner.start(projections);
    const head = (await eventStore.headCheckpoint())!;
    expect(await runner.waitFor(['catalog', 'stock-report'], head, 5_000)).toBe(true);
    const before = await documents.dump<CatalogProduct>('products');
    const lowBefore = await lowStockReport(db.pool);

    // Spoil the live read models, as a bug in an earlier version of a projection would have.
    await db.pool.query(`update rm_products set document = jsonb_set(document, '{name}', '"spoiled"')`);
    await db.pool.query('delete from report_stock.stock');
    expect(await lowStockReport(db.pool)).toEqual([]);

    const rebuilt = runner.rebuild('catalog');
    // The live collection keeps answering while the rebuild runs.
    expect((await documents.get<CatalogProduct>('products', 'P-3'))!.name).toBe('spoiled');
    await rebuilt;
    // Rebuilt together, they share one read of the log.
    await runner.rebuild(['catalog', 'sales-report', 'payments-report', 'stock-report']);
    expect(await documents.dump('products')).toEqual(before);
    expect(await lowStockReport(db.pool)).toEqual(lowBefore);
    expect(lowBefore.map((row) => row.code).sort()).toEqual(['P-0', 'P-1', 'P-2']);

    // And the live projections go on from where the rebuilds got to.
    const more = await eventStore.appendToStream('inventory-P-0', [stockReceived('P-0', 10, 10)]);
    expect(await runner.waitFor(['catalog', 'stock-report'], more.checkpoint, 5_000)).toBe(true);
    expect((await documents.get<CatalogProduct>('products', 'P-0'))!.onHand).toBe(10);
    expect((await lowStockReport(db.pool)).map((row) => row.code).sort()).toEqual(['P-1', 'P-2']);
    const statuses = await runner.status();
    expect(statuses.map((status) => [status.name, status.state, status.rebuilding])).toEqual([
      ['catalog', 'live', false],
      ['sales-report', 'live', false],
      ['payments-report', 'live', false],
      ['stock-report', 'live', false],
    ]);
    await runner.stop();
  });
});

describe('health', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('shows each projection with its state, checkpoint and lag', async () => {
    await staffSignedIn(api);
    const head = (await api.app.eventStore.headCheckpoint())!;
    // Every one of them: read models gather appends a moment before taking them, unless waited for.
    expect(await api.app.projections.waitFor(projectionNames, head, 5_000)).toBe(true);
    const health = await api.request<{ status: string; checks: { projections: { status: string; projections: { name: string; state: string; lag: number }[] } } }>('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.projections.status).toBe('up');
    expect(health.body.checks.projections.projections.map((p) => p.name).sort()).toEqual([...projectionNames].sort());
    for (const projection of health.body.checks.projections.projections) expect(projection).toMatchObject({ state: 'live', lag: 0 });
  });
});

describe.each(readStoreKinds())('rebuilding over HTTP, read models in %s', (kind) => {
  let api: TestApp;
  let store: Awaited<ReturnType<typeof openReadStore>>;
  beforeAll(async () => {
    store = await openReadStore(kind);
    api = await startTestApp(store.documents ? { documents: store.documents } : {});
  });
  afterAll(async () => {
    await api.close();
    await store.close();
  });

  it('lets an admin rebuild read models, and shows the rebuild on /health until it is done', async () => {
    const admin = await staffSignedIn(api, 'admin');
    await api.request('POST', '/api/categories', { body: { name: 'Rebuilt tea', description: '' }, token: admin.token });
    for (const code of ['RB-1', 'RB-2', 'RB-3']) {
      await api.request('POST', '/api/products', { body: { code, name: `Tea ${code}`, description: 'd', categoryId: 'rebuilt-tea', price: eur(450), lowStockThreshold: 0 }, token: admin.token });
    }
    expect((await api.request('PUT', '/api/products/RB-2/price', { body: eur(500), token: admin.token })).status).toBe(200);
    type Page = { items: { code: string; price: { amount: number } }[] };
    let before = await api.request<Page>('GET', '/api/products?category=rebuilt-tea');
    for (let i = 0; i < 200 && before.body.items.find((p) => p.code === 'RB-2')?.price.amount !== 500; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      before = await api.request<Page>('GET', '/api/products?category=rebuilt-tea');
    }
    expect(before.body.items.map((p) => [p.code, p.price.amount])).toEqual([['RB-1', 450], ['RB-2', 500], ['RB-3', 450]]);

    const accepted = await api.request('POST', '/api/admin/projections/rebuild', { body: { projections: ['categories', 'catalog'] }, token: admin.token });
    expect(accepted).toMatchObject({ status: 202, body: { rebuilding: ['categories', 'catalog'] } });
    type Health = { checks: { projections: { projections: { name: string; rebuilding: boolean; state: string }[] } } };
    let health = await api.request<Health>('GET', '/health');
    for (let i = 0; i < 400 && health.body.checks.projections.projections.some((p) => p.rebuilding); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      health = await api.request<Health>('GET', '/health');
    }
    expect(health.body.checks.projections.projections.filter((p) => p.rebuilding)).toEqual([]);
    const categories = await api.request<{ items: { id: string }[] }>('GET', '/api/categories');
    expect(categories.body.items.map((c) => c.id)).toContain('rebuilt-tea');
    // The rebuilt catalog is the one it replaced, served from the same store.
    expect((await api.request('GET', '/api/products?category=rebuilt-tea')).body).toEqual(before.body);
  });
});

describe('projection rebuilds that cannot be done', () => {
  let db: TestDatabase;
  let eventStore: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    eventStore = new PostgresEventStore(db.pool);
  });
  afterAll(async () => {
    await eventStore.close();
    await db.drop();
  });

  it('refuses a projection named twice, before touching anything', async () => {
    const runner = new ProjectionRunner(eventStore, silentLogger);
    await runner.start([documentProjection(new PostgresDocumentStore(db.pool), catalogProjection)]);
    await expect(runner.rebuild(['catalog', 'catalog'])).rejects.toThrow('Projection catalog is named twice');
    const [status] = await runner.status();
    expect(status!.rebuilding).toBe(false);
    // Untouched: still starting, catching up or live, as it was; not failed, not stopped.
    expect(['starting', 'catching-up', 'live']).toContain(status!.state);
    await runner.stop();
  });

  it('shows a rebuild that failed on the projection, while the live one goes on', async () => {
    await eventStore.appendToStream('product-RB-1', [productAdded('RB-1')]);
    const catalog = documentProjection(new PostgresDocumentStore(db.pool), catalogProjection);
    const runner = new ProjectionRunner(eventStore, silentLogger, { retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 } });
    // Its shadow cannot be made (as when a table of that name is in the way): the rebuild fails.
    await runner.start([{ ...catalog, createShadow: () => Promise.reject(new Error('no room for a shadow')) }]);
    await expect(runner.rebuild('catalog')).rejects.toThrow('no room for a shadow');
    const [status] = await runner.status();
    expect(status!.lastRebuild).toMatchObject({ outcome: 'failed', error: 'no room for a shadow' });
    expect(status!.state).not.toBe('failed');
    await runner.stop();
  });

  it('answers a rebuild asked with a duplicate name with 400 naming the field', async () => {
    const api = await startTestApp();
    try {
      const admin = await staffSignedIn(api, 'admin');
      const answer = await api.request<{ errors: { pointer: string; detail: string }[] }>('POST', '/api/admin/projections/rebuild', { body: { projections: ['catalog', 'catalog'] }, token: admin.token });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toContainEqual({ pointer: '/projections', detail: 'projections must not name a projection twice' });
      const health = await api.request<{ status: string }>('GET', '/health');
      expect(health.body.status).toBe('up');
    } finally {
      await api.close();
    }
  });
});
