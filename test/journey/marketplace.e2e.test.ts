import { randomUUID } from 'node:crypto';
import { formatCheckpoint } from '../../src/event-store/event-store';
import { logIn, staffSignedIn, testPassword } from '../support/principals';
import { eventually, Journey, staffEmail } from '../support/journey';

/**
 * Seed 002's marketplace end to end over HTTP: an admin onboards two vendors and gives each an
 * account; each vendor lists and stocks its own products; a customer orders from both (and from
 * the shop) in one order and pays once; each vendor then sees its part, paid, and hears of its own
 * low stock; the staff's report breaks the sale down by vendor.
 */
describe('the marketplace journey, with two vendors', () => {
  let shop: Journey;
  let admin: string;
  beforeAll(async () => {
    shop = await Journey.start();
    admin = (await staffSignedIn(shop.app, 'admin')).token;
  });
  afterAll(async () => {
    await shop.close();
  });

  async function onboard(name: string): Promise<{ vendorId: string; token: string; contactEmail: string }> {
    const contactEmail = `orders-${randomUUID().slice(0, 8)}@vendor.example`;
    const vendorId = String((await shop.command('POST', '/api/vendors', { name, contactEmail }, admin)).id);
    const email = `seller-${randomUUID()}@vendor.example`;
    await shop.command('POST', `/api/vendors/${vendorId}/accounts`, { email, password: testPassword }, admin);
    return { vendorId, token: await logIn(shop.app, email), contactEmail };
  }

  it('one order, one payment, one email to the customer; each vendor sees its part paid and gets its own low-stock alert; sales by vendor add up', async () => {
    const [potter, kiln] = await Promise.all([onboard('Potter & Sons'), onboard('Kiln Works')]);
    const categoryId = String((await shop.command('POST', '/api/categories', { name: `Ceramics ${randomUUID().slice(0, 6)}`, description: '' })).id);
    async function listed(vendor: { token: string }, name: string, price: number, stock: number, lowStockThreshold: number): Promise<string> {
      const code = `C-${randomUUID().slice(0, 8).toUpperCase()}`;
      await shop.command('POST', '/api/products', { code, name, description: 'Handmade', categoryId, price: { amount: price, currency: 'EUR' }, lowStockThreshold }, vendor.token);
      await shop.command('POST', `/api/inventory/${code}/receipts`, { quantity: stock }, vendor.token);
      return code;
    }
    const mug = await listed(potter, 'Mug', 1_200, 5, 3);
    const bowl = await listed(kiln, 'Bowl', 800, 10, 0);
    const tea = await shop.product(10, { price: 450, name: 'Sencha' });

    const customer = await shop.customer();
    const orderId = await shop.placeOrder(customer, [
      { productCode: mug, quantity: 2 },
      { productCode: bowl, quantity: 1 },
      { productCode: tea, quantity: 1 },
    ]);
    await eventually('the order to be paid', () => shop.orderStatus(orderId), (status) => status === 'paid');
    const events = await shop.orderEvents(orderId);
    // One payment for the whole order, of its whole total: 2 × 12.00 + 8.00 + 4.50.
    expect(events.filter((event) => event.type === 'OrderAwaitingPayment')).toHaveLength(1);
    expect(events.at(-1)!.data.total).toEqual({ amount: 3_650, currency: 'EUR' });
    const confirmation = await eventually('the confirmation', async () => shop.emailsTo(customer.email), (found) => found.length > 0);
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0]!.text).toContain('Total: €36.50');

    const after = { 'emporium-checkpoint': formatCheckpoint(events.at(-1)!.checkpoint) };
    const partOf = async (vendor: { vendorId: string; token: string }) =>
      (await shop.app.request<{ items: { orderId: string; status: string; subtotal: unknown; lines: { productCode: string }[] }[] }>('GET', `/api/vendors/${vendor.vendorId}/order-lines`, { token: vendor.token, headers: after })).body.items.find((part) => part.orderId === orderId);
    expect(await partOf(potter)).toMatchObject({ status: 'paid', subtotal: { amount: 2_400, currency: 'EUR' }, lines: [{ productCode: mug }] });
    expect(await partOf(kiln)).toMatchObject({ status: 'paid', subtotal: { amount: 800, currency: 'EUR' }, lines: [{ productCode: bowl }] });

    // The mugs went from 5 to 3, the potter's threshold: the alert is the potter's, and not the staff's.
    const alert = await eventually('the potter’s low-stock alert', async () => shop.emailsTo(potter.contactEmail), (found) => found.length > 0);
    expect(alert).toHaveLength(1);
    expect(alert[0]!.subject).toBe(`Low stock: Mug (${mug}), 3 left`);
    expect(shop.emailsTo(staffEmail).filter((message) => message.subject.includes(mug))).toEqual([]);
    expect(shop.emailsTo(kiln.contactEmail)).toEqual([]);

    const day = (events.at(-1)!.data.paidAt as string).slice(0, 10);
    const report = await shop.app.request<{ vendors: { vendorId: string | null; orders: number; revenue: number }[]; days: { revenue: number }[] }>('GET', `/api/reports/sales?from=${day}&to=${day}`, { token: shop.staff, headers: after });
    const byVendor = new Map(report.body.vendors.map((row) => [row.vendorId, row]));
    expect(byVendor.get(potter.vendorId)).toMatchObject({ orders: 1, revenue: 2_400 });
    expect(byVendor.get(kiln.vendorId)).toMatchObject({ orders: 1, revenue: 800 });
    // Whatever else this day sold, the parts add up to the whole.
    expect(report.body.vendors.reduce((total, row) => total + row.revenue, 0)).toBe(report.body.days.reduce((total, row) => total + row.revenue, 0));
  });
});
