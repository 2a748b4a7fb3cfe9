import type { EventStore } from '../../src/event-store/event-store';
import { createHash } from 'node:crypto';
import { SandboxShipping } from '../../src/shipping/sandbox-shipping';
import { postgresVault } from '../../src/privacy/postgres-personal-data-keys';
import type { KafkaBus } from '../../src/messaging/kafka/kafka-bus';
import type { Server } from 'node:http';
import { createEmporiumApp, type EmporiumApp, type ProcessOptions } from '../../src/app/composition-root';

export const testWebhookSecret = 'whsec_tests_only_0123456789';
export const testShippingWebhookSecret = 'whsec_carrier_tests_only_0123456789';
import { AccessTokens } from '../../src/identity/access-tokens';
import type { Upcaster } from '../../src/event-store/upcasting';
import type { MailCatcher } from '../../src/mail/mail-catcher';
import type { DocumentStore } from '../../src/projections/document-store';
import { ScryptPasswordHasher } from '../../src/identity/password-hasher';
import { listen } from '../../src/http/http-server';
import { silentLogger, type Logger } from '../../src/shared/logger';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface HttpAnswer<Body = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Body;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly rawBody?: string;
  /** An access token to send as Authorization: Bearer. */
  readonly token?: string;
}

export interface TestApp {
  readonly url: string;
  readonly db: TestDatabase;
  /** The shop's master key (src/privacy): what an auditor's tool needs to open personal data. */
  readonly masterKey: Buffer;
  readonly app: EmporiumApp;
  readonly accessTokens: AccessTokens;
  readonly server: Server;
  /** The sandbox carrier, its tracking webhooks held until a test delivers them (heldWebhooks, deliver). */
  readonly shipping: SandboxShipping;
  request<Body = Record<string, unknown>>(method: string, path: string, options?: RequestOptions): Promise<HttpAnswer<Body>>;
  /** Stops the app (not the database): as a process restart would. */
  stop(): Promise<void>;
  /** Stops the app and drops its database. */
  close(): Promise<void>;
}

/** The real app, as the composition root wires it, over real HTTP on loopback, on a database of its own. */
export async function startTestApp(
  options: {
    db?: TestDatabase;
    logger?: Logger;
    clock?: () => Date;
    accessTokens?: AccessTokens;
    runProjections?: boolean;
    readYourWritesTimeoutMs?: number;
    processes?: ProcessOptions;
    port?: number;
    upcasters?: readonly Upcaster[];
    mailbox?: MailCatcher;
    documents?: DocumentStore;
    /** The event store as written; default: PostgreSQL on the test database. */
    eventStore?: EventStore;
    trustProxy?: readonly string[];
    kafka?: KafkaBus;
  } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const accessTokens = options.accessTokens ?? AccessTokens.withNewKey();
  // One per test database, so that an app started again on it (a restart) opens what it sealed.
  const masterKey = createHash('sha256').update(`test master key of ${db.connectionString}`).digest();
  // The same scrypt as in production at a lower cost, so that tests can sign many accounts up.
  const passwords = new ScryptPasswordHasher({ cost: 2 ** 12, blockSize: 8, parallelization: 1 });
  let ownUrl = '';
  const shipping = new SandboxShipping({ webhookUrl: () => `${ownUrl}/api/shipping/webhook`, webhookSecret: testShippingWebhookSecret, originCountry: 'FR', holdWebhooks: true, logger: options.logger ?? silentLogger });
  const app = await createEmporiumApp(db.pool, options.logger ?? silentLogger, {
    accessTokens,
    passwords,
    vault: postgresVault(db.pool, masterKey),
    webhook: { secret: testWebhookSecret, toleranceSeconds: 300 },
    shipping: { provider: shipping, webhookSecret: testShippingWebhookSecret },
    ...(options.processes ? { processes: options.processes } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.runProjections === false ? { runProjections: false } : {}),
    ...(options.readYourWritesTimeoutMs ? { readYourWritesTimeoutMs: options.readYourWritesTimeoutMs } : {}),
    ...(options.upcasters ? { upcasters: options.upcasters } : {}),
    ...(options.mailbox ? { mailbox: options.mailbox } : {}),
    ...(options.documents ? { documents: options.documents } : {}),
    ...(options.eventStore ? { eventStore: options.eventStore } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    ...(options.kafka ? { kafka: options.kafka } : {}),
  });
  const http = await listen(app.http, options.port ?? 0, '127.0.0.1');
  ownUrl = http.url;
  const stop = async () => {
    await shipping.stop();
    await http.close();
    await app.close();
  };
  return {
    url: http.url,
    db,
    masterKey,
    app,
    accessTokens,
    server: http.server,
    shipping,
    async request(method, path, { body, headers = {}, rawBody, token } = {}) {
      const response = await fetch(`${http.url}${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: rawBody ?? (body !== undefined ? JSON.stringify(body) : undefined),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as never };
    },
    stop,
    async close() {
      await stop();
      await db.drop();
    },
  };
}
