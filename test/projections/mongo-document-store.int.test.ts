import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
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
