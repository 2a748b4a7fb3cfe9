import { PostgresDocumentStore } from '../../src/projections/postgres/postgres-document-store';
import { documentStoreContract } from '../contract/document-store.contract';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

documentStoreContract('PostgresDocumentStore', async () => {
  await db.pool.query('drop table if exists rm_contract_products');
  return new PostgresDocumentStore(db.pool);
});

describe('PostgresDocumentStore beyond the port contract', () => {
  it('finds the documents of a rebuild swapped in, on a connection that had planned its statements on the collection it replaced', async () => {
    // One connection, so that every statement goes where the earlier ones were prepared.
    const single = await createTestDatabase({ poolSize: 1 });
    try {
      const store = new PostgresDocumentStore(single.pool);
      const spec = { name: 'planned_products', indexes: [[{ path: 'category', type: 'text' as const }, { path: 'code', type: 'text' as const }]] };
      await store.ensureCollection(spec);
      const at = (position: number) => ({ commit: position, position });
      await store.save(spec.name, [{ id: 'OLD', document: { code: 'OLD', category: 'tea' }, checkpoint: at(1) }]);
      const read = async () => ({
        loaded: [...(await store.load(spec.name, ['OLD', 'NEW'])).keys()],
        got: [await store.get<{ code: string }>(spec.name, 'OLD'), await store.get<{ code: string }>(spec.name, 'NEW')].map((document) => document?.code ?? null),
        found: (await store.find<{ code: string }>(spec.name, { where: { category: 'tea' }, sort: [{ path: 'code', type: 'text', direction: 'asc' }], limit: 10 })).map((document) => document.code),
      });
      // More than five times: PostgreSQL settles on a plan of its own for a prepared statement after five.
      for (let i = 0; i < 7; i++) expect(await read()).toEqual({ loaded: ['OLD'], got: ['OLD', null], found: ['OLD'] });
      // Prepared once on the connection, not parsed and planned at every call.
      const { rows } = await single.pool.query<{ statement: string }>("select statement from pg_prepared_statements where statement like '%rm_planned_products%'");
      expect(rows).toHaveLength(4);
      const shadow = await store.createShadow(spec);
      await store.save(shadow, [{ id: 'NEW', document: { code: 'NEW', category: 'tea' }, checkpoint: at(9) }]);
      await store.swap(spec.name, shadow);
      expect(await read()).toEqual({ loaded: ['NEW'], got: [null, 'NEW'], found: ['NEW'] });
      await store.save(spec.name, [{ id: 'NEW', document: { code: 'NEW', category: 'green' }, checkpoint: at(10) }]);
      expect((await read()).found).toEqual([]);
    } finally {
      await single.drop();
    }
  });
});
