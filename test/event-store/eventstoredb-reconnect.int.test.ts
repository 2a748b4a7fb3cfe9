import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import type { RecordedEvent } from '../../src/event-store/event-store';
import { newEvent } from '../contract/event-store.contract';
import { eventually } from '../support/journey';
import { startStandIn, type StandInServer } from '../support/eventstoredb-stand-in/stand-in-server';

/**
 * A networked store goes away and comes back. On the EventStoreDB stand-in (a test server, not
 * EventStoreDB), stopped mid-subscription and started again on the same port and data: the
 * subscription resumes from its checkpoint, loses nothing, and repeats at most what it was
 * handling (the same event ids again).
 */
describe('the EventStoreDB adapter when the server goes away and comes back', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'emporium-esdb-'));
  const dataFile = path.join(dir, 'log.jsonl');
  let server: StandInServer;
  let store: EventStoreDbEventStore;

  beforeAll(async () => {
    server = await startStandIn({ dataFile });
    store = EventStoreDbEventStore.connect(server.url, { namespace: 'reconnect-' });
  });
  afterAll(async () => {
    await store.close().catch(() => undefined);
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('resumes the subscription from its checkpoint, nothing lost', async () => {
    const appended: string[] = [];
    const append = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const event = newEvent('Tick', { i: appended.length });
        await store.appendToStream(`clock-${appended.length % 3}`, [event]);
        appended.push(event.id);
      }
    };
    await append(10);
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ subscriptionId: 'ticks', pollIntervalMs: 100, retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 }, handle: async (events) => void seen.push(...events) });
    await eventually('the first ten delivered', async () => seen.length, (count) => count >= 10);

    await server.stop();
    // While it is away the subscription keeps trying; the store's writes fail like any client's.
    await new Promise((resolve) => setTimeout(resolve, 500));
    server = await startStandIn({ dataFile, port: server.port });
    await eventually('appends to work again', async () => append(1).then(() => true, () => false), (ok) => ok, 30_000);
    await append(9);

    await eventually('everything delivered', async () => new Set(seen.map((event) => event.id)).size, (count) => count === appended.length, 30_000);
    expect([...new Set(seen.map((event) => event.id))]).toEqual(appended);
    // Repeats, if any, are redeliveries of events already seen, in order.
    const firsts = seen.filter((event, index) => seen.findIndex((other) => other.id === event.id) === index);
    expect(firsts.map((event) => event.id)).toEqual(appended);
    expect(subscription.status().state).not.toBe('failed');
    await subscription.stop();
  });
});
