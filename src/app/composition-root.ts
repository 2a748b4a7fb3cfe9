import express from 'express';
import { Pool } from 'pg';
import type { Config } from '../config/config';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { healthRoutes } from '../http/health-routes';
import { listen } from '../http/http-server';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres-server';
import { runMigrations } from '../postgres/migrations';
import type { Logger } from '../shared/logger';

export interface RunningEmporium {
  readonly url: string;
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * The embedded profile: every role in one process, on one PostgreSQL. The only place where
 * adapters are chosen and wired together.
 */
export async function startEmporium(config: Config, logger: Logger): Promise<RunningEmporium> {
  // Undone in reverse order on stop, or when start-up fails half way.
  const teardown: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of teardown.splice(0).reverse()) {
      await step().catch((error: unknown) => logger.error('error while stopping', { error }));
    }
  };

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'emporium', logger });
      teardown.push(() => embedded.stop());
      databaseUrl = embedded.connectionString;
    }

    const pool = new Pool({ connectionString: databaseUrl, max: config.databasePoolSize });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', (error) => logger.warn('idle database connection lost', { error }));
    teardown.push(() => pool.end());
    await runMigrations(pool, logger);

    const eventStore = new PostgresEventStore(pool, { logger });
    teardown.push(() => eventStore.close());

    const app = express();
    app.disable('x-powered-by');
    app.use(
      healthRoutes([
        {
          name: 'database',
          check: async () => {
            await pool.query('select 1');
            return { status: 'up', totalConnections: pool.totalCount, idleConnections: pool.idleCount };
          },
        },
      ]),
    );
    const http = await listen(app, config.port, config.host);
    teardown.push(() => http.close());

    return { url: http.url, databaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
