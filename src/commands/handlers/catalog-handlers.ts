import { categoryDecider, categoryIdFor, type CategoryState } from '../../domain/catalog/category';
import { productDecider, type CategoryRef, type ProductState, type VendorRef } from '../../domain/catalog/product';
import { foldEvents } from '../../domain/shared/decider';
import { invalidReference, notFound, ruleViolated } from '../../domain/shared/domain-error';
import { vendorDecider } from '../../domain/vendors/vendor';
import type { Actor } from '../../event-store/event-store';
import { maySell } from '../authorization';
import { knownStreamsOf } from '../known-streams';
import type { Money } from '../../domain/shared/money';
import { streamName } from '../../domain/stream-names';
import type { EventStore } from '../../event-store/event-store';
import { handleCommand, newIdFor, type CommandContext } from '../command-handler';

export async function loadState<Event, State>(
  eventStore: EventStore,
  streamId: string,
  decider: { initialState: State; evolve(state: State, event: Event): State },
): Promise<State> {
  const events = await eventStore.readStream(streamId);
  return foldEvents(decider, events as unknown as Event[]);
}

/**
 * A stream's state, read on from what this process last knew of it: for a stream read far more
 * often than it is written (the price book, read by every order), usually a read of nothing new.
 */
export async function caughtUpState<Event, State>(
  eventStore: EventStore,
  streamId: string,
  decider: { initialState: State; evolve(state: State, event: Event): State },
): Promise<State> {
  const known = knownStreamsOf(eventStore);
  const guess = known.get<State>(decider, streamId);
  const events = await eventStore.readStream(streamId, guess ? { fromRevision: guess.revision + 1 } : {});
  const state = (events as unknown as Event[]).reduce((folded, event) => decider.evolve(folded, event), guess?.state ?? decider.initialState);
  const last = events.at(-1);
  if (last) known.set(decider, streamId, { revision: last.revision, state, checkpoint: last.checkpoint, snapshotRevision: guess?.snapshotRevision ?? -1 });
  return state;
}

/** Read on from what this process last knew of it: every order reads its products, which seldom change. */
export const loadProduct = (eventStore: EventStore, code: string): Promise<ProductState> =>
  caughtUpState(eventStore, streamName('product', code), productDecider);

const productNotFound = (code: string) => notFound('product-not-found', `There is no product ${code}`, { code });

/**
 * Object-level authorisation of catalog and stock work: a vendor's account manages its own
 * vendor's products only (another's is not found, so that it does not leak), and nothing while
 * its vendor is suspended. Staff and our processes pass without a look.
 */
export async function ensureMaySell(eventStore: EventStore, actor: Actor, code: string, loaded?: ProductState): Promise<void> {
  if (actor.role !== 'vendor') return;
  const product = loaded ?? (await loadProduct(eventStore, code));
  if (product.status === 'absent' || !maySell(actor, product.vendorId)) throw productNotFound(code);
  await activeVendor(eventStore, actor.vendorId!);
}

/** The vendor, if it may sell now. */
async function activeVendor(eventStore: EventStore, vendorId: string): Promise<VendorRef> {
  const vendor = await loadState(eventStore, streamName('vendor', vendorId), vendorDecider);
  if (vendor.status === 'none') throw invalidReference('unknown-vendor', `There is no vendor ${vendorId}`, { vendorId });
  if (vendor.status === 'suspended') throw ruleViolated('vendor-suspended', `Vendor ${vendorId} is suspended`, { vendorId });
  return { id: vendorId, name: vendor.profile.name };
}

