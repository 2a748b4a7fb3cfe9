import { progressOf } from '../observability/follower-progress';
import { reportProgress, reportShop } from '../observability/metrics';
import { orderHistoryProjection } from '../projections/read-models/order-history';
import { instrumentedEventStore } from '../observability/instrumented-event-store';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Express } from 'express';
import { Pool } from 'pg';
import { accountOperations } from '../commands/http/account-operations';
import { vendorOperations } from '../commands/http/vendor-operations';
import { vendorHandlers } from '../commands/handlers/vendor-handlers';
import { pricingHandlers } from '../commands/handlers/pricing-handlers';
import { pricingOperations } from '../commands/http/pricing-operations';
import { notificationHandlers } from '../commands/handlers/notification-handlers';
import { paymentWebhookOperation } from '../commands/http/payment-webhook';
import { shippingOperations } from '../commands/http/shipping-operations';
import type { ShippingProvider } from '../shipping/shipping-provider';
import type { MailCatcher } from '../mail/mail-catcher';
import { mailboxRoutes } from '../mail/mailbox-routes';
import { webAppRoutes } from '../http/web-app-routes';
import { radarOperation } from '../read-api/radar';
import { addDemoCatalog } from './demo-catalog';
import { openAccessTokens, openDatabase, openEventStore, openGateway, openKafka, openMail, openReadStore, openShipping, openSms, openVault, Teardown, webhookSecretOf } from './infrastructure';
import { smsSenderProcess } from '../processes/sms-sender';
import type { SmsSender } from '../sms/sms-sender';
import type { Mailer } from '../mail/mailer';
import type { PaymentGateway } from '../payments/payment-gateway';
import { fulfilmentProcess } from '../processes/fulfilment';
import { mailSenderProcess } from '../processes/mail-sender';
import { notificationsProcess } from '../processes/notifications';
import { PaymentDeadlines } from '../processes/payment-deadlines';
import { ScheduledPrices } from '../processes/scheduled-prices';
import { ProcessRunner } from '../processes/process-runner';
import { KafkaProcessRunner } from '../processes/kafka-process-runner';
import { IntegrationRelay } from '../relay/integration-relay';
import { KafkaBus } from '../messaging/kafka/kafka-bus';
import { asyncApiDocument } from '../integration/asyncapi';
import { parkedEventOperations } from '../processes/parked-event-operations';
import { PostgresParkedEventStore } from '../processes/postgres-parked-event-store';
import { upcastingEventStore, type Upcaster } from '../event-store/upcasting';
import { vaultedEventStore, type PersonalDataVault } from '../privacy/personal-data-vault';
import { appendCheckpoint, checkpointFiles, keptCheckpointKey } from '../audit/checkpoint-file';
import { takeCheckpoint } from '../audit/log-integrity';
import { auditOperations } from '../audit/audit-operations';
import { commandOperations } from '../commands/http/command-api';
import { catalogHandlers } from '../commands/handlers/catalog-handlers';
import { customerHandlers } from '../commands/handlers/customer-handlers';
import { inventoryHandlers } from '../commands/handlers/inventory-handlers';
import { orderHandlers } from '../commands/handlers/order-handlers';
import { paymentHandlers } from '../commands/handlers/payment-handlers';
import { PostgresIdempotencyStore } from '../commands/idempotency/postgres-idempotency-store';
import type { Config } from '../config/config';
import { PostgresCheckpointStore, PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import type { EventStore } from '../event-store/event-store';
import type { DocumentStore } from '../projections/document-store';
import { PostgresSnapshotStore } from '../event-store/postgres/postgres-snapshot-store';
import { createHttpApp } from '../http/http-app';
import { AccessTokens } from '../identity/access-tokens';
import { identityService, type IdentityService } from '../identity/identity-service';
import { PostgresLoginThrottle } from '../identity/login-throttle';
import { ScryptPasswordHasher, type PasswordHasher } from '../identity/password-hasher';
import { PostgresRefreshTokenStore } from '../identity/refresh-tokens';
import { listen } from '../http/http-server';
import { PostgresDocumentStore } from '../projections/postgres/postgres-document-store';
import { allProjections } from '../projections/all-projections';
import { projectionOperations } from '../projections/projection-operations';
import { ProjectionRunner } from '../projections/projection-runner';
import { queryOperations } from '../read-api/query-api';
import type { Logger } from '../shared/logger';

export interface RunningEmporium {
  readonly url: string;
  readonly databaseUrl: string;
  /** The development mailbox, when mail is caught rather than sent. */
  readonly mailboxUrl: string | undefined;
  stop(): Promise<void>;
}

export { allProjections };

export interface EmporiumApp {
  readonly http: Express;
  /** The events as the app reads them: personal data opened (not upcast). */
  readonly eventStore: EventStore;
  /** The events as written: personal data sealed, as the hash chains cover them. */
  readonly eventLog: EventStore;
  readonly identity: IdentityService;
  readonly projections: ProjectionRunner;
  readonly processes: ProcessRunner;
  /** Stops what the app runs on the pool; the pool itself belongs to the caller. */
  close(): Promise<void>;
}

/** What the process managers need from outside: a gateway to pay through, a mailer, and some settings. */
export interface ProcessOptions {
  readonly gateway: PaymentGateway;
  readonly mailer: Mailer;
  readonly sms: SmsSender;
  readonly mailFrom: string;
  readonly staffEmail: string;
  readonly paymentDeadlineMs: number;
  /** How often due payment deadlines are looked for. */
  readonly deadlineSweepMs: number;
  /** Backoff ceiling while the mail server is down. */
  readonly mailRetryMaxDelayMs?: number;
}

export interface EmporiumAppOptions {
  readonly accessTokens: AccessTokens;
  /** The payment gateway's webhook secret, and how old a webhook may be (the carrier's too). */
  readonly webhook: { readonly secret: string; readonly toleranceSeconds: number };
  /** The carrier, and the secret its tracking webhooks are signed with; absent, only pickup orders are taken and no webhook is believed. */
  readonly shipping?: { readonly provider: ShippingProvider; readonly webhookSecret: string };
  readonly passwords?: PasswordHasher;
  readonly clock?: () => Date;
  readonly runProjections?: boolean;
  /**
   * Which operations this process answers: all of them (default), or, as an API role behind the
   * gateway, the commands (every method but GET) or the queries (GET). An API role runs no
   * projections or process managers, so it leaves out the operations that drive them here
   * (rebuilds, retries of parked events).
   */
  readonly serve?: 'everything' | 'commands' | 'queries';
  readonly readYourWritesTimeoutMs?: number;
  /** Absent: no process managers run here (another process runs them, or a test does without). */
  readonly processes?: ProcessOptions;
  /** The development mail catcher, shown at /dev/mailbox. */
  readonly mailbox?: MailCatcher;
  /** The event store; default: PostgreSQL on the pool. */
  readonly eventStore?: EventStore;
  /** Where read models are kept; default: PostgreSQL JSONB on the pool. */
  readonly documents?: DocumentStore;
  /** Seals personal data as events are written and opens it as they are read (src/privacy); see openVault. */
  readonly vault: PersonalDataVault;
  /** Readers of events written in older shapes (see src/event-store/upcasting.ts); none by default. */
  readonly upcasters?: readonly Upcaster[];
  /**
   * Kafka: when given, the relay publishes integration events there, and the fulfilment saga and the
   * notifications process consume them from it instead of following the log. Absent: no broker.
   */
  readonly kafka?: KafkaBus;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY). */
  readonly trustProxy?: readonly string[];
}

