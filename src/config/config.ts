import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import type { LogLevel } from '../shared/logger';
import { roleNames, type RoleName } from '../app/roles/role-names';

export interface Config {
  /** What this process runs: every role (`all`, npm start), or one service of the distributed profile. */
  readonly role: RoleName;
  readonly profile: 'embedded' | 'distributed';
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Absent: start the embedded PostgreSQL server under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  /** Where events are kept: PostgreSQL (the same database as everything else), or EventStoreDB. */
  readonly eventStore: { readonly kind: 'postgres' } | { readonly kind: 'eventstoredb'; readonly url: string; readonly namespace: string };
  /** Where the read models are kept: PostgreSQL JSONB, or MongoDB. Reports stay in PostgreSQL. */
  readonly readStore: { readonly kind: 'postgres' } | { readonly kind: 'mongodb'; readonly url: string };
  readonly logLevel: LogLevel;
  /** The first admin account, created at start when it does not exist yet. */
  readonly admin: { readonly email: string; readonly password: string } | undefined;
  /** PEM (PKCS #8) of the Ed25519 key that signs access tokens; absent: one kept in dataDir. */
  readonly jwtSigningKeyFile: string | undefined;
  readonly accessTokenTtlSeconds: number;
  /** Absent: a development mail catcher runs in process, shown at /dev/mailbox. */
  readonly smtpUrl: string | undefined;
  readonly sms: { readonly kind: 'sandbox' } | { readonly kind: 'twilio'; readonly accountSid: string; readonly authToken: string; readonly from: string; readonly apiUrl: string };
  readonly mailFrom: string;
  readonly staffEmail: string;
  /** Absent: one is made and kept in dataDir (the in-process sandbox and the app share it). */
  readonly paymentWebhookSecret: string | undefined;
  /** Absent: one is made at first start and kept in the data directory. */
  readonly shippingWebhookSecret: string | undefined;
  /** Where parcels leave from (ISO 3166-1 alpha-2): the sandbox carrier's domestic zone. */
  readonly shippingOriginCountry: string;
  /** Wraps each person's data key (src/privacy). Absent: one is made and kept in dataDir, as keptMasterKeyFile (the `all` role only). */
  readonly masterKey: Buffer | undefined;
  readonly webhookToleranceSeconds: number;
  /** Absent: the sandbox gateway runs in process. */
  readonly paymentGateway: { readonly url: string; readonly apiKey: string } | undefined;
  readonly paymentDeadlineSeconds: number;
  /** Where the gateway sends webhooks to reach this app; absent: the address it listens on. */
  readonly publicUrl: string | undefined;
  readonly demoCatalog: boolean;
  /** How often a standby instance tries for the leases it lacks (so, about how long a takeover takes). */
  readonly leaseIntervalMs: number;
  /** The proxies (the API gateway) whose X-Forwarded-For names the client; absent: none is trusted. */
  readonly trustProxy: readonly string[] | undefined;
  /** Absent: no broker; the process managers follow the event log directly (embedded profile). */
  readonly kafka: { readonly brokers: readonly string[]; readonly clientId: string; readonly topicPrefix: string; readonly partitions: number } | undefined;
}

