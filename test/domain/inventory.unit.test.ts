import { available, evolveInventory, inventoryDecider, inventorySnapshotForm, type InventoryEvent } from '../../src/domain/inventory/inventory';
import { foldEvents } from '../../src/domain/shared/decider';
import { deciderSpec } from '../support/decider-spec';

const now = new Date('2026-11-24T10:00:00.000Z');
const at = now.toISOString();
const code = 'TEA-001';
const spec = deciderSpec(inventoryDecider);

const received = (quantity: number, onHand: number): InventoryEvent => ({ type: 'StockReceived', data: { code, quantity, onHand, receivedAt: at } });
const reserved = (orderId: string, quantity: number, left: number): InventoryEvent => ({
  type: 'StockReserved',
  data: { code, orderId, quantity, available: left, reservedAt: at },
});
const reserve = (orderId: string, quantity: number, lowStockThreshold = 2) => ({ type: 'ReserveStock' as const, data: { code, orderId, quantity, lowStockThreshold, now } });

describe('inventory', () => {
  describe('receiving stock', () => {
    it('adds to what is on hand', () => {
      spec.given([received(10, 10)]).when({ type: 'ReceiveStock', data: { code, quantity: 5, now } }).then([received(5, 15)]);
    });
    it.each([0, -3, 1.5])('refuses a quantity of %p', (quantity) => {
      spec.given([]).when({ type: 'ReceiveStock', data: { code, quantity, now } }).thenRefused('rule-violated', 'invalid-quantity');
    });
  });

  describe('reserving for an order', () => {
    it('reserves what is available', () => {
      spec.given([received(10, 10)]).when(reserve('o-1', 4)).then([reserved('o-1', 4, 6)]);
    });
    it('refuses more than is available, all or nothing, saying how much there is', () => {
      spec.given([received(10, 10), reserved('o-1', 8, 2)]).when(reserve('o-2', 3)).thenRefused('rule-violated', 'insufficient-stock', { requested: 3, available: 2 });
    });
    it('takes the last unit', () => {
      spec
        .given([received(3, 3)])
        .when(reserve('o-1', 3, 0))
        .then([reserved('o-1', 3, 0), { type: 'LowStockReached', data: { code, available: 0, threshold: 0, reachedAt: at } }]);
    });
    it('records the downward crossing of the low-stock threshold once', () => {
      spec
        .given([received(10, 10)])
        .when(reserve('o-1', 8))
        .then([reserved('o-1', 8, 2), { type: 'LowStockReached', data: { code, available: 2, threshold: 2, reachedAt: at } }]);
      spec.given([received(10, 10), reserved('o-1', 8, 2)]).when(reserve('o-2', 1)).then([reserved('o-2', 1, 1)]);
    });
    it('alerts again after stock came back above the threshold and fell again', () => {
      spec
        .given([received(10, 10), reserved('o-1', 8, 2), received(10, 20)])
        .when(reserve('o-2', 10))
        .then([reserved('o-2', 10, 2), { type: 'LowStockReached', data: { code, available: 2, threshold: 2, reachedAt: at } }]);
    });
    it('treats the same reservation for the same order as done', () => {
      spec.given([received(10, 10), reserved('o-1', 4, 6)]).when(reserve('o-1', 4)).thenNothingNew();
    });
    it('refuses a different reservation for an order that has one', () => {
      spec.given([received(10, 10), reserved('o-1', 4, 6)]).when(reserve('o-1', 5)).thenRefused('rule-violated', 'reservation-exists');
    });
    it('refuses a quantity below one', () => {
      spec.given([received(10, 10)]).when(reserve('o-1', 0)).thenRefused('rule-violated', 'invalid-quantity');
    });
  });

  describe('releasing a reservation', () => {
    const release = { type: 'ReleaseReservation' as const, data: { code, orderId: 'o-1', reason: 'payment failed', now } };
    const released: InventoryEvent = { type: 'ReservationReleased', data: { code, orderId: 'o-1', quantity: 4, reason: 'payment failed', releasedAt: at } };
    it('makes the stock available again', () => {
      spec.given([received(10, 10), reserved('o-1', 4, 6)]).when(release).then([released]);
      expect(available(foldEvents(inventoryDecider, [received(10, 10), reserved('o-1', 4, 6), released]))).toBe(10);
    });
    it('does nothing the second time', () => {
      spec.given([received(10, 10), reserved('o-1', 4, 6), released]).when(release).thenNothingNew();
    });
    it('refuses without a reservation', () => {
      spec.given([received(10, 10)]).when(release).thenRefused('not-found', 'reservation-not-found');
    });
    it('refuses once the reservation is committed', () => {
      spec
        .given([received(10, 10), reserved('o-1', 4, 6), { type: 'ReservationCommitted', data: { code, orderId: 'o-1', quantity: 4, onHand: 6, committedAt: at } }])
        .when(release)
        .thenRefused('rule-violated', 'reservation-committed');
    });
  });

  describe('committing a reservation', () => {
    const commit = { type: 'CommitReservation' as const, data: { code, orderId: 'o-1', now } };
    const committed: InventoryEvent = { type: 'ReservationCommitted', data: { code, orderId: 'o-1', quantity: 4, onHand: 6, committedAt: at } };
    it('takes the goods off what is on hand', () => {
      spec.given([received(10, 10), reserved('o-1', 4, 6)]).when(commit).then([committed]);
      const state = foldEvents(inventoryDecider, [received(10, 10), reserved('o-1', 4, 6), committed]);
      expect(state).toMatchObject({ onHand: 6, reserved: 0 });
      expect(available(state)).toBe(6);
    });
    it('does nothing the second time', () => {
      spec.given([received(10, 10), reserved('o-1', 4, 6), committed]).when(commit).thenNothingNew();
    });
    it('refuses without a reservation', () => {
      spec.given([received(10, 10)]).when(commit).thenRefused('not-found', 'reservation-not-found');
    });
    it('refuses a released reservation', () => {
      spec
        .given([received(10, 10), reserved('o-1', 4, 6), { type: 'ReservationReleased', data: { code, orderId: 'o-1', quantity: 4, reason: 'x', releasedAt: at } }])
        .when(commit)
        .thenRefused('rule-violated', 'reservation-released');
    });
  });

  describe('adjusting the count', () => {
    const adjust = (countedOnHand: number, lowStockThreshold = 2) => ({ type: 'AdjustStock' as const, data: { code, countedOnHand, reason: 'stocktake', lowStockThreshold, now } });
    it('sets what is on hand, with the reason', () => {
      spec.given([received(10, 10)]).when(adjust(7)).then([{ type: 'StockAdjusted', data: { code, previousOnHand: 10, onHand: 7, reason: 'stocktake', adjustedAt: at } }]);
    });
    it('alerts when the count takes availability to the threshold', () => {
      spec
        .given([received(10, 10)])
        .when(adjust(1))
        .then([
          { type: 'StockAdjusted', data: { code, previousOnHand: 10, onHand: 1, reason: 'stocktake', adjustedAt: at } },
          { type: 'LowStockReached', data: { code, available: 1, threshold: 2, reachedAt: at } },
        ]);
    });
    it('refuses a count below what is reserved for orders', () => {
      spec.given([received(10, 10), reserved('o-1', 4, 6)]).when(adjust(3)).thenRefused('rule-violated', 'adjustment-below-reserved', { reserved: 4 });
    });
    it('refuses a negative count', () => {
      spec.given([received(10, 10)]).when(adjust(-1)).thenRefused('rule-violated', 'invalid-quantity');
    });
    it('records nothing when the count matches', () => {
      spec.given([received(10, 10)]).when(adjust(10)).thenNothingNew();
    });
  });

  describe('a product with a long history', () => {
    const orders = Array.from({ length: 2_000 }, (_, i) => `o-${i}`);
    const history: InventoryEvent[] = [
      received(10_000, 10_000),
      ...orders.flatMap((orderId, i): InventoryEvent[] => [
        reserved(orderId, 1, 10_000 - i - 1),
        { type: 'ReservationCommitted', data: { code, orderId, quantity: 1, onHand: 10_000 - i - 1, committedAt: at } },
      ]),
    ];

    it('remembers every order it ever reserved for, and leaves each state it folded as it was', () => {
      const halfway = foldEvents(inventoryDecider, history.slice(0, 2_001));
      const state = history.slice(2_001).reduce(evolveInventory, halfway);
      expect(state).toMatchObject({ onHand: 8_000, reserved: 0 });
      expect(state.reservations.size).toBe(2_000);
      expect(halfway).toMatchObject({ onHand: 9_000, reserved: 0 });
      expect(halfway.reservations.size).toBe(1_000);
      expect(halfway.reservations.get('o-1999')).toBeUndefined();
      spec.given(history).when({ type: 'CommitReservation', data: { code, orderId: 'o-3', now } }).thenNothingNew();
      spec.given(history).when(reserve('o-7', 1)).thenRefused('rule-violated', 'reservation-exists');
    });

    it('is snapshotted as plain JSON, a record of reservations by order, and decides the same read back', () => {
      const state = foldEvents(inventoryDecider, history);
      const stored: unknown = JSON.parse(JSON.stringify(inventorySnapshotForm.toStored(state)));
      expect(stored).toMatchObject({ onHand: 8_000, reserved: 0, reservations: { 'o-0': { quantity: 1, status: 'committed' } } });
      expect(Object.keys((stored as { reservations: object }).reservations)).toHaveLength(2_000);
      const readBack = inventorySnapshotForm.fromStored(stored);
      expect(inventoryDecider.decide({ type: 'CommitReservation', data: { code, orderId: 'o-1999', now } }, readBack)).toEqual([]);
      expect(() => inventoryDecider.decide(reserve('o-1999', 1), readBack)).toThrow(/already has a committed reservation/);
      expect(inventoryDecider.decide(reserve('o-new', 2), readBack)).toEqual([reserved('o-new', 2, 7_998)]);
    });
  });
});
