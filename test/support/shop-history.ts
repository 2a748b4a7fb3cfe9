import { inMemoryVault } from './vault';
import { randomInt, randomUUID } from 'node:crypto';
import type { CommandContext } from '../../src/commands/command-handler';
import { catalogHandlers } from '../../src/commands/handlers/catalog-handlers';
import { customerHandlers } from '../../src/commands/handlers/customer-handlers';
import { inventoryHandlers } from '../../src/commands/handlers/inventory-handlers';
import { orderHandlers } from '../../src/commands/handlers/order-handlers';
import { paymentHandlers } from '../../src/commands/handlers/payment-handlers';
import type { EventStore } from '../../src/event-store/event-store';
import { silentLogger } from '../../src/shared/logger';
import { SandboxShipping } from '../../src/shipping/sandbox-shipping';

/**
 * A plausible shop history written through the real command handlers: categories, products and
 * stock, customers, and orders that are paid, fail payment, are cancelled or rejected; some are
 * collected at the shop, the others shipped by the sandbox carrier, and some of those delivered.
 */
export async function writeShopHistory(eventStore: EventStore, size: { products: number; customers: number; orders: number }): Promise<void> {
  const context = (): CommandContext => ({ now: new Date(), actor: { id: 'history', role: 'system' }, correlationId: randomUUID() });
  const catalog = catalogHandlers(eventStore);
  const inventory = inventoryHandlers(eventStore);
  const customers = customerHandlers(eventStore, silentLogger, inMemoryVault());
  // The carrier's webhooks are held (nobody listens): the history records its word directly, as the webhook would.
  const shipping = new SandboxShipping({ webhookUrl: () => 'http://127.0.0.1:9/none', webhookSecret: 'whsec_history_only_0123', originCountry: 'FR', logger: silentLogger, holdWebhooks: true, progressMs: { inTransit: 0, outForDelivery: 0, delivered: 0 } });
  const orders = orderHandlers(eventStore, { shipping });
  const payments = paymentHandlers(eventStore);

  await catalog.defineCategory({ name: 'Tea', description: 'Leaves' }, context());
  const codes = Array.from({ length: size.products }, (_, i) => `TEA-${i}`);
  for (const [i, code] of codes.entries()) {
    await catalog.addProduct({ code, name: `Tea ${i}`, description: '', categoryId: 'tea', price: { amount: 100 + i * 7, currency: 'EUR' }, lowStockThreshold: 3 }, context());
    await inventory.receiveStock({ code, quantity: 1_000 }, context());
  }
  const customerIds: string[] = [];
  for (let i = 0; i < size.customers; i++) {
    const registered = await customers.registerCustomer(
      { firstName: `C${i}`, lastName: 'Shopper', email: `c${i}-${randomUUID()}@example.org`, shippingAddress: { line1: `${i} Street`, city: 'Leeds', postalCode: 'LS1', country: 'GB' } },
      context(),
    );
    customerIds.push(registered.streamId.slice('customer-'.length));
  }
  for (let i = 0; i < size.orders; i++) {
    const lines = [...new Set(Array.from({ length: randomInt(1, 4) }, () => codes[randomInt(codes.length)]!))].map((productCode) => ({ productCode, quantity: randomInt(1, 4) }));
    const delivery = i % 2 ? 'standard' : 'pickup';
    const placed = await orders.placeOrder({ customerId: customerIds[i % customerIds.length]!, lines, paymentMethod: i % 3 ? 'card' : 'paypal', delivery }, context());
    const orderId = placed.streamId.slice('order-'.length);
    const fate = i % 10;
    if (fate === 9) {
      await orders.cancel({ orderId, reason: 'changed my mind' }, context());
      continue;
    }
    if (fate === 8) {
      await orders.reject({ orderId, unavailable: [{ productCode: lines[0]!.productCode, requested: lines[0]!.quantity, available: 0 }] }, context());
      continue;
    }
    for (const line of lines) await inventory.reserveStock({ code: line.productCode, orderId, quantity: line.quantity }, context());
    const payment = await payments.requestPayment({ orderId }, context());
    const paymentId = payment.streamId.slice('payment-'.length);
    await orders.recordAwaitingPayment({ orderId, paymentId }, context());
    if (fate < 6) {
      await payments.recordOutcome({ paymentId, outcome: { status: 'succeeded', gatewayReference: `gw-${i}` } }, context());
      await orders.markPaid({ orderId, paymentId }, context());
      for (const line of lines) await inventory.commitReservation({ code: line.productCode, orderId }, context());
      if (delivery === 'pickup' || fate > 3) continue;
      const { shipment } = await orders.ship({ orderId }, context());
      const update = { orderId, trackingNumber: shipment.trackingNumber, occurredAt: new Date().toISOString() };
      await orders.recordTracking({ ...update, trackingEventId: `trk-${orderId}-1`, status: 'in_transit' }, context());
      if (fate < 2) await orders.recordTracking({ ...update, trackingEventId: `trk-${orderId}-2`, status: 'delivered' }, context());
    } else {
      await payments.recordOutcome({ paymentId, outcome: { status: 'failed', reason: 'declined' } }, context());
      await orders.markPaymentFailed({ orderId, paymentId, reason: 'declined' }, context());
      for (const line of lines) await inventory.releaseReservation({ code: line.productCode, orderId, reason: 'payment failed' }, context());
    }
  }
  await shipping.stop();
}
