import { randomUUID } from 'node:crypto';
import { compareCheckpoints, formatCheckpoint, parseCheckpoint } from '../../src/event-store/event-store';
import { customerSignedIn, logIn, staffSignedIn } from '../support/principals';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Seed 002's dynamic pricing over HTTP: staff define rules; the catalog shows each product's price
 * now, what made it and until when it holds; orders are priced by the same rules at their moment,
 * and one sent with a price that no longer holds is refused with the new one. The clock is the
 * test's, so that the moments a rule starts and ends can be stepped over.
 */
describe('price rules', () => {
  let api: TestApp;
  let staff: string;
  let now = new Date('2026-12-01T09:00:00.000Z');
  beforeAll(async () => {
    api = await startTestApp({ clock: () => now });
    staff = (await staffSignedIn(api, 'staff')).token;
  });
  afterAll(async () => {
    await api.close();
  });

  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  const eventCount = async () => (await api.db.pool.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;
  let lastWrite = '';
  async function asStaff(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await api.request(method, path, { token: staff, body });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    if (typeof answer.body.checkpoint === 'string') lastWrite = answer.body.checkpoint;
    return answer.body;
  }
  /** A product of its own category at this list price, stocked. */
  async function product(listPrice: number): Promise<{ code: string; categoryId: string }> {
    const categoryId = String((await asStaff('POST', '/api/categories', { name: `Cat ${randomUUID()}`, description: '' })).id);
    const code = `P-${randomUUID().slice(0, 8).toUpperCase()}`;
    await asStaff('POST', '/api/products', { code, name: 'Tea', description: '', categoryId, price: eur(listPrice), lowStockThreshold: 0 });
    await asStaff('POST', `/api/inventory/${code}/receipts`, { quantity: 100 });
    return { code, categoryId };
  }
  const shown = async (code: string) => (await api.request('GET', `/api/products/${code}`, { headers: { 'emporium-checkpoint': lastWrite } })).body;

  it('shows the price a rule makes, with the rule and until when it holds, and charges it', async () => {
    const { code, categoryId } = await product(1_000);
    const { id: ruleId } = await asStaff('POST', '/api/price-rules', { name: 'December sale', appliesTo: 'category', categoryId, percentOff: 20, validUntil: '2026-12-24T00:00:00+01:00' });
    expect(await shown(code)).toMatchObject({ price: eur(800), listPrice: eur(1_000), priceRule: { ruleId, name: 'December sale' }, priceValidUntil: '2026-12-23T23:00:00.000Z', quantityPrices: [] });

    const customer = await customerSignedIn(api);
    const placed = await api.request('POST', '/api/orders', { token: customer.token, body: { lines: [{ productCode: code, quantity: 2, expectedUnitPrice: eur(800) }], paymentMethod: 'card' } });
    expect(placed.status).toBe(201);
    const [orderPlaced] = await api.app.eventStore.readStream(`order-${String(placed.body.id)}`);
    expect(orderPlaced!.data).toMatchObject({ total: eur(1_600), lines: [{ unitPrice: eur(800), lineTotal: eur(1_600), listPrice: eur(1_000), priceRule: { ruleId, name: 'December sale' } }] });
  });

  it('applies a rule from its start and not at its end: the price in each stretch, as shown and as charged', async () => {
    const { code } = await product(500);
    await asStaff('POST', '/api/price-rules', { name: 'Lunch hour', appliesTo: 'product', productCode: code, amountOff: eur(100), validFrom: '2026-12-01T12:00:00Z', validUntil: '2026-12-01T13:00:00Z' });
    const customer = await customerSignedIn(api);
    // Signed in again at each moment: an access token lives its fifteen minutes on the shop's clock.
    const order = async (price: number) =>
      api.request('POST', '/api/orders', { token: await logIn(api, customer.email), body: { lines: [{ productCode: code, quantity: 1, expectedUnitPrice: eur(price) }], paymentMethod: 'card' } });
    for (const [moment, price, until] of [
      ['2026-12-01T11:59:59.999Z', 500, '2026-12-01T12:00:00.000Z'],
      ['2026-12-01T12:00:00.000Z', 400, '2026-12-01T13:00:00.000Z'],
      ['2026-12-01T12:59:59.999Z', 400, '2026-12-01T13:00:00.000Z'],
      ['2026-12-01T13:00:00.000Z', 500, null],
    ] as const) {
      now = new Date(moment);
      expect({ moment, ...(await shown(code)) }).toMatchObject({ moment, price: eur(price), priceValidUntil: until });
      expect({ moment, status: (await order(price)).status }).toEqual({ moment, status: 201 });
    }
    now = new Date('2026-12-01T09:00:00.000Z');
  });

  it('refuses an order sent with a price that no longer holds, telling the new one, and writes nothing', async () => {
    const { code } = await product(700);
    const customer = await customerSignedIn(api);
    await asStaff('POST', '/api/price-rules', { name: 'Flash sale', appliesTo: 'product', productCode: code, percentOff: 50 });
    const before = await eventCount();
    const refused = await api.request('POST', '/api/orders', { token: customer.token, body: { lines: [{ productCode: code, quantity: 1, expectedUnitPrice: eur(700) }], paymentMethod: 'card' } });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: '/problems/price-changed', productCode: code, expected: eur(700), price: eur(350), priceRule: { name: 'Flash sale' } });
    expect(await eventCount()).toBe(before);
  });

  it('prices from a quantity on, and shows the quantity prices', async () => {
    const { code } = await product(1_200);
    await asStaff('POST', '/api/price-rules', { name: 'Six or more', appliesTo: 'product', productCode: code, percentOff: 10, minQuantity: 6 });
    await asStaff('POST', '/api/price-rules', { name: 'Twelve or more', appliesTo: 'product', productCode: code, percentOff: 25, minQuantity: 12 });
    expect(await shown(code)).toMatchObject({
      price: eur(1_200),
      priceRule: null,
      quantityPrices: [
        { minQuantity: 6, price: eur(1_080), priceRule: { name: 'Six or more' } },
        { minQuantity: 12, price: eur(900), priceRule: { name: 'Twelve or more' } },
      ],
    });
    const customer = await customerSignedIn(api);
    const placed = await api.request('POST', '/api/orders', { token: customer.token, body: { lines: [{ productCode: code, quantity: 6 }], paymentMethod: 'card' } });
    expect((await api.app.eventStore.readStream(`order-${String(placed.body.id)}`))[0]!.data.total).toEqual(eur(6_480));
  });

  it('ends a rule: from then on prices are without it; ended again, nothing is written; staff list rules by status', async () => {
    const { code } = await product(900);
    const { id: ruleId } = await asStaff('POST', '/api/price-rules', { name: 'Clearance', appliesTo: 'product', productCode: code, percentOff: 30 });
    expect((await shown(code)).price).toEqual(eur(630));
    await asStaff('POST', `/api/price-rules/${String(ruleId)}/end`, { reason: 'stock cleared' });
    expect(await shown(code)).toMatchObject({ price: eur(900), priceRule: null });
    const before = await eventCount();
    expect((await api.request('POST', `/api/price-rules/${String(ruleId)}/end`, { token: staff, body: { reason: 'again' } })).status).toBe(200);
    expect(await eventCount()).toBe(before);
    expect((await api.request('POST', `/api/price-rules/${randomUUID()}/end`, { token: staff, body: { reason: 'x' } })).status).toBe(404);
    const ended = await api.request<{ items: { ruleId: string; status: string; ended: unknown }[] }>('GET', '/api/price-rules?status=ended', { token: staff, headers: { 'emporium-checkpoint': lastWrite } });
    expect(ended.body.items.find((rule) => rule.ruleId === ruleId)).toMatchObject({ status: 'ended', ended: { reason: 'stock cleared' } });
  });

  it('refuses a bad rule naming the field, or the rule it breaks, and writes nothing', async () => {
    const { code } = await product(100);
    const before = await eventCount();
    for (const [body, status, named] of [
      [{ name: 'x', appliesTo: 'all', percentOff: 10, amountOff: eur(10) }, 400, '/percentOff'],
      [{ name: 'x', appliesTo: 'all' }, 400, '/percentOff'],
      [{ name: 'x', appliesTo: 'product', percentOff: 10 }, 400, '/productCode'],
      [{ name: 'x', appliesTo: 'all', productCode: code, percentOff: 10 }, 400, '/productCode'],
      [{ name: 'x', appliesTo: 'all', percentOff: 100 }, 400, '/percentOff'],
      [{ name: 'x', appliesTo: 'all', percentOff: 10, validFrom: '2026-13-01T00:00:00Z' }, 400, '/validFrom'],
      [{ name: 'x', appliesTo: 'all', percentOff: 10, validFrom: '2026-12-01' }, 400, '/validFrom'],
      [{ name: 'x\u0000', appliesTo: 'all', percentOff: 10 }, 400, '/name'],
      [{ name: 'x', appliesTo: 'everything', percentOff: 10 }, 400, '/appliesTo'],
      [{ name: 'x', appliesTo: 'all', percentOff: 10, minQuantity: 0 }, 400, '/minQuantity'],
      [{ name: 'x', appliesTo: 'all', percentOff: 10, validFrom: '2026-12-02T00:00:00Z', validUntil: '2026-12-01T00:00:00Z' }, 409, 'invalid-window'],
      [{ name: 'x', appliesTo: 'all', percentOff: 10, validUntil: '2026-11-30T00:00:00Z' }, 409, 'window-over'],
      [{ name: 'x', appliesTo: 'product', productCode: 'NO-SUCH-THING', percentOff: 10 }, 422, 'unknown-product'],
      [{ name: 'x', appliesTo: 'vendor', vendorId: randomUUID(), percentOff: 10 }, 422, 'unknown-vendor'],
      [{ name: 'x', appliesTo: 'category', categoryId: 'no-such-category', percentOff: 10 }, 422, 'unknown-category'],
    ] as const) {
      const refused = await api.request('POST', '/api/price-rules', { token: staff, body });
      expect({ body, status: refused.status }).toEqual({ body, status });
      expect(JSON.stringify(refused.body)).toContain(named);
    }
    expect(await eventCount()).toBe(before);
  });

  it('holds under a burst: ten rules defined at once are all kept, each once', async () => {
    const { code } = await product(1_000);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.request('POST', '/api/price-rules', { token: staff, body: { name: `Burst ${i}`, appliesTo: 'product', productCode: code, percentOff: i + 1 }, headers: { 'idempotency-key': `burst-${code}-${i}` } })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(201));
    // Sent again with the same keys: the same rules, nothing new.
    const again = await Promise.all(Array.from({ length: 10 }, (_, i) => api.request('POST', '/api/price-rules', { token: staff, body: { name: `Burst ${i}`, appliesTo: 'product', productCode: code, percentOff: i + 1 }, headers: { 'idempotency-key': `burst-${code}-${i}` } })));
    expect(again.map((answer) => answer.body.id)).toEqual(answers.map((answer) => answer.body.id));
    const book = await api.app.eventStore.readStream('pricebook-shop');
    expect(book.filter((event) => event.data.scope && (event.data.scope as { productCode?: string }).productCode === code)).toHaveLength(10);
    // Read after the last of them to commit; the best of them takes 10 % off.
    const latest = answers.map((answer) => parseCheckpoint(String(answer.body.checkpoint))!).reduce((a, b) => (compareCheckpoints(a, b) >= 0 ? a : b));
    lastWrite = formatCheckpoint(latest);
    expect((await shown(code)).price).toEqual(eur(900));
  });
});
