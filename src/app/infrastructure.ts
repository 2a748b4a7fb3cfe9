import { instrumentedEventStore } from '../observability/instrumented-event-store';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { Pool } from 'pg';
import { keptMasterKeyFile, type Config } from '../config/config';
import type { EventStore } from '../event-store/event-store';
import { vaultedEventStore, type PersonalDataVault } from '../privacy/personal-data-vault';
import { postgresVault } from '../privacy/postgres-personal-data-keys';
import { EventStoreDbEventStore } from '../event-store/eventstoredb/eventstoredb-event-store';
import { PostgresCheckpointStore, PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { AccessTokens } from '../identity/access-tokens';
import { startMailCatcher, type MailCatcher } from '../mail/mail-catcher';
import type { Mailer } from '../mail/mailer';
import { SmtpMailer } from '../mail/smtp-mailer';
import { SandboxSms } from '../sms/sandbox-sms';
import type { SmsSender } from '../sms/sms-sender';
import { TwilioSms } from '../sms/twilio-sms';
import type { Leases } from '../leases/leases';
import { PostgresAdvisoryLeases } from '../leases/postgres-advisory-leases';
import { KafkaBus } from '../messaging/kafka/kafka-bus';
import { HttpPaymentGateway } from '../payments/http-payment-gateway';
import type { PaymentGateway } from '../payments/payment-gateway';
import { SandboxGateway } from '../payments/sandbox/sandbox-gateway';
import { SandboxShipping } from '../shipping/sandbox-shipping';
import type { ShippingProvider } from '../shipping/shipping-provider';
import { startEmbeddedPostgres } from '../postgres/embedded-postgres-server';
import { connectionPool } from '../postgres/pool';
import { runMigrations } from '../postgres/migrations';
import type { DocumentStore } from '../projections/document-store';
import { MongoDocumentStore } from '../projections/mongodb/mongo-document-store';
import { PostgresDocumentStore } from '../projections/postgres/postgres-document-store';
import type { Logger } from '../shared/logger';

/**
 * What a process acquires from outside, one function each, for the roles' composition roots to
 * take what they need. Each registers how to let go of it on the Teardown it is given.
 */

/** Undone in reverse order on stop, or when start-up fails half way. */
export class Teardown {
  private readonly steps: (() => Promise<void>)[] = [];

  constructor(private readonly logger: Logger) {}

  push(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      await step().catch((error: unknown) => this.logger.error('error while stopping', { error }));
    }
  }
}

/** PostgreSQL (DATABASE_URL, or the embedded server under the data directory), migrated. */
export async function openDatabase(config: Config, logger: Logger, teardown: Teardown): Promise<{ pool: Pool; databaseUrl: string }> {
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, database: 'emporium', logger });
    teardown.push(() => embedded.stop());
    databaseUrl = embedded.connectionString;
  }
  const pool = connectionPool({ connectionString: databaseUrl, max: config.databasePoolSize });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => logger.warn('idle database connection lost', { error }));
  teardown.push(() => pool.end());
  await runMigrations(pool, logger);
  return { pool, databaseUrl };
}

/**
 * The event store: EventStoreDB when configured (subscription progress then kept in PostgreSQL,
 * beside the read models' and reports'), else PostgreSQL. Closing it is left to whoever runs on it.
 */
export function openEventStore(config: Config, pool: Pool, logger: Logger): EventStore {
  if (config.eventStore.kind === 'postgres') return instrumentedEventStore(new PostgresEventStore(pool, { logger }));
  logger.info('events are kept in EventStoreDB', { url: config.eventStore.url.replace(/\/\/[^@/]*@/, '//***@') });
  return instrumentedEventStore(EventStoreDbEventStore.connect(config.eventStore.url, { logger, checkpoints: new PostgresCheckpointStore(pool), namespace: config.eventStore.namespace }));
}

/** Where read models are kept: MongoDB when configured, else PostgreSQL JSONB. */
export async function openReadStore(config: Config, pool: Pool, logger: Logger, teardown: Teardown): Promise<DocumentStore> {
  if (config.readStore.kind === 'postgres') return new PostgresDocumentStore(pool);
  const mongo = new MongoClient(config.readStore.url);
  await mongo.connect();
  teardown.push(() => mongo.close());
  logger.info('read models are kept in MongoDB', { database: mongo.db().databaseName });
  return new MongoDocumentStore(mongo.db());
}

export function openKafka(config: Config, logger: Logger): KafkaBus | undefined {
  if (!config.kafka) return undefined;
  logger.info('integration events go to Kafka; the saga and notifications consume them there', { brokers: config.kafka.brokers, topicPrefix: config.kafka.topicPrefix });
  return new KafkaBus(config.kafka, logger);
}

