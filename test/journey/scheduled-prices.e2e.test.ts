import { formatCheckpoint } from '../../src/event-store/event-store';
import { eventually, Journey } from '../support/journey';

/**
 * Scheduled list prices end to end, on the real clock: scheduled over HTTP, shown as the next
 * price, recorded by the timer at their moment (across a restart of the app), never once cancelled.
 */
describe('scheduled list prices', () => {
  let shop: Journey;
  beforeAll(async () => {
    shop = await Journey.start();
  });
  afterAll(async () => {
    await shop.close();
  });

  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
  const priceChanges = async (code: string) => (await shop.app.app.eventStore.readStream(`product-${code}`)).filter((event) => event.type === 'ProductPriceChanged');
  const timersOf = async (scheduleId: string) => (await shop.app.db.pool.query('select id from process_timers where id = $1', [`scheduled-price:${scheduleId}`])).rowCount;

  it('shows the next price, takes effect at its moment (the app restarted meanwhile), and is recorded once by its timer', async () => {
    const code = await shop.product(10, { price: 1_000 });
    const effectiveAt = soon(2_500);
    const scheduled = await shop.command('POST', `/api/products/${code}/scheduled-prices`, { amount: 800, currency: 'EUR', effectiveAt });
    const scheduleId = String(scheduled.id);
    const before = await shop.app.request('GET', `/api/products/${code}`, { headers: { 'emporium-checkpoint': String(scheduled.checkpoint) } });
    expect(before.body).toMatchObject({ price: eur(1_000), nextListPrice: { price: eur(800), effectiveAt }, priceValidUntil: effectiveAt });
    await eventually('the timer to be set', () => timersOf(scheduleId), (count) => count === 1);

    // The timer is a row, not a thought in memory: a restart loses nothing.
    await shop.restart();
    const changes = await eventually('the scheduled price to be applied', () => priceChanges(code), (found) => found.length > 0);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.data).toMatchObject({ previousPrice: eur(1_000), price: eur(800), scheduleId });
    expect(Date.parse(changes[0]!.data.changedAt as string)).toBeGreaterThanOrEqual(Date.parse(effectiveAt));
    // The timer goes in the sweeper's transaction, which commits just after the price change it appended.
    await eventually('the timer to be gone', () => timersOf(scheduleId), (count) => count === 0);
    const after = await shop.app.request('GET', `/api/products/${code}`, { headers: { 'emporium-checkpoint': formatCheckpoint(changes[0]!.checkpoint) } });
    expect(after.body).toMatchObject({ price: eur(800), listPrice: eur(800), nextListPrice: null });

    const customer = await shop.customer();
    const orderId = await shop.placeOrder(customer, [{ productCode: code, quantity: 1 }]);
    expect((await shop.orderEvents(orderId))[0]!.data.total).toEqual(eur(800));
  });

  it('never applies a change cancelled before its moment', async () => {
    const code = await shop.product(10, { price: 1_000 });
    const scheduled = await shop.command('POST', `/api/products/${code}/scheduled-prices`, { amount: 1, currency: 'EUR', effectiveAt: soon(3_000) });
    const scheduleId = String(scheduled.id);
    await shop.command('POST', `/api/products/${code}/scheduled-prices/${scheduleId}/cancel`, {});
    // The timer was set all the same; past its moment the sweeper takes it away, and no price changed.
    await eventually('the timer to be set', () => timersOf(scheduleId), (count) => count === 1);
    await eventually('the timer to be swept', () => timersOf(scheduleId), (count) => count === 0, 10_000);
    expect(await priceChanges(code)).toEqual([]);
  });
});
