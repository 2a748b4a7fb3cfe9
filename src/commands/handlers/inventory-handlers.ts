import { inventoryDecider, inventorySnapshotForm, type InventoryState } from '../../domain/inventory/inventory';
import { DomainError, notFound } from '../../domain/shared/domain-error';
import { streamName } from '../../domain/stream-names';
import type { EventStore } from '../../event-store/event-store';
import type { SnapshotStore } from '../../event-store/snapshot-store';
import { handleCommand, type CommandContext } from '../command-handler';
import { ensureMaySell, loadProduct } from './catalog-handlers';

/**
 * A popular product's stock stream grows with every order: its state is snapshotted every 50 events,
 * or once a tenth of its reservations' number of events for a product with more than 500 of them:
 * the state remembers every order, so a snapshot's size grows with them, and writing one as often
 * as a small one would make a product's life cost the square of its orders. Writing them costs
 * at most ten reservations per event so; a process that has not seen the stream reads at most that
 * tenth of events past the snapshot, once.
 */
export const inventorySnapshotKey = 'inventory:v1';
export const inventorySnapshotInterval = (state: InventoryState): number => Math.max(50, Math.ceil(state.reservations.size / 10));

export function inventoryHandlers(eventStore: EventStore, snapshotStore?: SnapshotStore) {
  const snapshots = snapshotStore ? { store: snapshotStore, key: inventorySnapshotKey, every: inventorySnapshotInterval, form: inventorySnapshotForm } : undefined;
  /** Stock is kept for catalog products only; the threshold comes from the product. */
  async function product(code: string) {
    const state = await loadProduct(eventStore, code);
    if (state.status === 'absent') throw notFound('product-not-found', `There is no product ${code}`, { code });
    return state;
  }
  const stream = (code: string) => streamName('inventory', code);
  /**
   * Releasing or committing follows a reservation, which only a catalog product can have: the
   * product is looked up only to tell why a command was refused (no such product, or no such
   * reservation), not on the way of every order.
   */
  async function explainingUnknownProduct<T>(code: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainError) await product(code);
      throw error;
    }
  }

  return {
    async receiveStock(input: { code: string; quantity: number }, context: CommandContext) {
      await ensureMaySell(eventStore, context.actor, input.code, await product(input.code));
      return handleCommand(eventStore, stream(input.code), inventoryDecider, { type: 'ReceiveStock', data: { ...input, now: context.now } }, context, { snapshots });
    },

    async reserveStock(input: { code: string; orderId: string; quantity: number }, context: CommandContext) {
      const { lowStockThreshold } = await product(input.code);
      return handleCommand(eventStore, stream(input.code), inventoryDecider, { type: 'ReserveStock', data: { ...input, lowStockThreshold, now: context.now } }, context, { snapshots });
    },

    releaseReservation(input: { code: string; orderId: string; reason: string }, context: CommandContext) {
      return explainingUnknownProduct(input.code, () =>
        handleCommand(eventStore, stream(input.code), inventoryDecider, { type: 'ReleaseReservation', data: { ...input, now: context.now } }, context, { snapshots }),
      );
    },

    commitReservation(input: { code: string; orderId: string }, context: CommandContext) {
      return explainingUnknownProduct(input.code, () =>
        handleCommand(eventStore, stream(input.code), inventoryDecider, { type: 'CommitReservation', data: { ...input, now: context.now } }, context, { snapshots }),
      );
    },

    async adjustStock(input: { code: string; countedOnHand: number; reason: string }, context: CommandContext) {
      const state = await product(input.code);
      await ensureMaySell(eventStore, context.actor, input.code, state);
      const { lowStockThreshold } = state;
      return handleCommand(eventStore, stream(input.code), inventoryDecider, { type: 'AdjustStock', data: { ...input, lowStockThreshold, now: context.now } }, context, { snapshots });
    },
  };
}
