import { randomUUID } from 'node:crypto';
import { entityStateAt } from '../../src/audit/audit-queries';
import { InMemoryEventStore } from '../../src/event-store/in-memory-event-store';

describe("an entity's state as the auditor sees it", () => {
  it("shows a stock item's reservations as a record by order, whatever the state keeps them in", async () => {
    const store = new InMemoryEventStore();
    const at = '2026-12-07T10:00:00.000Z';
    await store.appendToStream('inventory-TEA-1', [
      { id: randomUUID(), type: 'StockReceived', data: { code: 'TEA-1', quantity: 10, onHand: 10, receivedAt: at } },
      { id: randomUUID(), type: 'StockReserved', data: { code: 'TEA-1', orderId: 'o-1', quantity: 4, available: 6, reservedAt: at } },
      { id: randomUUID(), type: 'ReservationCommitted', data: { code: 'TEA-1', orderId: 'o-1', quantity: 4, onHand: 6, committedAt: at } },
      { id: randomUUID(), type: 'StockReserved', data: { code: 'TEA-1', orderId: 'o-2', quantity: 1, available: 5, reservedAt: at } },
    ]);

    const now = await entityStateAt(store, 'stock', 'tea-1', { revision: 3 });
    const before = await entityStateAt(store, 'stock', 'TEA-1', { revision: 1 });

    expect(now.state).toEqual({ onHand: 6, reserved: 1, reservations: { 'o-1': { quantity: 4, status: 'committed' }, 'o-2': { quantity: 1, status: 'reserved' } } });
    expect(before.state).toEqual({ onHand: 10, reserved: 4, reservations: { 'o-1': { quantity: 4, status: 'reserved' } } });
  });
});
