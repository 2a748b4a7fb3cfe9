import { randomUUID } from 'node:crypto';
import { startMailCatcher } from '../../src/mail/mail-catcher';
import { expiredReason } from '../../src/processes/payment-deadlines';
import { signatureHeader, signWebhook } from '../../src/webhooks/webhook-signature';
import { testWebhookSecret } from '../support/test-app';
import { eventually, Journey, staffEmail } from '../support/journey';
import { formatCheckpoint } from '../../src/event-store/event-store';

/**
 * The shop owner's core ask, end to end over HTTP: an order is placed, paid asynchronously through
 * the gateway, and the customer gets exactly one email about it — whatever the webhooks, the mail
 * server or the process do in between.
 */
describe('the customer journey', () => {
  describe('one order at a time', () => {
    let shop: Journey;
    beforeAll(async () => {
      shop = await Journey.start({ paymentDeadlineMs: 1_000 });
    });
    afterAll(async () => {
      await shop.close();
    });

    it('success: the order is paid, the stock committed, and one confirmation email tells the lines and total', async () => {
      const code = await shop.product(10, { price: 850, name: 'Sencha', lowStockThreshold: 8 });
      const customer = await shop.customer();
      const orderId = await shop.placeOrder(customer, [{ productCode: code, quantity: 3 }]);

      await eventually('the order to be paid', () => shop.orderStatus(orderId), (status) => status === 'paid');
      expect(await shop.stock(code)).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
      const emails = await eventually('the confirmation email', async () => shop.emailsTo(customer.email), (found) => found.length > 0);
      expect(emails).toHaveLength(1);
      expect(emails[0]!.subject).toBe(`Order ${orderId.slice(0, 8).toUpperCase()}: payment received`);
      expect(emails[0]!.text).toContain(`3 × Sencha (${code}) at €8.50 = €25.50`);
      expect(emails[0]!.text).toContain('Total: €25.50');
      // No delivery was asked for: the order waits at the shop (shipping has its own journey, shipping.e2e).
      expect(emails[0]!.text).toContain('It will be ready for you to collect at the shop.');
      expect(emails[0]!.text).not.toContain('1 Tea Street');
      expect(emails[0]!.html).toContain('<b>€25.50</b>');
      expect(emails[0]!.messageId).toMatch(/^<[0-9a-f-]{36}@emporium>$/);

      // The order went below the product's threshold of 8: one alert for the staff.
      const alerts = await eventually('the low-stock alert', async () => shop.emailsTo(staffEmail).filter((m) => m.subject.includes(code)), (found) => found.length > 0);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.subject).toBe(`Low stock: Sencha (${code}), 7 left`);

      // Read-your-writes up to the order's last event (the log's head may stop below it while another transaction is open).
      const [paid] = await shop.app.app.eventStore.readStream(`order-${orderId}`, { direction: 'backwards', maxCount: 1 });
      const order = await shop.app.request('GET', `/api/orders/${orderId}`, { token: customer.token, headers: { 'emporium-checkpoint': formatCheckpoint(paid!.checkpoint) } });
      expect(order.body).toMatchObject({ status: 'paid', timeline: [{ status: 'placed' }, { status: 'awaiting-payment' }, { status: 'paid' }] });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(shop.emailsTo(customer.email)).toHaveLength(1);
    });

    it('failure: the order fails payment, the stock comes back, and one failure email says why and what to do', async () => {
      const code = await shop.product(10);
      const customer = await shop.customer();
      const orderId = await shop.placeOrder(customer, [{ productCode: code, quantity: 4 }], 'tok_declined');

      await eventually('the payment to fail', () => shop.orderStatus(orderId), (status) => status === 'payment-failed');
      await eventually('the stock to come back', () => shop.stock(code), (stock) => stock.available === 10 && stock.reserved === 0);
      const emails = await eventually('the failure email', async () => shop.emailsTo(customer.email), (found) => found.length > 0);
      expect(emails).toHaveLength(1);
      expect(emails[0]!.subject).toContain('your payment did not go through');
      expect(emails[0]!.text).toContain('did not go through: The card was declined');
      expect(emails[0]!.text).toContain('What to do next');
    });

    it('a payment the gateway never answers expires at its deadline, releasing the stock', async () => {
      const code = await shop.product(5);
      const customer = await shop.customer();
      const orderId = await shop.placeOrder(customer, [{ productCode: code, quantity: 5 }], 'tok_no_answer');
      await eventually('the order to await payment', () => shop.orderStatus(orderId), (status) => status === 'awaiting-payment');
      expect((await shop.stock(code)).available).toBe(0);

      await eventually('the payment to expire', () => shop.orderStatus(orderId), (status) => status === 'payment-failed', 10_000);
      expect((await shop.stock(code)).available).toBe(5);
      const emails = await eventually('the failure email', async () => shop.emailsTo(customer.email), (found) => found.length > 0);
      expect(emails[0]!.text).toContain(expiredReason);
    });

    it('refuses a forged or stale webhook, and nothing changes', async () => {
      const code = await shop.product(5);
      const customer = await shop.customer();
      const orderId = await shop.placeOrder(customer, [{ productCode: code, quantity: 1 }], 'tok_no_answer');
      await eventually('the order to await payment', () => shop.orderStatus(orderId), (status) => status === 'awaiting-payment');
      const paymentId = (await shop.orderEvents(orderId)).at(-1)!.data.paymentId as string;
      const before = await shop.app.app.eventStore.readStream(`payment-${paymentId}`);

      const body = JSON.stringify({ id: `evt_${randomUUID()}`, type: 'payment.succeeded', created: Math.floor(Date.now() / 1000), data: { gatewayReference: 'forged', paymentId, orderId, amount: { amount: 450, currency: 'EUR' } } });
      const now = Math.floor(Date.now() / 1000);
      const attempts: [string, Record<string, string>][] = [
        ['no signature', {}],
        ['signed with another secret', { [signatureHeader]: signWebhook('whsec_somebody_else', body, now) }],
        ['signed an hour ago', { [signatureHeader]: signWebhook(testWebhookSecret, body, now - 3_600) }],
        ['signature of another body', { [signatureHeader]: signWebhook(testWebhookSecret, body.replace('forged', 'other'), now) }],
      ];
      for (const [attack, headers] of attempts) {
        const answer = await shop.app.request('POST', '/api/payments/webhook', { rawBody: body, headers: { 'content-type': 'application/json', ...headers } });
        expect({ attack, status: answer.status, type: answer.body.type }).toEqual({ attack, status: 400, type: attack === 'signed an hour ago' ? '/problems/stale-webhook' : '/problems/invalid-signature' });
      }
      expect(await shop.app.app.eventStore.readStream(`payment-${paymentId}`)).toEqual(before);
      expect(await shop.orderStatus(orderId)).toBe('awaiting-payment');
    });
  });

  describe('many orders', () => {
    it('100 orders whose webhooks are each delivered twice, shuffled: each order changes once, one email per order', async () => {
      const shop = await Journey.start({ sandbox: { holdWebhooks: true } });
      try {
        const code = await shop.product(1_000);
        const customers = await Promise.all(Array.from({ length: 10 }, () => shop.customer()));
        const orders = await Promise.all(Array.from({ length: 100 }, (_, i) => shop.placeOrder(customers[i % 10]!, [{ productCode: code, quantity: 1 }], i % 4 === 0 ? 'tok_insufficient_funds' : 'tok_success')));
        await eventually('100 webhooks held', async () => shop.gateway.heldWebhooks().length, (count) => count === 100, 30_000);

        const deliveries = [...shop.gateway.heldWebhooks(), ...shop.gateway.heldWebhooks()].sort(() => Math.random() - 0.5);
        for (let i = 0; i < deliveries.length; i += 20) await Promise.all(deliveries.slice(i, i + 20).map((webhook) => shop.gateway.deliver(webhook)));

        await eventually('every order to be decided', () => shop.orderStatuses(orders), (statuses) => statuses.every((s) => s === 'paid' || s === 'payment-failed'), 30_000);
        for (const [i, orderId] of orders.entries()) {
          const decisions = (await shop.orderEvents(orderId)).filter((event) => event.type === 'OrderPaid' || event.type === 'OrderPaymentFailed');
          expect(decisions.map((event) => event.type)).toEqual([i % 4 === 0 ? 'OrderPaymentFailed' : 'OrderPaid']);
        }
        const customerEmails = new Set(customers.map((c) => c.email));
        const emails = await eventually('100 emails', async () => shop.mail.messages().filter((m) => customerEmails.has(m.to)), (found) => found.length >= 100, 30_000);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(shop.mail.messages().filter((m) => customerEmails.has(m.to))).toHaveLength(100);
        expect(new Set(emails.map((m) => m.messageId)).size).toBe(100);
        expect(await shop.stock(code)).toMatchObject({ onHand: 1_000 - 75, reserved: 0 });
      } finally {
        await shop.close();
      }
    });

    it('50 concurrent orders for the last 10 units: exactly 10 paid, 40 rejected out of stock, stock never negative', async () => {
      const shop = await Journey.start();
      try {
        const code = await shop.product(10);
        const customers = await Promise.all(Array.from({ length: 10 }, () => shop.customer()));
        const orders = await Promise.all(Array.from({ length: 50 }, (_, i) => shop.placeOrder(customers[i % 10]!, [{ productCode: code, quantity: 1 }])));
        const statuses = await eventually('all 50 decided', () => shop.orderStatuses(orders), (all) => all.every((s) => s === 'paid' || s === 'rejected'), 30_000);
        expect(statuses.filter((s) => s === 'paid')).toHaveLength(10);
        expect(statuses.filter((s) => s === 'rejected')).toHaveLength(40);
        const rejected = (await shop.orderEvents(orders[statuses.indexOf('rejected')]!)).at(-1)!;
        expect(rejected.data).toMatchObject({ reason: 'out-of-stock', unavailable: [{ productCode: code, requested: 1, available: 0 }] });
        expect(await shop.stock(code)).toMatchObject({ onHand: 0, reserved: 0, available: 0, lowestAvailable: 0 });
      } finally {
        await shop.close();
      }
    });
  });

  describe('when parts fail', () => {
    it('SMTP server down while 50 payments complete, then back: exactly 50 emails', async () => {
      const shop = await Journey.start();
      try {
        const code = await shop.product(100);
        const customer = await shop.customer();
        const port = shop.mail.port;
        await shop.mail.close();

        const orders = await Promise.all(Array.from({ length: 50 }, () => shop.placeOrder(customer, [{ productCode: code, quantity: 1 }])));
        await eventually('all 50 paid', () => shop.orderStatuses(orders), (all) => all.every((s) => s === 'paid'), 30_000);
        const failures = await eventually(
          'failed delivery attempts to be recorded',
          async () => (await shop.app.db.pool.query<{ n: number }>("select count(*)::int as n from events where type = 'EmailDeliveryFailed'")).rows[0]!.n,
          (n) => n > 0,
        );
        expect(failures).toBeGreaterThan(0);

        const revived = await startMailCatcher({ port });
        Object.assign(shop, { mail: revived });
        await eventually('50 emails', async () => shop.emailsTo(customer.email).length, (n) => n >= 50, 30_000);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(shop.emailsTo(customer.email)).toHaveLength(50);
        expect(new Set(shop.emailsTo(customer.email).map((m) => m.messageId)).size).toBe(50);
      } finally {
        await shop.close();
      }
    });

    it('a mailbox the server refuses for good: the failure is recorded once, not retried, and other mail goes on', async () => {
      const shop = await Journey.start();
      try {
        const code = await shop.product(10);
        const refused = await shop.customer();
        const fine = await shop.customer();
        shop.mail.refuseRecipients([refused.email]);
        await shop.placeOrder(refused, [{ productCode: code, quantity: 1 }]);
        await shop.placeOrder(fine, [{ productCode: code, quantity: 1 }]);
        await eventually('the other customer’s email', async () => shop.emailsTo(fine.email).length, (n) => n === 1);
        const failures = await eventually(
          'the permanent failure to be recorded',
          async () => (await shop.app.db.pool.query<{ data: { permanent: boolean; attempt: number; error: string } }>("select data from events where type = 'EmailDeliveryFailed'")).rows.map((row) => row.data),
          (rows) => rows.length > 0,
        );
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(failures).toHaveLength(1);
        expect(failures[0]).toMatchObject({ permanent: true, attempt: 1 });
        expect(failures[0]!.error).toContain('550');
        expect(shop.emailsTo(refused.email)).toEqual([]);
        expect(shop.app.app.processes.status().find((status) => status.name === 'mail-sender')!.state).toBe('live');
      } finally {
        await shop.close();
      }
    });

    it('app stopped and started again in the middle of the flow: every order completes, no email twice', async () => {
      const shop = await Journey.start({ sandbox: { answerAfterMs: 400 } });
      try {
        const code = await shop.product(100);
        const customer = await shop.customer();
        const orders = await Promise.all(Array.from({ length: 20 }, () => shop.placeOrder(customer, [{ productCode: code, quantity: 1 }])));
        // Stop while payments are out at the gateway, and some orders may not even be reserved yet.
        await shop.restart();
        await eventually('all 20 paid', () => shop.orderStatuses(orders), (all) => all.every((s) => s === 'paid'), 30_000);
        await eventually('20 emails', async () => shop.emailsTo(customer.email).length, (n) => n >= 20, 30_000);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(shop.emailsTo(customer.email)).toHaveLength(20);
        expect(await shop.stock(code)).toMatchObject({ onHand: 80, reserved: 0 });
      } finally {
        await shop.close();
      }
    });
  });
});