/** Every variable, what it expects and its default: the README's configuration table is this list. */
export const configVariables = {
  EMPORIUM_ROLE: { expects: `what this process runs, one of ${roleNames.join(', ')} (or --role)`, default: 'all', parse: oneOf(roleNames) },
  EMPORIUM_PROFILE: { expects: 'embedded or distributed (EventStoreDB, MongoDB and Kafka by default)', default: 'embedded', parse: oneOf(['embedded', 'distributed']) },
  PORT: { expects: 'a TCP port, 0-65535 (0 picks a free one)', default: '3000', parse: integerIn(0, 65_535) },
  HOST: { expects: 'an address to listen on, e.g. 127.0.0.1 or 0.0.0.0', default: '127.0.0.1', parse: nonEmpty },
  EMPORIUM_DATA_DIR: { expects: 'a directory for local data (the embedded PostgreSQL cluster)', default: './.emporium', parse: nonEmpty },
  DATABASE_URL: { expects: 'a postgres:// or postgresql:// URL; unset to use the embedded PostgreSQL', default: undefined, parse: postgresUrl, secret: true },
  DATABASE_POOL_SIZE: { expects: 'an integer, 1-200', default: '10', parse: integerIn(1, 200) },
  EVENT_STORE: { expects: 'postgres or eventstoredb: where events are kept', default: 'postgres', parse: oneOf(['postgres', 'eventstoredb']) },
  READ_STORE: { expects: 'postgres or mongodb: where the read models are kept', default: 'postgres', parse: oneOf(['postgres', 'mongodb']) },
  MONGO_URL: { expects: 'a mongodb:// or mongodb+srv:// URL with the database name (with READ_STORE=mongodb)', default: undefined, parse: mongoUrl, secret: true },
  EVENTSTORE_URL: { expects: 'an esdb:// or esdb+discover:// connection string (with EVENT_STORE=eventstoredb)', default: undefined, parse: esdbUrl, secret: true },
  EVENTSTORE_NAMESPACE: { expects: 'put before every stream name in EventStoreDB, so that several shops can share a server: letters, digits, - _ .', default: undefined, parse: streamNamespace },
  LOG_LEVEL: { expects: 'one of debug, info, warn, error, silent', default: 'info', parse: oneOf(['debug', 'info', 'warn', 'error', 'silent']) },
  EMPORIUM_ADMIN_EMAIL: { expects: 'the email address of the first admin account', default: undefined, parse: email },
  EMPORIUM_ADMIN_PASSWORD: { expects: 'the first admin\'s password, 12 to 128 characters', default: undefined, parse: lengthBetween(12, 128), secret: true },
  JWT_SIGNING_KEY_FILE: { expects: 'a PEM file of an Ed25519 private key (PKCS #8)', default: undefined, parse: nonEmpty },
  ACCESS_TOKEN_TTL_SECONDS: { expects: 'the lifetime of access tokens in seconds, 60-86400', default: '900', parse: integerIn(60, 86_400) },
  SMTP_URL: { expects: 'an smtp:// or smtps:// URL (user and password in it if needed); unset for the development mail catcher', default: undefined, parse: smtpUrl, secret: true },
  MAIL_FROM: { expects: 'the sender of customer emails, e.g. "Shop <shop@example.org>"', default: 'Emporium <shop@emporium.local>', parse: nonEmpty },
  SMS_PROVIDER: { expects: 'sandbox or twilio: who sends the text messages customers opt in to (sandbox: nobody, they are kept in memory)', default: 'sandbox', parse: oneOf(['sandbox', 'twilio']) },
  TWILIO_ACCOUNT_SID: { expects: 'the Twilio account SID, AC followed by 32 hex digits (with SMS_PROVIDER=twilio)', default: undefined, parse: twilioSid },
  TWILIO_AUTH_TOKEN: { expects: 'the Twilio auth token (with SMS_PROVIDER=twilio)', default: undefined, parse: nonEmpty, secret: true },
  TWILIO_FROM: { expects: 'the sender: a Twilio number in E.164 (+…) or a messaging service SID (MG…) (with SMS_PROVIDER=twilio)', default: undefined, parse: twilioSender },
  TWILIO_API_URL: { expects: 'the http(s) URL of the Twilio API', default: 'https://api.twilio.com', parse: httpUrl },
  STAFF_EMAIL: { expects: 'the address that gets low-stock alerts', default: 'staff@emporium.local', parse: email },
  PAYMENT_WEBHOOK_SECRET: { expects: 'the secret the payment gateway signs webhooks with, 16 characters or more', default: undefined, parse: lengthBetween(16, 256), secret: true },
  SHIPPING_WEBHOOK_SECRET: { expects: 'the secret the shipping carrier signs tracking webhooks with, 16 characters or more', default: undefined, parse: lengthBetween(16, 256), secret: true },
  SHIPPING_ORIGIN_COUNTRY: { expects: 'the country parcels leave from, ISO 3166-1 alpha-2 (e.g. FR)', default: 'FR', parse: countryCode },
  EMPORIUM_MASTER_KEY: { expects: 'the master key that wraps personal-data keys: 32 random bytes in base64 (openssl rand -base64 32)', default: undefined, parse: masterKey, secret: true },
  WEBHOOK_TOLERANCE_SECONDS: { expects: 'how old a webhook may be, in seconds, 10-3600', default: '300', parse: integerIn(10, 3_600) },
  PAYMENT_GATEWAY_URL: { expects: 'the http(s) URL of the payment gateway service; unset for the sandbox in process', default: undefined, parse: httpUrl },
  PAYMENT_GATEWAY_API_KEY: { expects: 'the API key of the payment gateway service', default: undefined, parse: nonEmpty, secret: true },
  PAYMENT_DEADLINE_SECONDS: { expects: 'how long a payment may go unanswered before it expires, 10-86400', default: '900', parse: integerIn(10, 86_400) },
  PUBLIC_URL: { expects: 'the http(s) URL this app is reached at (for gateway webhooks)', default: undefined, parse: httpUrl },
  KAFKA_BROKERS: { expects: 'host:port[,host:port…] of Kafka brokers; set, integration events go to Kafka and the process managers consume them there', default: undefined, parse: brokerList },
  KAFKA_CLIENT_ID: { expects: 'the client id this process shows the brokers', default: 'emporium', parse: nonEmpty },
  KAFKA_TOPIC_PREFIX: { expects: 'put before every topic and consumer group name, letters, digits, . _ -', default: 'emporium.', parse: topicPrefix },
  KAFKA_PARTITIONS: { expects: 'partitions of each topic created at start, 1-1000', default: '6', parse: integerIn(1, 1_000) },
  TRUST_PROXY: { expects: 'the API gateway\'s addresses, whose X-Forwarded-For is believed: IPs, CIDRs, loopback, uniquelocal (comma-separated)', default: undefined, parse: trustedProxies },
  LEASE_INTERVAL_MS: { expects: 'how often, in ms, a standby projector, relay or mail sender tries to take over, 50-60000', default: '1000', parse: integerIn(50, 60_000) },
  DEMO_CATALOG: { expects: 'true or false: add a small demo catalog at first start', default: 'true', parse: oneOf(['true', 'false']) },
} as const;

