import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { inventoryHandlers } from '../../src/commands/handlers/inventory-handlers';
import { InMemoryEventStore } from '../../src/event-store/in-memory-event-store';
import type { RecordedEvent } from '../../src/event-store/event-store';
import { asyncApiDocument, integrationExamples } from '../../src/integration/asyncapi';
import { fromKafkaMessage, MalformedMessage, toKafkaRecord } from '../../src/integration/cloud-events';
import { publishedDomainEventTypes, toIntegrationEvent, UnmappableEvent } from '../../src/integration/from-domain-events';
import { topicOf, type IntegrationEventName } from '../../src/integration/integration-events';
import { integrationSchemas } from '../../src/integration/integration-schemas';
import { toProcessInput } from '../../src/integration/to-process-input';
import { writeShopHistory } from '../support/shop-history';
import { customerHandlers } from '../../src/commands/handlers/customer-handlers';
import { silentLogger } from '../../src/shared/logger';
import { inMemoryVault } from '../support/vault';

const ajv = addFormats(new Ajv({ allErrors: true }));
const asKafkaMessage = (record: ReturnType<typeof toKafkaRecord>) => ({ value: Buffer.from(record.value), headers: Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)])) });

describe('integration events made from a shop history', () => {
  let events: RecordedEvent[];
  beforeAll(async () => {
    const store = new InMemoryEventStore();
    await writeShopHistory(store, { products: 6, customers: 4, orders: 40 });
    // A count that finds the shelf nearly empty: stock changed, and low.
    await inventoryHandlers(store).adjustStock({ code: 'TEA-0', countedOnHand: 1, reason: 'count' }, { now: new Date(), actor: { id: 'test', role: 'staff' }, correlationId: 'count-1' });
    events = [];
    for await (const batch of store.readAll()) events.push(...batch);
    // And a customer erased.
    const customerId = events.find((event) => event.type === 'CustomerRegistered')!.data.customerId as string;
    await customerHandlers(store, silentLogger, inMemoryVault()).eraseCustomer({ customerId }, { now: new Date(), actor: { id: 'admin-1', role: 'admin' }, correlationId: 'erase-1' });
    events = [];
    for await (const batch of store.readAll()) events.push(...batch);
  });

  it('makes one of every kind, each valid against its published schema, keyed by its entity', () => {
    const seen = new Set<IntegrationEventName>();
    for (const event of events) {
      const made = toIntegrationEvent(event);
      expect(made === null).toBe(!(publishedDomainEventTypes as readonly string[]).includes(event.type));
      if (!made) continue;
      seen.add(made.name);
      const validate = ajv.compile(integrationSchemas[made.name]);
      expect({ event: event.type, valid: validate(made.data), errors: validate.errors ?? null }).toEqual({ event: event.type, valid: true, errors: null });
      expect(made.id).toBe(event.id);
      expect(made.key).toBe({ stock: event.data.code, customers: event.data.customerId, orders: event.data.orderId, payments: event.data.orderId }[topicOf[made.name]]);
    }
    expect([...seen].sort()).toEqual(['customer_erased', 'order_created', 'order_delivered', 'order_shipped', 'order_status_changed', 'payment_processed', 'stock_changed', 'stock_low']);
  });

  it('goes over Kafka as a CloudEvent in binary mode and comes back as the process input it stands for, with the same id', () => {
    for (const event of events) {
      const made = toIntegrationEvent(event);
      if (!made) continue;
      const record = toKafkaRecord(made);
      expect(record.headers).toMatchObject({ ce_specversion: '1.0', ce_id: event.id, ce_type: `emporium.${made.name}.v1`, ce_source: `/emporium/${record.topic}`, 'content-type': 'application/json' });
      expect(record.headers.ce_correlationid).toBe(event.metadata.correlationId);
      const input = toProcessInput(fromKafkaMessage(asKafkaMessage(record)));
      expect({ id: input.id, type: input.type, streamId: input.streamId }).toEqual({ id: event.id, type: event.type, streamId: event.streamId });
      // The fields the process managers act on come through unchanged.
      for (const field of ['orderId', 'paymentId', 'reason', 'code', 'available', 'threshold', 'customerId'] as const) {
        if (field in event.data && field in input.data) expect(input.data[field]).toEqual(event.data[field]);
      }
      if (event.type === 'OrderPlaced' || event.type.startsWith('Payment')) expect(input.data.orderId).toBe(event.data.orderId);
      if (event.type === 'PaymentFailed') expect(input.data.reason).toBe(event.data.reason);
    }
  });

  it('never lets a field added to a domain event out unnoticed', () => {
    const paid = events.find((event) => event.type === 'PaymentSucceeded')!;
    const made = toIntegrationEvent({ ...paid, data: { ...paid.data, cardNumber: '4242424242424242' } });
    expect(JSON.stringify(made)).not.toContain('4242');
  });

  it('refuses a domain event whose data is not what its type promises, naming what is missing', () => {
    const placed = events.find((event) => event.type === 'OrderPlaced')!;
    expect(() => toIntegrationEvent({ ...placed, data: { ...placed.data, lines: [] } })).toThrow(new UnmappableEvent(`OrderPlaced ${placed.id} has no lines`));
    const low = events.find((event) => event.type === 'LowStockReached')!;
    expect(() => toIntegrationEvent({ ...low, data: { ...low.data, available: 'few' } })).toThrow(UnmappableEvent);
  });
});

