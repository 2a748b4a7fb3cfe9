import type { SnapshotStore } from '../../src/event-store/snapshot-store';

/** The snapshot store port's contract: every adapter passes it unchanged. */
export function snapshotStoreContract(adapter: string, create: () => Promise<SnapshotStore>): void {
  describe(`SnapshotStore contract: ${adapter}`, () => {
    let store: SnapshotStore;
    beforeEach(async () => {
      store = await create();
    });

    it('keeps the newest snapshot of a stream under its key', async () => {
      expect(await store.load('inventory-A', 'inventory:v1')).toBeNull();
      await store.save('inventory-A', 'inventory:v1', { revision: 49, state: { onHand: 3 } });
      await store.save('inventory-A', 'inventory:v1', { revision: 99, state: { onHand: 7 } });
      await store.save('inventory-A', 'inventory:v1', { revision: 60, state: { onHand: 5 } });
      expect(await store.load('inventory-A', 'inventory:v1')).toEqual({ revision: 99, state: { onHand: 7 } });
    });

    it('does not hand out a snapshot folded under another key (another version of the decider)', async () => {
      await store.save('inventory-B', 'inventory:v1', { revision: 10, state: { onHand: 1 } });
      expect(await store.load('inventory-B', 'inventory:v2')).toBeNull();
      await store.save('inventory-B', 'inventory:v2', { revision: 5, state: { onHand: 2 } });
      expect(await store.load('inventory-B', 'inventory:v2')).toEqual({ revision: 5, state: { onHand: 2 } });
    });
  });
}
