import type { Money } from '../../domain/shared/money';
import { customerDecider } from '../../domain/customers/customer';
import { ensureShippable, orderDecider, parcelWeightGrams, type CarrierStatus, type CatalogEntry, type DeliveryChoice, type OrderCommand, type PaymentMethod, type QuotedRate, type UnavailableLine } from '../../domain/orders/order';
import type { PostalAddress } from '../../domain/shared/address';
import { streamName } from '../../domain/stream-names';
import type { EventStore } from '../../event-store/event-store';
import { notFound, ruleViolated } from '../../domain/shared/domain-error';
import { ensureActsFor, mayActFor } from '../authorization';
import { vendorDecider } from '../../domain/vendors/vendor';
import { handleCommand, newIdFor, type CommandContext, type CommandOptions } from '../command-handler';
import { caughtUpState, loadProduct, loadState } from './catalog-handlers';
import { priceBookDecider, priceBookId } from '../../domain/pricing/price-book';
import { listPriceAt } from '../../domain/catalog/product';
import type { ShippingProvider } from '../../shipping/shipping-provider';
import { nameBasedUuid } from '../../shared/ids';

/** Where parcels are quoted and labels bought; absent (a role that ships nothing), every delivery but pickup is refused. */
export interface OrderHandlerOptions {
  readonly shipping?: ShippingProvider;
}

type OrderedLine = { productCode: string; quantity: number; expectedUnitPrice?: Money };

