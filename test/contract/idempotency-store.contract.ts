import { randomUUID } from 'node:crypto';
import type { IdempotencyStore } from '../../src/commands/idempotency/idempotency-store';

/** The idempotency store port's contract: every adapter passes it unchanged. */
export function idempotencyStoreContract(adapter: string, create: () => Promise<IdempotencyStore>): void {
  describe(`IdempotencyStore contract: ${adapter}`, () => {
    let store: IdempotencyStore;
    beforeEach(async () => {
      store = await create();
    });
    const answer = { status: 201, headers: { location: '/api/orders/1', etag: 'W/"0"' }, body: { id: '1', revision: 0 } };

    it('starts a new key, then replays the stored answer to the same request', async () => {
      const key = randomUUID();
      expect(await store.begin('alice', key, 'fp-1', 30_000)).toEqual({ outcome: 'started' });
      await store.complete('alice', key, answer);
      expect(await store.begin('alice', key, 'fp-1', 30_000)).toEqual({ outcome: 'replay', response: answer });
    });

    it('says mismatch for another request under a used key, in progress or answered', async () => {
      const key = randomUUID();
      await store.begin('alice', key, 'fp-1', 30_000);
      expect(await store.begin('alice', key, 'fp-2', 30_000)).toEqual({ outcome: 'mismatch' });
      await store.complete('alice', key, answer);
      expect(await store.begin('alice', key, 'fp-2', 30_000)).toEqual({ outcome: 'mismatch' });
    });

    it('says in progress while the first attempt holds its lease, and lets a retry take over once it has run out', async () => {
      const key = randomUUID();
      await store.begin('alice', key, 'fp-1', 50);
      expect(await store.begin('alice', key, 'fp-1', 50)).toEqual({ outcome: 'in-progress' });
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await store.begin('alice', key, 'fp-1', 30_000)).toEqual({ outcome: 'started' });
      expect(await store.begin('alice', key, 'fp-1', 30_000)).toEqual({ outcome: 'in-progress' });
    });

    it('forgets a released attempt, but never an answered one', async () => {
      const key = randomUUID();
      await store.begin('alice', key, 'fp-1', 30_000);
      await store.release('alice', key);
      expect(await store.begin('alice', key, 'fp-2', 30_000)).toEqual({ outcome: 'started' });
      await store.complete('alice', key, answer);
      await store.release('alice', key);
      expect(await store.begin('alice', key, 'fp-2', 30_000)).toEqual({ outcome: 'replay', response: answer });
    });

    it('keeps the keys of different scopes apart', async () => {
      const key = randomUUID();
      await store.begin('alice', key, 'fp-1', 30_000);
      expect(await store.begin('bob', key, 'fp-2', 30_000)).toEqual({ outcome: 'started' });
    });

    it('lets exactly one of many racing first attempts start', async () => {
      const key = randomUUID();
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.begin('alice', key, 'fp-1', 30_000)));
      expect(outcomes.filter((o) => o.outcome === 'started')).toHaveLength(1);
      expect(outcomes.filter((o) => o.outcome === 'in-progress')).toHaveLength(9);
    });
  });
}
