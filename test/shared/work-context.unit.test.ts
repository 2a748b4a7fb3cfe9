import { InMemoryEventStore } from '../../src/event-store/in-memory-event-store';
import { doingWorkOf, workOf } from '../../src/shared/work-context';
import { newEvent } from '../contract/event-store.contract';

describe('work context', () => {
  it('names the work for everything it sets off, however asynchronous, and nothing outside it', async () => {
    const seen = await doingWorkOf('command API', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return new Promise<string | undefined>((resolve) => setImmediate(() => resolve(workOf())));
    });
    expect(seen).toBe('command API');
    expect(workOf()).toBeUndefined();
  });

  it('names a subscription’s handling after the subscription, whoever appended the events', async () => {
    const store = new InMemoryEventStore();
    const seen: (string | undefined)[] = [];
    const subscription = store.subscribe({ subscriptionId: 'fulfilment', handle: async () => void seen.push(workOf()) });
    const appended = await doingWorkOf('command API', () => store.appendToStream('order-1', [newEvent('OrderPlaced')]));
    expect(await subscription.waitFor(appended.checkpoint, 5_000)).toBe(true);
    await subscription.stop();
    expect(seen).toEqual(['fulfilment']);
  });
});
