/**
 * The relay as its own process, for the crash test: publishes the log of the database given as
 * argument to the brokers given, under the topic prefix given, in batches of the size given, and
 * prints how many messages it has published, until it is killed.
 */
import { Pool } from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { KafkaBus } from '../../src/messaging/kafka/kafka-bus';
import { IntegrationRelay } from '../../src/relay/integration-relay';
import { silentLogger } from '../../src/shared/logger';

async function main(): Promise<void> {
  const [connectionString, brokers, topicPrefix, batchSize] = process.argv.slice(2);
  const pool = new Pool({ connectionString, max: 4 });
  const bus = new KafkaBus({ brokers: brokers!.split(','), clientId: 'relay-under-test', topicPrefix: topicPrefix!, partitions: 3 }, silentLogger);
  const relay = new IntegrationRelay(new PostgresEventStore(pool), bus, silentLogger, { batchSize: Number(batchSize) });
  await relay.start();
  for (;;) {
    process.stdout.write(`published ${relay.status()?.published ?? 0}\n`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`relay failed: ${String(error)}\n`);
  process.exit(1);
});
