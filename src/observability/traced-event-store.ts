import type { EventStore } from '../event-store/event-store';
import { inSpan, SpanKind, tracingEnabled } from './tracing';

/**
 * An event store whose appends and handled batches are spans: an append in the trace of whatever
 * appends, a batch in the trace of its first event, linked to the traces of the others. While
 * tracing is off the store is returned as it is.
 */
export function tracedEventStore(store: EventStore): EventStore {
  if (!tracingEnabled()) return store;
  return {
    appendToStream: (streamId, events, options) =>
      inSpan('append', { kind: SpanKind.CLIENT, attributes: { 'emporium.stream_id': streamId, 'emporium.events': events.length, 'emporium.event_types': [...new Set(events.map((event) => event.type))].join(',') } }, () =>
        store.appendToStream(streamId, events, options),
      ),
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
    subscribe: (options) =>
      store.subscribe({
        ...options,
        handle: (events, batch) =>
          inSpan(
            `handle ${options.subscriptionId}`,
            {
              kind: SpanKind.CONSUMER,
              attributes: { 'emporium.subscription': options.subscriptionId, 'emporium.events': events.length, 'emporium.event_types': [...new Set(events.map((event) => event.type))].join(',') },
              ...(events[0]?.metadata.traceparent ? { parent: events[0].metadata.traceparent } : {}),
              links: events.slice(1).map((event) => event.metadata.traceparent),
            },
            () => options.handle(events, batch),
          ),
      }),
    headCheckpoint: () => store.headCheckpoint(),
    checkpoints: store.checkpoints,
    close: () => store.close(),
  };
}
