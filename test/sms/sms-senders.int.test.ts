import { SandboxSms } from '../../src/sms/sandbox-sms';
import { SmsDeliveryError } from '../../src/sms/sms-sender';
import { TwilioSms } from '../../src/sms/twilio-sms';
import { smsSenderContract } from '../contract/sms-sender.contract';
import { startTwilioStandIn } from '../support/twilio-stand-in';

const credentials = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'a-test-auth-token' };

smsSenderContract('SandboxSms', async () => {
  const sender = new SandboxSms();
  return { sender, delivered: () => sender.messages(), stop: async () => undefined };
});

smsSenderContract('TwilioSms → a Twilio stand-in on loopback (not Twilio)', async () => {
  const standIn = await startTwilioStandIn(credentials);
  return { sender: new TwilioSms({ ...credentials, from: '+447700900000', apiUrl: standIn.url }), delivered: standIn.delivered, stop: standIn.stop };
});

describe('TwilioSms, against a Twilio stand-in (not Twilio)', () => {
  let standIn: Awaited<ReturnType<typeof startTwilioStandIn>>;
  beforeEach(async () => {
    standIn = await startTwilioStandIn(credentials);
  });
  afterEach(async () => {
    await standIn.stop();
  });
  const refusalOf = (sender: TwilioSms) => sender.send({ to: '+447700900123', text: 'x' }).catch((error: unknown) => error as SmsDeliveryError);

  it('sends from a messaging service when told one (MG…), from a number otherwise', async () => {
    await new TwilioSms({ ...credentials, from: 'MG0123456789abcdef0123456789abcdef', apiUrl: standIn.url }).send({ to: '+447700900123', text: 'hi' });
    expect(standIn.delivered()[0]!.from).toBe('MG0123456789abcdef0123456789abcdef');
  });

  it('takes an outage, a rate limit, wrong credentials and no answer for something to wait out, not a refusal of the message', async () => {
    const sender = new TwilioSms({ ...credentials, from: '+447700900000', apiUrl: standIn.url });
    standIn.failNext(503);
    expect(await refusalOf(sender)).toMatchObject({ permanent: false, message: expect.stringContaining('503') as unknown });
    standIn.failNext(429);
    expect(await refusalOf(sender)).toMatchObject({ permanent: false });
    expect(await refusalOf(new TwilioSms({ ...credentials, authToken: 'wrong', from: '+447700900000', apiUrl: standIn.url }))).toMatchObject({ permanent: false, message: expect.stringContaining('20003') as unknown });
    expect(await refusalOf(new TwilioSms({ ...credentials, from: '+447700900000', apiUrl: 'http://127.0.0.1:9', timeoutMs: 2_000 }))).toMatchObject({ permanent: false });
    // Once the provider is back, the message goes.
    expect((await sender.send({ to: '+447700900123', text: 'x' })).providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });
});
