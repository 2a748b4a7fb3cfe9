import type { Money } from '../../domain/shared/money';
import { customerDecider } from '../../domain/customers/customer';
import { orderDecider, type CatalogEntry, type OrderCommand, type PaymentMethod, type UnavailableLine } from '../../domain/orders/order';
import type { PostalAddress } from '../../domain/shared/address';
import { streamName } from '../../domain/stream-names';
import type { EventStore } from '../../event-store/event-store';
import { notFound } from '../../domain/shared/domain-error';
import { ensureActsFor, mayActFor } from '../authorization';
import { vendorDecider } from '../../domain/vendors/vendor';
import { handleCommand, newIdFor, type CommandContext, type CommandOptions } from '../command-handler';
import { caughtUpState, loadProduct, loadState } from './catalog-handlers';
import { priceBookDecider, priceBookId } from '../../domain/pricing/price-book';
import { listPriceAt } from '../../domain/catalog/product';

export function orderHandlers(eventStore: EventStore) {
  const run = (orderId: string, command: OrderCommand, context: CommandContext, options?: CommandOptions) =>
    handleCommand(eventStore, streamName('order', orderId), orderDecider, command, context, options);

  return {
    async placeOrder(
      input: { customerId: string; lines: { productCode: string; quantity: number; expectedUnitPrice?: Money }[]; paymentMethod: PaymentMethod; paymentToken?: string; shippingAddress?: PostalAddress },
      context: CommandContext,
    ) {
      // A customer orders for themselves (the HTTP layer saw to it), staff for anyone, a vendor for nobody.
      ensureActsFor(context.actor, input.customerId, { code: 'customer-not-found', message: `There is no customer ${input.customerId}` });
      const orderId = newIdFor(context, 'order');
      const [customer, priceBook, ...products] = await Promise.all([
        loadState(eventStore, streamName('customer', input.customerId), customerDecider),
        caughtUpState(eventStore, streamName('pricebook', priceBookId), priceBookDecider),
        ...input.lines.map((line) => loadProduct(eventStore, line.productCode)),
      ]);
      // Only the vendors selling something on the order are looked up: the shop's own products need none.
      const vendorIds = [...new Set(products.flatMap((product) => (product.status !== 'absent' && product.vendorId !== undefined ? [product.vendorId] : [])))];
      const vendors = new Map(await Promise.all(vendorIds.map(async (vendorId) => [vendorId, await loadState(eventStore, streamName('vendor', vendorId), vendorDecider)] as const)));
      // Names and prices are captured now: later catalog changes do not touch a placed order.
      const catalog: Record<string, CatalogEntry> = {};
      for (const product of products) {
        if (product.status === 'absent') continue;
        const vendor = product.vendorId !== undefined ? vendors.get(product.vendorId) : undefined;
        catalog[product.code] = {
          name: product.name,
          unitPrice: listPriceAt(product, context.now),
          categoryId: product.categoryId,
          status: product.status,
          ...(product.vendorId !== undefined ? { vendor: { vendorId: product.vendorId, status: vendor?.status === 'active' ? 'active' : 'suspended' } } : {}),
        };
      }
      return run(
        orderId,
        {
          type: 'PlaceOrder',
          data: {
            orderId,
            customer: customer.status === 'registered' ? { customerId: customer.customerId, shippingAddress: customer.shippingAddress } : null,
            lines: input.lines,
            catalog,
            priceRules: Object.values(priceBook.rules),
            paymentMethod: input.paymentMethod,
            ...(input.paymentToken ? { paymentToken: input.paymentToken } : {}),
            ...(input.shippingAddress ? { shippingAddress: input.shippingAddress } : {}),
            now: context.now,
          },
        },
        context,
        { newStream: true },
      );
    },

    recordAwaitingPayment: (input: { orderId: string; paymentId: string }, context: CommandContext) =>
      run(input.orderId, { type: 'RecordOrderAwaitingPayment', data: { ...input, now: context.now } }, context),
    markPaid: (input: { orderId: string; paymentId: string }, context: CommandContext) => run(input.orderId, { type: 'MarkOrderPaid', data: { ...input, now: context.now } }, context),
    markPaymentFailed: (input: { orderId: string; paymentId: string; reason: string }, context: CommandContext) =>
      run(input.orderId, { type: 'MarkOrderPaymentFailed', data: { ...input, now: context.now } }, context),
    markRefunded: (input: { orderId: string; paymentId: string; refundId: string; amount: Money; reason: string }, context: CommandContext) =>
      run(input.orderId, { type: 'MarkOrderRefunded', data: { ...input, now: context.now } }, context),
    /** Customers cancel their own orders only; another's is not found. */
    async cancel(input: { orderId: string; reason: string }, context: CommandContext) {
      const order = await loadState(eventStore, streamName('order', input.orderId), orderDecider);
      if (order.status !== 'none' && !mayActFor(context.actor, order.customerId)) throw notFound('order-not-found', `There is no order ${input.orderId}`, { orderId: input.orderId });
      return run(input.orderId, { type: 'CancelOrder', data: { ...input, now: context.now } }, context);
    },
    reject: (input: { orderId: string; unavailable: UnavailableLine[] }, context: CommandContext) =>
      run(input.orderId, { type: 'RejectOrder', data: { ...input, reason: 'out-of-stock', now: context.now } }, context),
  };
}