describe('messages that are not our CloudEvents', () => {
  const good = toKafkaRecord({ id: 'e-1', name: 'stock_low', key: 'TEA', subject: 'product/TEA', time: '2026-01-01T00:00:00.000Z', data: { productId: 'TEA', available: 1, threshold: 3, timestamp: '2026-01-01T00:00:00.000Z' } });
  const message = (change: { value?: string; headers?: Record<string, string | undefined> }) => {
    const headers = { ...good.headers, ...change.headers };
    return { value: Buffer.from(change.value ?? good.value), headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined).map(([name, value]) => [name, Buffer.from(value!)])) };
  };

  it.each([
    ['no id', { headers: { ce_id: undefined } }, 'No ce_id header'],
    ['another spec version', { headers: { ce_specversion: '0.3' } }, 'CloudEvents spec version 0.3 is not 1.0'],
    ['an unknown type', { headers: { ce_type: 'emporium.stock_low.v9' } }, 'Unknown event type emporium.stock_low.v9'],
    ['a value that is not JSON', { value: '{"productId":' }, 'The value is not JSON'],
    ['a value that is an array', { value: '[]' }, 'The value is not a JSON object'],
  ])('calls a message with %s malformed', (_what, change, reason) => {
    expect(() => fromKafkaMessage(message(change))).toThrow(new MalformedMessage(reason));
  });

  it('calls data that does not match the published schema malformed, naming the field', () => {
    expect(() => toProcessInput(fromKafkaMessage(message({ value: JSON.stringify({ productId: 'TEA', available: 'one', threshold: 3, timestamp: '2026-01-01T00:00:00.000Z' }) })))).toThrow(/stock_low e-1: data\/available must be integer/);
  });
});

describe('the AsyncAPI document', () => {
  const document = asyncApiDocument({ topicPrefix: 'shop.' }) as { asyncapi: string; channels: Record<string, { address: string; messages: Record<string, unknown> }>; components: { messages: Record<string, { payload: object; examples: { payload: unknown }[] }> } };

  it('names every topic with its prefix and every message with a schema its example satisfies', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.values(document.channels).map((channel) => channel.address)).toEqual(['shop.orders', 'shop.payments', 'shop.stock', 'shop.customers']);
    for (const [name, message] of Object.entries(document.components.messages)) {
      const validate = ajv.compile(message.payload);
      expect({ name, valid: validate(message.examples[0]!.payload) }).toEqual({ name, valid: true });
      expect(message.examples[0]!.payload).toBe(integrationExamples[name as IntegrationEventName]);
    }
  });
});
