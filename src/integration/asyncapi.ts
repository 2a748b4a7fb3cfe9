import { cloudEventSource, cloudEventType, integrationEventVersion, integrationTopics, topicOf, type IntegrationEventName, type IntegrationTopic } from './integration-events';
import { integrationDescriptions, integrationSchemas } from './integration-schemas';

/** One example of each message, for the document and the README; a test checks them against the schemas too. */
export const integrationExamples: Record<IntegrationEventName, Record<string, unknown>> = {
  order_created: {
    orderId: '0b6f9a8e-3c1d-4f7a-9e2b-5d8c7a6b4e31',
    userId: '7d2e4c1a-9b8f-4e6d-a3c5-1f0e9d8c7b6a',
    items: [{ productId: 'TEA-SENCHA', quantity: 2, price: { amount: 2999, currency: 'EUR' } }],
    totalAmount: { amount: 5998, currency: 'EUR' },
    timestamp: '2026-01-15T10:30:00.000Z',
  },
  order_status_changed: { orderId: '0b6f9a8e-3c1d-4f7a-9e2b-5d8c7a6b4e31', userId: '7d2e4c1a-9b8f-4e6d-a3c5-1f0e9d8c7b6a', status: 'paid', paymentId: 'c4a1e2f3-5b6d-4c7e-8f9a-0b1c2d3e4f50', timestamp: '2026-01-15T10:31:02.000Z' },
  order_shipped: { orderId: '0b6f9a8e-3c1d-4f7a-9e2b-5d8c7a6b4e31', userId: '7d2e4c1a-9b8f-4e6d-a3c5-1f0e9d8c7b6a', carrier: 'Sandbox Post', service: 'standard', trackingNumber: 'SBX3F2A9C41B07D', timestamp: '2026-01-16T09:12:00.000Z' },
  order_delivered: { orderId: '0b6f9a8e-3c1d-4f7a-9e2b-5d8c7a6b4e31', userId: '7d2e4c1a-9b8f-4e6d-a3c5-1f0e9d8c7b6a', trackingNumber: 'SBX3F2A9C41B07D', timestamp: '2026-01-18T14:40:00.000Z' },
  payment_processed: { paymentId: 'c4a1e2f3-5b6d-4c7e-8f9a-0b1c2d3e4f50', orderId: '0b6f9a8e-3c1d-4f7a-9e2b-5d8c7a6b4e31', amount: { amount: 5998, currency: 'EUR' }, status: 'SUCCESS', timestamp: '2026-01-15T10:31:00.000Z' },
  stock_changed: { productId: 'TEA-SENCHA', change: 'reserved', quantity: 2, available: 38, orderId: '0b6f9a8e-3c1d-4f7a-9e2b-5d8c7a6b4e31', timestamp: '2026-01-15T10:30:01.000Z' },
  stock_low: { productId: 'TEA-SENCHA', available: 3, threshold: 5, timestamp: '2026-01-15T10:30:01.000Z' },
  customer_erased: { userId: '7d2e4c1a-9b8f-4e6d-a3c5-1f0e9d8c7b6a', timestamp: '2026-02-01T09:00:00.000Z' },
};

const topicDescriptions: Record<IntegrationTopic, string> = {
  orders: "Orders: created, each change of status, shipped and delivered. Key: the order's id.",
  payments: "Payments' outcomes. Key: the order's id, so an order's payments stay in order.",
  stock: "Stock levels and low-stock alerts. Key: the product's code.",
  customers: "Customers erased (GDPR art. 17), for other systems to forget them too. Key: the customer's id.",
};

/**
 * The AsyncAPI 3.0 document of what Emporium publishes on Kafka: a channel per topic, a message per
 * integration event with its CloudEvents headers and its data's JSON Schema. Served at
 * /api/asyncapi.json; a test checks every message the relay publishes against it.
 */
export function asyncApiDocument(options: { topicPrefix: string; brokers?: readonly string[] }): Record<string, unknown> {
  const names = Object.keys(topicOf) as IntegrationEventName[];
  const messageRef = (name: IntegrationEventName) => ({ $ref: `#/components/messages/${name}` });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Emporium integration events',
      version: `${integrationEventVersion}.0.0`,
      description:
        'What Emporium tells other systems: CloudEvents 1.0 on Kafka in binary content mode (attributes in ce_* headers, data as the JSON value). ' +
        'Delivery is at least once: a message may come again after a crash, always with the same ce_id, so consumers keep the ids they handled (or derive idempotent actions from them). ' +
        'Money is integer minor units plus an ISO 4217 currency. A change of shape comes as a new version of the type (emporium.<name>.v2), beside the old.',
    },
    defaultContentType: 'application/json',
    servers: Object.fromEntries((options.brokers?.length ? options.brokers : ['localhost:9092']).map((host, index) => [`broker${index + 1}`, { host, protocol: 'kafka', description: 'A broker of the cluster named by KAFKA_BROKERS' }])),
    channels: Object.fromEntries(
      integrationTopics.map((topic) => [
        topic,
        {
          address: `${options.topicPrefix}${topic}`,
          description: topicDescriptions[topic],
          messages: Object.fromEntries(names.filter((name) => topicOf[name] === topic).map((name) => [name, messageRef(name)])),
        },
      ]),
    ),
    operations: Object.fromEntries(
      integrationTopics.map((topic) => [
        `publish_${topic}`,
        {
          action: 'send',
          channel: { $ref: `#/channels/${topic}` },
          messages: names.filter((name) => topicOf[name] === topic).map((name) => ({ $ref: `#/channels/${topic}/messages/${name}` })),
        },
      ]),
    ),
    components: {
      messages: Object.fromEntries(
        names.map((name) => [
          name,
          {
            name,
            title: name,
            summary: integrationDescriptions[name],
            contentType: 'application/json',
            headers: cloudEventHeaders(name),
            payload: integrationSchemas[name],
            bindings: { kafka: { key: { type: 'string', description: topicOf[name] === 'stock' ? "The product's code" : "The order's id" }, bindingVersion: '0.5.0' } },
            examples: [{ name: 'example', payload: integrationExamples[name] }],
          },
        ]),
      ),
    },
  };
}

function cloudEventHeaders(name: IntegrationEventName): Record<string, unknown> {
  const text = (description: string) => ({ type: 'string', description });
  return {
    type: 'object',
    required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_subject', 'content-type'],
    properties: {
      ce_specversion: { type: 'string', const: '1.0' },
      ce_id: text('Unique per event, the same on every resend: the id of the domain event it comes from'),
      ce_source: { type: 'string', const: cloudEventSource(topicOf[name]) },
      ce_type: { type: 'string', const: cloudEventType(name) },
      ce_time: { type: 'string', format: 'date-time', description: 'When the event was recorded' },
      ce_subject: text('The entity: order/<id> or product/<code>'),
      'content-type': { type: 'string', const: 'application/json' },
      ce_correlationid: text('The request or process the event belongs to'),
      ce_causationid: text('The event or command that caused it'),
      traceparent: text('W3C trace context of the request that caused it'),
    },
  };
}
