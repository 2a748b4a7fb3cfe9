import { progressOf } from '../../observability/follower-progress';
import { reportProgress } from '../../observability/metrics';
import type { Config } from '../../config/config';
import { IntegrationRelay } from '../../relay/integration-relay';
import type { Logger } from '../../shared/logger';
import { openDatabase, openEventStore, openLeases } from '../infrastructure';
import { databaseCheck, followerCheck, leasesCheck, requiredKafka, serveHealth, startWith, underLease, type RunningRole } from './role';

/**
 * The relay: follows the event log and publishes integration events to Kafka. Nothing else. One
 * instance publishes at a time (under a lease), so the log reaches each partition in its order;
 * another stands by.
 */
export function startRelay(config: Config, logger: Logger): Promise<RunningRole> {
  const kafka = requiredKafka(config, logger, 'relay');
  return startWith('relay', logger, async (teardown) => {
    const { pool } = await openDatabase(config, logger, teardown);
    const eventStore = openEventStore(config, pool, logger);
    teardown.push(() => eventStore.close());
    const leases = openLeases(config, pool, logger, teardown);
    const relay = underLease(leases, 'relay', async () => {
      const started = new IntegrationRelay(eventStore, kafka, logger);
      await started.start().catch(async (error: unknown) => {
        await started.stop().catch(() => undefined);
        throw error;
      });
      return started;
    });
    const statuses = () => {
      const status = relay()?.status();
      return status ? [status] : [];
    };
    teardown.push(reportProgress(progressOf(eventStore, 'relay', statuses)));
    return { url: await serveHealth([databaseCheck(pool), leasesCheck(leases), followerCheck('relay', statuses)], config, teardown) };
  });
}