/**
 * Leases on the shared PostgreSQL, for work that only one instance of a role may do at a time.
 * Closing them stops that work first (each part finishing its batch in hand).
 */
export function openLeases(config: Config, pool: Pool, logger: Logger, teardown: Teardown): Leases {
  const leases = new PostgresAdvisoryLeases(pool, logger, { intervalMs: config.leaseIntervalMs });
  teardown.push(() => leases.close());
  return leases;
}

/** Mail: the configured SMTP server, or the development mail catcher (its mailbox kept in the data directory). */
export async function openMail(config: Config, teardown: Teardown): Promise<{ mailer: Mailer; mailbox: MailCatcher | undefined }> {
  let mailbox: MailCatcher | undefined;
  if (!config.smtpUrl) {
    await mkdir(config.dataDir, { recursive: true });
    const catcher = await startMailCatcher({ file: path.join(config.dataDir, 'mailbox.jsonl') });
    mailbox = catcher;
    teardown.push(() => catcher.close());
  }
  const mailer = new SmtpMailer(config.smtpUrl ?? mailbox!.smtpUrl);
  teardown.push(() => mailer.close());
  return { mailer, mailbox };
}

/** Text messages: Twilio when configured, else the sandbox, which sends nothing and keeps what it was given. */
export function openSms(config: Config): SmsSender {
  return config.sms.kind === 'twilio' ? new TwilioSms(config.sms) : new SandboxSms();
}

/**
 * Payments: the configured gateway service, or the sandbox in this process, whose webhooks go to
 * `webhookBase()` (this process's address, known once it listens).
 */
export function openGateway(config: Config, webhookSecret: string, webhookBase: () => string | undefined, logger: Logger, teardown: Teardown): PaymentGateway {
  if (config.paymentGateway) return new HttpPaymentGateway(config.paymentGateway.url, config.paymentGateway.apiKey);
  const sandbox = new SandboxGateway({ webhookUrl: () => `${webhookBase()}/api/payments/webhook`, webhookSecret, logger: logger.child({ role: 'sandbox-gateway' }) });
  teardown.push(() => sandbox.stop());
  return sandbox;
}

/**
 * Shipping: the sandbox carrier in this process (no real carrier's adapter yet), whose tracking
 * webhooks go to `webhookBase()`.
 */
export async function openShipping(config: Config, webhookBase: () => string | undefined, logger: Logger, teardown: Teardown): Promise<{ provider: ShippingProvider; webhookSecret: string }> {
  const webhookSecret = config.shippingWebhookSecret ?? (await keptSecret(config, 'shipping-webhook-secret', () => `whsec_${randomBytes(24).toString('base64url')}`));
  const sandbox = new SandboxShipping({ webhookUrl: () => `${webhookBase()}/api/shipping/webhook`, webhookSecret, originCountry: config.shippingOriginCountry, logger: logger.child({ role: 'sandbox-carrier' }) });
  teardown.push(() => sandbox.stop());
  return { provider: sandbox, webhookSecret };
}

export async function webhookSecretOf(config: Config): Promise<string> {
  return config.paymentWebhookSecret ?? (await keptSecret(config, 'payment-webhook-secret', () => `whsec_${randomBytes(24).toString('base64url')}`));
}

/** The master key of personal data: EMPORIUM_MASTER_KEY, or (one process, `npm start`) one made at first start and kept in the data directory. */
export async function masterKeyOf(config: Config): Promise<Buffer> {
  return config.masterKey ?? Buffer.from(await keptSecret(config, keptMasterKeyFile, () => randomBytes(32).toString('base64')), 'base64');
}

/** What seals and opens personal data in events (src/privacy), its keys kept in PostgreSQL whatever keeps the events. */
export async function openVault(config: Config, pool: Pool): Promise<PersonalDataVault> {
  return postgresVault(pool, await masterKeyOf(config));
}

/** The event store as a role's processes use it: personal data sealed as written, opened as read. */
export async function openVaultedEventStore(config: Config, pool: Pool, logger: Logger): Promise<EventStore> {
  return vaultedEventStore(openEventStore(config, pool, logger), await openVault(config, pool));
}

/** A secret made at first start and kept in the data directory (mode 600), for the next starts. */
export async function keptSecret(config: Config, name: string, make: () => string): Promise<string> {
  const file = path.join(config.dataDir, name);
  if (!existsSync(file)) {
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(file, make() + '\n', { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  return (await readFile(file, 'utf8')).trim();
}

/** The token signing key: the configured file, or one made at first start and kept in the data directory. */
export async function openAccessTokens(config: Config, logger: Logger): Promise<AccessTokens> {
  return AccessTokens.fromPem(await signingKey(config, logger), config.accessTokenTtlSeconds);
}

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
