import { randomUUID } from 'node:crypto';
import { inventoryHandlers } from '../../src/commands/handlers/inventory-handlers';
import { orderHandlers } from '../../src/commands/handlers/order-handlers';
import { paymentHandlers } from '../../src/commands/handlers/payment-handlers';
import { fulfilmentProcess } from '../../src/processes/fulfilment';
import { PaymentDeadlines } from '../../src/processes/payment-deadlines';
import type { PaymentGateway } from '../../src/payments/payment-gateway';
import { silentLogger } from '../../src/shared/logger';
import { customerSignedIn, staffSignedIn } from '../support/principals';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The fulfilment saga stopped dead between asking the gateway for a payment and recording that the
 * order awaits it (a SIGKILL of the order service). With Kafka, the payment's outcome (on the
 * payments topic) may then reach the saga before the order placed (on the orders topic) comes
 * again. The distributed profile's kill test found an order rejected as out of stock that way.
 */
describe('the fulfilment saga, interrupted between the gateway and the order', () => {
  let api: TestApp;
  let staff: string;

  beforeAll(async () => {
    api = await startTestApp();
    staff = (await staffSignedIn(api, 'staff')).token;
  });
  afterAll(async () => {
    await api.close();
  });

  const asStaff = async (method: string, path: string, body?: unknown) => {
    const answer = await api.request(method, path, { body, token: staff });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  it.each(['failed', 'succeeded'] as const)('settles the order when the payment %s first, and the order placed coming again changes nothing', async (outcome) => {
    const code = `P-${randomUUID().slice(0, 8).toUpperCase()}`;
    const categoryId = String((await asStaff('POST', '/api/categories', { name: `Tea ${code}`, description: '' })).id);
    await asStaff('POST', '/api/products', { code, name: 'Sencha', description: '', categoryId, price: { amount: 450, currency: 'EUR' }, lowStockThreshold: 0 });
    await asStaff('POST', `/api/inventory/${code}/receipts`, { quantity: 5 });
    const customer = await customerSignedIn(api);
    const orderId = String((await asStaff('POST', '/api/orders', { customerId: customer.customerId, lines: [{ productCode: code, quantity: 2 }], paymentMethod: 'card' })).id);

    const { eventStore } = api.app;
    const payments = paymentHandlers(eventStore);
    let killedAfterTheGateway = true;
    // The provider takes the payment; then the process dies before it records anything more.
    const gateway: PaymentGateway = {
      createPayment: () => {
        if (killedAfterTheGateway) return Promise.reject(new Error('SIGKILL'));
        return Promise.resolve({ gatewayReference: `gw_${orderId}`, status: 'pending' });
      },
      refund: () => Promise.reject(new Error('no refund in this story')),
    };
    const saga = fulfilmentProcess({
      eventStore,
      orders: orderHandlers(eventStore),
      inventory: inventoryHandlers(eventStore),
      payments,
      gateway,
      deadlines: new PaymentDeadlines(api.db.pool, eventStore, payments, () => new Date(), silentLogger),
      paymentDeadlineMs: 60_000,
      clock: () => new Date(),
      logger: silentLogger,
    });
    const [placed] = await eventStore.readStream(`order-${orderId}`);
    await expect(saga.handle(placed!)).rejects.toThrow('SIGKILL');

    // The gateway decides and the webhook is recorded (as the command API does it).
    const { paymentId } = await findPayment(orderId);
    await asStaff('POST', `/api/payments/${paymentId}/outcome`, outcome === 'failed' ? { status: 'failed', reason: 'card declined', gatewayReference: `gw_${orderId}` } : { status: 'succeeded', gatewayReference: `gw_${orderId}` });
    const decided = (await eventStore.readStream(`payment-${paymentId}`)).at(-1)!;
    expect(decided.type).toBe(outcome === 'failed' ? 'PaymentFailed' : 'PaymentSucceeded');

    // The outcome first, then the order placed again.
    killedAfterTheGateway = false;
    await saga.handle(decided);
    await saga.handle(placed!);

    const orderEvents = (await eventStore.readStream(`order-${orderId}`)).map((event) => event.type);
    expect(orderEvents).toEqual(['OrderPlaced', 'OrderAwaitingPayment', outcome === 'failed' ? 'OrderPaymentFailed' : 'OrderPaid']);
    const stock = (await eventStore.readStream(`inventory-${code}`)).map((event) => event.type).filter((type) => type !== 'StockReceived');
    expect(stock).toEqual(['StockReserved', outcome === 'failed' ? 'ReservationReleased' : 'ReservationCommitted']);
  });

  /** The payment the saga asked for, from the log (which shows it once no older transaction is open). */
  async function findPayment(orderId: string): Promise<{ paymentId: string }> {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      for await (const batch of api.app.eventStore.readAll({ filter: { eventTypes: ['PaymentRequested'] } })) {
        const found = batch.find((event) => event.data.orderId === orderId);
        if (found) return { paymentId: found.streamId.slice('payment-'.length) };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no payment for ${orderId}`);
  }
});
