import { catalogHandlers } from '../../commands/handlers/catalog-handlers';
import { inventoryHandlers } from '../../commands/handlers/inventory-handlers';
import type { Config } from '../../config/config';
import { listen } from '../../http/http-server';
import type { Logger } from '../../shared/logger';
import { bootstrapAdmin, createEmporiumApp } from '../composition-root';
import { addDemoCatalog } from '../demo-catalog';
import { openAccessTokens, openDatabase, openEventStore, openReadStore, openShipping, openVault, webhookSecretOf } from '../infrastructure';
import { startWith, type RunningRole } from './role';

/**
 * The command API (every method but GET: commands, sign-in, the payment webhook) or the query API
 * (GET: read models, reports, the audit trail), as the gateway routes them. Neither runs a
 * projection or a process manager: the query API answers read-your-writes by waiting on the
 * progress the projector saved.
 */
export function startApi(kind: 'command-api' | 'query-api', config: Config, logger: Logger): Promise<RunningRole> {
  return startWith(kind, logger, async (teardown) => {
    const { pool, databaseUrl } = await openDatabase(config, logger, teardown);
    const eventStore = openEventStore(config, pool, logger);
    const documents = await openReadStore(config, pool, logger, teardown);
    // The carrier's labels are bought by commands, and its webhooks come back to this role.
    let ownUrl = config.publicUrl;
    const shipping = kind === 'command-api' ? await openShipping(config, () => ownUrl, logger, teardown) : undefined;
    const app = await createEmporiumApp(pool, logger, {
      eventStore,
      documents,
      accessTokens: await openAccessTokens(config, logger),
      vault: await openVault(config, pool),
      webhook: { secret: await webhookSecretOf(config), toleranceSeconds: config.webhookToleranceSeconds },
      ...(shipping ? { shipping } : {}),
      runProjections: false,
      ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
      serve: kind === 'command-api' ? 'commands' : 'queries',
    });
    teardown.push(() => app.close());
    if (kind === 'command-api') {
      await bootstrapAdmin(app.identity, config, logger);
      if (config.demoCatalog && (await addDemoCatalog(app.eventStore, { catalog: catalogHandlers(app.eventStore), inventory: inventoryHandlers(app.eventStore) }, new Date()))) logger.info('added the demo catalog');
    }
    const http = await listen(app.http, config.port, config.host);
    teardown.push(() => http.close());
    ownUrl ??= http.url;
    return { url: http.url, databaseUrl };
  });
}
