import type { Config } from '../../config/config';
import { IntegrationRelay } from '../../relay/integration-relay';
import type { Logger } from '../../shared/logger';
import { openDatabase, openEventStore } from '../infrastructure';
import { databaseCheck, followerCheck, requiredKafka, serveHealth, startWith, type RunningRole } from './role';

/** The relay: follows the event log and publishes integration events to Kafka. Nothing else. */
export function startRelay(config: Config, logger: Logger): Promise<RunningRole> {
  const kafka = requiredKafka(config, logger, 'relay', 'the brokers to publish to');
  return startWith('relay', logger, async (teardown) => {
    const { pool } = await openDatabase(config, logger, teardown);
    const eventStore = openEventStore(config, pool, logger);
    teardown.push(() => eventStore.close());
    const relay = new IntegrationRelay(eventStore, kafka, logger);
    await relay.start();
    teardown.push(() => relay.stop());
    return { url: await serveHealth([databaseCheck(pool), followerCheck('relay', () => [relay.status()!])], config, teardown) };
  });
}
