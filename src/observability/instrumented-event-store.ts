import { DuplicateEventIdError, WrongExpectedRevisionError, type EventStore } from '../event-store/event-store';
import { appendDuration } from './metrics';
import { inSpan, SpanKind, tracingEnabled } from './tracing';

/**
 * An event store whose appends are timed (emporium_append_duration_seconds) and, while tracing,
 * are spans in the trace of whatever appends; a handled batch is then a span in the trace of its
 * first event, linked to the traces of the others.
 */
export function instrumentedEventStore(store: EventStore): EventStore {
  const tracing = tracingEnabled();
  return {
    async appendToStream(streamId, events, options) {
      const end = appendDuration.startTimer();
      try {
        const appended = await (tracing
          ? inSpan('append', { kind: SpanKind.CLIENT, attributes: { 'emporium.stream_id': streamId, 'emporium.events': events.length, 'emporium.event_types': typesOf(events) } }, () => store.appendToStream(streamId, events, options))
          : store.appendToStream(streamId, events, options));
        end({ outcome: 'ok' });
        return appended;
      } catch (error) {
        end({ outcome: error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError ? 'conflict' : 'error' });
        throw error;
      }
    },
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
    subscribe: (options) =>
      tracing
        ? store.subscribe({
            ...options,
            handle: (events, batch) =>
              inSpan(
                `handle ${options.subscriptionId}`,
                {
                  kind: SpanKind.CONSUMER,
                  attributes: { 'emporium.subscription': options.subscriptionId, 'emporium.events': events.length, 'emporium.event_types': typesOf(events) },
                  ...(events[0]?.metadata.traceparent ? { parent: events[0].metadata.traceparent } : {}),
                  links: events.slice(1).map((event) => event.metadata.traceparent),
                },
                () => options.handle(events, batch),
              ),
          })
        : store.subscribe(options),
    headCheckpoint: () => store.headCheckpoint(),
    checkpoints: store.checkpoints,
    close: () => store.close(),
  };
}

/** The kinds of events in a batch, for a span's attributes. */
function typesOf(events: readonly { type: string }[]): string {
  return [...new Set(events.map((event) => event.type))].join(',');
}
