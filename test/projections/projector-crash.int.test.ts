import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Pool } from 'pg';
import { allProjections } from '../../src/app/composition-root';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import type { DocumentStore } from '../../src/projections/document-store';
import { PostgresDocumentStore } from '../../src/projections/postgres/postgres-document-store';
import { openReadStore, readStoreKinds } from '../support/read-stores';
import type { Projection } from '../../src/projections/projection';
import { writeShopHistory } from '../support/shop-history';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const repositoryRoot = path.resolve(__dirname, '../..');
const reportingTables: Record<string, string[]> = {
  'sales-report': ['order_lines', 'sales_daily', 'sales_daily_product'],
  'payments-report': ['payment_outcomes'],
  'stock-report': ['stock'],
};

function startProjector(connectionString: string, batchSize: number, pauseMs: number, mongoUrl?: string): { child: ChildProcess; caughtUp: () => boolean; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/projector-process.ts', connectionString, String(batchSize), String(pauseMs), ...(mongoUrl ? [mongoUrl] : [])], { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, caughtUp: () => output.includes('caught-up'), output: () => output };
}

async function reportContents(pool: Pool, projection: string, schema: string): Promise<Record<string, unknown[]>> {
  const contents: Record<string, unknown[]> = {};
  for (const table of reportingTables[projection]!) contents[table] = (await pool.query(`select * from ${schema}.${table} order by 1, 2`)).rows;
  return contents;
}

/** Every read model built again from the first event, into shadows, by this process. */
async function freshRebuild(pool: Pool, eventStore: PostgresEventStore, projections: Projection[]): Promise<Map<string, string>> {
  const shadows = new Map<string, string>();
  for (const projection of projections) {
    const shadow = await projection.createShadow();
    for await (const batch of eventStore.readAll({ filter: projection.filter, batchSize: 300 })) {
      await projection.handle(batch, { checkpoint: batch.at(-1)!.checkpoint, subscriptionId: `${projection.name}#verify`, target: shadow });
    }
    shadows.set(projection.name, shadow);
  }
  return shadows;
}

describe.each(readStoreKinds())('invariant 4: read models (in %s) after a projector crash equal a fresh rebuild', (kind) => {
  let db: TestDatabase;
  let readStore: Awaited<ReturnType<typeof openReadStore>>;
  let mongoUrl: string | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    readStore = await openReadStore(kind);
    mongoUrl = readStore.url;
  });
  afterAll(async () => {
    await readStore.close();
    await db.drop();
  });

  it('kills the projector with SIGKILL in the middle of its work, restarts it, and compares every read model with a rebuild', async () => {
    const eventStore = new PostgresEventStore(db.pool);
    // At least 6 events an order (2 for a cancelled or rejected one, 7 or more for the rest): over 2,000 in all.
    await writeShopHistory(eventStore, { products: 12, customers: 40, orders: 350 });
    const total = Number((await db.pool.query<{ n: string }>('select count(*) as n from events')).rows[0]!.n);
    expect(total).toBeGreaterThan(2_000);

    // Slowed to 20 ms a batch (about 100 batches per projection), so that it is surely part-way when killed.
    const first = startProjector(db.connectionString, 25, 20, mongoUrl);
    // Wait until it is part-way: some batches checkpointed, far from all.
    let progressed = 0;
    for (let i = 0; i < 600 && progressed < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      progressed = Number((await db.pool.query<{ n: string }>('select count(*) as n from subscription_checkpoints')).rows[0]!.n);
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(first.caughtUp()).toBe(false);

    // The restarted one runs at full speed with batches of the runner's default size. Its wait is
    // long because this test is about what it builds, not how fast: on FerretDB under a loaded CI
    // machine, catching up took over 30 s.
    const second = startProjector(db.connectionString, 500, 0, mongoUrl);
    try {
      const deadline = Date.now() + 150_000;
      while (Date.now() < deadline && !second.caughtUp()) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(second.output()).toContain('caught-up');
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
    }

    const documents: DocumentStore = readStore.documents ?? new PostgresDocumentStore(db.pool);
    const projections = allProjections(db.pool, eventStore, documents);
    const shadows = await freshRebuild(db.pool, eventStore, projections);
    for (const collection of ['products', 'categories', 'customers', 'orders', 'payments']) {
      const projection = projections.find((p) => p.liveTarget === collection)!;
      const live = await documents.dump(collection);
      expect(live.size).toBeGreaterThan(0);
      expect(live).toEqual(await documents.dump(shadows.get(projection.name)!));
    }
    for (const projection of Object.keys(reportingTables)) {
      const live = await reportContents(db.pool, projection, projections.find((p) => p.name === projection)!.liveTarget);
      expect(Object.values(live).every((rows) => rows.length > 0)).toBe(true);
      expect(live).toEqual(await reportContents(db.pool, projection, shadows.get(projection)!));
    }
    await eventStore.close();
  }, 240_000);
});
