import { eventually, Journey } from '../support/journey';

/*
 * "I never got the email": the customer (for their own order's confirmation) or the staff have it
 * sent again. Each resend is a new message answering the first (In-Reply-To, References), recorded
 * on the original with who asked and why, never a silent duplicate, and at most three a day.
 */
describe('resending an email', () => {
  let shop: Journey;
  beforeAll(async () => {
    shop = await Journey.start();
  });
  afterAll(async () => {
    await shop.close();
  });

  it('sends the confirmation again as a new message answering the first, audited on the original, at most three a day', async () => {
    const code = await shop.product(5);
    const customer = await shop.customer();
    const stranger = await shop.customer();
    await shop.placeOrder(customer, [{ productCode: code, quantity: 1 }]);
    const [original] = await eventually('the confirmation', async () => shop.emailsTo(customer.email), (found) => found.length === 1);
    const notificationId = /^<([0-9a-f-]{36})@emporium>$/.exec(original!.messageId)![1]!;
    const resend = (token: string, reason: string) => shop.app.request<{ id: string; type?: string }>('POST', `/api/notifications/${notificationId}/resend`, { body: { reason }, token });

    // Not another customer's to ask for: as if it did not exist.
    expect((await resend(stranger.token, 'curious')).status).toBe(404);
    const byCustomer = await resend(customer.token, 'it never arrived');
    expect(byCustomer.status).toBe(202);
    const again = await eventually('the message sent again', async () => shop.emailsTo(customer.email), (found) => found.length === 2);
    const second = again.find((email) => email.messageId !== original!.messageId)!;
    expect(second).toMatchObject({ subject: original!.subject, text: original!.text, messageId: `<${byCustomer.body.id}@emporium>`, inReplyTo: original!.messageId });
    expect(second.references).toContain(original!.messageId);

    expect((await resend(shop.staff, 'the customer called')).status).toBe(202);
    expect((await resend(customer.token, 'still nothing')).status).toBe(202);
    const limited = await resend(customer.token, 'once more');
    expect(limited.status).toBe(429);
    expect(limited.body.type).toBe('/problems/resend-limit');
    await eventually('three resends sent', async () => shop.emailsTo(customer.email), (found) => found.length === 4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(shop.emailsTo(customer.email)).toHaveLength(4);

    // The history shows the original with who asked for each resend and why, and each resend naming it.
    const history = await eventually(
      'the history',
      async () => (await shop.app.request<{ items: { notificationId: string; status: string; resendOf?: string; resends?: { resendId: string; reason: string; requestedBy: { id: string; role: string } }[] }[] }>('GET', '/api/notifications?limit=100', { token: shop.staff })).body.items,
      (items) => items.find((item) => item.notificationId === notificationId)?.resends?.length === 3 && items.filter((item) => item.resendOf === notificationId && item.status === 'sent').length === 3,
    );
    const first = history.find((item) => item.notificationId === notificationId)!;
    expect(first.resends!.map((entry) => [entry.reason, entry.requestedBy.role])).toEqual([
      ['it never arrived', 'customer'],
      ['the customer called', 'staff'],
      ['still nothing', 'customer'],
    ]);
    expect(first.resends![0]!.requestedBy.id).toBe(customer.customerId);
  });
});
