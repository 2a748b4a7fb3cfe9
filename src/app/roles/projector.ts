import type { Config } from '../../config/config';
import { PostgresCheckpointStore } from '../../event-store/postgres/postgres-event-store';
import { allProjections } from '../../projections/all-projections';
import { ProjectionRunner } from '../../projections/projection-runner';
import type { Logger } from '../../shared/logger';
import { openDatabase, openEventStore, openReadStore } from '../infrastructure';
import { databaseCheck, followerCheck, serveHealth, startWith, type RunningRole } from './role';

/** The projector: keeps every read model and report up with the log. The query API reads what it writes. */
export function startProjector(config: Config, logger: Logger): Promise<RunningRole> {
  return startWith('projector', logger, async (teardown) => {
    const { pool } = await openDatabase(config, logger, teardown);
    const eventStore = openEventStore(config, pool, logger);
    teardown.push(() => eventStore.close());
    const documents = await openReadStore(config, pool, logger, teardown);
    const projections = new ProjectionRunner(eventStore, logger);
    await projections.start(allProjections(pool, { checkpoints: new PostgresCheckpointStore(pool) }, documents));
    teardown.push(() => projections.stop());
    return { url: await serveHealth([databaseCheck(pool), followerCheck('projections', () => projections.status())], config, teardown) };
  });
}
