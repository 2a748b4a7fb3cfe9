import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { DocumentStore } from '../../src/projections/document-store';
import { MongoDocumentStore } from '../../src/projections/mongodb/mongo-document-store';

/**
 * The read stores a suite runs against: PostgreSQL always; MongoDB's wire protocol when MONGO_URL
 * names a server (FerretDB from scripts/test-servers.sh in CI, where a missing one fails the run).
 */
export type ReadStoreKind = 'postgres' | 'mongodb';

export function readStoreKinds(): ReadStoreKind[] {
  if (process.env.MONGO_URL || process.env.CI === 'true') return ['postgres', 'mongodb'];
  process.stderr.write('Running the query API tests on PostgreSQL only: MONGO_URL is not set (scripts/test-servers.sh up)\n');
  return ['postgres'];
}

/** A read store of the kind, empty: undefined documents means the app's default (PostgreSQL on its pool). */
export async function openReadStore(kind: ReadStoreKind): Promise<{ documents: DocumentStore | undefined; url: string | undefined; close(): Promise<void> }> {
  if (kind === 'postgres') return { documents: undefined, url: undefined, close: async () => undefined };
  const url = process.env.MONGO_URL;
  if (!url) throw new Error('MONGO_URL is not set: start the servers with scripts/test-servers.sh up. CI must run every suite.');
  const client = new MongoClient(url);
  await client.connect();
  const db = client.db(`emporium_test_${randomBytes(5).toString('hex')}`);
  const withDatabase = new URL(url);
  withDatabase.pathname = `/${db.databaseName}`;
  return {
    documents: new MongoDocumentStore(db),
    /** The server's URL naming this store's database, for another process. */
    url: withDatabase.toString(),
    async close() {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}
