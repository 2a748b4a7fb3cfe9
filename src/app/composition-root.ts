import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Express } from 'express';
import { Pool } from 'pg';
import { accountOperations } from '../commands/http/account-operations';
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
import { AccessTokens } from '../identity/access-tokens';
import { identityService, type IdentityService } from '../identity/identity-service';
import { PostgresLoginThrottle } from '../identity/login-throttle';
import { ScryptPasswordHasher, type PasswordHasher } from '../identity/password-hasher';
import { PostgresRefreshTokenStore } from '../identity/refresh-tokens';
import { listen } from '../http/http-server';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres-server';
import { runMigrations } from '../postgres/migrations';
import { PostgresDocumentStore } from '../projections/postgres/postgres-document-store';
import { documentProjection, type Projection } from '../projections/projection';
import { projectionOperations } from '../projections/projection-operations';
import { ProjectionRunner } from '../projections/projection-runner';
import { categoriesProjection, catalogProjection } from '../projections/read-models/catalog';
import { customersProjection } from '../projections/read-models/customers';
import { orderHistoryProjection } from '../projections/read-models/order-history';
import { reportingProjections } from '../projections/reporting/reporting-projection';
import { queryOperations } from '../read-api/query-api';
import type { Logger } from '../shared/logger';

export interface RunningEmporium {
  readonly url: string;
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

export interface EmporiumApp {
  readonly http: Express;
  readonly eventStore: PostgresEventStore;
  readonly identity: IdentityService;
  readonly projections: ProjectionRunner;
  /** Stops what the app runs on the pool; the pool itself belongs to the caller. */
  close(): Promise<void>;
}

/** Every projection of the embedded profile: document read models and reporting, on one PostgreSQL. */
export function allProjections(pool: Pool, eventStore: PostgresEventStore): Projection[] {
  const documents = new PostgresDocumentStore(pool);
  return [
    documentProjection(documents, catalogProjection),
    documentProjection(documents, categoriesProjection),
    documentProjection(documents, customersProjection),
    documentProjection(documents, orderHistoryProjection),
    ...reportingProjections(pool, eventStore.checkpoints),
  ];
}

/**
 * Wires the embedded profile's roles onto one PostgreSQL pool (already migrated). Used by
 * startEmporium, and by the HTTP tests, which run the very same app on a test database.
 */
export async function createEmporiumApp(
  pool: Pool,
  logger: Logger,
  options: { accessTokens: AccessTokens; passwords?: PasswordHasher; clock?: () => Date; runProjections?: boolean; readYourWritesTimeoutMs?: number },
): Promise<EmporiumApp> {
  const clock = options.clock ?? (() => new Date());
  const eventStore = new PostgresEventStore(pool, { logger });
  const projections = new ProjectionRunner(eventStore, logger);
  if (options.runProjections ?? true) await projections.start(allProjections(pool, eventStore));
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
  const identity = identityService({
    eventStore,
    passwords: options.passwords ?? new ScryptPasswordHasher(),
    accessTokens: options.accessTokens,
    refreshTokens: new PostgresRefreshTokenStore(pool),
    throttle: new PostgresLoginThrottle(pool),
    customers: handlers.customers,
    logger,
  });
  const http = createHttpApp({
    logger,
    operations: [
      ...accountOperations(identity, clock),
      ...commandOperations(handlers, clock),
      ...queryOperations({ documents: new PostgresDocumentStore(pool), pool, projections, readYourWritesTimeoutMs: options.readYourWritesTimeoutMs ?? 5_000 }),
      ...projectionOperations(projections, logger),
    ],
    idempotency,
    authenticate: (token) => identity.authenticate(token),
    version: '0.1.0',
    healthChecks: [
      {
        name: 'database',
        check: async () => {
          await pool.query('select 1');
          return { status: 'up', totalConnections: pool.totalCount, idleConnections: pool.idleCount };
        },
      },
      {
        name: 'projections',
        check: async () => {
          const statuses = await projections.status();
          return { status: statuses.some((projection) => projection.state === 'failed') ? 'down' : 'up', projections: statuses };
        },
      },
    ],
  });
  return {
    http,
    eventStore,
    identity,
    projections,
    async close() {
      clearInterval(purgeIdempotencyKeys);
      await projections.stop();
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

    const accessTokens = AccessTokens.fromPem(await signingKey(config, logger), config.accessTokenTtlSeconds);
    const app = await createEmporiumApp(pool, logger, { accessTokens });
    teardown.push(() => app.close());
    await bootstrapAdmin(app.identity, config, logger);
    const http = await listen(app.http, config.port, config.host);
    teardown.push(() => http.close());

    return { url: http.url, databaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The token signing key: the configured file, or one made at first start and kept in the data directory. */
async function signingKey(config: Config, logger: Logger): Promise<string> {
  if (config.jwtSigningKeyFile) return readFile(config.jwtSigningKeyFile, 'utf8');
  const file = path.join(config.dataDir, 'jwt-signing-key.pem');
  if (!existsSync(file)) {
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(file, AccessTokens.newKeyPem(), { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    logger.info('made a new access token signing key', { file });
  }
  return readFile(file, 'utf8');
}

/**
 * The first admin. From EMPORIUM_ADMIN_EMAIL and EMPORIUM_ADMIN_PASSWORD when set; otherwise
 * admin@emporium.local with a random password written to the data directory (never to the log),
 * so that a fresh `npm start` can be administered at once.
 */
async function bootstrapAdmin(identity: IdentityService, config: Config, logger: Logger): Promise<void> {
  if (config.admin) {
    await identity.ensureBootstrapAdmin(config.admin.email, config.admin.password, new Date());
    return;
  }
  const file = path.join(config.dataDir, 'initial-admin-password');
  if (!existsSync(file)) {
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(file, randomBytes(18).toString('base64url') + '\n', { mode: 0o600 });
  }
  const password = (await readFile(file, 'utf8')).trim();
  if ((await identity.ensureBootstrapAdmin(defaultAdminEmail, password, new Date())) === 'created') {
    logger.info('first admin account created', { email: defaultAdminEmail, passwordFile: file });
  }
}

export const defaultAdminEmail = 'admin@emporium.local';
