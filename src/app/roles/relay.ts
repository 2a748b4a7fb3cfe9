import type { Config } from '../../config/config';
import { ConfigError } from '../../config/config';
import { IntegrationRelay } from '../../relay/integration-relay';
import type { Logger } from '../../shared/logger';
import { openDatabase, openEventStore, openKafka, Teardown } from '../infrastructure';
import { databaseCheck, followerCheck, serveHealth, type RunningRole } from './role';

/** The relay: follows the event log and publishes integration events to Kafka. Nothing else. */
export async function startRelay(config: Config, logger: Logger): Promise<RunningRole> {
  const kafka = openKafka(config, logger);
  if (!kafka) throw new ConfigError(['KAFKA_BROKERS is needed by the relay: the brokers to publish to']);
  const teardown = new Teardown(logger);
  try {
    const { pool } = await openDatabase(config, logger, teardown);
    const eventStore = openEventStore(config, pool, logger);
    teardown.push(() => eventStore.close());
    const relay = new IntegrationRelay(eventStore, kafka, logger);
    await relay.start();
    teardown.push(() => relay.stop());
    const url = await serveHealth([databaseCheck(pool), followerCheck('relay', () => [relay.status()!])], config, teardown);
    return { role: 'relay', url, stop: () => teardown.run() };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}
