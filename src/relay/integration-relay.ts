import { openSpan, SpanKind, type OpenSpan } from '../observability/tracing';
import type { Message, Producer } from 'kafkajs';
import type { EventStore, RecordedEvent, Subscription, SubscriptionStatus } from '../event-store/event-store';
import { toKafkaRecord } from '../integration/cloud-events';
import { publishedDomainEventTypes, toIntegrationEvent, UnmappableEvent } from '../integration/from-domain-events';
import { deadLetterTopic, type KafkaBus } from '../messaging/kafka/kafka-bus';
import type { Logger } from '../shared/logger';

export const relaySubscriptionId = 'integration-relay';

/**
 * Follows the event log (either store) and publishes each domain event other systems hear of as
 * its integration event, a CloudEvent on Kafka. The checkpoint is the event store's, saved after a
 * batch only once the broker has acknowledged all of it (acks -1): a crash in between sends the
 * batch again, as the same CloudEvent ids, which consumers recognise. Nothing is lost, and nothing
 * new is made up on a resend.
 *
 * A domain event that cannot be mapped (its data is not what its type promises) goes to the
 * dead-letter topic with the reason, rather than stopping every other system's news.
 */
export class IntegrationRelay {
  private subscription: Subscription | null = null;
  private readonly producer: Producer;
  private published = 0;

  constructor(
    private readonly eventStore: EventStore,
    private readonly bus: KafkaBus,
    private readonly logger: Logger,
    private readonly options: { batchSize?: number } = {},
  ) {
    this.producer = bus.producer();
  }

  async start(): Promise<void> {
    await this.bus.ensureTopics();
    await this.producer.connect();
    this.subscription = this.eventStore.subscribe({
      subscriptionId: relaySubscriptionId,
      filter: { eventTypes: publishedDomainEventTypes },
      batchSize: this.options.batchSize ?? 500,
      // A broker that is away is waited for, however long: the events keep in the log meanwhile.
      retry: { maxAttempts: Number.MAX_SAFE_INTEGER, initialDelayMs: 200, maxDelayMs: 10_000 },
      handle: (events) => this.publish(events),
    });
  }

  private async publish(events: readonly RecordedEvent[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    const add = (topic: string, message: Message) => byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
    // A publish span per message, in the trace of its own event (not the batch's): the consumers
    // continue from the span named in the message's traceparent header.
    const spans: OpenSpan[] = [];
    for (const event of events) {
      try {
        const integrationEvent = toIntegrationEvent(event);
        if (!integrationEvent) continue;
        const record = toKafkaRecord(integrationEvent);
        const topic = this.bus.topic(record.topic);
        const span = openSpan(`publish ${topic}`, { kind: SpanKind.PRODUCER, ...(event.metadata.traceparent ? { parent: event.metadata.traceparent } : {}), attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.message.id': integrationEvent.id } });
        spans.push(span);
        add(topic, { key: record.key, value: record.value, headers: { ...record.headers, ...(span.traceparent ? { traceparent: span.traceparent } : {}) } });
      } catch (error) {
        if (!(error instanceof UnmappableEvent)) throw error;
        this.logger.error('an event could not be told to other systems: sent to the dead-letter topic', { eventId: event.id, type: event.type, streamId: event.streamId, error: error.message });
        add(this.bus.topic(deadLetterTopic), {
          key: event.streamId,
          value: JSON.stringify({ id: event.id, type: event.type, streamId: event.streamId, revision: event.revision, data: event.data }),
          headers: { ce_id: event.id, dead_letter_source: 'integration-relay', dead_letter_error: error.message },
        });
      }
    }
    if (byTopic.size === 0) return;
    try {
      await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    } catch (error) {
      for (const span of spans) span.end(error);
      throw error;
    }
    for (const span of spans) span.end();
    this.published += [...byTopic.values()].reduce((sum, messages) => sum + messages.length, 0);
  }

  status(): (SubscriptionStatus & { published: number }) | null {
    return this.subscription ? { ...this.subscription.status(), published: this.published } : null;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    await this.producer.disconnect();
  }
}