type VariableName = keyof typeof configVariables;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/**
 * Reads the configuration from the environment and, when EMPORIUM_CONFIG_FILE names one, a JSON
 * file of the same variable names (the environment wins). Every problem is reported at once, each
 * naming its variable and what it expects, so a bad deployment fails at start and not at first use.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const fromFile = readConfigFile(env.EMPORIUM_CONFIG_FILE, cwd, problems);
  const values = {} as Record<VariableName, unknown>;
  // The distributed profile changes the stores' defaults; a variable set explicitly still wins.
  const distributed = (env.EMPORIUM_PROFILE ?? fromFile.EMPORIUM_PROFILE) === 'distributed';
  const distributedDefaults: Partial<Record<VariableName, string>> = { EVENT_STORE: 'eventstoredb', READ_STORE: 'mongodb' };

  for (const [name, variable] of Object.entries(configVariables) as [VariableName, (typeof configVariables)[VariableName]][]) {
    const raw = env[name] ?? fromFile[name] ?? (distributed ? distributedDefaults[name] : undefined) ?? variable.default;
    if (raw === undefined || raw === '') {
      values[name] = undefined;
      continue;
    }
    try {
      values[name] = variable.parse(String(raw));
    } catch {
      // A secret is never echoed, not even a wrong one: it may be a real password mistyped.
      const shown = 'secret' in variable ? `a value of ${String(raw).length} characters` : JSON.stringify(String(raw));
      problems.push(`${name} expects ${variable.expects}; got ${shown}`);
    }
  }
  if ((values.PAYMENT_GATEWAY_URL === undefined) !== (values.PAYMENT_GATEWAY_API_KEY === undefined)) {
    problems.push('PAYMENT_GATEWAY_URL and PAYMENT_GATEWAY_API_KEY go together: set both, or neither');
  }
  if (values.PAYMENT_GATEWAY_URL !== undefined && values.PAYMENT_WEBHOOK_SECRET === undefined) {
    problems.push('PAYMENT_WEBHOOK_SECRET is needed with PAYMENT_GATEWAY_URL: it is the secret that gateway signs webhooks with');
  }
  if (values.READ_STORE === 'mongodb' && values.MONGO_URL === undefined) {
    problems.push('MONGO_URL is needed with READ_STORE=mongodb: the MongoDB to keep the read models in (mongodb://host:27017/emporium)');
  }
  if (values.EVENT_STORE === 'eventstoredb' && values.EVENTSTORE_URL === undefined) {
    problems.push('EVENTSTORE_URL is needed with EVENT_STORE=eventstoredb: the EventStoreDB to keep events in (esdb://host:2113?tls=false)');
  }
  if ((values.EMPORIUM_ADMIN_EMAIL === undefined) !== (values.EMPORIUM_ADMIN_PASSWORD === undefined)) {
    problems.push('EMPORIUM_ADMIN_EMAIL and EMPORIUM_ADMIN_PASSWORD go together: set both, or neither');
  }
  if (values.EMPORIUM_PROFILE === 'distributed' && values.KAFKA_BROKERS === undefined) {
    problems.push('KAFKA_BROKERS is needed with EMPORIUM_PROFILE=distributed: the services talk through Kafka');
  }
  if (values.SMS_PROVIDER === 'twilio') {
    for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'] as const) if (values[name] === undefined) problems.push(`${name} is needed with SMS_PROVIDER=twilio`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    role: values.EMPORIUM_ROLE as RoleName,
    profile: values.EMPORIUM_PROFILE as 'embedded' | 'distributed',
    port: values.PORT as number,
    host: values.HOST as string,
    dataDir: path.resolve(cwd, values.EMPORIUM_DATA_DIR as string),
    databaseUrl: values.DATABASE_URL as string | undefined,
    databasePoolSize: values.DATABASE_POOL_SIZE as number,
    eventStore: values.EVENT_STORE === 'eventstoredb' ? { kind: 'eventstoredb', url: values.EVENTSTORE_URL as string, namespace: (values.EVENTSTORE_NAMESPACE as string | undefined) ?? '' } : { kind: 'postgres' },
    readStore: values.READ_STORE === 'mongodb' ? { kind: 'mongodb', url: values.MONGO_URL as string } : { kind: 'postgres' },
    logLevel: values.LOG_LEVEL as LogLevel,
    admin: values.EMPORIUM_ADMIN_EMAIL ? { email: values.EMPORIUM_ADMIN_EMAIL as string, password: values.EMPORIUM_ADMIN_PASSWORD as string } : undefined,
    jwtSigningKeyFile: values.JWT_SIGNING_KEY_FILE === undefined ? undefined : path.resolve(cwd, values.JWT_SIGNING_KEY_FILE as string),
    accessTokenTtlSeconds: values.ACCESS_TOKEN_TTL_SECONDS as number,
    smtpUrl: values.SMTP_URL as string | undefined,
    mailFrom: values.MAIL_FROM as string,
    staffEmail: values.STAFF_EMAIL as string,
    sms:
      values.SMS_PROVIDER === 'twilio'
        ? { kind: 'twilio', accountSid: values.TWILIO_ACCOUNT_SID as string, authToken: values.TWILIO_AUTH_TOKEN as string, from: values.TWILIO_FROM as string, apiUrl: values.TWILIO_API_URL as string }
        : { kind: 'sandbox' },
    paymentWebhookSecret: values.PAYMENT_WEBHOOK_SECRET as string | undefined,
    shippingWebhookSecret: values.SHIPPING_WEBHOOK_SECRET as string | undefined,
    shippingOriginCountry: values.SHIPPING_ORIGIN_COUNTRY as string,
    masterKey: values.EMPORIUM_MASTER_KEY === undefined ? undefined : Buffer.from(values.EMPORIUM_MASTER_KEY as string, 'base64'),
    webhookToleranceSeconds: values.WEBHOOK_TOLERANCE_SECONDS as number,
    paymentGateway: values.PAYMENT_GATEWAY_URL ? { url: values.PAYMENT_GATEWAY_URL as string, apiKey: values.PAYMENT_GATEWAY_API_KEY as string } : undefined,
    paymentDeadlineSeconds: values.PAYMENT_DEADLINE_SECONDS as number,
    publicUrl: values.PUBLIC_URL as string | undefined,
    demoCatalog: values.DEMO_CATALOG === 'true',
    leaseIntervalMs: values.LEASE_INTERVAL_MS as number,
    trustProxy: values.TRUST_PROXY as string[] | undefined,
    kafka: values.KAFKA_BROKERS
      ? { brokers: values.KAFKA_BROKERS as string[], clientId: values.KAFKA_CLIENT_ID as string, topicPrefix: values.KAFKA_TOPIC_PREFIX as string, partitions: values.KAFKA_PARTITIONS as number }
      : undefined,
  };
}

function readConfigFile(file: string | undefined, cwd: string, problems: string[]): Record<string, string | number> {
  if (!file) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.resolve(cwd, file), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    const unknown = Object.keys(parsed).filter((key) => !(key in configVariables));
    if (unknown.length > 0) problems.push(`EMPORIUM_CONFIG_FILE ${file} has unknown variables: ${unknown.join(', ')}`);
    return parsed as Record<string, string | number>;
  } catch (error) {
    problems.push(`EMPORIUM_CONFIG_FILE expects a readable JSON object of variables; ${file}: ${(error as Error).message}`);
    return {};
  }
}

function integerIn(min: number, max: number) {
  return (raw: string): number => {
    if (!/^\d+$/.test(raw)) throw new Error();
    const value = Number(raw);
    if (value < min || value > max) throw new Error();
    return value;
  };
}

function nonEmpty(raw: string): string {
  if (raw.trim() === '') throw new Error();
  return raw;
}

function email(raw: string): string {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) throw new Error();
  return raw;
}

function lengthBetween(min: number, max: number) {
  return (raw: string): string => {
    if (raw.length < min || raw.length > max) throw new Error();
    return raw;
  };
}

/** Where `npm start` keeps the master key it made, in the data directory; the audit tool looks there too. */
export const keptMasterKeyFile = 'master-key';

