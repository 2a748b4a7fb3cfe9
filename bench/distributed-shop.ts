import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { AccessTokens } from '../src/identity/access-tokens';
import { startApiGateway, type RunningGateway } from '../test/support/api-gateway';
import { startApp, untilReady, type AppProcess } from '../test/support/app-process';

/**
 * The distributed profile for a benchmark: every role its own process on the test servers
 * (scripts/test-servers.sh: Kafka, FerretDB, the EventStoreDB stand-in; or EVENTSTORE_URL), behind
 * nginx, as test/distributed/distributed-profile.e2e.test.ts runs it.
 */
export interface DistributedShop {
  /** The gateway: every call goes through it. */
  readonly url: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  stop(): Promise<void>;
}

export async function startDistributedShop(databaseUrl: string, smtpUrl: string, webhookSecret: string): Promise<DistributedShop> {
  const kafka = process.env.KAFKA_BROKERS;
  const mongo = process.env.MONGO_URL;
  const eventstore = process.env.EVENTSTORE_URL ?? process.env.EVENTSTORE_STAND_IN_URL;
  if (!kafka || !mongo || !eventstore) throw new Error('BENCH_PROFILE=distributed needs the test servers: scripts/test-servers.sh up && eval "$(scripts/test-servers.sh env)"');
  const workDir = mkdtempSync(path.join(tmpdir(), 'emporium-bench-'));
  const keyFile = path.join(workDir, 'jwt-signing-key.pem');
  writeFileSync(keyFile, AccessTokens.newKeyPem(), { mode: 0o600 });
  const database = `emporium_bench_${randomBytes(4).toString('hex')}`;
  const mongoUrl = new URL(mongo);
  mongoUrl.pathname = `/${database}`;
  const apiKey = `sk_bench_${randomBytes(8).toString('hex')}`;
  const adminEmail = 'admin@bench.example';
  const adminPassword = 'bench admin passphrase';
  const env: NodeJS.ProcessEnv = {
    EMPORIUM_PROFILE: 'distributed',
    DATABASE_URL: databaseUrl,
    EVENTSTORE_URL: eventstore,
    EVENTSTORE_NAMESPACE: `b${randomBytes(4).toString('hex')}-`,
    MONGO_URL: mongoUrl.toString(),
    KAFKA_BROKERS: kafka,
    KAFKA_TOPIC_PREFIX: `bench.${randomBytes(4).toString('hex')}.`,
    JWT_SIGNING_KEY_FILE: keyFile,
    EMPORIUM_MASTER_KEY: randomBytes(32).toString('base64'),
    PAYMENT_WEBHOOK_SECRET: webhookSecret,
    SHIPPING_WEBHOOK_SECRET: `${webhookSecret}-carrier`,
    PAYMENT_DEADLINE_SECONDS: '600',
    SMTP_URL: smtpUrl,
    EMPORIUM_ADMIN_EMAIL: adminEmail,
    EMPORIUM_ADMIN_PASSWORD: adminPassword,
    DEMO_CATALOG: 'false',
    TRUST_PROXY: 'loopback',
    PORT: '0',
  };
  const processes: AppProcess[] = [];
  let gateway: RunningGateway | undefined;
  const start = (role: string, extra: NodeJS.ProcessEnv = {}) => {
    const app = startApp({ ...env, ...extra, EMPORIUM_DATA_DIR: path.join(workDir, role) }, ['--role', role]);
    processes.push(app);
    return app.url;
  };
  const stop = async () => {
    for (const app of processes) if (app.child.exitCode === null) app.interrupt();
    await Promise.all(processes.map((app) => app.exited));
    await gateway?.stop();
    const client = await new MongoClient(mongo).connect();
    await client.db(database).dropDatabase().catch(() => undefined);
    await client.close();
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    const commandApi = new URL(await start('command-api'));
    const queryApi = new URL(await start('query-api'));
    gateway = await startApiGateway({ commandApi: commandApi.host, queryApi: queryApi.host, ratePerSecond: 100_000, burst: 100_000, signInPerMinute: 100_000 });
    const sandbox = await start('sandbox-gateway', { SANDBOX_PORT: '0', SANDBOX_API_KEY: apiKey, SANDBOX_WEBHOOK_URL: `${gateway.url}/api/payments/webhook`, SANDBOX_ANSWER_AFTER_MS: '50' });
    const followers = await Promise.all([start('projector'), start('relay'), start('order-service', { PAYMENT_GATEWAY_URL: sandbox, PAYMENT_GATEWAY_API_KEY: apiKey }), start('notification-service')]);
    for (const url of [commandApi.origin, queryApi.origin, ...followers]) await untilReady(url);
    return { url: gateway.url, adminEmail, adminPassword, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