/**
 * Wires the embedded profile's roles onto one PostgreSQL pool (already migrated). Used by
 * startEmporium, and by the HTTP tests, which run the very same app on a test database.
 */
export async function createEmporiumApp(pool: Pool, logger: Logger, options: EmporiumAppOptions): Promise<EmporiumApp> {
  const clock = options.clock ?? (() => new Date());
  const store = options.eventStore ?? instrumentedEventStore(new PostgresEventStore(pool, { logger }));
  // Everything that reads events reads them opened and upcast; the store itself is kept for what needs it as written.
  const opened = vaultedEventStore(store, options.vault);
  const eventStore = upcastingEventStore(opened, options.upcasters ?? []);
  const projections = new ProjectionRunner(eventStore, logger);
  // Projection progress lives beside the read models, in PostgreSQL, whatever keeps the events.
  const documents = options.documents ?? new PostgresDocumentStore(pool);
  const readModels = allProjections(pool, { checkpoints: new PostgresCheckpointStore(pool) }, documents);
  // Run here, or (a query API apart from the projector) only followed through their saved progress.
  if (options.runProjections ?? true) await projections.start(readModels);
  else await projections.watch(readModels);
  const idempotency = new PostgresIdempotencyStore(pool);
  const purgeIdempotencyKeys = setInterval(() => {
    idempotency.purgeBefore(new Date(clock().getTime() - 24 * 3_600_000)).catch((error: unknown) => logger.warn('could not purge old idempotency keys', { error }));
  }, 3_600_000);
  purgeIdempotencyKeys.unref();

  const handlers = {
    catalog: catalogHandlers(eventStore),
    // Snapshots are a cache in PostgreSQL keyed by stream and revision: they serve either event store.
    inventory: inventoryHandlers(eventStore, new PostgresSnapshotStore(pool)),
    customers: customerHandlers(eventStore, logger, options.vault),
    orders: orderHandlers(eventStore, options.shipping ? { shipping: options.shipping.provider } : {}),
    payments: paymentHandlers(eventStore),
    notifications: notificationHandlers(eventStore),
    vendors: vendorHandlers(eventStore),
    pricing: pricingHandlers(eventStore),
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

  const parkedEvents = new PostgresParkedEventStore(pool);
  const processes = new ProcessRunner(eventStore, parkedEvents, logger);
  const relay = options.kafka ? new IntegrationRelay(eventStore, options.kafka, logger) : null;
  await relay?.start();
  const kafkaProcesses = options.kafka && options.processes ? new KafkaProcessRunner(options.kafka, logger) : null;
  let deadlines: PaymentDeadlines | null = null;
  let scheduledPrices: ScheduledPrices | null = null;
  if (options.processes) {
    const settings = options.processes;
    const { notifications } = handlers;
    deadlines = new PaymentDeadlines(pool, eventStore, handlers.payments, clock, logger);
    scheduledPrices = new ScheduledPrices(pool, handlers.catalog, clock, logger);
    const reacting = [
      fulfilmentProcess({ eventStore, ...handlers, gateway: settings.gateway, deadlines, paymentDeadlineMs: settings.paymentDeadlineMs, clock, logger }),
      notificationsProcess({ eventStore, notifications, staffEmail: settings.staffEmail, clock, logger }),
    ];
    // With Kafka, the saga and the notifications hear of events as other systems do; the mail
    // sender and the price timers follow streams that stay inside.
    await kafkaProcesses?.start(reacting);
    await processes.start([
      ...(kafkaProcesses ? [] : reacting),
      scheduledPrices.timers(),
      smsSenderProcess({ eventStore, sms: settings.sms, notifications, clock, logger, ...(settings.mailRetryMaxDelayMs ? { maxRetryDelayMs: settings.mailRetryMaxDelayMs } : {}) }),
      mailSenderProcess({ eventStore, mailer: settings.mailer, notifications, from: settings.mailFrom, clock, logger, ...(settings.mailRetryMaxDelayMs ? { maxRetryDelayMs: settings.mailRetryMaxDelayMs } : {}) }),
    ]);
    deadlines.start(settings.deadlineSweepMs);
    scheduledPrices.start(settings.deadlineSweepMs);
  }

  // What /metrics reports of this process: its followers' progress, and the shop's gauges.
  const reporting = [
    reportProgress(progressOf(eventStore, 'projection', () => projections.status(), clock)),
    reportProgress(progressOf(eventStore, 'process', () => processes.status(), clock)),
    ...(relay ? [reportProgress(progressOf(eventStore, 'relay', () => { const status = relay.status(); return status ? [status] : []; }, clock))] : []),
    reportShop({
      ordersByStatus: () => documents.countBy(orderHistoryProjection.collection.name, 'status'),
      paymentsPastDeadline: async () => {
        const { rows } = await pool.query<{ count: string }>("select count(*) as count from process_timers where kind = 'payment-deadline' and due_at <= $1", [clock()]);
        return Number(rows[0]!.count);
      },
    }),
  ];

  // Rebuilds and retries of parked events act on the runners of this process.
  const runnerOperations = [...projectionOperations(projections, logger), ...parkedEventOperations(parkedEvents, processes, clock)];
  const everyOperation = [
    ...accountOperations(identity, clock),
    ...commandOperations(handlers, clock),
    ...vendorOperations(handlers.vendors, clock),
    ...pricingOperations(handlers.pricing, clock),
    paymentWebhookOperation({ payments: handlers.payments, ...options.webhook, clock, logger }),
    ...shippingOperations({ orders: handlers.orders, ...(options.shipping ? { webhook: { secret: options.shipping.webhookSecret, toleranceSeconds: options.webhook.toleranceSeconds } } : {}), clock, logger }),
    ...queryOperations({ documents, pool, projections, clock, readYourWritesTimeoutMs: options.readYourWritesTimeoutMs ?? 5_000 }),
    radarOperation({ pool, documents, projections, parkedEvents, clock }),
    ...runnerOperations,
    ...auditOperations({ eventStore: opened, pool, clock, reveal: (events) => options.vault.reveal(events) }),
  ];
  const serve = options.serve ?? 'everything';
  const served = everyOperation.filter((operation) => {
    if (serve === 'everything') return true;
    if (serve === 'queries') return operation.method === 'get';
    return operation.method !== 'get' && !runnerOperations.includes(operation);
  });
  const http = createHttpApp({
    logger,
    operations: served,
    documented: everyOperation,
    idempotency,
    authenticate: (token) => identity.authenticate(token, clock()),
    version: '0.1.0',
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    asyncApi: asyncApiDocument({ topicPrefix: options.kafka?.settings.topicPrefix ?? 'emporium.', ...(options.kafka ? { brokers: options.kafka.settings.brokers } : {}) }),
    extraRoutes: [...(options.mailbox ? [mailboxRoutes(options.mailbox)] : []), ...(serve === 'commands' ? [] : [webAppRoutes()].filter((routes) => routes !== null))],
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
          // A stopped projection or a failed rebuild needs a person, but the shop still serves (that read
          // model is behind, the others are not): degraded, not down, so no orchestrator takes the instance away.
          const status = statuses.some((projection) => projection.state === 'failed' || projection.lastRebuild?.outcome === 'failed') ? 'degraded' : 'up';
          return { status, projections: statuses };
        },
      },
      {
        name: 'processes',
        check: async () => {
          const parked = await processes.parkedCounts();
          const statuses = processes.status().map((status) => ({ ...status, parkedEvents: parked[status.name] ?? 0 }));
          // Parked events do not stop the shop, but someone must look at them (GET /api/admin/parked-events).
          const status = statuses.some((process) => process.state === 'failed') ? 'down' : statuses.some((process) => process.parkedEvents > 0) ? 'degraded' : 'up';
          return { status, processes: statuses };
        },
      },
      ...(relay
        ? [
            {
              name: 'kafka',
              check: () => {
                const relayed = relay.status();
                // Without the broker the shop still takes orders (events keep in the log, the relay
                // waits): behind, so degraded, never down.
                const status = relayed?.state === 'failed' ? ('degraded' as const) : ('up' as const);
                return Promise.resolve({ status, relay: relayed, consumers: kafkaProcesses?.status() ?? [] });
              },
            },
          ]
        : []),
    ],
  });
  return {
    http,
    eventStore: opened,
    eventLog: store,
    identity,
    projections,
    processes,
    async close() {
      await Promise.all(reporting.map((stopReporting) => stopReporting()));
      clearInterval(purgeIdempotencyKeys);
      await deadlines?.stop();
      await scheduledPrices?.stop();
      await kafkaProcesses?.stop();
      await relay?.stop();
      await processes.stop();
      await projections.stop();
      await eventStore.close();
    },
  };
}

