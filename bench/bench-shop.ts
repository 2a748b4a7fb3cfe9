import { randomUUID } from 'node:crypto';
import type { EmporiumApp } from '../src/app/composition-root';
import type { AccessTokens } from '../src/identity/access-tokens';

/* The shop the benchmarks order from: products in stock and customers signed in. */

export const system = { now: new Date(), actor: { id: 'bench', role: 'system' }, correlationId: randomUUID() };

export async function post(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
}

export const productCount = 20;

/** A shop with products in stock and `count` customers signed in; returns their tokens. */
export async function prepare(app: EmporiumApp, baseUrl: string, accessTokens: AccessTokens, count: number): Promise<{ codes: string[]; customers: string[] }> {
  const staff = await app.identity.createStaffAccount({ email: `staff-${randomUUID()}@bench.example`, password: 'bench staff passphrase', role: 'staff' }, system);
  const staffToken = await accessTokens.issue({ accountId: staff.streamId.slice('account-'.length), role: 'staff' });
  await post(`${baseUrl}/api/categories`, staffToken, { name: 'Bench', description: '' });
  const codes = Array.from({ length: productCount }, (_, i) => `BENCH-${i}`);
  for (const [i, code] of codes.entries()) {
    await post(`${baseUrl}/api/products`, staffToken, { code, name: `Bench tea ${i}`, description: '', categoryId: 'bench', price: { amount: 450 + i, currency: 'EUR' }, lowStockThreshold: 0 });
    await post(`${baseUrl}/api/inventory/${code}/receipts`, staffToken, { quantity: 1_000_000 });
  }
  const customers: string[] = [];
  for (let i = 0; i < count; i++) {
    const signedUp = await app.identity.signUp(
      { email: `customer-${i}-${randomUUID()}@bench.example`, password: 'bench customer passphrase', firstName: 'Bench', lastName: `Customer ${i}`, shippingAddress: { line1: '1 Bench Street', city: 'Leeds', postalCode: 'LS1', country: 'GB' } },
      system,
    );
    customers.push(await accessTokens.issue({ accountId: signedUp.streamId.slice('customer-'.length), role: 'customer' }));
  }
  return { codes, customers };
}

