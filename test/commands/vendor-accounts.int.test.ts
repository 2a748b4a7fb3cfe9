import { randomUUID } from 'node:crypto';
import { customerSignedIn, logIn, staffSignedIn, testPassword, vendorSignedIn } from '../support/principals';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Seed 002's `vendor` role: an account of a vendor's business manages that vendor's products and
 * stock only. Another vendor's products, and the shop's own, are not found to it; nothing it may
 * not do is written.
 */
describe('vendor accounts', () => {
  let api: TestApp;
  let admin: string;
  let staff: string;
  let vendorA: Awaited<ReturnType<typeof vendorSignedIn>>;
  let vendorB: Awaited<ReturnType<typeof vendorSignedIn>>;
  let categoryId: string;
  beforeAll(async () => {
    api = await startTestApp();
    admin = (await staffSignedIn(api, 'admin')).token;
    staff = (await staffSignedIn(api, 'staff')).token;
    [vendorA, vendorB] = await Promise.all([vendorSignedIn(api, 'Potter & Sons'), vendorSignedIn(api, 'Leaf Co')]);
    categoryId = String((await api.request('POST', '/api/categories', { token: staff, body: { name: `Cups ${randomUUID()}`, description: '' } })).body.id);
  });
  afterAll(async () => {
    await api.close();
  });

  const eventCount = async () => (await api.db.pool.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;
  const code = () => `V-${randomUUID().slice(0, 8).toUpperCase()}`;
  const productBody = (productCode: string, extra: Record<string, unknown> = {}) => ({ code: productCode, name: 'Mug', description: 'Stoneware', categoryId, price: { amount: 1_200, currency: 'EUR' }, lowStockThreshold: 2, ...extra });
  async function productOf(token: string, extra: Record<string, unknown> = {}): Promise<string> {
    const productCode = code();
    const added = await api.request('POST', '/api/products', { token, body: productBody(productCode, extra) });
    if (added.status !== 201) throw new Error(`adding failed: ${added.status} ${JSON.stringify(added.body)}`);
    return productCode;
  }

  it('is made by an admin for an existing vendor, signs in, and knows its vendor', async () => {
    const email = `seller-${randomUUID()}@vendor.example`;
    const created = await api.request('POST', `/api/vendors/${vendorA.vendorId}/accounts`, { token: admin, body: { email, password: testPassword } });
    expect(created.status).toBe(201);
    const token = await logIn(api, email);
    const me = await api.request('GET', '/api/auth/me', { token });
    expect(me.body).toEqual({ accountId: created.body.id, role: 'vendor', customerId: null, vendorId: vendorA.vendorId });

    const before = await eventCount();
    const nobody = await api.request('POST', `/api/vendors/${randomUUID()}/accounts`, { token: admin, body: { email: `x-${randomUUID()}@vendor.example`, password: testPassword } });
    expect(nobody.status).toBe(404);
    expect(nobody.body.code ?? nobody.body.type).toMatch(/vendor-not-found/);
    const badEmail = await api.request('POST', `/api/vendors/${vendorA.vendorId}/accounts`, { token: admin, body: { email: 'not an email', password: testPassword } });
    expect(badEmail.status).toBe(400);
    expect(JSON.stringify(badEmail.body)).toContain('/email');
    expect(await eventCount()).toBe(before);
  });

  it("adds products as its own vendor's, and manages their price, details, stock and end", async () => {
    const productCode = await productOf(vendorA.token);
    const [added] = await api.app.eventStore.readStream(`product-${productCode}`);
    expect(added!.data.vendorId).toBe(vendorA.vendorId);
    // Who acted, and for which vendor, is on the record.
    expect(added!.metadata.actor).toEqual({ id: vendorA.accountId, role: 'vendor', vendorId: vendorA.vendorId });

    const calls: [string, string, unknown][] = [
      ['PUT', `/api/products/${productCode}/price`, { amount: 1_350, currency: 'EUR' }],
      ['PATCH', `/api/products/${productCode}`, { description: 'Stoneware, glazed' }],
      ['POST', `/api/inventory/${productCode}/receipts`, { quantity: 12 }],
      ['POST', `/api/inventory/${productCode}/adjustments`, { countedOnHand: 11, reason: 'one broke' }],
      ['POST', `/api/products/${productCode}/discontinue`, { reason: 'new glaze' }],
    ];
    for (const [method, path, body] of calls) expect({ path, status: (await api.request(method, path, { token: vendorA.token, body })).status }).toEqual({ path, status: 200 });
  });

  it("finds neither another vendor's products nor the shop's own, and writes nothing to them", async () => {
    const theirs = await productOf(vendorB.token);
    const shops = await productOf(staff);
    const before = await eventCount();
    for (const productCode of [theirs, shops]) {
      for (const [method, path, body] of [
        ['PUT', `/api/products/${productCode}/price`, { amount: 1, currency: 'EUR' }],
        ['PATCH', `/api/products/${productCode}`, { name: 'Mine now' }],
        ['POST', `/api/products/${productCode}/discontinue`, { reason: 'sabotage' }],
        ['POST', `/api/inventory/${productCode}/receipts`, { quantity: 1 }],
        ['POST', `/api/inventory/${productCode}/adjustments`, { countedOnHand: 0, reason: 'sabotage' }],
      ] as const) {
        const refused = await api.request(method, path, { token: vendorA.token, body });
        expect({ path, status: refused.status, type: refused.body.type }).toEqual({ path, status: 404, type: '/problems/product-not-found' });
      }
    }
    // Adding a product for another vendor is as naming a vendor that is not there.
    const forOther = await api.request('POST', '/api/products', { token: vendorA.token, body: productBody(code(), { vendorId: vendorB.vendorId }) });
    expect(forOther.status).toBe(404);
    expect(await eventCount()).toBe(before);
  });

  it('holds under a burst: twenty parallel price changes on another vendor’s product, all refused, none written', async () => {
    const theirs = await productOf(vendorB.token);
    const before = await eventCount();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => api.request('PUT', `/api/products/${theirs}/price`, { token: vendorA.token, body: { amount: 100 + i, currency: 'EUR' } })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(404));
    expect(await eventCount()).toBe(before);
  });

  it('lets staff add a product for a vendor, but not for one that is not there or is suspended', async () => {
    const productCode = await productOf(staff, { vendorId: vendorB.vendorId });
    expect((await api.app.eventStore.readStream(`product-${productCode}`))[0]!.data.vendorId).toBe(vendorB.vendorId);
    // Vendor B manages it as its own.
    expect((await api.request('PUT', `/api/products/${productCode}/price`, { token: vendorB.token, body: { amount: 999, currency: 'EUR' } })).status).toBe(200);

    const before = await eventCount();
    const unknown = await api.request('POST', '/api/products', { token: staff, body: productBody(code(), { vendorId: randomUUID() }) });
    expect({ status: unknown.status, type: unknown.body.type }).toEqual({ status: 422, type: '/problems/unknown-vendor' });
    const malformed = await api.request('POST', '/api/products', { token: staff, body: productBody(code(), { vendorId: 'vendor-b' }) });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('/vendorId');
    expect(await eventCount()).toBe(before);
  });

  it('while its vendor is suspended: its products cannot be ordered, and its account changes nothing; reinstated, both work again', async () => {
    const vendor = await vendorSignedIn(api, 'Kiln Works');
    const productCode = await productOf(vendor.token);
    expect((await api.request('POST', `/api/inventory/${productCode}/receipts`, { token: vendor.token, body: { quantity: 5 } })).status).toBe(200);
    const customer = await customerSignedIn(api);
    const order = () => api.request('POST', '/api/orders', { token: customer.token, body: { lines: [{ productCode, quantity: 1 }], paymentMethod: 'card' } });

    expect((await api.request('POST', `/api/vendors/${vendor.vendorId}/suspend`, { token: admin, body: { reason: 'complaints' } })).status).toBe(200);
    const before = await eventCount();
    const refusedOrder = await order();
    expect({ status: refusedOrder.status, type: refusedOrder.body.type }).toEqual({ status: 409, type: '/problems/vendor-suspended' });
    const refusedPrice = await api.request('PUT', `/api/products/${productCode}/price`, { token: vendor.token, body: { amount: 1, currency: 'EUR' } });
    expect({ status: refusedPrice.status, type: refusedPrice.body.type }).toEqual({ status: 409, type: '/problems/vendor-suspended' });
    expect((await api.request('POST', '/api/products', { token: vendor.token, body: productBody(code()) })).status).toBe(409);
    expect((await api.request('POST', '/api/products', { token: staff, body: productBody(code(), { vendorId: vendor.vendorId }) })).status).toBe(409);
    expect(await eventCount()).toBe(before);

    expect((await api.request('POST', `/api/vendors/${vendor.vendorId}/reinstate`, { token: admin })).status).toBe(200);
    const placed = await order();
    expect(placed.status).toBe(201);
    const [orderPlaced] = await api.app.eventStore.readStream(`order-${String(placed.body.id)}`);
    expect(orderPlaced!.data.lines).toEqual([expect.objectContaining({ productCode, vendorId: vendor.vendorId })]);
  });

  it("acts for no customer: places no order, and reads no customer's data", async () => {
    const customer = await customerSignedIn(api);
    const shops = await productOf(staff);
    const before = await eventCount();
    const ordered = await api.request('POST', '/api/orders', { token: vendorA.token, body: { customerId: customer.customerId, lines: [{ productCode: shops, quantity: 1 }], paymentMethod: 'card' } });
    expect(ordered.status).toBe(404);
    expect((await api.request('PUT', `/api/customers/${customer.customerId}/shipping-address`, { token: vendorA.token, body: { line1: '1 Elsewhere', city: 'Hull', postalCode: 'HU1 1AA', country: 'GB' } })).status).toBe(404);
    expect(await eventCount()).toBe(before);
    expect((await api.request('GET', `/api/customers/${customer.customerId}`, { token: vendorA.token })).status).toBe(404);
    expect((await api.request('GET', '/api/orders', { token: vendorA.token })).status).toBe(403);
    expect((await api.request('POST', '/api/categories', { token: vendorA.token, body: { name: 'Mine', description: '' } })).status).toBe(403);
  });

  it('shows in the catalog who sells each product, lists one vendor\'s products, and follows a suspension', async () => {
    const vendor = await vendorSignedIn(api, 'Glaze House');
    const productCode = await productOf(vendor.token);
    const suspended = await api.request('POST', `/api/vendors/${vendor.vendorId}/suspend`, { token: admin, body: { reason: 'audit' } });
    const after = { 'emporium-checkpoint': String(suspended.body.checkpoint) };
    const product = await api.request('GET', `/api/products/${productCode}`, { headers: after });
    expect(product.body.vendor).toEqual({ id: vendor.vendorId, name: 'Glaze House', status: 'suspended' });
    const listed = await api.request<{ items: { code: string }[] }>('GET', `/api/products?vendor=${vendor.vendorId.toUpperCase()}`, { headers: after });
    expect(listed.body.items.map((item) => item.code)).toEqual([productCode]);
    const bad = await api.request('GET', '/api/products?vendor=glaze-house');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('vendor');
  });

  it("sees its own part of an order with several vendors' lines: its lines and subtotal, the order's status, nothing of the customer", async () => {
    const [mine, theirs, shops] = await Promise.all([productOf(vendorA.token), productOf(vendorB.token), productOf(staff)]);
    for (const [productCode, token] of [[mine, vendorA.token], [theirs, vendorB.token], [shops, staff]] as const) {
      expect((await api.request('POST', `/api/inventory/${productCode}/receipts`, { token, body: { quantity: 10 } })).status).toBe(200);
    }
    const customer = await customerSignedIn(api);
    const placed = await api.request('POST', '/api/orders', { token: customer.token, body: { lines: [{ productCode: mine, quantity: 2 }, { productCode: theirs, quantity: 1 }, { productCode: shops, quantity: 1 }], paymentMethod: 'card' } });
    expect(placed.status).toBe(201);
    const orderId = String(placed.body.id);
    // One order, one total for the customer: 2 × 12.00 + 12.00 + 12.00.
    expect((await api.app.eventStore.readStream(`order-${orderId}`))[0]!.data.total).toEqual({ amount: 4_800, currency: 'EUR' });
    const cancelled = await api.request('POST', `/api/orders/${orderId}/cancel`, { token: customer.token, body: { reason: 'changed my mind' } });
    const after = { 'emporium-checkpoint': String(cancelled.body.checkpoint) };

    const partsOf = async (vendorId: string, token: string) => (await api.request<{ items: Record<string, unknown>[] }>('GET', `/api/vendors/${vendorId}/order-lines`, { token, headers: after })).body.items.filter((part) => part.orderId === orderId);
    const [partA] = await partsOf(vendorA.vendorId, vendorA.token);
    expect(partA).toMatchObject({ orderId, vendorId: vendorA.vendorId, subtotal: { amount: 2_400, currency: 'EUR' }, status: 'cancelled' });
    expect((partA!.lines as { productCode: string }[]).map((line) => line.productCode)).toEqual([mine]);
    expect(JSON.stringify(partA)).not.toMatch(new RegExp(`${customer.customerId}|Tea Street|card`));
    expect((await partsOf(vendorB.vendorId, vendorB.token)).map((part) => part.subtotal)).toEqual([{ amount: 1_200, currency: 'EUR' }]);
    // Staff see any vendor's; a vendor sees no other's, nor the customer's order.
    expect(await partsOf(vendorA.vendorId, staff)).toHaveLength(1);
    expect((await api.request('GET', `/api/vendors/${vendorB.vendorId}/order-lines`, { token: vendorA.token })).status).toBe(404);
    expect((await api.request('GET', `/api/orders/${orderId}`, { token: vendorA.token })).status).toBe(404);
  });
});
