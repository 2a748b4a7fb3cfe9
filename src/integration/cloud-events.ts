import { cloudEventSource, cloudEventType, integrationEventNameOf, topicOf, type IntegrationEvent, type IntegrationEventName, type IntegrationTopic } from './integration-events';

/**
 * CloudEvents 1.0 over Kafka, binary content mode: the attributes in `ce_*` headers, the data as
 * the JSON value, the entity as the key (CloudEvents Kafka protocol binding). `traceparent` is the
 * W3C trace context header, as tracing instrumentations read it on Kafka.
 */
export interface KafkaRecord {
  readonly topic: IntegrationTopic;
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

export function toKafkaRecord(event: IntegrationEvent): KafkaRecord {
  const topic = topicOf[event.name];
  return {
    topic,
    key: event.key,
    value: JSON.stringify(event.data),
    headers: {
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: cloudEventSource(topic),
      ce_type: cloudEventType(event.name),
      ce_time: event.time,
      ce_subject: event.subject,
      'content-type': 'application/json',
      ...(event.correlationId ? { ce_correlationid: event.correlationId } : {}),
      ...(event.causationId ? { ce_causationid: event.causationId } : {}),
      ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    },
  };
}

/** A message that is not one of our CloudEvents: it goes to the dead-letter topic with this reason. */
export class MalformedMessage extends Error {}

export interface ReceivedCloudEvent {
  readonly id: string;
  readonly name: IntegrationEventName;
  readonly subject: string;
  readonly time: string;
  readonly data: Record<string, unknown>;
  readonly correlationId?: string;
  readonly traceparent?: string;
}

type Headers = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export function fromKafkaMessage(message: { value: Buffer | null; headers?: Headers }): ReceivedCloudEvent {
  const header = (name: string): string | undefined => {
    const value = message.headers?.[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  };
  const required = (name: string): string => {
    const value = header(name);
    if (!value) throw new MalformedMessage(`No ${name} header`);
    return value;
  };
  if (required('ce_specversion') !== '1.0') throw new MalformedMessage(`CloudEvents spec version ${header('ce_specversion')} is not 1.0`);
  const type = required('ce_type');
  const name = integrationEventNameOf(type);
  if (!name) throw new MalformedMessage(`Unknown event type ${type}`);
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString() ?? '');
  } catch {
    throw new MalformedMessage('The value is not JSON');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new MalformedMessage('The value is not a JSON object');
  const correlationId = header('ce_correlationid');
  const traceparent = header('traceparent');
  return {
    id: required('ce_id'),
    name,
    subject: required('ce_subject'),
    time: required('ce_time'),
    data: data as Record<string, unknown>,
    ...(correlationId ? { correlationId } : {}),
    ...(traceparent ? { traceparent } : {}),
  };
}
