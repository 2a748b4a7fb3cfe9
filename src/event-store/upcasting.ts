import type { EventStore, RecordedEvent } from './event-store';

/**
 * Reads an event written in an older shape (an earlier schema version, or by a bug since fixed) as
 * the code of today expects it. The log is never rewritten (its hash chains would say so): events
 * are upcast as they are read, so the fix for a malformed event is a new upcaster, deployed, after
 * which its projection resumes and its parked events can be retried. An upcaster returns the event
 * unchanged when it does not apply.
 */
export type Upcaster = (event: RecordedEvent) => RecordedEvent;

export function upcast(upcasters: readonly Upcaster[], event: RecordedEvent): RecordedEvent {
  return upcasters.reduce((current, upcaster) => upcaster(current), event);
}

/**
 * The event store as the application reads it: every event read, by stream, in the global log or
 * through a subscription, passes through the upcasters. Writes, checkpoints and the head are the
 * store's own. Audits of the log's integrity read the store itself, as written.
 */
export function upcastingEventStore(store: EventStore, upcasters: readonly Upcaster[]): EventStore {
  if (upcasters.length === 0) return store;
  const read = (event: RecordedEvent) => upcast(upcasters, event);
  return {
    appendToStream: (streamId, events, options) => store.appendToStream(streamId, events, options),
    readStream: async (streamId, options) => (await store.readStream(streamId, options)).map(read),
    async *readAll(options) {
      for await (const batch of store.readAll(options)) yield batch.map(read);
    },
    subscribe: (options) => store.subscribe({ ...options, handle: (events, context) => options.handle(events.map(read), context) }),
    headCheckpoint: () => store.headCheckpoint(),
    checkpoints: store.checkpoints,
    close: () => store.close(),
  };
}
