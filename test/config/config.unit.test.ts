import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';

const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
  try {
    loadConfig(env, '/srv/shop');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('has defaults for everything but the database, which is then embedded', () => {
    expect(loadConfig({}, '/srv/shop')).toEqual({
      role: 'all',
      profile: 'embedded',
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/shop/.emporium',
      databaseUrl: undefined,
      databasePoolSize: 10,
      eventStore: { kind: 'postgres' },
      readStore: { kind: 'postgres' },
      logLevel: 'info',
      admin: undefined,
      jwtSigningKeyFile: undefined,
      accessTokenTtlSeconds: 900,
      smtpUrl: undefined,
      mailFrom: 'Emporium <shop@emporium.local>',
      staffEmail: 'staff@emporium.local',
      sms: { kind: 'sandbox' },
      masterKey: undefined,
      paymentWebhookSecret: undefined,
      shippingWebhookSecret: undefined,
      shippingOriginCountry: 'FR',
      webhookToleranceSeconds: 300,
      paymentGateway: undefined,
      paymentDeadlineSeconds: 900,
      publicUrl: undefined,
      demoCatalog: true,
      leaseIntervalMs: 1000,
      trustProxy: undefined,
      kafka: undefined,
    });
  });

  it('runs one role when told, and the distributed profile defaults to EventStoreDB, MongoDB and Kafka', () => {
    expect(loadConfig({ EMPORIUM_ROLE: 'projector' }, '/srv/shop').role).toBe('projector');
    expect(() => loadConfig({ EMPORIUM_ROLE: 'everything' }, '/srv/shop')).toThrow(/EMPORIUM_ROLE expects what this process runs, one of all, command-api, query-api, projector, order-service, notification-service, relay, sandbox-gateway/);
    expect(() => loadConfig({ EMPORIUM_PROFILE: 'distributed' }, '/srv/shop')).toThrow(
      new ConfigError([
        'MONGO_URL is needed with READ_STORE=mongodb: the MongoDB to keep the read models in (mongodb://host:27017/emporium)',
        'EVENTSTORE_URL is needed with EVENT_STORE=eventstoredb: the EventStoreDB to keep events in (esdb://host:2113?tls=false)',
        'KAFKA_BROKERS is needed with EMPORIUM_PROFILE=distributed: the services talk through Kafka',
      ]),
    );
    const distributed = loadConfig({ EMPORIUM_PROFILE: 'distributed', MONGO_URL: 'mongodb://m:27017/shop', EVENTSTORE_URL: 'esdb://e:2113?tls=false', KAFKA_BROKERS: 'k1:9092,k2:9092' }, '/srv/shop');
    expect(distributed).toMatchObject({ profile: 'distributed', eventStore: { kind: 'eventstoredb' }, readStore: { kind: 'mongodb' }, kafka: { brokers: ['k1:9092', 'k2:9092'], topicPrefix: 'emporium.', partitions: 6, clientId: 'emporium' } });
    // A store set explicitly wins over the profile's default.
    expect(loadConfig({ EMPORIUM_PROFILE: 'distributed', READ_STORE: 'postgres', EVENTSTORE_URL: 'esdb://e:2113?tls=false', KAFKA_BROKERS: 'k:9092' }, '/srv/shop').readStore).toEqual({ kind: 'postgres' });
    expect(() => loadConfig({ KAFKA_BROKERS: 'http://kafka' }, '/srv/shop')).toThrow(/KAFKA_BROKERS expects host:port/);
  });

  it('reads the environment', () => {
    const config = loadConfig({ PORT: '8080', EMPORIUM_DATA_DIR: '/var/lib/emporium', DATABASE_URL: 'postgres://u:p@db:5432/shop', LOG_LEVEL: 'warn' }, '/srv/shop');
    expect(config).toMatchObject({ port: 8080, dataDir: '/var/lib/emporium', databaseUrl: 'postgres://u:p@db:5432/shop', logLevel: 'warn' });
  });

  it('ships from a country named by its two letters, and takes a carrier secret of 16 characters or more', () => {
    expect(loadConfig({ SHIPPING_ORIGIN_COUNTRY: 'de', SHIPPING_WEBHOOK_SECRET: 'whsec_carrier_0123456789' }, '/srv/shop')).toMatchObject({ shippingOriginCountry: 'DE', shippingWebhookSecret: 'whsec_carrier_0123456789' });
    const problems = problemsOf({ SHIPPING_ORIGIN_COUNTRY: 'France', SHIPPING_WEBHOOK_SECRET: 'short' }).join('\n');
    expect(problems).toContain('SHIPPING_ORIGIN_COUNTRY expects the country parcels leave from, ISO 3166-1 alpha-2 (e.g. FR); got "France"');
    expect(problems).toMatch(/SHIPPING_WEBHOOK_SECRET expects .*16 characters or more/);
    expect(problems).not.toContain('short');
  });

  it('names every bad variable and what it expects, all at once', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://db/shop', LOG_LEVEL: 'loud', DATABASE_POOL_SIZE: '0' });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toBe('PORT expects a TCP port, 0-65535 (0 picks a free one); got "eighty"');
    expect(problems.join('\n')).toMatch(/DATABASE_URL expects a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(problems.join('\n')).not.toContain('mysql://');
    expect(problems.join('\n')).toMatch(/LOG_LEVEL expects one of debug, info, warn, error, silent; got "loud"/);
    expect(problems.join('\n')).toMatch(/DATABASE_POOL_SIZE expects an integer, 1-200; got "0"/);
  });

  it('takes a master key of exactly 32 bytes, in base64, and never echoes a wrong one', () => {
    const key = Buffer.alloc(32, 9);
    expect(loadConfig({ EMPORIUM_MASTER_KEY: key.toString('base64') }, '/srv/shop').masterKey).toEqual(key);
    expect(loadConfig({}, '/srv/shop').masterKey).toBeUndefined();
    const short = Buffer.alloc(16, 9).toString('base64');
    const problems = problemsOf({ EMPORIUM_MASTER_KEY: short });
    expect(problems).toEqual([expect.stringMatching(/^EMPORIUM_MASTER_KEY expects the master key that wraps personal-data keys: 32 random bytes in base64/)]);
    expect(problems.join()).not.toContain(short);
  });

  it('takes the first admin as an email and password together, never one alone', () => {
    expect(loadConfig({ EMPORIUM_ADMIN_EMAIL: 'owner@shop.example', EMPORIUM_ADMIN_PASSWORD: 'a long passphrase' }, '/srv/shop').admin).toEqual({ email: 'owner@shop.example', password: 'a long passphrase' });
    expect(problemsOf({ EMPORIUM_ADMIN_EMAIL: 'owner@shop.example' })).toEqual(['EMPORIUM_ADMIN_EMAIL and EMPORIUM_ADMIN_PASSWORD go together: set both, or neither']);
    expect(problemsOf({ EMPORIUM_ADMIN_EMAIL: 'owner@shop.example', EMPORIUM_ADMIN_PASSWORD: 'short' })[0]).toMatch(/^EMPORIUM_ADMIN_PASSWORD expects/);
    expect(problemsOf({ EMPORIUM_ADMIN_EMAIL: 'owner', EMPORIUM_ADMIN_PASSWORD: 'a long passphrase' })[0]).toMatch(/^EMPORIUM_ADMIN_EMAIL expects/);
  });

  it('sends text messages through Twilio only with its account, token and sender, each as Twilio writes them', () => {
    const twilio = { SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM: '+447700900000' };
    expect(loadConfig(twilio, '/srv').sms).toEqual({ kind: 'twilio', accountSid: `AC${'0'.repeat(32)}`, authToken: 'secret-token', from: '+447700900000', apiUrl: 'https://api.twilio.com' });
    expect(problemsOf({ SMS_PROVIDER: 'twilio' })).toEqual(['TWILIO_ACCOUNT_SID is needed with SMS_PROVIDER=twilio', 'TWILIO_AUTH_TOKEN is needed with SMS_PROVIDER=twilio', 'TWILIO_FROM is needed with SMS_PROVIDER=twilio']);
    expect(problemsOf({ ...twilio, TWILIO_ACCOUNT_SID: 'SK123' })[0]).toMatch(/^TWILIO_ACCOUNT_SID expects the Twilio account SID/);
    expect(problemsOf({ ...twilio, TWILIO_FROM: '07700900000' })[0]).toMatch(/^TWILIO_FROM expects the sender/);
    expect(problemsOf({ SMS_PROVIDER: 'carrier-pigeon' })[0]).toMatch(/^SMS_PROVIDER expects sandbox or twilio/);
  });

  it('takes a gateway service only with its key and a webhook secret, and SMTP only as an smtp URL', () => {
    expect(problemsOf({ PAYMENT_GATEWAY_URL: 'https://pay.example' })).toEqual([
      'PAYMENT_GATEWAY_URL and PAYMENT_GATEWAY_API_KEY go together: set both, or neither',
      'PAYMENT_WEBHOOK_SECRET is needed with PAYMENT_GATEWAY_URL: it is the secret that gateway signs webhooks with',
    ]);
    expect(problemsOf({ SMTP_URL: 'http://mail.example' })[0]).toMatch(/^SMTP_URL expects an smtp:\/\/ or smtps:\/\/ URL/);
    expect(loadConfig({ SMTP_URL: 'smtps://user:pass@mail.example:465', PAYMENT_WEBHOOK_SECRET: 'whsec_0123456789abcdef' }, '/srv')).toMatchObject({ smtpUrl: 'smtps://user:pass@mail.example:465' });
  });

  it('keeps events in PostgreSQL unless told EventStoreDB, which needs its URL', () => {
    expect(loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false' }).eventStore).toEqual({ kind: 'eventstoredb', url: 'esdb://127.0.0.1:2113?tls=false', namespace: '' });
    expect(loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://e:2113', EVENTSTORE_NAMESPACE: 'shop-2.' }).eventStore).toMatchObject({ namespace: 'shop-2.' });
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow('EVENTSTORE_URL is needed with EVENT_STORE=eventstoredb');
    expect(() => loadConfig({ EVENT_STORE: 'mysql' })).toThrow('EVENT_STORE expects postgres or eventstoredb');
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'http://127.0.0.1:2113' })).toThrow(/EVENTSTORE_URL expects an esdb:\/\//);
  });

  it('keeps read models in PostgreSQL unless told MongoDB, which needs its URL', () => {
    expect(loadConfig({ READ_STORE: 'mongodb', MONGO_URL: 'mongodb://127.0.0.1:27017/shop' }).readStore).toEqual({ kind: 'mongodb', url: 'mongodb://127.0.0.1:27017/shop' });
    expect(() => loadConfig({ READ_STORE: 'mongodb' })).toThrow('MONGO_URL is needed with READ_STORE=mongodb');
    expect(() => loadConfig({ READ_STORE: 'mongodb', MONGO_URL: 'http://127.0.0.1' })).toThrow(/MONGO_URL expects a mongodb:\/\//);
  });

  it('believes X-Forwarded-For only from the proxies named, given as addresses, CIDRs or kinds', () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.7']);
    for (const bad of ['true', '*', '10.0.0.0/33', 'gateway.local', '10.0.0.0/8/1']) expect(problemsOf({ TRUST_PROXY: bad })[0]).toMatch(/^TRUST_PROXY expects the API gateway's addresses/);
  });

  it('never shows a secret in its messages', () => {
    expect(problemsOf({ EMPORIUM_ADMIN_EMAIL: 'owner@shop.example', EMPORIUM_ADMIN_PASSWORD: 'tiny' }).join('\n')).not.toContain('tiny');
  });

  it('refuses a port out of range and a URL that is no URL', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT expects a TCP port, 0-65535 (0 picks a free one); got "70000"']);
    expect(problemsOf({ DATABASE_URL: 'not a url' })[0]).toBe('DATABASE_URL expects a postgres:// or postgresql:// URL; unset to use the embedded PostgreSQL; got a value of 9 characters');
  });

  describe('with a configuration file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emporium-config-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string, content: string) => {
      const filePath = path.join(dir, name);
      writeFileSync(filePath, content);
      return filePath;
    };

    it('takes values from the file, and the environment wins over it', () => {
      const configFile = file('ok.json', JSON.stringify({ PORT: 4000, LOG_LEVEL: 'debug' }));
      expect(loadConfig({ EMPORIUM_CONFIG_FILE: configFile, LOG_LEVEL: 'error' }, dir)).toMatchObject({ port: 4000, logLevel: 'error' });
    });

    it('reports an unreadable file, a file that is not an object, and unknown variables in it', () => {
      expect(problemsOf({ EMPORIUM_CONFIG_FILE: path.join(dir, 'missing.json') })[0]).toMatch(/^EMPORIUM_CONFIG_FILE expects a readable JSON object/);
      expect(problemsOf({ EMPORIUM_CONFIG_FILE: file('list.json', '[1]') })[0]).toMatch(/not a JSON object/);
      expect(problemsOf({ EMPORIUM_CONFIG_FILE: file('typo.json', '{"PROT": 1}') })[0]).toMatch(/unknown variables: PROT/);
    });
  });
});
