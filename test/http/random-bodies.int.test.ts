import fc from 'fast-check';
import { staffSignedIn } from '../support/principals';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Our own fuzz pass over every operation that takes a body: random JSON (any shape, any text,
 * deep nesting, huge numbers) as anonymous and as admin. Whatever comes, the answer is never a
 * 5xx, and a refusal is problem details.
 */
let api: TestApp;
let admin: string;
let operations: { method: string; path: string }[];

beforeAll(async () => {
  api = await startTestApp();
  admin = (await staffSignedIn(api, 'admin')).token;
  const document = await api.request<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>('GET', '/api/openapi.json');
  operations = Object.entries(document.body.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, operation]) => operation.requestBody !== undefined)
      // Path parameters get a plausible value: an id that is a UUID, a product code.
      .map(([method]) => ({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, (_match, name: string) => (name === 'code' ? 'FUZZ-1' : '0b7d6b52-2f4e-4a0e-9f7e-3c1d2e4f5a6b')) })),
  );
});
afterAll(async () => {
  await api.close();
});

/** Values a careless or hostile client sends: JSON of any shape, with odd text and numbers, sometimes very deep. */
const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.object({ maxDepth: 3, values: [fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)] }),
  fc.integer({ min: 1, max: 3_000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
);

describe('random JSON bodies never get a 5xx', () => {
  it.each([
    ['anonymous', [400, 401]],
    ['admin', [400]],
  ] as const)('as %s, on every operation that takes a body', async (who, expectedAmong) => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), hostileJson, async (pick, body) => {
        const { method, path } = operations[pick % operations.length]!;
        const answer = await api.request(method, path, { rawBody: JSON.stringify(body), headers: { 'content-type': 'application/json' }, ...(who === 'admin' ? { token: admin } : {}) });
        seen.add(answer.status);
        if (answer.status >= 500) throw new Error(`${method} ${path} answered ${answer.status} to ${JSON.stringify(body).slice(0, 300)}`);
        if (answer.status >= 400) expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 400, seed: 20261125 },
    );
    // The run reached past the front door: validation refused bodies, rather than one answer to everything.
    expect([...seen]).toEqual(expect.arrayContaining([...expectedAmong]));
  });
});
