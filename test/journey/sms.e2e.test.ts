import { formatCheckpoint } from '../../src/event-store/event-store';
import { eventually, Journey } from '../support/journey';

/**
 * Seed 002-004's SMS channel, end to end: a customer opts in with a mobile number, and each
 * payment outcome is one text message (in the SMS sandbox) beside its one email; opted out, none.
 * The number is the customer's personal data: staff cannot opt anyone in, and erasure removes it.
 */
describe('text messages', () => {
  let shop: Journey;
  beforeAll(async () => {
    shop = await Journey.start();
  });
  afterAll(async () => {
    await shop.close();
  });
  const textsTo = (phone: string) => shop.sms.messages().filter((message) => message.to === phone);

  it('texts a customer who opted in once per payment outcome, beside one email; opted out, no more', async () => {
    const phone = '+447700900555';
    const code = await shop.product(10, { price: 1_250 });
    const customer = await shop.customer();
    const optedIn = await shop.app.request('PUT', `/api/customers/${customer.customerId}/sms`, { token: customer.token, body: { phone } });
    expect(optedIn.status).toBe(200);
    const profile = await shop.app.request('GET', `/api/customers/${customer.customerId}`, { token: customer.token, headers: { 'emporium-checkpoint': String(optedIn.body.checkpoint) } });
    expect(profile.body.smsPhone).toBe(phone);

    const paid = await shop.placeOrder(customer, [{ productCode: code, quantity: 2 }]);
    const declined = await shop.placeOrder(customer, [{ productCode: code, quantity: 1 }], 'tok_declined');
    const texts = await eventually('both texts', async () => textsTo(phone), (found) => found.length >= 2);
    await eventually('both emails', async () => shop.emailsTo(customer.email), (found) => found.length >= 2);
    // Redeliveries and retries in between leave one of each.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(textsTo(phone)).toHaveLength(2);
    expect(shop.emailsTo(customer.email)).toHaveLength(2);
    expect(texts.map((text) => text.text).sort()).toEqual(
      [`Emporium: payment of €25.00 received for order ${paid.slice(0, 8).toUpperCase()}. Thank you!`, expect.stringContaining(`for order ${declined.slice(0, 8).toUpperCase()} did not go through`) as unknown as string].sort(),
    );
    // The ledger names the provider's id for each text, for a support case to find it there.
    const { rows } = await shop.app.db.pool.query<{ data: { providerMessageId: string } }>("select data from events where type = 'SmsSent'");
    expect(rows.map((row) => row.data.providerMessageId)).toEqual(expect.arrayContaining(texts.map((text) => text.providerMessageId)));

    const optedOut = await shop.app.request('PUT', `/api/customers/${customer.customerId}/sms`, { token: customer.token, body: { phone: null } });
    expect(optedOut.status).toBe(200);
    const third = await shop.placeOrder(customer, [{ productCode: code, quantity: 1 }]);
    await eventually('the third email', async () => shop.emailsTo(customer.email), (found) => found.length === 3);
    await eventually('the third order paid', () => shop.orderStatus(third), (status) => status === 'paid');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(textsTo(phone)).toHaveLength(2);
  });

  it("refuses a number that is no E.164 mobile number, and staff opting a customer in, writing nothing", async () => {
    const customer = await shop.customer();
    const count = async () => (await shop.app.db.pool.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;
    const before = await count();
    for (const phone of ['07700900123', '+0447700900123', '+44 7700 900123', '', 12345, '+4477009001234567']) {
      const refused = await shop.app.request('PUT', `/api/customers/${customer.customerId}/sms`, { token: customer.token, body: { phone } });
      expect({ phone, status: refused.status }).toEqual({ phone, status: 400 });
      expect(JSON.stringify(refused.body)).toContain('/phone');
    }
    expect((await shop.app.request('PUT', `/api/customers/${customer.customerId}/sms`, { token: customer.token, body: {} })).status).toBe(400);
    const byStaff = await shop.app.request('PUT', `/api/customers/${customer.customerId}/sms`, { token: shop.staff, body: { phone: '+447700900777' } });
    expect({ status: byStaff.status, type: byStaff.body.type }).toEqual({ status: 409, type: '/problems/customer-choice' });
    expect(await count()).toBe(before);
  });

  it('forgets the number of a customer who is erased, in the read model and in the log', async () => {
    const customer = await shop.customer();
    const optedIn = await shop.app.request('PUT', `/api/customers/${customer.customerId}/sms`, { token: customer.token, body: { phone: '+447700900888' } });
    expect(optedIn.status).toBe(200);
    const erased = await shop.app.request('POST', `/api/customers/${customer.customerId}/erase`, { token: customer.token, body: { confirmation: 'erase' } });
    expect(erased.status).toBe(200);
    const [last] = await shop.app.app.eventStore.readStream(`customer-${customer.customerId}`, { direction: 'backwards', maxCount: 1 });
    const admin = await shop.app.request('GET', `/api/customers/${customer.customerId}`, { token: shop.staff, headers: { 'emporium-checkpoint': formatCheckpoint(last!.checkpoint) } });
    expect(admin.body.smsPhone).toBeNull();
    const events = await shop.app.app.eventStore.readStream(`customer-${customer.customerId}`);
    expect(JSON.stringify(events)).not.toContain('+447700900888');
  });
});
