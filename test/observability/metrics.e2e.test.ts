import { Client } from 'pg';
import { eventually, Journey } from '../support/journey';
import { parsePrometheusText, sampleSum, type Sample } from '../support/prometheus-text';

/*
 * /metrics after a journey: the counters an operator alerts on moved by what happened, no more.
 * And the projection-lag gauge shows a projection held back (a SHARE lock on its table, as an
 * index being built would hold it; it takes no transaction id, so the rest of the log moves on),
 * then falls back to nothing once it is let go.
 */

let shop: Journey;
beforeAll(async () => {
  shop = await Journey.start();
});
afterAll(async () => {
  await shop.close();
});

async function scrape(): Promise<Sample[]> {
  const answer = await fetch(`${shop.app.url}/metrics`);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toContain('text/plain');
  return parsePrometheusText(await answer.text());
}

describe('GET /metrics', () => {
  it('counts the commands, payments, emails and requests of two orders, one paid and one declined', async () => {
    const code = await shop.product(10);
    const customer = await shop.customer();
    const before = await scrape();
    const paid = await shop.placeOrder(customer, [{ productCode: code, quantity: 1 }]);
    const declined = await shop.placeOrder(customer, [{ productCode: code, quantity: 1 }], 'tok_declined');
    await eventually('both emails', async () => shop.emailsTo(customer.email), (emails) => emails.length === 2);
    expect(await shop.orderStatuses([paid, declined])).toEqual(['paid', 'payment-failed']);
    // A refused command: a paid order cannot be cancelled.
    expect((await shop.app.request('POST', `/api/orders/${paid}/cancel`, { body: { reason: 'changed my mind' }, token: customer.token })).status).toBe(409);
    const after = await eventually('the emails counted', scrape, (samples) => sampleSum(samples, 'emporium_emails_total', { outcome: 'sent' }) - sampleSum(before, 'emporium_emails_total', { outcome: 'sent' }) >= 2);
    const moved = (name: string, labels: Record<string, string> = {}) => sampleSum(after, name, labels) - sampleSum(before, name, labels);

    expect(moved('emporium_commands_total', { type: 'PlaceOrder', outcome: 'ok' })).toBe(2);
    expect(moved('emporium_commands_total', { outcome: 'refused' })).toBe(1);
    expect(moved('emporium_payment_outcomes_total', { outcome: 'succeeded' })).toBe(1);
    expect(moved('emporium_payment_outcomes_total', { outcome: 'failed' })).toBe(1);
    expect(moved('emporium_emails_total', { outcome: 'sent' })).toBe(2);
    expect(moved('emporium_order_to_email_seconds_count')).toBe(2);
    expect(moved('emporium_http_request_duration_seconds_count', { method: 'POST', route: '/api/orders', status: '201' })).toBe(2);
    expect(moved('emporium_http_request_duration_seconds_count', { method: 'POST', route: '/api/payments/webhook', status: '200' })).toBeGreaterThanOrEqual(2);
    expect(moved('emporium_append_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(10);
    expect(moved('emporium_subscription_events_total', { subscription: 'fulfilment' })).toBeGreaterThanOrEqual(4);
    expect(sampleSum(after, 'emporium_subscription_state', { subscription: 'catalog', state: 'live' })).toBe(1);
    expect(sampleSum(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // Gauges from the shop's records: orders by status once the order history has them.
    const orders = await eventually('orders by status', scrape, (samples) => sampleSum(samples, 'emporium_orders', { status: 'paid' }) >= 1 && sampleSum(samples, 'emporium_orders', { status: 'payment-failed' }) >= 1);
    expect(sampleSum(orders, 'emporium_orders', { status: 'paid' })).toBe(1);
    expect(sampleSum(orders, 'emporium_orders', { status: 'payment-failed' })).toBe(1);
  });

  it('shows a projection held back falling behind, then catching up', async () => {
    await eventually('the catalog caught up', scrape, (samples) => sampleSum(samples, 'emporium_subscription_lag_events', { subscription: 'catalog' }) === 0);
    const blocker = new Client({ connectionString: shop.app.db.connectionString });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table rm_products in share mode');
      for (let i = 0; i < 3; i++) await shop.product(5);
      const held = await eventually('the catalog to fall behind', scrape, (samples) => sampleSum(samples, 'emporium_subscription_lag_events', { subscription: 'catalog' }) > 0);
      expect(sampleSum(held, 'emporium_subscription_lag_events', { subscription: 'catalog' })).toBeGreaterThan(0);
      expect(sampleSum(held, 'emporium_subscription_lag_seconds', { subscription: 'catalog' })).toBeGreaterThan(0);
      await blocker.query('rollback');
      const released = await eventually('the catalog to catch up', scrape, (samples) => sampleSum(samples, 'emporium_subscription_lag_events', { subscription: 'catalog' }) === 0);
      expect(sampleSum(released, 'emporium_subscription_lag_seconds', { subscription: 'catalog' })).toBe(0);
    } finally {
      await blocker.end();
    }
  });
});
