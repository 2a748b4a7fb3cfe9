import { existsSync, readFileSync } from 'node:fs';
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
  useRunningTestServers();
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

/**
 * Kafka and the MongoDB-protocol server come from the environment (KAFKA_BROKERS, MONGO_URL), or
 * else from scripts/test-servers.sh when it has them running, so that `up` then `npm test` works.
 */
function useRunningTestServers(): void {
  const servers = path.resolve(__dirname, '../../.test-servers');
  const envFile = path.join(servers, 'servers.env');
  if (!existsSync(envFile)) return;
  const running = ['kafka', 'ferretdb', 'eventstoredb-stand-in'].every((name) => {
    try {
      process.kill(Number(readFileSync(path.join(servers, name, 'pid'), 'utf8')), 0);
      return true;
    } catch {
      return false;
    }
  });
  if (!running) return;
  for (const [, name, value] of readFileSync(envFile, 'utf8').matchAll(/^export (\w+)=(.*)$/gm)) {
    process.env[name!] ??= value!.replace(/^'(.*)'$/, '$1');
  }
}
