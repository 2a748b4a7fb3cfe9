import { createHash, randomUUID } from 'node:crypto';
import { inventoryHandlers } from '../../src/commands/handlers/inventory-handlers';
import { orderHandlers } from '../../src/commands/handlers/order-handlers';
import { idempotencyScope, scopedIdempotencyKey } from '../../src/commands/idempotency/idempotency-middleware';
import { canonicalJson } from '../../src/event-store/event-integrity';
import { foldEvents } from '../../src/domain/shared/decider';
import { available, inventoryDecider, type InventoryEvent } from '../../src/domain/inventory/inventory';
import { customerSignedIn, staffSignedIn } from '../support/principals';
import { startTestApp, type RequestOptions, type TestApp } from '../support/test-app';

const address = { line1: '1 Tea Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' };
const problem = 'application/problem+json';

let api: TestApp;
let staff: string;
let staffAccountId: string;
beforeAll(async () => {
  api = await startTestApp();
  ({ token: staff, accountId: staffAccountId } = await staffSignedIn(api));
});
/** The command API as a member of staff calls it. */
const call = <Body = Record<string, unknown>>(method: string, path: string, options: RequestOptions = {}) => api.request<Body>(method, path, { token: staff, ...options });
afterAll(async () => {
  await api.close();
});

const eventCount = async () => (await api.db.pool.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;
const streamEvents = async (streamId: string) => api.app.eventStore.readStream(streamId);

let sequence = 0;
/** A fresh category and product with stock, so that tests do not share state. */
async function productWithStock(onHand: number, options: { price?: number; lowStockThreshold?: number } = {}): Promise<string> {
  const n = ++sequence;
  const category = await call('POST', '/api/categories', { body: { name: `Tea ${n}`, description: 'Leaves' } });
  expect(category.status).toBe(201);
  const code = `TEA-${n}`;
  const product = await call('POST', '/api/products', {
    body: { code, name: `Tea number ${n}`, description: 'A tea', categoryId: category.body.id, price: { amount: options.price ?? 450, currency: 'EUR' }, lowStockThreshold: options.lowStockThreshold ?? 2 },
  });
  expect(product.status).toBe(201);
  if (onHand > 0) expect((await call('POST', `/api/inventory/${code}/receipts`, { body: { quantity: onHand } })).status).toBe(200);
  return code;
}

async function customer(email = `shopper-${++sequence}@example.org`): Promise<string> {
  const registered = await call('POST', '/api/customers', { body: { firstName: 'Ann', lastName: 'Lee', email, shippingAddress: address } });
  expect(registered.status).toBe(201);
  return String(registered.body.id);
}

describe('command API', () => {
  describe('success answers', () => {
    it('answer 201 with Location, the revision as a weak ETag, and the checkpoint reached', async () => {
      const category = await call('POST', '/api/categories', { body: { name: 'Green tea', description: 'Unfermented' } });
      expect(category.status).toBe(201);
      expect(category.headers.get('location')).toBe('/api/categories/green-tea');
      expect(category.headers.get('etag')).toBe('W/"0"');
      expect(category.headers.get('emporium-checkpoint')).toMatch(/^\d+\.\d+$/);
      expect(category.body).toEqual({ id: 'green-tea', revision: 0, checkpoint: category.headers.get('emporium-checkpoint') });

      const product = await call('POST', '/api/products', {
        body: { code: 'sencha-01', name: 'Sencha', description: 'Steamed', categoryId: 'green-tea', price: { amount: 450, currency: 'EUR' }, lowStockThreshold: 5 },
      });
      expect(product.status).toBe(201);
      expect(product.headers.get('location')).toBe('/api/products/SENCHA-01');
      const [added] = await streamEvents('product-SENCHA-01');
      expect(added).toMatchObject({ type: 'ProductAdded', data: { code: 'SENCHA-01', categoryName: 'Green tea', price: { amount: 450, currency: 'EUR' } } });
      expect(added!.metadata).toMatchObject({ actor: { id: staffAccountId, role: 'staff' }, schemaVersion: 1 });
    });

    it('captures names and prices when an order is placed and totals it in minor units', async () => {
      const code = await productWithStock(10, { price: 1_999 });
      const customerId = await customer();
      const order = await call('POST', '/api/orders', { body: { customerId, lines: [{ productCode: code.toLowerCase(), quantity: 3 }], paymentMethod: 'card' } });
      expect(order.status).toBe(201);
      const [placed] = await streamEvents(`order-${String(order.body.id)}`);
      expect(placed).toMatchObject({
        type: 'OrderPlaced',
        data: { customerId, lines: [{ productCode: code, quantity: 3, unitPrice: { amount: 1_999 }, lineTotal: { amount: 5_997 } }], total: { amount: 5_997, currency: 'EUR' }, shippingAddress: address },
      });

      const payment = await call('POST', '/api/payments', { body: { orderId: order.body.id } });
      expect(payment.status).toBe(201);
      const [requested] = await streamEvents(`payment-${String(payment.body.id)}`);
      expect(requested).toMatchObject({ type: 'PaymentRequested', data: { amount: { amount: 5_997, currency: 'EUR' }, method: 'card' } });

      const outcome = { status: 'succeeded', gatewayReference: 'gw_1' };
      expect((await call('POST', `/api/payments/${String(payment.body.id)}/outcome`, { body: outcome })).status).toBe(200);
      const again = await call('POST', `/api/payments/${String(payment.body.id)}/outcome`, { body: outcome });
      expect(again.status).toBe(200);
      expect(again.body.revision).toBe(1);
      const different = await call('POST', `/api/payments/${String(payment.body.id)}/outcome`, { body: { status: 'failed', reason: 'declined' } });
      expect(different.status).toBe(409);
      expect(different.body.type).toBe('/problems/payment-outcome-conflict');
      expect(await streamEvents(`payment-${String(payment.body.id)}`)).toHaveLength(2);
    });
  });

  describe('invariant 6: bad input gets a 4xx problem naming the field, and nothing is appended', () => {
    it.each([
      [
        'wrong types, ranges and formats',
        '/api/products',
        { code: 'bad code!', name: '', description: 'x', categoryId: 'Green Tea', price: { amount: 4.5, currency: 'euro' }, lowStockThreshold: -1 },
        ['/code', '/name', '/categoryId', '/price/amount', '/price/currency', '/lowStockThreshold'],
      ],
      ['an unknown field (mass assignment)', '/api/categories', { name: 'Tea', description: '', status: 'featured' }, ['/status']],
      ['a missing field', '/api/categories', { name: 'Tea' }, ['/description']],
      ['a control character', '/api/categories', { name: 'Te\u0000a', description: '' }, ['/name']],
      [
        'order lines: too few quantities, unknown methods, bad nested address',
        '/api/orders',
        { customerId: 'nope', lines: [{ productCode: 'TEA-1', quantity: 0 }, { productCode: 'TEA-2', quantity: 2.5 }], paymentMethod: 'cash', shippingAddress: { line1: 'x', city: 'y', postalCode: 'z', country: 'Narnia' } },
        ['/customerId', '/lines/0/quantity', '/lines/1/quantity', '/paymentMethod', '/shippingAddress/country'],
      ],
      ['too many order lines', '/api/orders', { customerId: randomUUID(), lines: Array.from({ length: 51 }, (_, i) => ({ productCode: `P-${i}`, quantity: 1 })), paymentMethod: 'card' }, ['/lines']],
      ['an email that is not one', '/api/customers', { firstName: 'A', lastName: 'B', email: 'not-an-email', shippingAddress: address }, ['/email']],
      ['a body that is not an object', '/api/categories', [1, 2], ['']],
    ])('%s', async (_case, path, body, pointers) => {
      const before = await eventCount();
      const answer = await call<{ type: string; status: number; errors: { pointer: string; detail: string }[] }>('POST', path, { body });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain(problem);
      expect(answer.body).toMatchObject({ type: '/problems/validation-failed', title: 'Validation failed', status: 400, instance: path });
      expect([...new Set(answer.body.errors.map((e) => e.pointer))].sort()).toEqual([...pointers].sort());
      for (const error of answer.body.errors) expect(error.detail).toEqual(expect.any(String));
      expect(await eventCount()).toBe(before);
    });

    it('answers malformed JSON with 400, an oversized body with 413, another media type with 415', async () => {
      const before = await eventCount();
      const malformed = await call('POST', '/api/categories', { rawBody: '{"name": "Tea",', headers: { 'content-type': 'application/json' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ type: '/problems/malformed-json' });
      const huge = await call('POST', '/api/categories', { body: { name: 'Tea', description: 'x'.repeat(100_000) } });
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({ type: '/problems/payload-too-large' });
      const text = await call('POST', '/api/categories', { rawBody: 'name=Tea', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(text.status).toBe(415);
      expect(text.headers.get('content-type')).toContain(problem);
      expect(await eventCount()).toBe(before);
    });

    it('answers refusals by business rule with 409, unknown things with 404, unusable references with 422', async () => {
      const code = await productWithStock(1);
      const taken = await call('POST', '/api/products', {
        body: { code, name: 'Again', description: '', categoryId: 'green-tea', price: { amount: 1, currency: 'EUR' }, lowStockThreshold: 0 },
      });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ type: '/problems/product-code-taken', title: 'Product code taken', status: 409, code });

      const unknown = await call('POST', '/api/inventory/NO-SUCH-1/receipts', { body: { quantity: 1 } });
      expect(unknown.status).toBe(404);
      expect(unknown.body.type).toBe('/problems/product-not-found');
      expect((await call('POST', `/api/orders/${randomUUID()}/cancel`, { body: { reason: 'x' } })).status).toBe(404);
      expect((await call('GET', '/api/nothing-here')).body).toMatchObject({ status: 404, type: '/problems/not-found' });

      const noCategory = await call('POST', '/api/products', {
        body: { code: 'NEW-1', name: 'New', description: '', categoryId: 'no-such-category', price: { amount: 1, currency: 'EUR' }, lowStockThreshold: 0 },
      });
      expect(noCategory.status).toBe(422);
      expect(noCategory.body).toMatchObject({ type: '/problems/unknown-category', categoryId: 'no-such-category' });
    });
  });

  describe('If-Match', () => {
    it('applies a change at the revision the client saw, and refuses a stale one with 412, writing nothing', async () => {
      const code = await productWithStock(0);
      const changed = await call('PUT', `/api/products/${code}/price`, { body: { amount: 500, currency: 'EUR' }, headers: { 'if-match': 'W/"0"' } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).toBe('W/"1"');

      const stale = await call('PUT', `/api/products/${code}/price`, { body: { amount: 600, currency: 'EUR' }, headers: { 'if-match': 'W/"0"' } });
      expect(stale.status).toBe(412);
      expect(stale.headers.get('content-type')).toContain(problem);
      expect(stale.body).toMatchObject({ type: '/problems/stale-revision', expectedRevision: 0, currentRevision: 1 });
      expect(stale.headers.get('etag')).toBe('W/"1"');
      expect((await streamEvents(`product-${code}`)).map((e) => e.type)).toEqual(['ProductAdded', 'ProductPriceChanged']);

      const malformed = await call('PUT', `/api/products/${code}/price`, { body: { amount: 600, currency: 'EUR' }, headers: { 'if-match': 'yesterday' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.type).toBe('/problems/invalid-if-match');
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer to the same request, once applied; another body under the key gets 422', async () => {
      const customerId = await customer();
      const code = await productWithStock(5);
      const key = randomUUID();
      const body = { customerId, lines: [{ productCode: code, quantity: 1 }], paymentMethod: 'card' };
      const first = await call('POST', '/api/orders', { body, headers: { 'idempotency-key': key } });
      const before = await eventCount();
      const second = await call('POST', '/api/orders', { body, headers: { 'idempotency-key': key } });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('location')).toBe(first.headers.get('location'));
      expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(await eventCount()).toBe(before);

      const other = await call('POST', '/api/orders', { body: { ...body, paymentMethod: 'paypal' }, headers: { 'idempotency-key': key } });
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ type: '/problems/idempotency-key-reused' });
      expect(await eventCount()).toBe(before);
    });

    it('takes the same key with another If-Match for another request (422), not a replay', async () => {
      const code = await productWithStock(1);
      const key = randomUUID();
      const body = { amount: 777, currency: 'EUR' };
      const first = await call('PUT', `/api/products/${code}/price`, { body, headers: { 'idempotency-key': key } });
      expect(first.status).toBe(200);
      const pinned = await call('PUT', `/api/products/${code}/price`, { body, headers: { 'idempotency-key': key, 'if-match': 'W/"0"' } });
      expect(pinned.status).toBe(422);
      expect(pinned.body).toMatchObject({ type: '/problems/idempotency-key-reused' });
      const empty = await call('PUT', `/api/products/${code}/price`, { body, headers: { 'idempotency-key': randomUUID(), 'if-match': '' } });
      expect(empty.status).toBe(400);
    });

    it('replays refusals too, and keeps its keys across a restart', async () => {
      const key = randomUUID();
      const body = { quantity: 1 };
      const refused = await call('POST', '/api/inventory/NOT-THERE-9/receipts', { body, headers: { 'idempotency-key': key } });
      expect(refused.status).toBe(404);

      const code = await productWithStock(0);
      const receiptKey = randomUUID();
      const received = await call('POST', `/api/inventory/${code}/receipts`, { body: { quantity: 7 }, headers: { 'idempotency-key': receiptKey } });
      expect(received.status).toBe(200);

      await api.stop();
      const restarted = await startTestApp({ db: api.db, accessTokens: api.accessTokens });
      try {
        const replayedRefusal = await restarted.request('POST', '/api/inventory/NOT-THERE-9/receipts', { body, headers: { 'idempotency-key': key }, token: staff });
        expect(replayedRefusal).toMatchObject({ status: 404, body: refused.body });
        const replayed = await restarted.request('POST', `/api/inventory/${code}/receipts`, { body: { quantity: 7 }, headers: { 'idempotency-key': receiptKey }, token: staff });
        expect(replayed.status).toBe(200);
        expect(replayed.headers.get('idempotent-replayed')).toBe('true');
        expect(foldEvents(inventoryDecider, (await restarted.app.eventStore.readStream(`inventory-${code}`)) as unknown as InventoryEvent[]).onHand).toBe(7);
      } finally {
        await restarted.stop();
        api = await startTestApp({ db: api.db, accessTokens: api.accessTokens });
      }
    });

    it('does not apply a command twice when its first attempt was applied but never answered', async () => {
      const code = await productWithStock(0);
      const key = randomUUID();
      // As if the process died after appending and before storing the answer: the key has no answer, its lease has run out.
      const path = `/api/inventory/${code}/receipts`;
      const scope = await abandonedAttempt(staffAccountId, path, key, { quantity: 3 });
      const first = await api.app.eventStore.readStream(`inventory-${code}`);
      expect(first).toHaveLength(0);
      await directReceipt(code, 3, scopedIdempotencyKey(scope, key));

      const retried = await call('POST', path, { body: { quantity: 3 }, headers: { 'idempotency-key': key } });
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ alreadyApplied: true, revision: 0 });
      expect((await streamEvents(`inventory-${code}`)).map((e) => e.data)).toEqual([expect.objectContaining({ quantity: 3, onHand: 3 })]);
    });

    it('answers the retry of an order placed by an attempt that died before answering with that order, 201, as the first answer would have been', async () => {
      const { customerId, token } = await customerSignedIn(api);
      const code = await productWithStock(5);
      const key = randomUUID();
      const body = { lines: [{ productCode: code, quantity: 1 }], paymentMethod: 'card' };
      const scope = await abandonedAttempt(customerId, '/api/orders', key, body);
      // What the attempt that died wrote, through the same handler, under the same scoped key.
      const placed = await orderHandlers(api.app.eventStore).placeOrder(
        { customerId, lines: body.lines, paymentMethod: 'card' },
        { now: new Date(), actor: { id: customerId, role: 'customer' }, correlationId: randomUUID(), idempotencyKey: scopedIdempotencyKey(scope, key) },
      );
      const orderId = placed.streamId.slice('order-'.length);
      const before = await eventCount();

      const retried = await api.request('POST', '/api/orders', { body, token, headers: { 'idempotency-key': key } });
      expect(retried.status).toBe(201);
      expect(retried.body).toMatchObject({ id: orderId, revision: placed.revision });
      expect(retried.headers.get('location')).toBe(`/api/orders/${orderId}`);
      expect(retried.headers.get('idempotent-replayed')).toBe('true');
      expect(await eventCount()).toBe(before);
      // And from now on the answer is the stored one.
      const again = await api.request('POST', '/api/orders', { body, token, headers: { 'idempotency-key': key } });
      expect(again).toMatchObject({ status: 201, body: retried.body });
    });

    it('scopes keys to the caller: two customers sending the same key each get their own order', async () => {
      const [a, b] = [await customerSignedIn(api), await customerSignedIn(api)];
      const code = await productWithStock(5);
      const key = 'order-1';
      const body = { lines: [{ productCode: code, quantity: 1 }], paymentMethod: 'card' };
      const ofA = await api.request('POST', '/api/orders', { body, token: a.token, headers: { 'idempotency-key': key } });
      const ofB = await api.request('POST', '/api/orders', { body, token: b.token, headers: { 'idempotency-key': key } });
      expect([ofA.status, ofB.status]).toEqual([201, 201]);
      expect(ofB.body.id).not.toBe(ofA.body.id);
      expect(ofB.headers.get('idempotent-replayed')).toBeNull();
      const [orderOfB] = await streamEvents(`order-${String(ofB.body.id)}`);
      expect(orderOfB!.data).toMatchObject({ customerId: b.customerId });
    });

    it('scopes keys to the operation: the same key on another resource is another request', async () => {
      const [first, second] = [await productWithStock(0), await productWithStock(0)];
      const key = randomUUID();
      const one = await call('POST', `/api/inventory/${first}/receipts`, { body: { quantity: 2 }, headers: { 'idempotency-key': key } });
      const two = await call('POST', `/api/inventory/${second}/receipts`, { body: { quantity: 2 }, headers: { 'idempotency-key': key } });
      expect([one.status, two.status]).toEqual([200, 200]);
      expect(two.headers.get('idempotent-replayed')).toBeNull();
      expect(await streamEvents(`inventory-${second}`)).toHaveLength(1);
    });

    it('replays a stored answer as JSON, and a stored refusal as problem details', async () => {
      const key = randomUUID();
      const path = `/api/inventory/NOT-THERE-${randomUUID().slice(0, 4)}/receipts`;
      await call('POST', path, { body: { quantity: 1 }, headers: { 'idempotency-key': key } });
      const replayed = await call('POST', path, { body: { quantity: 1 }, headers: { 'idempotency-key': key } });
      expect(replayed.headers.get('idempotent-replayed')).toBe('true');
      expect(replayed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const code = await productWithStock(0);
      const okKey = randomUUID();
      await call('POST', `/api/inventory/${code}/receipts`, { body: { quantity: 1 }, headers: { 'idempotency-key': okKey } });
      const okReplay = await call('POST', `/api/inventory/${code}/receipts`, { body: { quantity: 1 }, headers: { 'idempotency-key': okKey } });
      expect(okReplay.headers.get('content-type')).toMatch(/^application\/json/);
    });
  });

  describe('reservations', () => {
    it('tells a commit or release of an unknown product from one of an unknown reservation', async () => {
      const unknown = `NOT-THERE-${randomUUID().slice(0, 6)}`;
      const code = await productWithStock(5);
      const orderId = randomUUID();
      for (const action of ['commit', 'release']) {
        const noProduct = await call('POST', `/api/inventory/${unknown}/reservations/${orderId}/${action}`, { body: action === 'release' ? { reason: 'cancelled' } : {} });
        expect([noProduct.status, noProduct.body]).toEqual([404, expect.objectContaining({ type: '/problems/product-not-found' })]);
        const noReservation = await call('POST', `/api/inventory/${code}/reservations/${orderId}/${action}`, { body: action === 'release' ? { reason: 'cancelled' } : {} });
        expect([noReservation.status, noReservation.body]).toEqual([404, expect.objectContaining({ type: '/problems/reservation-not-found' })]);
      }
      expect(await streamEvents(`inventory-${unknown}`)).toHaveLength(0);
    });
  });

  describe('concurrency', () => {
    it('invariant 2: of 50 concurrent reservations for the last 10 units exactly 10 succeed, and stock never goes negative', async () => {
      const code = await productWithStock(10, { lowStockThreshold: 3 });
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => call('POST', `/api/inventory/${code}/reservations`, { body: { orderId: randomUUID(), quantity: 1 } })),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 409)).toHaveLength(40);
      for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body).toMatchObject({ type: '/problems/insufficient-stock', available: 0 });

      const events = (await streamEvents(`inventory-${code}`)) as unknown as InventoryEvent[];
      let state = inventoryDecider.initialState;
      for (const event of events) {
        state = inventoryDecider.evolve(state, event);
        expect(available(state)).toBeGreaterThanOrEqual(0);
      }
      expect(state).toMatchObject({ onHand: 10, reserved: 10 });
      expect(events.filter((e) => e.type === 'LowStockReached')).toHaveLength(1);
    });

    it('of two concurrent registrations with one email, exactly one succeeds, whatever the case of the address', async () => {
      for (let round = 0; round < 5; round++) {
        const email = `twin-${round}-${randomUUID()}@example.org`;
        const answers = await Promise.all([
          call('POST', '/api/customers', { body: { firstName: 'Ann', lastName: 'One', email, shippingAddress: address } }),
          call('POST', '/api/customers', { body: { firstName: 'Ann', lastName: 'Two', email: email.toUpperCase(), shippingAddress: address } }),
        ]);
        expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
        expect(answers.find((a) => a.status === 409)!.body).toMatchObject({ type: '/problems/email-taken' });
      }
    });

    it('lets a customer take a new email and frees the old one for others', async () => {
      const oldEmail = `old-${randomUUID()}@example.org`;
      const customerId = await customer(oldEmail);
      const newEmail = `new-${randomUUID()}@example.org`;
      const changed = await call('PUT', `/api/customers/${customerId}/email`, { body: { email: newEmail } });
      expect(changed.status).toBe(200);
      const someoneElse = await call('POST', '/api/customers', { body: { firstName: 'B', lastName: 'C', email: newEmail, shippingAddress: address } });
      expect(someoneElse.status).toBe(409);
      expect(await customer(oldEmail)).toEqual(expect.any(String));
    });
  });
});

/** The fingerprint the idempotency middleware gives a request: method, path and canonical body. */
function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
}

/** An attempt that took its key and died before answering: no answer stored, its lease run out. Returns its scope. */
async function abandonedAttempt(caller: string, path: string, key: string, body: unknown): Promise<string> {
  const scope = idempotencyScope(caller, 'POST', path);
  await api.db.pool.query(`insert into idempotency_keys (scope, key, fingerprint, locked_until) values ($1, $2, $3, now() - interval '1 minute')`, [scope, key, fingerprintOf('POST', path, body)]);
  return scope;
}

/** Applies a receipt through the same handler the API uses, as the attempt that died would have. */
async function directReceipt(code: string, quantity: number, idempotencyKey: string): Promise<void> {
  await inventoryHandlers(api.app.eventStore).receiveStock(
    { code, quantity },
    { now: new Date(), actor: { id: 'anonymous', role: 'anonymous' }, correlationId: randomUUID(), idempotencyKey },
  );
}