export function catalogHandlers(eventStore: EventStore) {
  async function categoryRef(categoryId: string): Promise<CategoryRef> {
    const category: CategoryState = await loadState(eventStore, streamName('category', categoryId), categoryDecider);
    if (category.status !== 'defined') throw invalidReference('unknown-category', `There is no category ${categoryId}`, { categoryId });
    return { id: category.categoryId, name: category.name };
  }

  return {
    defineCategory(input: { name: string; description: string }, context: CommandContext) {
      const categoryId = categoryIdFor(input.name);
      return handleCommand(
        eventStore,
        streamName('category', categoryId),
        categoryDecider,
        { type: 'DefineCategory', data: { categoryId, name: input.name, description: input.description, now: context.now } },
        context,
      );
    },

    /** A vendor's account adds products of its own vendor only: naming another is as naming none that exists. */
    async addProduct(
      input: { code: string; name: string; description: string; categoryId: string; price: Money; lowStockThreshold: number; weightGrams?: number; vendorId?: string },
      context: CommandContext,
    ) {
      const { actor } = context;
      // Ids are lower-case UUIDs, however the caller wrote them.
      const named = input.vendorId?.toLowerCase();
      if (actor.role === 'vendor' && named !== undefined && named !== actor.vendorId) throw notFound('vendor-not-found', `No vendor ${named}`, { vendorId: named });
      const vendorId = actor.role === 'vendor' ? actor.vendorId : named;
      const { vendorId: _named, ...details } = input;
      const [category, vendor] = await Promise.all([categoryRef(input.categoryId), vendorId !== undefined ? activeVendor(eventStore, vendorId) : undefined]);
      return handleCommand(
        eventStore,
        streamName('product', input.code),
        productDecider,
        { type: 'AddProduct', data: { ...details, category, ...(vendor ? { vendor } : {}), now: context.now } },
        context,
      );
    },

    async changeProductPrice(input: { code: string; price: Money }, context: CommandContext) {
      await ensureMaySell(eventStore, context.actor, input.code);
      return handleCommand(eventStore, streamName('product', input.code), productDecider, { type: 'ChangeProductPrice', data: { ...input, now: context.now } }, context);
    },

    /** A new list price from a moment on; the seller of the product may, as for a price change now. */
    async schedulePriceChange(input: { code: string; price: Money; effectiveAt: Date }, context: CommandContext) {
      await ensureMaySell(eventStore, context.actor, input.code);
      const scheduleId = newIdFor(context, 'scheduled-price');
      const result = await handleCommand(eventStore, streamName('product', input.code), productDecider, { type: 'SchedulePriceChange', data: { ...input, scheduleId, now: context.now } }, context);
      return { ...result, scheduleId };
    },

    async cancelScheduledPrice(input: { code: string; scheduleId: string }, context: CommandContext) {
      await ensureMaySell(eventStore, context.actor, input.code);
      return handleCommand(eventStore, streamName('product', input.code), productDecider, { type: 'CancelScheduledPrice', data: { ...input, now: context.now } }, context);
    },

    /** The timer's: see ScheduledPrices. */
    applyScheduledPrice(input: { code: string; scheduleId: string }, context: CommandContext) {
      return handleCommand(eventStore, streamName('product', input.code), productDecider, { type: 'ApplyScheduledPrice', data: { ...input, now: context.now } }, context);
    },

    async updateProductDetails(
      input: { code: string; name?: string; description?: string; categoryId?: string; lowStockThreshold?: number; weightGrams?: number },
      context: CommandContext,
    ) {
      await ensureMaySell(eventStore, context.actor, input.code);
      const { categoryId, ...details } = input;
      const category = categoryId === undefined ? undefined : await categoryRef(categoryId);
      return handleCommand(
        eventStore,
        streamName('product', input.code),
        productDecider,
        { type: 'UpdateProductDetails', data: { ...details, ...(category ? { category } : {}), now: context.now } },
        context,
      );
    },

    async discontinueProduct(input: { code: string; reason: string }, context: CommandContext) {
      await ensureMaySell(eventStore, context.actor, input.code);
      return handleCommand(eventStore, streamName('product', input.code), productDecider, { type: 'DiscontinueProduct', data: { ...input, now: context.now } }, context);
    },
  };
}
