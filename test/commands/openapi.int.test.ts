import type { Express } from 'express';
import { startTestApp, type TestApp } from '../support/test-app';

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp();
});
afterAll(async () => {
  await api.close();
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method and path Express will answer under /api, read from its router (less the two documents that describe it). */
function mountedRoutes(app: Express): string[] {
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${String(layer.route!.path).replace(/:(\w+)/g, '{$1}')}`)
        : layer.handle?.stack
          ? walk(layer.handle.stack)
          : [],
    );
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack).filter((route) => route.includes(' /api/') && !/\/api\/(openapi|asyncapi)\.json$/.test(route));
}

describe('OpenAPI document', () => {
  it('is served as OpenAPI 3.1 and lists every route the API answers, and no other', async () => {
    const answer = await api.request<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    const documented = Object.entries(answer.body.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    const mounted = mountedRoutes(api.app.http);
    expect(mounted.length).toBeGreaterThan(20);
    expect([...documented].sort()).toEqual([...mounted].sort());
  });

  it('would notice a route mounted behind its back', async () => {
    const other = await startTestApp();
    try {
      other.app.http.post('/api/undocumented/:id', (_request, response) => void response.end());
      expect(mountedRoutes(other.app.http)).toContain('POST /api/undocumented/{id}');
    } finally {
      await other.close();
    }
  });

  it('describes request bodies with the DTOs validation rules, nested ones included', async () => {
    const answer = await api.request<{ paths: Record<string, Record<string, { requestBody?: unknown }>>; components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> } }>(
      'GET',
      '/api/openapi.json',
    );
    const { schemas } = answer.body.components;
    expect(answer.body.paths['/api/orders']!.post!.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PlaceOrderDto' } } } });
    expect(schemas.PlaceOrderDto!.required).toEqual(expect.arrayContaining(['lines', 'paymentMethod']));
    expect(schemas.PlaceOrderDto!.properties!.customerId).toMatchObject({ format: 'uuid' });
    expect(schemas.PlaceOrderDto!.properties!.lines).toMatchObject({ type: 'array', maxItems: 50, minItems: 1, items: { $ref: '#/components/schemas/PlacedOrderLineDto' } });
    // A placed line is an order line (inherited rules included) with the price the customer was shown.
    expect(schemas.PlacedOrderLineDto!.properties!.quantity).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(schemas.PlacedOrderLineDto!.properties!.expectedUnitPrice).toMatchObject({ $ref: '#/components/schemas/ShownPriceDto' });
    expect(schemas.PlacedOrderLineDto!.required).toEqual(expect.arrayContaining(['productCode', 'quantity']));
    expect(schemas.Problem).toBeDefined();
  });
});
