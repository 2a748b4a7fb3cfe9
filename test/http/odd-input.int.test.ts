import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { customerSignedIn, staffSignedIn, testAddress, testPassword } from '../support/principals';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Regression tests for what probing from outside broke: odd bytes, encodings and shapes must get a
 * 4xx problem naming what is wrong, never a 500, and must write nothing.
 */

let api: TestApp;
let staff: string;
let customer: { token: string; customerId: string };
let productCode: string;

beforeAll(async () => {
  api = await startTestApp();
  staff = (await staffSignedIn(api)).token;
  customer = await customerSignedIn(api);
  const category = await api.request('POST', '/api/categories', { body: { name: 'Odd input tea', description: '' }, token: staff });
  productCode = 'ODD-1';
  await api.request('POST', '/api/products', { body: { code: productCode, name: 'Tea', description: '', categoryId: category.body.id, price: { amount: 450, currency: 'EUR' }, lowStockThreshold: 0 }, token: staff });
  await api.request('POST', `/api/inventory/${productCode}/receipts`, { body: { quantity: 100 }, token: staff });
});
afterAll(async () => {
  await api.close();
});

const eventCount = async () => (await api.db.pool.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** A request with exactly these bytes: fetch would correct a path or refuse a body that we need to send as is. */
function raw(method: string, path: string, options: { headers?: Record<string, string>; body?: Buffer | string; token?: string } = {}): Promise<RawAnswer> {
  const url = new URL(api.url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let body: Record<string, unknown> = {};
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { unparsed: text };
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const json = { 'content-type': 'application/json' };
const order = (extra: Record<string, unknown>) => JSON.stringify({ lines: [{ productCode: 'ODD-1', quantity: 1 }], paymentMethod: 'card', ...extra });
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('no 500 for odd input: each gets a 4xx problem, and nothing is written', () => {
  const cases: [string, () => Promise<RawAnswer>, number, string | null][] = [
    ['a NUL byte in q', () => raw('GET', '/api/products?q=te%00a'), 400, 'q'],
    ['a NUL byte in a cursor', () => raw('GET', `/api/products?cursor=${Buffer.from('["a\u0000"]').toString('base64url')}`), 400, 'cursor'],
    ['a NUL byte in the sign-in email', () => raw('POST', '/api/auth/login', { headers: json, body: JSON.stringify({ email: 'ann\u0000@example.org', password: testPassword }) }), 400, '/email'],
    ['an unpaired surrogate in a body', () => raw('POST', '/api/auth/login', { headers: json, body: '{"email":"\\ud800@example.org","password":"x"}' }), 400, '/email'],
    ['a text cursor where the sort is by price', () => raw('GET', `/api/products?sort=price&cursor=${Buffer.from('["cheap","ODD-1"]').toString('base64url')}`), 400, 'cursor'],
    ['malformed percent-encoding in a path id', () => raw('GET', '/api/products/%ZZ'), 400, null],
    ['a body that is not gzip though it says so', () => raw('POST', '/api/orders', { headers: { ...json, 'content-encoding': 'gzip' }, body: 'not gzip at all', token: customer.token }), 400, null],
    ['a body that is not deflate though it says so', () => raw('POST', '/api/orders', { headers: { ...json, 'content-encoding': 'deflate' }, body: 'not deflate', token: customer.token }), 400, null],
    ['a body that is not brotli though it says so', () => raw('POST', '/api/orders', { headers: { ...json, 'content-encoding': 'br' }, body: 'not brotli', token: customer.token }), 400, null],
    ['deeply nested arrays under 64 KiB', () => raw('POST', '/api/orders', { headers: json, body: `{"lines":${nested(10_000)}}`, token: customer.token }), 400, '/lines/0/0/0/0/0/0/0'],
    ['deeply nested objects under 64 KiB', () => raw('POST', '/api/orders', { headers: json, body: `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`, token: customer.token }), 400, '/a/a/a/a/a/a/a/a'],
    ['an order line that is an array', () => raw('POST', '/api/orders', { headers: json, body: '{"lines":[[]],"paymentMethod":"card"}', token: customer.token }), 400, '/lines'],
    ['a shipping address that is an empty array', () => raw('POST', '/api/orders', { headers: json, body: order({ shippingAddress: [] }), token: customer.token }), 400, '/shippingAddress'],
    ['a shipping address that is an array of an array', () => raw('POST', '/api/orders', { headers: json, body: order({ shippingAddress: [[]] }), token: customer.token }), 400, '/shippingAddress'],
    ['a sign-up address that is an empty array', () => raw('POST', '/api/auth/signup', { headers: json, body: JSON.stringify({ firstName: 'A', lastName: 'B', email: 'array-address@example.org', password: testPassword, shippingAddress: [] }) }), 400, '/shippingAddress'],
    ['an impossible day in a report range', () => raw('GET', '/api/reports/sales?from=2026-02-30&to=2026-03-01', { token: staff }), 400, 'from'],
  ];

  it.each(cases)('%s', async (_name, send, status, at) => {
    const before = await eventCount();
    const answer = await send();
    expect({ status: answer.status, contentType: answer.headers['content-type'] }).toEqual({ status, contentType: 'application/problem+json; charset=utf-8' });
    if (at !== null) {
      const errors = (answer.body.errors ?? []) as { pointer?: string; parameter?: string }[];
      expect(errors.map((error) => error.pointer ?? error.parameter)).toContain(at);
    }
    expect(await eventCount()).toBe(before);
  });

  it('still takes a gzipped body that is gzip', async () => {
    const answer = await raw('POST', '/api/orders', { headers: { ...json, 'content-encoding': 'gzip' }, body: gzipSync(order({ shippingAddress: testAddress })), token: customer.token });
    expect(answer.status).toBe(201);
  });

  it('gives a category whose name has no Latin letter or digit an id of its own', async () => {
    const ids = new Set<string>();
    for (const name of ['Ɠ', 'ß']) {
      const answer = await api.request('POST', '/api/categories', { body: { name, description: '' }, token: staff });
      expect(answer.status).toBe(201);
      ids.add(String(answer.body.id));
    }
    expect(ids.size).toBe(2);
  });
});

describe('HTTP manners', () => {
  it('answers TRACE, and a method a path does not take, with 405 and Allow', async () => {
    const trace = await raw('TRACE', '/api/products');
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe('GET, HEAD, POST');
    const put = await raw('PUT', '/api/orders/8d0f8f0e-3f0b-4a43-a5a3-0d9c5c6b9e11', { token: staff });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD');
    expect(put.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('takes the Bearer scheme in any case (RFC 9110 schemes are case-insensitive)', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const me = await raw('GET', '/api/auth/me', { headers: { authorization: `${scheme} ${customer.token}` } });
      expect({ scheme, status: me.status }).toEqual({ scheme, status: 200 });
    }
  });
});