export function orderHandlers(eventStore: EventStore, options: OrderHandlerOptions = {}) {
  const run = (orderId: string, command: OrderCommand, context: CommandContext, options?: CommandOptions) =>
    handleCommand(eventStore, streamName('order', orderId), orderDecider, command, context, options);

  /** The products on the lines as the catalog has them now: names, list prices, vendors and weights. */
  async function catalogOf(lines: readonly OrderedLine[], now: Date): Promise<Record<string, CatalogEntry>> {
    const products = await Promise.all(lines.map((line) => loadProduct(eventStore, line.productCode)));
    // Only the vendors selling something on the order are looked up: the shop's own products need none.
    const vendorIds = [...new Set(products.flatMap((product) => (product.status !== 'absent' && product.vendorId !== undefined ? [product.vendorId] : [])))];
    const vendors = new Map(await Promise.all(vendorIds.map(async (vendorId) => [vendorId, await loadState(eventStore, streamName('vendor', vendorId), vendorDecider)] as const)));
    const catalog: Record<string, CatalogEntry> = {};
    for (const product of products) {
      if (product.status === 'absent') continue;
      const vendor = product.vendorId !== undefined ? vendors.get(product.vendorId) : undefined;
      catalog[product.code] = {
        name: product.name,
        unitPrice: listPriceAt(product, now),
        categoryId: product.categoryId,
        status: product.status,
        ...(product.weightGrams !== undefined ? { weightGrams: product.weightGrams } : {}),
        ...(product.vendorId !== undefined ? { vendor: { vendorId: product.vendorId, status: vendor?.status === 'active' ? 'active' : 'suspended' } } : {}),
      };
    }
    return catalog;
  }

  /** The carrier's rates for these lines to this address, in the currency of their prices. */
  async function ratesFor(lines: readonly OrderedLine[], catalog: Record<string, CatalogEntry>, destination: PostalAddress): Promise<{ weightGrams: number; rates: QuotedRate[] }> {
    const weightGrams = parcelWeightGrams(lines, catalog);
    const currency = Object.values(catalog)[0]?.unitPrice.currency;
    if (!options.shipping || !currency || weightGrams === 0) return { weightGrams, rates: [] };
    return { weightGrams, rates: await options.shipping.quote({ destination, weightGrams, currency }) };
  }

  async function customerOf(customerId: string) {
    // Read on from what this process last knew: usually nothing new, so nothing to open either. An
    // erasure here drops that state with the key (eraseCustomer); one made by another process
    // appends CustomerErased, which the read finds, and the state it folds to holds no personal
    // data. An order placed before that seals its copy under the erased key: only placeholders.
    const customer = await caughtUpState(eventStore, streamName('customer', customerId), customerDecider);
    return customer.status === 'registered' ? { customerId: customer.customerId, shippingAddress: customer.shippingAddress } : null;
  }

  return {
    async placeOrder(
      input: {
        customerId: string;
        lines: OrderedLine[];
        paymentMethod: PaymentMethod;
        paymentToken?: string;
        shippingAddress?: PostalAddress;
        delivery?: DeliveryChoice;
        expectedShippingCost?: Money;
      },
      context: CommandContext,
    ) {
      // A customer orders for themselves (the HTTP layer saw to it), staff for anyone, a vendor for nobody.
      ensureActsFor(context.actor, input.customerId, { code: 'customer-not-found', message: `There is no customer ${input.customerId}` });
      const orderId = newIdFor(context, 'order');
      // Names and prices are captured now: later catalog changes do not touch a placed order.
      const [customer, priceBook, catalog] = await Promise.all([
        customerOf(input.customerId),
        caughtUpState(eventStore, streamName('pricebook', priceBookId), priceBookDecider),
        catalogOf(input.lines, context.now),
      ]);
      const delivery = input.delivery ?? 'pickup';
      const destination = input.shippingAddress ?? customer?.shippingAddress;
      const shippingRates = delivery !== 'pickup' && destination ? (await ratesFor(input.lines, catalog, destination)).rates : [];
      return run(
        orderId,
        {
          type: 'PlaceOrder',
          data: {
            orderId,
            customer,
            lines: input.lines,
            catalog,
            priceRules: Object.values(priceBook.rules),
            paymentMethod: input.paymentMethod,
            ...(input.paymentToken ? { paymentToken: input.paymentToken } : {}),
            ...(input.shippingAddress ? { shippingAddress: input.shippingAddress } : {}),
            delivery,
            shippingRates,
            ...(input.expectedShippingCost ? { expectedShippingCost: input.expectedShippingCost } : {}),
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
    /**
     * What sending these lines would cost, by service, before ordering: the customer's own address
     * or the one given. Priced as placeOrder prices it, so the cost shown is the cost charged.
     */
    async quoteShipping(input: { customerId: string; lines: OrderedLine[]; shippingAddress?: PostalAddress }, context: CommandContext) {
      ensureActsFor(context.actor, input.customerId, { code: 'customer-not-found', message: `There is no customer ${input.customerId}` });
      const [customer, catalog] = await Promise.all([customerOf(input.customerId), catalogOf(input.lines, context.now)]);
      if (!customer) throw notFound('customer-not-found', `There is no customer ${input.customerId}`, { customerId: input.customerId });
      const destination = input.shippingAddress ?? customer.shippingAddress;
      const unknown = input.lines.find((line) => !catalog[line.productCode]);
      if (unknown) throw notFound('unknown-product', `There is no product ${unknown.productCode}`, { productCode: unknown.productCode });
      const { weightGrams, rates } = await ratesFor(input.lines, catalog, destination);
      return { weightGrams, destinationCountry: destination.country, rates };
    },

    /**
     * The staff hand a paid order to the carrier: its label is bought (once per order, however
     * often asked: the shipment's id and the label's idempotency key derive from the order), then
     * recorded. A crash between the two buys nothing twice: the retry gets the same label.
     */
    async ship(input: { orderId: string }, context: CommandContext) {
      const order = await loadState(eventStore, streamName('order', input.orderId), orderDecider);
      if (order.status === 'none') throw notFound('order-not-found', `There is no order ${input.orderId}`, { orderId: input.orderId });
      if (order.shipment) return { ...(await run(input.orderId, { type: 'ShipOrder', data: { orderId: input.orderId, shipment: order.shipment, now: context.now } }, context)), shipment: order.shipment };
      ensureShippable(order);
      if (!options.shipping) throw ruleViolated('not-shippable', 'No shipping provider is configured here', { orderId: input.orderId });
      const shipmentId = nameBasedUuid(`shipment:${input.orderId}`);
      const label = await options.shipping.createLabel(
        { shipmentId, orderId: input.orderId, destination: order.shippingAddress, weightGrams: order.shipping!.weightGrams, service: order.shipping!.service },
        `shipment-${shipmentId}`,
      );
      const shipment = { shipmentId, carrier: label.carrier, service: label.service, trackingNumber: label.trackingNumber, labelUrl: label.labelUrl };
      return { ...(await run(input.orderId, { type: 'ShipOrder', data: { orderId: input.orderId, shipment, now: context.now } }, context)), shipment };
    },

    /** The carrier's webhook: see RecordTrackingUpdate. */
    recordTracking: (input: { orderId: string; trackingNumber: string; trackingEventId: string; status: CarrierStatus; description?: string; occurredAt: string }, context: CommandContext) =>
      run(input.orderId, { type: 'RecordTrackingUpdate', data: { ...input, now: context.now } }, context),

    reject: (input: { orderId: string; unavailable: UnavailableLine[] }, context: CommandContext) =>
      run(input.orderId, { type: 'RejectOrder', data: { ...input, reason: 'out-of-stock', now: context.now } }, context),
  };
}
