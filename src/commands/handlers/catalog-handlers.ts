import { categoryDecider, categoryIdFor, type CategoryState } from '../../domain/catalog/category';
import { productDecider, type CategoryRef, type ProductState } from '../../domain/catalog/product';
import { foldEvents } from '../../domain/shared/decider';
import { invalidReference } from '../../domain/shared/domain-error';
import type { Money } from '../../domain/shared/money';
import { streamName } from '../../domain/stream-names';
import type { EventStore } from '../../event-store/event-store';
import { handleCommand, type CommandContext } from '../command-handler';

export async function loadState<Event, State>(
  eventStore: EventStore,
  streamId: string,
  decider: { initialState: State; evolve(state: State, event: Event): State },
): Promise<State> {
  const events = await eventStore.readStream(streamId);
  return foldEvents(decider, events as unknown as Event[]);
}

export const loadProduct = (eventStore: EventStore, code: string): Promise<ProductState> =>
  loadState(eventStore, streamName('product', code), productDecider);

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

    async addProduct(
      input: { code: string; name: string; description: string; categoryId: string; price: Money; lowStockThreshold: number },
      context: CommandContext,
    ) {
      const category = await categoryRef(input.categoryId);
      return handleCommand(
        eventStore,
        streamName('product', input.code),
        productDecider,
        { type: 'AddProduct', data: { ...input, category, now: context.now } },
        context,
      );
    },

    changeProductPrice(input: { code: string; price: Money }, context: CommandContext) {
      return handleCommand(eventStore, streamName('product', input.code), productDecider, { type: 'ChangeProductPrice', data: { ...input, now: context.now } }, context);
    },

    async updateProductDetails(
      input: { code: string; name?: string; description?: string; categoryId?: string; lowStockThreshold?: number },
      context: CommandContext,
    ) {
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

    discontinueProduct(input: { code: string; reason: string }, context: CommandContext) {
      return handleCommand(eventStore, streamName('product', input.code), productDecider, { type: 'DiscontinueProduct', data: { ...input, now: context.now } }, context);
    },
  };
}
