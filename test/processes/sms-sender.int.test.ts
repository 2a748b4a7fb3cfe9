import { randomUUID } from 'node:crypto';
import { notificationHandlers } from '../../src/commands/handlers/notification-handlers';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { ProcessRunner } from '../../src/processes/process-runner';
import { PostgresParkedEventStore } from '../../src/processes/postgres-parked-event-store';
import { smsSenderProcess } from '../../src/processes/sms-sender';
import { silentLogger } from '../../src/shared/logger';
import { TwilioSms } from '../../src/sms/twilio-sms';
import { eventually } from '../support/journey';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTwilioStandIn } from '../support/twilio-stand-in';

/**
 * The SMS sender on a real PostgreSQL and the Twilio adapter on a stand-in of Twilio's API (not
 * Twilio): an outage is waited out and the message then sent once; a refusal of the number is
 * recorded and never retried; a message asked for twice is sent once.
 */
describe('SMS sender', () => {
  const credentials = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'a-test-auth-token' };
  let db: TestDatabase;
  let store: PostgresEventStore;
  let standIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
  let runner: ProcessRunner;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool);
    standIn = await startTwilioStandIn(credentials);
    runner = new ProcessRunner(store, new PostgresParkedEventStore(db.pool), silentLogger);
    const sms = new TwilioSms({ ...credentials, from: '+447700900000', apiUrl: standIn.url });
    await runner.start([smsSenderProcess({ eventStore: store, sms, notifications: notificationHandlers(store), clock: () => new Date(), logger: silentLogger, maxRetryDelayMs: 100 })]);
  });
  afterAll(async () => {
    await runner.stop();
    await standIn.stop();
    await store.close();
    await db.drop();
  });

  const notifications = () => notificationHandlers(store);
  const ask = (smsId: string, to: string, causeEventId = randomUUID()) =>
    notifications().requestTextMessage(
      { smsId, message: { to, customerId: randomUUID(), text: `Emporium: order ${smsId.slice(0, 8)} is paid`, purpose: 'payment-succeeded', causeEventId } },
      { now: new Date(), actor: { id: 'test', role: 'system' }, correlationId: randomUUID() },
    );
  const ledger = async (smsId: string) => (await store.readStream(`sms-${smsId}`)).map((event) => event.type);

  it('waits out an outage and a rate limit, then sends the message once, recording each attempt', async () => {
    standIn.failNext(503, 2);
    standIn.failNext(429);
    const smsId = randomUUID();
    await ask(smsId, '+447700900201');
    const types = await eventually('the message to be sent', () => ledger(smsId), (found) => found.includes('SmsSent'));
    expect(types).toEqual(['SmsRequested', 'SmsDeliveryFailed', 'SmsDeliveryFailed', 'SmsDeliveryFailed', 'SmsSent']);
    expect(standIn.delivered().filter((message) => message.to === '+447700900201')).toHaveLength(1);
    const [sent] = (await store.readStream(`sms-${smsId}`)).filter((event) => event.type === 'SmsSent');
    expect(sent!.data).toMatchObject({ attempts: 4, providerMessageId: standIn.delivered().find((message) => message.to === '+447700900201')!.sid });
  });

  it('records a number that cannot take texts as refused for good, without the number, and never tries again', async () => {
    const smsId = randomUUID();
    await ask(smsId, '+15550100');
    const types = await eventually('the refusal', () => ledger(smsId), (found) => found.includes('SmsDeliveryFailed'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await ledger(smsId)).toEqual(types);
    expect(types).toEqual(['SmsRequested', 'SmsDeliveryFailed']);
    const [failed] = (await store.readStream(`sms-${smsId}`)).slice(1);
    expect(failed!.data).toMatchObject({ permanent: true });
    expect((failed!.data.error as string)).toContain('21614');
    expect((failed!.data.error as string)).not.toContain('+15550100');
  });

  it('sends a message asked for twice by the same cause once', async () => {
    const smsId = randomUUID();
    const cause = randomUUID();
    await Promise.all([ask(smsId, '+447700900202', cause), ask(smsId, '+447700900202', cause).catch(() => undefined)]);
    await eventually('the message to be sent', () => ledger(smsId), (found) => found.includes('SmsSent'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(standIn.delivered().filter((message) => message.to === '+447700900202')).toHaveLength(1);
    expect((await ledger(smsId)).filter((type) => type === 'SmsRequested')).toHaveLength(1);
  });
});
