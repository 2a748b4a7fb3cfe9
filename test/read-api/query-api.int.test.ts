import { randomUUID } from 'node:crypto';
import { formatCheckpoint, type NewEvent } from '../../src/event-store/event-store';
import { PostgresDocumentStore } from '../../src/projections/postgres/postgres-document-store';
import { customerSignedIn, staffSignedIn } from '../support/principals';
import { openReadStore, readStoreKinds } from '../support/read-stores';
import { startTestApp, type HttpAnswer, type RequestOptions, type TestApp } from '../support/test-app';

describe.each(readStoreKinds())('read models in %s', (kind) => {
  let api: TestApp;
  let staff: string;
  let customerA: { customerId: string; token: string };
  let customerB: { customerId: string; token: string };
  /** The checkpoint the last setup command answered: queries that send it read their writes. */
  let last = '';

  let readStore: Awaited<ReturnType<typeof openReadStore>>;
  beforeAll(async () => {
    readStore = await openReadStore(kind);
    api = await startTestApp(readStore.documents ? { documents: readStore.documents } : {});
    staff = (await staffSignedIn(api)).token;
    customerA = await customerSignedIn(api);
    customerB = await customerSignedIn(api);
  });
  afterAll(async () => {
    await api.close();
    await readStore.close();
  });

  async function command(method: string, path: string, body?: unknown, token = staff): Promise<HttpAnswer> {
    const answer = await api.request(method, path, { body, token });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    last = String(answer.headers.get('emporium-checkpoint'));
    return answer;
  }
  const query = <Body = Record<string, unknown>>(path: string, options: RequestOptions = {}) =>
    api.request<Body>('GET', path, { token: staff, ...options, headers: { 'emporium-checkpoint': last, ...options.headers } });

  const run = randomUUID().slice(0, 6).toUpperCase();
  const code = (name: string) => `${name}-${run}`;

  describe('query API', () => {
    beforeAll(async () => {
      await command('POST', '/api/categories', { name: `Green ${run}`, description: 'Unfermented' });
      await command('POST', '/api/categories', { name: `Black ${run}`, description: 'Oxidised' });
      const green = `green-${run.toLowerCase()}`;
      const black = `black-${run.toLowerCase()}`;
      const products: [string, string, string, number][] = [
        [code('SEN'), 'Sencha', green, 450],
        [code('GYO'), 'gyokuro', green, 1_200],
        [code('MAT'), 'Matcha', green, 2_400],
        [code('ASS'), 'Assam', black, 390],
        [code('DAR'), 'Darjeeling', black, 890],
      ];
      for (const [productCode, name, categoryId, amount] of products) {
        await command('POST', '/api/products', { code: productCode, name, description: `${name} leaves`, categoryId, price: { amount, currency: 'EUR' }, lowStockThreshold: 5 });
        await command('POST', `/api/inventory/${productCode}/receipts`, { quantity: 20 });
      }
    });

    describe('products', () => {
      it('reads a product right after the command that added it (read-your-writes), waiting for a lagging projection', async () => {
        // Hold the projections back, as a busy projector would be: a transaction that has written
        // (it holds a transaction id) and is still running holds back the delivery of every event
        // committed after it began, whatever the read store.
        const blocker = await api.db.pool.connect();
        await blocker.query('begin');
        await blocker.query('select pg_current_xact_id()');
        try {
          const added = await api.request('POST', '/api/products', {
            body: { code: code('NEW'), name: 'Hojicha', description: 'Roasted', categoryId: `green-${run.toLowerCase()}`, price: { amount: 650, currency: 'EUR' }, lowStockThreshold: 1 },
            token: staff,
          });
          let answered = false;
          const reading = api.request('GET', `/api/products/${code('NEW')}`, { headers: { 'emporium-checkpoint': String(added.headers.get('emporium-checkpoint')) } }).finally(() => (answered = true));
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(answered).toBe(false);
          await blocker.query('commit');
          const product = await reading;
          expect(product.status).toBe(200);
          expect(product.body).toMatchObject({ code: code('NEW'), name: 'Hojicha', price: { amount: 650, currency: 'EUR' }, onHand: 0, available: 0, lowStock: true, status: 'active' });
          expect(product.body).not.toHaveProperty('searchText');
        } finally {
          await blocker.query('rollback').catch(() => undefined);
          blocker.release();
        }
      });

      it('shows stock as reservations take it', async () => {
        await command('POST', `/api/inventory/${code('MAT')}/reservations`, { orderId: randomUUID(), quantity: 16 });
        const matcha = await query(`/api/products/${code('MAT')}`, { token: undefined });
        expect(matcha.body).toMatchObject({ onHand: 20, reserved: 16, available: 4, lowStock: true });
      });

      it('answers the same page again from memory, and anew as soon as the catalog changes', async () => {
        const page = `/api/products?category=black-${run.toLowerCase()}&sort=price`;
        const prices = (answer: HttpAnswer<{ items: { code: string; price: { amount: number } }[] }>) => answer.body.items.map((item) => [item.code, item.price.amount]);
        const first = await query<{ items: { code: string; price: { amount: number } }[] }>(page, { token: undefined });
        expect(prices(first)).toEqual([[code('ASS'), 390], [code('DAR'), 890]]);
        // Changed behind the projection's back, the kept answer shows it was not read again...
        const documents = readStore.documents ?? new PostgresDocumentStore(api.db.pool);
        const stored = (await documents.load<Record<string, unknown>>('products', [code('ASS')])).get(code('ASS'))!;
        await documents.save('products', [{ id: code('ASS'), document: { ...stored.document, name: 'Assam, as kept' }, checkpoint: stored.checkpoint }]);
        const kept = await query<{ items: { name: string }[] }>(page, { token: undefined });
        expect(kept.body.items[0]!.name).toBe('Assam');
        expect(kept.headers.get('content-type')).toMatch(/^application\/json/);
        // ...until the projection changes the catalog: then it is read again, with the new price.
        await command('PUT', `/api/products/${code('ASS')}/price`, { amount: 990, currency: 'EUR' });
        const changed = await query<{ items: { code: string; price: { amount: number } }[] }>(page, { token: undefined });
        expect(prices(changed)).toEqual([[code('DAR'), 890], [code('ASS'), 990]]);
        await command('PUT', `/api/products/${code('ASS')}/price`, { amount: 390, currency: 'EUR' });
      });

      it('filters by category, searches name, description and code, and sorts', async () => {
        const names = (answer: HttpAnswer<{ items: { name: string }[] }>) => answer.body.items.map((item) => item.name);
        expect(names(await query(`/api/products?category=black-${run.toLowerCase()}&sort=-price`))).toEqual(['Darjeeling', 'Assam']);
        expect(names(await query(`/api/products?category=green-${run.toLowerCase()}&sort=name`))).toEqual(['gyokuro', 'Hojicha', 'Matcha', 'Sencha']);
        expect(names(await query(`/api/products?q=${encodeURIComponent('LEAVES')}&category=black-${run.toLowerCase()}`))).toEqual(['Assam', 'Darjeeling']);
        expect(names(await query(`/api/products?q=${code('gyo').toLowerCase()}`))).toEqual(['gyokuro']);
      });

      it('pages with a cursor through exactly what one page would hold', async () => {
        const all = await query<{ items: { code: string }[]; nextCursor: string | null }>(`/api/products?q=${run}&sort=price&limit=100`);
        expect(all.body.nextCursor).toBeNull();
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: HttpAnswer<{ items: { code: string }[]; nextCursor: string | null }> = await query(`/api/products?q=${run}&sort=price&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
          expect(page.body.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.body.items.map((item) => item.code));
          cursor = page.body.nextCursor;
        } while (cursor);
        expect(seen).toEqual(all.body.items.map((item) => item.code));
        expect(seen).toHaveLength(6);
      });

      it('refuses bad query parameters, naming each', async () => {
        for (const [path, parameter] of [
          ['/api/products?limit=500', 'limit'],
          ['/api/products?limit=two', 'limit'],
          ['/api/products?sort=colour', 'sort'],
          ['/api/products?category=Not%20An%20Id', 'category'],
          ['/api/products?cursor=bm9uc2Vuc2U', 'cursor'],
          ['/api/products?colour=green', 'colour'],
        ] as const) {
          const answer = await query<{ type: string; errors: { parameter: string }[] }>(path);
          expect({ path, status: answer.status, type: answer.body.type }).toEqual({ path, status: 400, type: '/problems/validation-failed' });
          expect(answer.body.errors.map((error) => error.parameter)).toContain(parameter);
        }
        expect((await query('/api/products/NO-SUCH-THING')).status).toBe(404);
      });

      it('lists the categories by name', async () => {
        const categories = await query<{ items: { id: string; name: string }[] }>('/api/categories', { token: undefined });
        const ours = categories.body.items.filter((category) => category.name.endsWith(run));
        expect(ours).toEqual([
          { id: `black-${run.toLowerCase()}`, name: `Black ${run}`, description: 'Oxidised' },
          { id: `green-${run.toLowerCase()}`, name: `Green ${run}`, description: 'Unfermented' },
        ]);
      });
    });

    describe('customers and their orders', () => {
      let firstOrder: string;
      let secondOrder: string;
      let paymentId: string;
      beforeAll(async () => {
        firstOrder = String((await command('POST', '/api/orders', { lines: [{ productCode: code('SEN'), quantity: 2 }], paymentMethod: 'card' }, customerA.token)).body.id);
        secondOrder = String((await command('POST', '/api/orders', { lines: [{ productCode: code('ASS'), quantity: 1 }], paymentMethod: 'paypal' }, customerA.token)).body.id);
        paymentId = String((await command('POST', '/api/payments', { orderId: firstOrder }, customerA.token)).body.id);
        await command('POST', `/api/orders/${firstOrder}/awaiting-payment`, { paymentId });
        await command('POST', `/api/payments/${paymentId}/outcome`, { status: 'succeeded', gatewayReference: 'gw_1' });
        await command('POST', `/api/orders/${firstOrder}/paid`, { paymentId });
      });

      it('shows a customer their profile with an order summary; another customer gets 404', async () => {
        const profile = await query(`/api/customers/${customerA.customerId}`, { token: customerA.token });
        expect(profile.status).toBe(200);
        expect(profile.body).toMatchObject({ customerId: customerA.customerId, firstName: 'Ann', orders: { count: 2, totalSpent: [{ amount: 900, currency: 'EUR' }], lastOrder: { orderId: secondOrder, status: 'placed' } } });
        expect((await query(`/api/customers/${customerA.customerId}`, { token: customerB.token })).status).toBe(404);
        expect((await query(`/api/customers/${customerA.customerId}`)).status).toBe(200);
      });

      it('lists a customer’s orders newest first, a page at a time', async () => {
        const first = await query<{ items: { orderId: string }[]; nextCursor: string }>(`/api/customers/${customerA.customerId}/orders?limit=1`, { token: customerA.token });
        expect(first.body.items.map((order) => order.orderId)).toEqual([secondOrder]);
        const second = await query<{ items: { orderId: string }[]; nextCursor: string | null }>(`/api/customers/${customerA.customerId}/orders?limit=1&cursor=${first.body.nextCursor}`, { token: customerA.token });
        expect(second.body.items.map((order) => order.orderId)).toEqual([firstOrder]);
        expect(second.body.nextCursor).toBeNull();
        expect((await query(`/api/customers/${customerA.customerId}/orders`, { token: customerB.token })).status).toBe(404);
      });

      it('lists every order to the staff, newest first, and by status', async () => {
        const all = await query<{ items: { orderId: string; placedAt: string }[] }>('/api/orders?limit=100');
        const ours = all.body.items.map((order) => order.orderId).filter((id) => id === firstOrder || id === secondOrder);
        expect(ours).toEqual([secondOrder, firstOrder]);
        const placedAt = all.body.items.map((order) => order.placedAt);
        expect(placedAt).toEqual([...placedAt].sort().reverse());
        const paid = await query<{ items: { orderId: string; status: string }[] }>('/api/orders?status=paid&limit=100');
        expect(paid.body.items.map((order) => order.orderId)).toContain(firstOrder);
        expect(paid.body.items.map((order) => order.orderId)).not.toContain(secondOrder);
        expect(new Set(paid.body.items.map((order) => order.status))).toEqual(new Set(['paid']));
        const refused = await query('/api/orders?status=lost');
        expect(refused.status).toBe(400);
      });

      it('lists every customer to the staff, newest first, a page at a time', async () => {
        const first = await query<{ items: { customerId: string; registeredAt: string }[]; nextCursor: string | null }>('/api/customers?limit=1');
        expect(first.body.items).toHaveLength(1);
        const rest = await query<{ items: { customerId: string; registeredAt: string }[] }>(`/api/customers?limit=100&cursor=${first.body.nextCursor}`);
        const ids = [...first.body.items, ...rest.body.items].map((customer) => customer.customerId);
        expect(ids).toEqual(expect.arrayContaining([customerA.customerId, customerB.customerId]));
        expect(new Set(ids).size).toBe(ids.length);
        const registeredAt = [...first.body.items, ...rest.body.items].map((customer) => customer.registeredAt);
        expect(registeredAt).toEqual([...registeredAt].sort().reverse());
      });

      it('shows an order with its timeline to its customer and the staff only', async () => {
        const order = await query(`/api/orders/${firstOrder}`, { token: customerA.token });
        expect(order.body).toMatchObject({
          orderId: firstOrder,
          status: 'paid',
          total: { amount: 900, currency: 'EUR' },
          timeline: [{ status: 'placed' }, { status: 'awaiting-payment' }, { status: 'paid' }],
        });
        expect((await query(`/api/orders/${firstOrder}`, { token: customerB.token })).status).toBe(404);
        expect((await query(`/api/orders/${randomUUID()}`)).status).toBe(404);
      });

      it("shows an order's payments, and a payment, to its customer and the staff only", async () => {
        const expected = { paymentId, orderId: firstOrder, amount: { amount: 900, currency: 'EUR' }, method: 'card', status: 'succeeded', gatewayReference: 'gw_1', failureReason: null };
        const payment = await query(`/api/payments/${paymentId}`, { token: customerA.token });
        expect(payment.status).toBe(200);
        expect(payment.body).toMatchObject(expected);
        expect(payment.body.settledAt).toEqual(expect.any(String));
        expect((await query(`/api/orders/${firstOrder}/payments`, { token: customerA.token })).body).toEqual({ items: [expect.objectContaining(expected)] });
        expect((await query(`/api/orders/${secondOrder}/payments`, { token: customerA.token })).body).toEqual({ items: [] });
        expect((await query(`/api/payments/${paymentId}`)).status).toBe(200);

        for (const path of [`/api/payments/${paymentId}`, `/api/orders/${firstOrder}/payments`]) {
          const refused = await query(path, { token: customerB.token });
          expect({ path, status: refused.status }).toEqual({ path, status: 404 });
        }
        expect((await query(`/api/payments/${randomUUID()}`)).status).toBe(404);
        expect((await query('/api/payments/not-a-payment')).status).toBe(404);
      });

      it('reports paid sales, payment outcomes and low stock to the staff', async () => {
        const today = new Date().toISOString().slice(0, 10);
        const sales = await query<{ days: { revenue: number }[]; products: { productCode: string; units: number }[] }>(`/api/reports/sales?from=${today}&to=${today}`);
        expect(sales.status).toBe(200);
        expect(sales.body.products).toContainEqual({ productCode: code('SEN'), currency: 'EUR', units: 2, revenue: 900 });
        const payments = await query<{ items: { method: string; succeeded: number }[] }>('/api/reports/payments');
        expect(payments.body.items).toContainEqual(expect.objectContaining({ method: 'card', succeeded: 1 }));
        const lowStock = await query<{ items: { code: string; available: number }[] }>('/api/reports/low-stock');
        expect(lowStock.body.items).toContainEqual(expect.objectContaining({ code: code('MAT'), available: 4 }));
        expect(lowStock.body.items.map((item) => item.code)).not.toContain(code('DAR'));
      });

      it('refuses a sales report with days that are no days, reversed, or more than a year apart', async () => {
        for (const [path, parameter] of [
          ['/api/reports/sales?from=2026-11-01', 'to'],
          ['/api/reports/sales?from=yesterday&to=2026-11-02', 'from'],
          ['/api/reports/sales?from=2026-11-02&to=2026-11-01', 'to'],
          ['/api/reports/sales?from=2024-01-01&to=2026-01-01', 'to'],
        ] as const) {
          const answer = await query<{ errors: { parameter: string }[] }>(path);
          expect({ path, status: answer.status }).toEqual({ path, status: 400 });
          expect(answer.body.errors.map((error) => error.parameter)).toContain(parameter);
        }
      });
    });

    describe('emails that did not leave', () => {
      it('lists emails refused for good or being retried to the staff, and the radar shows them', async () => {
        // As the mail sender records them: one refused for good (550), one refused for now (421), one sent.
        const ids = { failed: randomUUID(), retrying: randomUUID(), sent: randomUUID(), sentAgain: randomUUID() };
        const message = (id: string) => ({ notificationId: id, to: `${id}@example.test`, subject: 'Your order', text: 't', html: 'h', messageId: `<${id}@shop>`, purpose: 'payment-succeeded', causeEventId: randomUUID(), requestedAt: new Date().toISOString() });
        const failure = (id: string, permanent: boolean) => ({ notificationId: id, attempt: 1, error: permanent ? '550 mailbox unavailable' : '421 try again later', permanent, failedAt: new Date().toISOString() });
        await api.app.eventStore.appendToStream(`notification-${ids.failed}`, [{ id: randomUUID(), type: 'EmailRequested', data: message(ids.failed) }, { id: randomUUID(), type: 'EmailDeliveryFailed', data: failure(ids.failed, true) }]);
        await api.app.eventStore.appendToStream(`notification-${ids.retrying}`, [{ id: randomUUID(), type: 'EmailRequested', data: message(ids.retrying) }, { id: randomUUID(), type: 'EmailDeliveryFailed', data: failure(ids.retrying, false) }]);
        // Refused for good, then sent again by the staff: no longer stuck.
        await api.app.eventStore.appendToStream(`notification-${ids.sentAgain}`, [
          { id: randomUUID(), type: 'EmailRequested', data: message(ids.sentAgain) },
          { id: randomUUID(), type: 'EmailDeliveryFailed', data: failure(ids.sentAgain, true) },
          { id: randomUUID(), type: 'EmailResendRequested', data: { notificationId: ids.sentAgain, resendId: randomUUID(), reason: 'address corrected', requestedBy: { id: 'staff-1', role: 'staff' }, requestedAt: new Date().toISOString() } },
        ]);
        const appended = await api.app.eventStore.appendToStream(`notification-${ids.sent}`, [
          { id: randomUUID(), type: 'EmailRequested', data: message(ids.sent) },
          { id: randomUUID(), type: 'EmailSent', data: { notificationId: ids.sent, attempts: 1, sentAt: new Date().toISOString() } },
        ]);
        last = formatCheckpoint(appended.checkpoint);

        const failed = await query<{ items: { notificationId: string; status: string; lastError: string }[] }>('/api/notifications?status=failed&limit=100');
        expect(failed.body.items.map((email) => email.notificationId)).toContain(ids.failed);
        expect(failed.body.items.find((email) => email.notificationId === ids.failed)).toMatchObject({ status: 'failed', lastError: '550 mailbox unavailable' });
        expect(failed.body.items.map((email) => email.notificationId)).not.toContain(ids.retrying);
        const radar = await query<{ emailsNotSent: { notificationId: string }[] }>('/api/admin/radar');
        const shown = radar.body.emailsNotSent.map((email) => email.notificationId);
        expect(shown).toEqual(expect.arrayContaining([ids.failed, ids.retrying]));
        expect(shown).not.toContain(ids.sent);
        expect(shown).not.toContain(ids.sentAgain);
      });
    });

    describe('refunds the gateway refused', () => {
      it('shows on the radar a payment whose last refund was refused, until a later one goes through', async () => {
        // As the payment's stream records them: paid, a refund asked and refused; another paid, refused, then refunded.
        const at = () => new Date().toISOString();
        const paid = (paymentId: string, orderId: string): NewEvent[] => [
          { id: randomUUID(), type: 'PaymentRequested', data: { paymentId, orderId, amount: { amount: 900, currency: 'EUR' }, method: 'card', requestedAt: at() } },
          { id: randomUUID(), type: 'PaymentSucceeded', data: { paymentId, orderId, amount: { amount: 900, currency: 'EUR' }, method: 'card', gatewayReference: 'sb_1', succeededAt: at() } },
        ];
        const refund = (paymentId: string, orderId: string, refundId: string, outcome: 'refused' | 'refunded'): NewEvent[] => [
          { id: randomUUID(), type: 'RefundRequested', data: { paymentId, orderId, refundId, amount: { amount: 900, currency: 'EUR' }, gatewayReference: 'sb_1', reason: 'goodwill', requestedAt: at() } },
          outcome === 'refused'
            ? { id: randomUUID(), type: 'RefundFailed', data: { paymentId, orderId, refundId, amount: { amount: 900, currency: 'EUR' }, reason: 'The payment was not taken by this gateway', failedAt: at() } }
            : { id: randomUUID(), type: 'PaymentRefunded', data: { paymentId, orderId, refundId, amount: { amount: 900, currency: 'EUR' }, refundReference: 'sbr_1', refundedAt: at() } },
        ];
        const [stillOwed, givenBack] = [randomUUID(), randomUUID()];
        await api.app.eventStore.appendToStream(`payment-${stillOwed}`, [...paid(stillOwed, randomUUID()), ...refund(stillOwed, randomUUID(), randomUUID(), 'refused')]);
        const appended = await api.app.eventStore.appendToStream(`payment-${givenBack}`, [...paid(givenBack, randomUUID()), ...refund(givenBack, randomUUID(), randomUUID(), 'refused'), ...refund(givenBack, randomUUID(), randomUUID(), 'refunded')]);
        last = formatCheckpoint(appended.checkpoint);
        // The radar answers from the read models as they stand: first wait, as a reader of the payment does, for the payments projection.
        expect((await query(`/api/payments/${givenBack}`)).body).toMatchObject({ lastRefundOutcome: 'refunded' });

        const radar = await query<{ refundsRefused: { paymentId: string; refunds: { status: string; failureReason: string | null }[] }[] }>('/api/admin/radar');
        const shown = radar.body.refundsRefused.map((payment) => payment.paymentId);
        expect(shown).toContain(stillOwed);
        expect(shown).not.toContain(givenBack);
        expect(radar.body.refundsRefused.find((payment) => payment.paymentId === stillOwed)!.refunds).toEqual([expect.objectContaining({ status: 'failed', failureReason: 'The payment was not taken by this gateway' })]);
      });
    });

    describe('read-your-writes from a query API apart from the projector', () => {
      it('waits on the progress the projector saved, not on any state of its own', async () => {
        // This app runs no projection: like a query API process beside a projector process.
        const queries = await startTestApp({ db: api.db, accessTokens: api.accessTokens, runProjections: false, readYourWritesTimeoutMs: 5_000, ...(readStore.documents ? { documents: readStore.documents } : {}) });
        try {
          const blocker = await api.db.pool.connect();
          await blocker.query('begin');
          await blocker.query('lock table subscription_checkpoints in exclusive mode');
          let answered = false;
          let reading: Promise<HttpAnswer> | undefined;
          try {
            const added = await api.request('POST', '/api/products', {
              body: { code: code('APART'), name: 'Kukicha', description: 'Twig tea', categoryId: `green-${run.toLowerCase()}`, price: { amount: 550, currency: 'EUR' }, lowStockThreshold: 1 },
              token: staff,
            });
            reading = queries.request('GET', `/api/products/${code('APART')}`, { headers: { 'emporium-checkpoint': String(added.headers.get('emporium-checkpoint')) } }).finally(() => (answered = true));
            await new Promise((resolve) => setTimeout(resolve, 300));
            expect(answered).toBe(false);
          } finally {
            await blocker.query('commit');
            blocker.release();
          }
          const product = await reading;
          expect(product).toMatchObject({ status: 200, body: { code: code('APART'), name: 'Kukicha' } });
          // A checkpoint no projection it reads has to handle anything for: answered at once.
          const head = (await api.app.eventStore.headCheckpoint())!;
          expect((await queries.request('GET', '/api/categories', { headers: { 'emporium-checkpoint': `${head.commit}.${head.position}` } })).status).toBe(200);
        } finally {
          await queries.stop();
        }
      });
    });

    describe('read-your-writes when the projections lag', () => {
      it('answers 503 with Retry-After when they do not reach the checkpoint in time', async () => {
        const lagging = await startTestApp({ db: api.db, accessTokens: api.accessTokens, readYourWritesTimeoutMs: 300, ...(readStore.documents ? { documents: readStore.documents } : {}) });
        try {
          await lagging.app.projections.stop();
          const head = (await lagging.app.eventStore.headCheckpoint())!;
          const answer = await lagging.request('GET', '/api/products', { headers: { 'emporium-checkpoint': `${head.commit + 1000}.${head.position + 1000}` } });
          expect(answer.status).toBe(503);
          expect(answer.headers.get('retry-after')).toBe('1');
          expect(answer.body.type).toBe('/problems/not-caught-up');
          const malformed = await lagging.request('GET', '/api/products', { headers: { 'emporium-checkpoint': 'yesterday' } });
          expect(malformed.status).toBe(400);
        } finally {
          await lagging.stop();
        }
      });
    });
  });
});