function masterKey(raw: string): string {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(raw)) throw new Error();
  return raw;
}

function twilioSid(raw: string): string {
  if (!/^AC[0-9a-f]{32}$/.test(raw)) throw new Error();
  return raw;
}

function twilioSender(raw: string): string {
  if (!/^(\+[1-9]\d{7,14}|MG[0-9a-f]{32})$/.test(raw)) throw new Error();
  return raw;
}

function smtpUrl(raw: string): string {
  const url = new URL(raw);
  if (!['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname) throw new Error();
  return raw;
}

function httpUrl(raw: string): string {
  const url = new URL(raw);
  if (!['http:', 'https:'].includes(url.protocol) || !url.hostname) throw new Error();
  return raw.replace(/\/+$/, '');
}

function postgresUrl(raw: string): string {
  const url = new URL(raw);
  if (!['postgres:', 'postgresql:'].includes(url.protocol) || !url.hostname) throw new Error();
  return raw;
}

function mongoUrl(raw: string): string {
  const url = new URL(raw);
  if (!['mongodb:', 'mongodb+srv:'].includes(url.protocol) || !url.hostname) throw new Error();
  return raw;
}

function esdbUrl(raw: string): string {
  if (!/^esdb(\+discover)?:\/\/[^/?#\s]+/.test(raw)) throw new Error();
  return raw;
}

function brokerList(raw: string): string[] {
  const brokers = raw.split(',').map((broker) => broker.trim());
  if (!brokers.every((broker) => /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(broker))) throw new Error();
  return brokers;
}

function trustedProxies(raw: string): string[] {
  const proxies = raw.split(',').map((proxy) => proxy.trim());
  const named = ['loopback', 'linklocal', 'uniquelocal'];
  const valid = (proxy: string) => {
    const [address, bits, ...rest] = proxy.split('/');
    const version = isIP(address ?? '');
    if (rest.length > 0 || version === 0) return false;
    return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
  };
  if (!proxies.every((proxy) => named.includes(proxy) || valid(proxy))) throw new Error();
  return proxies;
}

function streamNamespace(raw: string): string {
  if (!/^[A-Za-z0-9._-]{1,60}$/.test(raw)) throw new Error();
  return raw;
}

function topicPrefix(raw: string): string {
  if (!/^[A-Za-z0-9._-]{0,100}$/.test(raw)) throw new Error();
  return raw;
}

function countryCode(raw: string): string {
  if (!/^[A-Za-z]{2}$/.test(raw)) throw new Error();
  return raw.toUpperCase();
}

function oneOf<T extends string>(choices: readonly T[]) {
  return (raw: string): T => {
    if (!choices.includes(raw as T)) throw new Error();
    return raw as T;
  };
}
