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
