import { randomUUID } from 'node:crypto';
import { findBrokenLink } from '../../src/event-store/event-integrity';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../../src/event-store/event-store';

export interface EventStoreContractHarness {
  /** An empty store. */
  create(): Promise<EventStore>;
  /** Another store instance over the same data, as a second process would have (defaults to `create`'s store). */
  sibling?(): Promise<EventStore>;
}

export function newEvent(type = 'SomethingHappened', data: Record<string, string | number> = {}): NewEvent {
  return { id: randomUUID(), type, data: { ...data }, metadata: { correlationId: randomUUID(), actor: { id: 'staff-1', role: 'staff' }, schemaVersion: 1 } };
}

const ids = (events: readonly { id: string }[]) => events.map((event) => event.id);

/** The event store port's contract: every adapter passes it unchanged. */
export function eventStoreContract(adapter: string, harness: EventStoreContractHarness): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let store: EventStore;
    const subscriptions: Subscription[] = [];
    const subscribe = (s: EventStore, options: SubscribeOptions) => {
      const subscription = s.subscribe({ pollIntervalMs: 50, ...options });
      subscriptions.push(subscription);
      return subscription;
    };

    beforeEach(async () => {
      store = await harness.create();
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await store.close();
    });

    describe('appendToStream', () => {
      it('appends a batch to a new stream and reads it back with its envelope and a valid hash chain', async () => {
        const events = [newEvent('OrderPlaced', { orderId: 'o-1', total: 1250 }), newEvent('OrderConfirmed', { orderId: 'o-1' })];
        const result = await store.appendToStream('order-1', events, { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(1);

        const read = await store.readStream('order-1');
        expect(read.map((e) => [e.id, e.type, e.revision, e.streamId])).toEqual([
          [events[0]!.id, 'OrderPlaced', 0, 'order-1'],
          [events[1]!.id, 'OrderConfirmed', 1, 'order-1'],
        ]);
        expect(read[0]!.data).toEqual({ orderId: 'o-1', total: 1250 });
        expect(read[0]!.metadata).toEqual(events[0]!.metadata);
        expect(read[1]!.position).toBe(result.position);
        expect(read[1]!.checkpoint).toEqual(result.checkpoint);
        expect(read[0]!.previousHash).toBeNull();
        expect(read[1]!.previousHash).toBe(read[0]!.hash);
        expect(findBrokenLink(read)).toBeNull();
      });

      it('checks each kind of expected revision and reports the actual one on a mismatch', async () => {
        await expect(store.appendToStream('s', [newEvent()], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: 'no_stream',
        });
        await store.appendToStream('s', [newEvent()], { expectedRevision: 'no_stream' });
        await expect(store.appendToStream('s', [newEvent()], { expectedRevision: 'no_stream' })).rejects.toMatchObject({ actual: 0 });
        await store.appendToStream('s', [newEvent()], { expectedRevision: 'stream_exists' });
        await store.appendToStream('s', [newEvent()], { expectedRevision: 1 });
        const stale = store.appendToStream('s', [newEvent()], { expectedRevision: 1 });
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(stale).rejects.toMatchObject({ streamId: 's', expected: 1, actual: 2 });
        await store.appendToStream('s', [newEvent()], { expectedRevision: 'any' });
        expect((await store.readStream('s')).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      });

      it('writes nothing of a batch whose expectation fails', async () => {
        await store.appendToStream('s', [newEvent()]);
        await expect(store.appendToStream('s', [newEvent(), newEvent(), newEvent()], { expectedRevision: 'no_stream' })).rejects.toThrow();
        expect(await store.readStream('s')).toHaveLength(1);
      });

      it('lets exactly one of many racing writers create a stream', async () => {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 12 }, () => store.appendToStream('customer-race', [newEvent('CustomerRegistered')], { expectedRevision: 'no_stream' })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(rejected).toHaveLength(11);
        for (const r of rejected) expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream('customer-race')).toHaveLength(1);
      });

      it('lets exactly one of many racing writers extend a stream at the same revision', async () => {
        await store.appendToStream('stock-race', [newEvent('StockReceived')], { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 12 }, () => store.appendToStream('stock-race', [newEvent('StockReserved'), newEvent('LowStock')], { expectedRevision: 0 })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ actual: 2 });
        expect((await store.readStream('stock-race')).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('serialises racing writers that expect any revision, losing none', async () => {
        await Promise.all(Array.from({ length: 20 }, () => store.appendToStream('busy', [newEvent()], { expectedRevision: 'any' })));
        expect((await store.readStream('busy')).map((e) => e.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      });

      it('accepts the same events again at the same expected revision without writing them twice', async () => {
        await store.appendToStream('pay', [newEvent('PaymentRequested')], { expectedRevision: 'no_stream' });
        const batch = [newEvent('PaymentSucceeded'), newEvent('ReceiptIssued')];
        const first = await store.appendToStream('pay', batch, { expectedRevision: 0 });
        const again = await store.appendToStream('pay', batch, { expectedRevision: 0 });
        expect(again).toEqual(first);
        const creation = (await store.readStream('pay'))[0]!;
        // The same id with other content is not a retry.
        await expect(store.appendToStream('pay', [{ ...newEvent('Other'), id: creation.id }], { expectedRevision: 'no_stream' })).rejects.toThrow();
        expect(await store.appendToStream('pay', batch, { expectedRevision: 'any' })).toEqual(first);
        expect(ids(await store.readStream('pay'))).toEqual([creation.id, ...ids(batch)]);
      });

      it('treats a retried stream creation as done', async () => {
        const batch = [newEvent('ProductAdded')];
        const first = await store.appendToStream('product-X1', batch, { expectedRevision: 'no_stream' });
        await expect(store.appendToStream('product-X1', batch, { expectedRevision: 'no_stream' })).resolves.toEqual(first);
        expect(await store.readStream('product-X1')).toHaveLength(1);
      });

      it('refuses an event id already used in another stream or at another place', async () => {
        const event = newEvent();
        await store.appendToStream('a', [event]);
        await expect(store.appendToStream('b', [event])).rejects.toBeInstanceOf(DuplicateEventIdError);
        await store.appendToStream('a', [newEvent()]);
        await expect(store.appendToStream('a', [newEvent(), event], { expectedRevision: 1 })).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream('b')).toEqual([]);
        expect(await store.readStream('a')).toHaveLength(2);
      });

      it('refuses an empty batch and a malformed expected revision', async () => {
        await expect(store.appendToStream('s', [])).rejects.toThrow(RangeError);
        await expect(store.appendToStream('s', [newEvent()], { expectedRevision: -1 })).rejects.toThrow(RangeError);
      });
    });

    describe('readStream', () => {
      it('reads from a revision, forwards and backwards, up to a count', async () => {
        await store.appendToStream('s', Array.from({ length: 10 }, (_, i) => newEvent('E', { i })));
        const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
        expect(revisions(await store.readStream('s', { fromRevision: 7 }))).toEqual([7, 8, 9]);
        expect(revisions(await store.readStream('s', { fromRevision: 2, maxCount: 3 }))).toEqual([2, 3, 4]);
        expect(revisions(await store.readStream('s', { direction: 'backwards', maxCount: 2 }))).toEqual([9, 8]);
        expect(revisions(await store.readStream('s', { direction: 'backwards', fromRevision: 3 }))).toEqual([3, 2, 1, 0]);
        expect(await store.readStream('missing')).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads the global log in order, in batches, from a checkpoint, filtered', async () => {
        const appended: string[] = [];
        for (let i = 0; i < 25; i++) {
          const event = newEvent(i % 2 ? 'Odd' : 'Even', { i });
          await store.appendToStream(`${i % 3 ? 'order' : 'payment'}-${i % 4}`, [event]);
          appended.push(event.id);
        }
        const batches: RecordedEvent[][] = [];
        for await (const batch of store.readAll({ batchSize: 10 })) batches.push(batch);
        expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
        const all = batches.flat();
        expect(ids(all)).toEqual(appended);
        for (let i = 1; i < all.length; i++) expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);

        const rest: RecordedEvent[] = [];
        for await (const batch of store.readAll({ after: all[19]!.checkpoint })) rest.push(...batch);
        expect(ids(rest)).toEqual(appended.slice(20));

        const filtered: RecordedEvent[] = [];
        for await (const batch of store.readAll({ batchSize: 4, filter: { streamPrefixes: ['payment-'], eventTypes: ['Even'] } })) filtered.push(...batch);
        expect(ids(filtered)).toEqual(all.filter((e) => e.streamId.startsWith('payment-') && e.type === 'Even').map((e) => e.id));
        expect(filtered.length).toBeGreaterThan(0);
      });
    });

    describe('checkpoints and the head of the log', () => {
      it('resets a checkpoint to any value, backwards too, or forgets it', async () => {
        await store.checkpoints.save('p', { commit: 10, position: 10 });
        await store.checkpoints.reset('p', { commit: 3, position: 3 });
        expect(await store.checkpoints.load('p')).toEqual({ commit: 3, position: 3 });
        await store.checkpoints.reset('p', null);
        expect(await store.checkpoints.load('p')).toBeNull();
      });

      it('names the checkpoint of the last event', async () => {
        expect(await store.headCheckpoint()).toBeNull();
        await store.appendToStream('a', [newEvent()]);
        const last = await store.appendToStream('b', [newEvent(), newEvent()]);
        // A transaction still running elsewhere on the server may hold the head back for a moment.
        let head = await store.headCheckpoint();
        for (let i = 0; i < 100 && head?.position !== last.position; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          head = await store.headCheckpoint();
        }
        expect(head).toEqual(last.checkpoint);
      });
    });

    describe('subscribe', () => {
      it('delivers history and then live events, each once and in order, across the hand-over', async () => {
        const history: string[] = [];
        for (let i = 0; i < 120; i++) {
          const event = newEvent('E', { i });
          await store.appendToStream(`s-${i % 7}`, [event]);
          history.push(event.id);
        }
        const delivered: RecordedEvent[] = [];
        const subscription = subscribe(store, {
          subscriptionId: 'handover',
          batchSize: 16,
          handle: async (events) => {
            delivered.push(...events);
          },
        });
        // Appends race the catch-up: some land in history, some arrive live.
        const live: string[] = [];
        let last: AppendResult | undefined;
        for (let i = 0; i < 80; i++) {
          const event = newEvent('E', { i: 120 + i });
          last = await store.appendToStream(`s-${i % 7}`, [event]);
          live.push(event.id);
          if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        }
        expect(await subscription.waitFor(last!.checkpoint, 10_000)).toBe(true);
        expect(ids(delivered)).toEqual([...history, ...live]);
        expect(subscription.status().state).toBe('live');
      });

      it('wakes promptly on an append made through another instance of the store', async () => {
        const other = harness.sibling ? await harness.sibling() : store;
        const delivered: string[] = [];
        const subscription = store.subscribe({
          subscriptionId: 'wake',
          pollIntervalMs: 60_000,
          handle: async (events) => {
            delivered.push(...ids(events));
          },
        });
        subscriptions.push(subscription);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const event = newEvent();
        const result = await other.appendToStream('s', [event]);
        expect(await subscription.waitFor(result.checkpoint, 5_000)).toBe(true);
        expect(delivered).toEqual([event.id]);
        if (other !== store) await other.close();
      });

      it('resumes from its durable checkpoint after a restart', async () => {
        const first = [newEvent(), newEvent(), newEvent()];
        const firstResult = await store.appendToStream('s', first);
        const seenBefore: string[] = [];
        const before = subscribe(store, { subscriptionId: 'projector', handle: async (events) => void seenBefore.push(...ids(events)) });
        await before.waitFor(firstResult.checkpoint, 5_000);
        await before.stop();
        expect(await store.checkpoints.load('projector')).toEqual(firstResult.checkpoint);

        const second = [newEvent(), newEvent()];
        const secondResult = await store.appendToStream('s', second);
        const seenAfter: string[] = [];
        const after = subscribe(store, { subscriptionId: 'projector', handle: async (events) => void seenAfter.push(...ids(events)) });
        await after.waitFor(secondResult.checkpoint, 5_000);
        expect(seenBefore).toEqual(ids(first));
        expect(seenAfter).toEqual(ids(second));
      });

      it('delivers only what its filter selects', async () => {
        const expected: string[] = [];
        let last: AppendResult | undefined;
        for (let i = 0; i < 30; i++) {
          const event = newEvent(i % 3 === 0 ? 'PaymentSucceeded' : 'PaymentRequested');
          const stream = i % 2 ? `payment-${i}` : `order-${i}`;
          last = await store.appendToStream(stream, [event]);
          if (stream.startsWith('payment-') && event.type === 'PaymentSucceeded') expected.push(event.id);
        }
        const delivered: string[] = [];
        const subscription = subscribe(store, {
          subscriptionId: 'filtered',
          batchSize: 4,
          filter: { streamPrefixes: ['payment-'], eventTypes: ['PaymentSucceeded'] },
          handle: async (events) => void delivered.push(...ids(events)),
        });
        expect(await subscription.waitFor(last!.checkpoint, 5_000)).toBe(true);
        expect(delivered).toEqual(expected);
        expect(expected.length).toBeGreaterThan(0);
      });

      it('retries a failing batch, then stops as failed naming the event, and resumes at that event', async () => {
        const poison = newEvent('Poison');
        const result = await store.appendToStream('s', [newEvent('Fine'), poison, newEvent('Fine')]);
        let attempts = 0;
        const handled: string[] = [];
        const failing = subscribe(store, {
          subscriptionId: 'fragile',
          batchSize: 1,
          retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 },
          handle: async (events) => {
            if (events[0]!.type === 'Poison') {
              attempts++;
              throw new Error('cannot handle poison');
            }
            handled.push(...ids(events));
          },
        });
        expect(await failing.waitFor(result.checkpoint, 5_000)).toBe(false);
        expect(attempts).toBe(3);
        expect(failing.status()).toMatchObject({ state: 'failed', failure: { message: 'cannot handle poison', event: { id: poison.id, revision: 1 } } });

        const resumed: string[] = [];
        const fixed = subscribe(store, { subscriptionId: 'fragile', handle: async (events) => void resumed.push(...ids(events)) });
        expect(await fixed.waitFor(result.checkpoint, 5_000)).toBe(true);
        expect(resumed[0]).toBe(poison.id);
        expect(resumed).toHaveLength(2);
      });

      it("leaves the checkpoint to a handler that saves it itself", async () => {
        const result = await store.appendToStream('s', [newEvent(), newEvent()]);
        const subscription = subscribe(store, {
          subscriptionId: 'self-checkpointing',
          checkpointing: 'handler',
          handle: async (_events, { checkpoint }) => {
            expect(await store.checkpoints.load('self-checkpointing')).toBeNull();
            await store.checkpoints.save('self-checkpointing', checkpoint);
          },
        });
        expect(await subscription.waitFor(result.checkpoint, 5_000)).toBe(true);
        expect(await store.checkpoints.load('self-checkpointing')).toEqual(result.checkpoint);
      });
    });
  });
}
