import { randomUUID } from 'node:crypto';
import { handleCommand } from '../../src/commands/command-handler';
import { inventorySnapshotInterval } from '../../src/commands/handlers/inventory-handlers';
import { inventoryDecider, inventorySnapshotForm } from '../../src/domain/inventory/inventory';
import { InMemoryEventStore } from '../../src/event-store/in-memory-event-store';
import { InMemorySnapshotStore } from '../../src/event-store/snapshot-store';
import { snapshotStoreContract } from '../contract/snapshot-store.contract';

snapshotStoreContract('InMemorySnapshotStore', async () => new InMemorySnapshotStore());

describe('commands on a snapshotted stream', () => {
  const context = () => ({ now: new Date(), actor: { id: 't', role: 'system' }, correlationId: randomUUID() });

  it('decide the same, reading only the events after the last snapshot', async () => {
    const plain = new InMemoryEventStore();
    const snapshotted = new InMemoryEventStore();
    const snapshots = { store: new InMemorySnapshotStore(), key: 'inventory:v1', every: 10, form: inventorySnapshotForm };
    let read = 0;
    const readStream = snapshotted.readStream.bind(snapshotted);
    snapshotted.readStream = async (...args) => {
      const events = await readStream(...args);
      read += events.length;
      return events;
    };
    const run = async (store: InMemoryEventStore, command: Parameters<typeof inventoryDecider.decide>[0], withSnapshots: boolean) =>
      handleCommand(store, 'inventory-P', inventoryDecider, command, context(), withSnapshots ? { snapshots } : {});

    await run(plain, { type: 'ReceiveStock', data: { code: 'P', quantity: 100, now: new Date() } }, false);
    await run(snapshotted, { type: 'ReceiveStock', data: { code: 'P', quantity: 100, now: new Date() } }, true);
    for (let i = 0; i < 45; i++) {
      const command = { type: 'ReserveStock' as const, data: { code: 'P', orderId: `o-${i}`, quantity: 2, lowStockThreshold: 0, now: new Date() } };
      const [a, b] = [await run(plain, command, false), await run(snapshotted, command, true)];
      expect(b.state).toEqual(a.state);
      expect(b.revision).toBe(a.revision);
    }
    read = 0;
    // Another process, which has not seen the stream yet (this one would not read it at all: see known-streams).
    const elsewhere = Object.setPrototypeOf({ ...snapshotted }, snapshotted) as InMemoryEventStore;
    const last = await run(elsewhere, { type: 'CommitReservation', data: { code: 'P', orderId: 'o-3', now: new Date() } }, true);
    expect(last.state).toMatchObject({ onHand: 98, reserved: 88 });
    // 46 events written, a snapshot every 10: at most 10 read, not 46.
    expect(read).toBeLessThan(10);
  });

  it('snapshot a growing stock less often as it grows, so that what they write stays in proportion to the events', async () => {
    const store = new InMemoryEventStore();
    const snapshotStore = new InMemorySnapshotStore();
    const written: { revision: number; reservations: number }[] = [];
    const save = snapshotStore.save.bind(snapshotStore);
    snapshotStore.save = async (streamId, key, snapshot) => {
      written.push({ revision: snapshot.revision, reservations: Object.keys((snapshot.state as { reservations: object }).reservations).length });
      return save(streamId, key, snapshot);
    };
    const snapshots = { store: snapshotStore, key: 'inventory:v1', every: inventorySnapshotInterval, form: inventorySnapshotForm };
    await handleCommand(store, 'inventory-P', inventoryDecider, { type: 'ReceiveStock', data: { code: 'P', quantity: 100_000, now: new Date() } }, context(), { snapshots });
    for (let i = 0; i < 2_000; i++) {
      await handleCommand(store, 'inventory-P', inventoryDecider, { type: 'ReserveStock', data: { code: 'P', orderId: `o-${i}`, quantity: 1, lowStockThreshold: 0, now: new Date() } }, context(), { snapshots });
    }

    // Every 50 events while the stock is small; then every tenth of its reservations.
    expect(written.slice(0, 3).map((snapshot) => snapshot.revision)).toEqual([49, 99, 149]);
    const gaps = written.slice(1).map((snapshot, i) => ({ gap: snapshot.revision - written[i]!.revision, reservations: snapshot.reservations }));
    for (const { gap, reservations } of gaps) expect(gap).toBeGreaterThanOrEqual(Math.max(50, Math.ceil((reservations - 1) / 10)));
    const entriesWritten = written.reduce((sum, snapshot) => sum + snapshot.reservations, 0);
    // Every 50 events throughout, it would be 40 snapshots and 40,000 reservations written.
    expect(written.length).toBeLessThan(30);
    expect(entriesWritten / 2_000).toBeLessThanOrEqual(11);
  });
});
