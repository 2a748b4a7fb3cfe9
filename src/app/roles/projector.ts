import { progressOf } from '../../observability/follower-progress';
import { reportProgress } from '../../observability/metrics';
import type { Config } from '../../config/config';
import { PostgresCheckpointStore } from '../../event-store/postgres/postgres-event-store';
import { allProjections } from '../../projections/all-projections';
import { ProjectionRunner } from '../../projections/projection-runner';
import type { Logger } from '../../shared/logger';
import { openDatabase, openVaultedEventStore, openLeases, openReadStore } from '../infrastructure';
import { databaseCheck, followerCheck, leasesCheck, serveHealth, startWith, type RunningRole } from './role';

/**
 * The projector: keeps every read model and report up with the log. The query API reads what it
 * writes. Each projection runs under a lease of its own, so that instances side by side share the
 * projections between them, one writer each, and take over those of an instance that dies.
 */
export function startProjector(config: Config, logger: Logger): Promise<RunningRole> {
  return startWith('projector', logger, async (teardown) => {
    const { pool } = await openDatabase(config, logger, teardown);
    const eventStore = await openVaultedEventStore(config, pool, logger);
    teardown.push(() => eventStore.close());
    const documents = await openReadStore(config, pool, logger, teardown);
    const runner = new ProjectionRunner(eventStore, logger);
    teardown.push(() => runner.stop());
    teardown.push(reportProgress(progressOf(eventStore, 'projection', () => runner.status())));
    const leases = openLeases(config, pool, logger, teardown);
    for (const projection of allProjections(pool, { checkpoints: new PostgresCheckpointStore(pool) }, documents)) {
      leases.keep(`projection:${projection.name}`, async () => {
        await runner.start([projection]);
        return () => runner.release(projection.name);
      });
    }
    return { url: await serveHealth([databaseCheck(pool), leasesCheck(leases), followerCheck('projections', () => runner.status())], config, teardown) };
  });
}
