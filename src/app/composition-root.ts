import type { Express } from 'express';
import { Pool } from 'pg';
import { commandOperations } from '../commands/http/command-api';
import { catalogHandlers } from '../commands/handlers/catalog-handlers';
import { customerHandlers } from '../commands/handlers/customer-handlers';
import { inventoryHandlers } from '../commands/handlers/inventory-handlers';
import { orderHandlers } from '../commands/handlers/order-handlers';
import { paymentHandlers } from '../commands/handlers/payment-handlers';
import { PostgresIdempotencyStore } from '../commands/idempotency/postgres-idempotency-store';
import type { Config } from '../config/config';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { createHttpApp } from '../http/http-app';
import { listen } from '../http/http-server';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres-server';
import { runMigrations } from '../postgres/migrations';
import type { Logger } from '../shared/logger';

export interface RunningEmporium {
  readonly url: string;
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

export interface EmporiumApp {
  readonly http: Express;
  readonly eventStore: PostgresEventStore;
  /** Stops what the app runs on the pool; the pool itself belongs to the caller. */
  close(): Promise<void>;
}

/**
 * Wires the embedded profile's roles onto one PostgreSQL pool (already migrated). Used by
 * startEmporium, and by the HTTP tests, which run the very same app on a test database.
 */
export function createEmporiumApp(pool: Pool, logger: Logger, clock: () => Date = () => new Date()): EmporiumApp {
  const eventStore = new PostgresEventStore(pool, { logger });
  const idempotency = new PostgresIdempotencyStore(pool);
  const purgeIdempotencyKeys = setInterval(() => {
    idempotency.purgeBefore(new Date(clock().getTime() - 24 * 3_600_000)).catch((error: unknown) => logger.warn('could not purge old idempotency keys', { error }));
  }, 3_600_000);
  purgeIdempotencyKeys.unref();

  const handlers = {
    catalog: catalogHandlers(eventStore),
    inventory: inventoryHandlers(eventStore),
    customers: customerHandlers(eventStore, logger),
    orders: orderHandlers(eventStore),
    payments: paymentHandlers(eventStore),
  };
  const http = createHttpApp({
    logger,
    operations: commandOperations(handlers, clock),
    idempotency,
    version: '0.1.0',
    healthChecks: [
      {
        name: 'database',
        check: async () => {
          await pool.query('select 1');
          return { status: 'up', totalConnections: pool.totalCount, idleConnections: pool.idleCount };
        },
      },
    ],
  });
  return {
    http,
    eventStore,
    async close() {
      clearInterval(purgeIdempotencyKeys);
      await eventStore.close();
    },
  };
}

/**
 * The embedded profile: every role in one process, on one PostgreSQL (embedded unless
 * DATABASE_URL names one). The only place where the process's resources are acquired.
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

    const app = createEmporiumApp(pool, logger);
    teardown.push(() => app.close());
    const http = await listen(app.http, config.port, config.host);
    teardown.push(() => http.close());

    return { url: http.url, databaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
