import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { nginxMissing, startApiGateway, type RunningGateway } from '../support/api-gateway';
import { needs } from '../support/needs';

const missing = nginxMissing();
const { describe: describeGateway } = needs('the API gateway tests', missing && `${missing} (apt-get install nginx-light)`);

/**
 * deploy/nginx/emporium.conf.template, run by Debian's nginx in front of two small servers that
 * say which API they are: the routing, the client address passed on, the rate limits and the
 * gateway's own answers are nginx's, and are what is tested here. (The distributed profile's
 * end-to-end test runs the real roles behind it.)
 */
describeGateway('the API gateway (nginx)', () => {
  const seen: { api: string; method: string; url: string; forwardedFor: string | undefined }[] = [];
  let command: http.Server;
  let query: http.Server;
  let addresses: { command: string; query: string };

  const echo = (api: string) =>
    http.createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        seen.push({ api, method: request.method!, url: request.url!, forwardedFor: request.headers['x-forwarded-for'] as string | undefined });
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ api }));
      });
    });
  const listening = async (server: http.Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    if (missing) throw new Error(`CI must test the API gateway: ${missing}`);
    command = echo('command');
    query = echo('query');
    addresses = { command: await listening(command), query: await listening(query) };
  });
  afterAll(async () => {
    await Promise.all([command, query].map((server) => new Promise((resolve) => server.close(resolve))));
  });

  describe('routing', () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await startApiGateway({ commandApi: addresses.command, queryApi: addresses.query });
    });
    afterAll(async () => {
      await gateway.stop();
    });

    it('sends reads to the query API, and writes, sign-in and the payment webhook to the command API', async () => {
      const routes: [string, string, string][] = [
        ['GET', '/api/products?limit=5', 'query'],
        ['HEAD', '/api/orders/abc', 'query'],
        ['GET', '/api/auth/me', 'query'],
        ['GET', '/health/ready', 'query'],
        ['POST', '/api/orders', 'command'],
        ['PUT', '/api/customers/abc/shipping-address', 'command'],
        ['DELETE', '/api/products/abc', 'command'],
        ['POST', '/api/auth/login', 'command'],
        ['POST', '/api/payments/webhook', 'command'],
        ['POST', '/api/shipping/webhook', 'command'],
      ];
      for (const [method, url, api] of routes) {
        seen.length = 0;
        const answer = await fetch(`${gateway.url}${url}`, { method, ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }) });
        expect({ method, url, status: answer.status }).toEqual({ method, url, status: 200 });
        expect(seen).toEqual([{ api, method, url, forwardedFor: '127.0.0.1' }]);
      }
    });

    it('answers a body over 2 MB itself, with a problem document, and passes nothing on', async () => {
      seen.length = 0;
      const answer = await fetch(`${gateway.url}/api/orders`, { method: 'POST', body: 'x'.repeat(3 * 1024 * 1024), headers: { 'content-type': 'application/json' } });
      expect(answer.status).toBe(413);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(((await answer.json()) as { type: string }).type).toBe('/problems/body-too-large');
      expect(seen).toEqual([]);
    });
  });

  it('answers 503 with a problem document while an API is down', async () => {
    const gone = http.createServer();
    const address = await listening(gone);
    await new Promise((resolve) => gone.close(resolve));
    const gateway = await startApiGateway({ commandApi: address, queryApi: address });
    try {
      const answer = await fetch(`${gateway.url}/api/products`);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(((await answer.json()) as { type: string }).type).toBe('/problems/service-unavailable');
    } finally {
      await gateway.stop();
    }
  });

  it('limits the requests of each client address, and signing in more strictly, with 429 problems', async () => {
    const gateway = await startApiGateway({ commandApi: addresses.command, queryApi: addresses.query, ratePerSecond: 5, burst: 10, signInPerMinute: 1 });
    try {
      // A burst of 40 at once: the burst allowance passes (and what the rate adds while the burst
      // arrives, on a slow machine), the rest is refused.
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`${gateway.url}/api/products`)));
      const allowed = 10 + 1 + Math.ceil(((Date.now() - started) / 1000) * 5);
      const passed = answers.filter((answer) => answer.status === 200).length;
      expect(passed).toBeGreaterThanOrEqual(10);
      expect(passed).toBeLessThanOrEqual(allowed);
      expect(answers.filter((answer) => answer.status === 429)).toHaveLength(40 - passed);
      const refused = answers.find((answer) => answer.status === 429)!;
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as { type: string }).type).toBe('/problems/rate-limited');

      // Sign-in: one a minute and a burst of 5, whatever the general allowance has left.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const logins: number[] = [];
      for (let i = 0; i < 8; i++) logins.push((await fetch(`${gateway.url}/api/auth/login`, { method: 'POST', body: '{}' })).status);
      expect(logins).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
      // Refreshing a session is not signing in (a browser does it at every page load): the sign-in limit is spent, refreshes still pass.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const refreshes: number[] = [];
      for (let i = 0; i < 8; i++) refreshes.push((await fetch(`${gateway.url}/api/auth/refresh`, { method: 'POST', body: '{}' })).status);
      expect(refreshes).toEqual(Array.from({ length: 8 }, () => 200));
      // Other calls go on meanwhile.
      expect((await fetch(`${gateway.url}/api/products`)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});
