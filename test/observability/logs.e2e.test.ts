import { jsonLogger } from '../../src/shared/logger';
import { eventually, Journey } from '../support/journey';

/*
 * The logs of a sign-up, a sign-in and a paid order, at debug level, greped: every line is JSON
 * with its time, level and message; no password, token or personal data of the customer is in
 * any of them; and a line logged while handling a request carries the request's trace id.
 */

const lines: string[] = [];
let shop: Journey;
beforeAll(async () => {
  shop = await Journey.start({ logger: jsonLogger('debug', {}, (line) => lines.push(line)) });
});
afterAll(async () => {
  await shop.close();
});

const customer = {
  firstName: 'Zebulon',
  lastName: 'Quintavalle',
  email: 'zebulon.quintavalle@example.org',
  password: 'correct horse battery staple 42',
  shippingAddress: { line1: '77 Secretive Row', city: 'Hiddenham', postalCode: 'HX9 9ZZ', country: 'GB' },
};

describe('logs', () => {
  it('carry no secret or personal data of a customer who signs up, signs in and pays', async () => {
    const code = await shop.product(5);
    expect((await shop.app.request('POST', '/api/auth/signup', { body: customer })).status).toBe(201);
    expect((await shop.app.request('POST', '/api/auth/login', { body: { email: customer.email, password: 'a wrong guess at it' } })).status).toBe(401);
    const login = await shop.app.request<{ accessToken: string; refreshToken?: string }>('POST', '/api/auth/login', { body: { email: customer.email, password: customer.password } });
    expect(login.status).toBe(200);
    const placed = await shop.app.request('POST', '/api/orders', { body: { lines: [{ productCode: code, quantity: 1 }], paymentMethod: 'card', paymentToken: 'tok_success' }, token: login.body.accessToken });
    expect(placed.status).toBe(201);
    await eventually('the confirmation email', async () => shop.emailsTo(customer.email), (emails) => emails.length === 1);

    // A forged webhook is logged while its request is handled: the line has the request's trace id.
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const forged = await shop.app.request('POST', '/api/payments/webhook', { body: { id: 'evt_forged', type: 'payment.succeeded' }, headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'emporium-signature': 't=1,v1=00' } });
    expect(forged.status).toBe(400);
    const refused = await eventually('the refusal logged', async () => lines.filter((line) => line.includes('webhook refused')), (found) => found.length > 0);
    expect(JSON.parse(refused[0]!)).toMatchObject({ level: 'warn', message: 'webhook refused', trace_id: traceId });

    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(typeof entry.time).toBe('string');
      expect(['debug', 'info', 'warn', 'error']).toContain(entry.level);
      expect(typeof entry.message).toBe('string');
    }
    const secrets = [customer.password, 'a wrong guess at it', customer.email, customer.firstName, customer.lastName, customer.shippingAddress.line1, customer.shippingAddress.postalCode, login.body.accessToken, ...(login.body.refreshToken ? [login.body.refreshToken] : [])];
    const all = lines.join('\n');
    expect(secrets.filter((secret) => all.includes(secret))).toEqual([]);
  });

  it('redacts secrets and personal data wherever they sit in a line, up to two levels down', () => {
    const written: string[] = [];
    const logger = jsonLogger('info', {}, (line) => written.push(line)).child({ subscriptionId: 'mail-sender' });
    logger.info('about a customer', { email: 'a@b.example', customer: { firstName: 'Ann', shippingAddress: { line1: '1 Tea Street' } }, request: { headers: { authorization: 'Bearer abc' } }, orderId: 'kept' });
    const entry = JSON.parse(written[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ message: 'about a customer', subscriptionId: 'mail-sender', email: '[redacted]', customer: { firstName: '[redacted]', shippingAddress: '[redacted]' }, request: { headers: { authorization: '[redacted]' } }, orderId: 'kept' });
  });
});
