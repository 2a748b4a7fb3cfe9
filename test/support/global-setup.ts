import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/postgres/embedded-postgres-server';
import { jsonLogger } from '../../src/shared/logger';

declare global {
  var emporiumTestPostgres: EmbeddedPostgres | undefined;
}

/**
 * Gives the tests a real PostgreSQL server: the one TEST_DATABASE_URL names (any database on it;
 * the tests create their own), or else an embedded one kept under .test-servers/ between runs, so
 * a run killed half way leaves nothing behind that the next run does not stop first.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const server = await startEmbeddedPostgres({
    dataDir: path.resolve(__dirname, '../../.test-servers'),
    database: 'postgres',
    logger: jsonLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'warn'),
  });
  globalThis.emporiumTestPostgres = server;
  // Jest starts its workers after this, so they inherit it.
  process.env.TEST_DATABASE_URL = server.adminConnectionString;
}