/**
 * The role `all` (npm start): every role in one process, on one PostgreSQL (embedded unless
 * DATABASE_URL names one), and on EventStoreDB, MongoDB and Kafka where configured.
 */
export async function startEmporium(config: Config, logger: Logger): Promise<RunningEmporium> {
  const teardown = new Teardown(logger);
  const stop = () => teardown.run();

  try {
    const { pool, databaseUrl } = await openDatabase(config, logger, teardown);
    const accessTokens = await openAccessTokens(config, logger);
    const webhookSecret = await webhookSecretOf(config);
    const { mailer, mailbox } = await openMail(config, teardown);
    let ownUrl = config.publicUrl;
    const gateway = openGateway(config, webhookSecret, () => ownUrl, logger, teardown);
    const shipping = await openShipping(config, () => ownUrl, logger, teardown);
    // Events in EventStoreDB when configured; everything else (read models, reports, sessions, keys) stays in PostgreSQL.
    const eventStore = config.eventStore.kind === 'eventstoredb' ? openEventStore(config, pool, logger) : undefined;
    // Read models in MongoDB when configured; reports stay in PostgreSQL, as SQL serves them best.
    const documents = config.readStore.kind === 'mongodb' ? await openReadStore(config, pool, logger, teardown) : undefined;
    const kafka = openKafka(config, logger);
    const app = await createEmporiumApp(pool, logger, {
      ...(eventStore ? { eventStore } : {}),
      ...(kafka ? { kafka } : {}),
      ...(documents ? { documents } : {}),
      accessTokens,
      vault: await openVault(config, pool),
      webhook: { secret: webhookSecret, toleranceSeconds: config.webhookToleranceSeconds },
      shipping,
      ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
      processes: { gateway, mailer, sms: openSms(config), mailFrom: config.mailFrom, staffEmail: config.staffEmail, paymentDeadlineMs: config.paymentDeadlineSeconds * 1000, deadlineSweepMs: 1_000 },
      ...(mailbox ? { mailbox } : {}),
    });
    teardown.push(() => app.close());
    await bootstrapAdmin(app.identity, config, logger);
    if (config.demoCatalog && (await addDemoCatalog(app.eventStore, { catalog: catalogHandlers(app.eventStore), inventory: inventoryHandlers(app.eventStore) }, new Date()))) {
      logger.info('added the demo catalog');
    }
    // The signed log checkpoints cover the PostgreSQL log; EventStoreDB's is not audited by them yet.
    if (!eventStore) teardown.push(startLogCheckpoints(pool, config.dataDir, logger));
    const http = await listen(app.http, config.port, config.host);
    teardown.push(() => http.close());
    ownUrl ??= http.url;

    return { url: http.url, databaseUrl, mailboxUrl: mailbox ? `${http.url}/dev/mailbox` : undefined, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Signed checkpoints of the log's head (src/audit/log-integrity.ts), kept in the data directory,
 * apart from the log: one at start, then every hour, so that a stream removed or rewritten later
 * cannot go unseen by `emporium-audit verify-log`.
 */
function startLogCheckpoints(pool: Pool, dataDir: string, logger: Logger, intervalMs = 3_600_000): () => Promise<void> {
  const files = checkpointFiles(dataDir);
  let running: Promise<void> = Promise.resolve();
  const take = () => {
    running = running
      .then(async () => appendCheckpoint(files.checkpoints, await takeCheckpoint(pool, await keptCheckpointKey(files.key), new Date())))
      .catch((error: unknown) => logger.warn('could not take a checkpoint of the log', { error }));
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * The first admin. From EMPORIUM_ADMIN_EMAIL and EMPORIUM_ADMIN_PASSWORD when set; otherwise
 * admin@emporium.local with a random password written to the data directory (never to the log),
 * so that a fresh `npm start` can be administered at once.
 */
export async function bootstrapAdmin(identity: IdentityService, config: Config, logger: Logger): Promise<void> {
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
