import { roleConfigProblems } from '../../src/app/roles/start-role';
import { loadConfig } from '../../src/config/config';

/** What each role of the distributed profile refuses to start without, named before anything starts. */
describe('what a role needs', () => {
  const bare = loadConfig({}, '/srv/shop');
  const shared = loadConfig({ DATABASE_URL: 'postgres://u:p@db/shop', JWT_SIGNING_KEY_FILE: '/keys/jwt.pem', PAYMENT_WEBHOOK_SECRET: 'whsec_0123456789abcdef', SHIPPING_WEBHOOK_SECRET: 'whsec_carrier_0123456789', KAFKA_BROKERS: 'kafka:9092', EMPORIUM_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') }, '/srv/shop');

  it('names, for each role, the shared servers and secrets it lacks', () => {
    expect(roleConfigProblems('projector', bare)).toEqual([
      'DATABASE_URL is needed by the projector: the roles share one PostgreSQL',
      'EMPORIUM_MASTER_KEY is needed by the projector: every role that reads personal data must open it with the same key',
    ]);
    expect(roleConfigProblems('query-api', bare)).toEqual([
      'DATABASE_URL is needed by the query-api: the roles share one PostgreSQL',
      'JWT_SIGNING_KEY_FILE is needed by the query-api: the command and query APIs must check the same tokens',
      'EMPORIUM_MASTER_KEY is needed by the query-api: every role that reads personal data must open it with the same key',
    ]);
    // The relay reads no personal data: the integration events carry none.
    expect(roleConfigProblems('relay', bare).join()).not.toContain('EMPORIUM_MASTER_KEY');
    expect(roleConfigProblems('command-api', bare)).toContain('PAYMENT_WEBHOOK_SECRET is needed by the command-api: the gateway signs webhooks with it');
    expect(roleConfigProblems('command-api', bare)).toContain('SHIPPING_WEBHOOK_SECRET is needed by the command-api: the carrier signs tracking webhooks with it');
    expect(roleConfigProblems('order-service', bare).join()).not.toContain('SHIPPING_WEBHOOK_SECRET');
    expect(roleConfigProblems('relay', bare)).toContain('KAFKA_BROKERS is needed by the relay: the brokers to publish to');
    expect(roleConfigProblems('order-service', bare)).toContain('KAFKA_BROKERS is needed by the order-service: it hears of orders and payments there');
    expect(roleConfigProblems('notification-service', bare)).toContain('KAFKA_BROKERS is needed by the notification-service: it hears of payments there');
  });

  it('lets every role start with what the distributed profile gives them all', () => {
    for (const role of ['command-api', 'query-api', 'projector', 'relay', 'order-service', 'notification-service'] as const) expect({ role, problems: roleConfigProblems(role, shared) }).toEqual({ role, problems: [] });
  });
});
