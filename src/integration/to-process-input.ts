import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { streamName } from '../domain/stream-names';
import type { JsonObject } from '../event-store/event-store';
import type { ProcessInput } from '../processes/process-runner';
import { MalformedMessage, type ReceivedCloudEvent } from './cloud-events';
import type { IntegrationEventName, IntegrationEventTypes } from './integration-events';
import { integrationSchemas } from './integration-schemas';

const ajv = addFormats(new Ajv({ allErrors: false }));
const validators = Object.fromEntries(Object.entries(integrationSchemas).map(([name, schema]) => [name, ajv.compile(schema)])) as Record<IntegrationEventName, ValidateFunction>;

/** Checks a received event's data against its published schema; a message that fails is malformed, not worth retrying. */
export function validData<Name extends IntegrationEventName>(event: ReceivedCloudEvent & { name: Name }): IntegrationEventTypes[Name] {
  const validate = validators[event.name];
  if (!validate(event.data)) throw new MalformedMessage(`${event.name} ${event.id}: ${ajv.errorsText(validate.errors)}`);
  return event.data as unknown as IntegrationEventTypes[Name];
}

/**
 * The process input an integration event stands for: the domain event it was made from, as far as
 * a process manager reads one (type, the ids and facts it acts on, correlation), with the same id.
 * So the fulfilment saga and the notifications process run unchanged on Kafka, and the commands
 * they cause get the same idempotent ids whichever way the event reached them.
 */
export function toProcessInput(event: ReceivedCloudEvent): ProcessInput {
  const input = (streamId: string, type: string, data: JsonObject): ProcessInput => ({
    id: event.id,
    type,
    data,
    streamId,
    metadata: { ...(event.correlationId ? { correlationId: event.correlationId } : {}), ...(event.traceparent ? { traceparent: event.traceparent } : {}) },
  });
  switch (event.name) {
    case 'order_created': {
      const data = validData({ ...event, name: 'order_created' });
      return input(streamName('order', data.orderId), 'OrderPlaced', { orderId: data.orderId, customerId: data.userId, placedAt: data.timestamp });
    }
    case 'order_status_changed': {
      const data = validData({ ...event, name: 'order_status_changed' });
      const type = { awaiting_payment: 'OrderAwaitingPayment', paid: 'OrderPaid', payment_failed: 'OrderPaymentFailed', cancelled: 'OrderCancelled', rejected: 'OrderRejected', refunded: 'OrderRefunded' }[data.status];
      return input(streamName('order', data.orderId), type, { orderId: data.orderId, customerId: data.userId, ...(data.paymentId ? { paymentId: data.paymentId } : {}), ...(data.reason ? { reason: data.reason } : {}) });
    }
    case 'order_shipped': {
      const data = validData({ ...event, name: 'order_shipped' });
      const { orderId, userId, carrier, service, trackingNumber, timestamp } = data;
      return input(streamName('order', orderId), 'OrderShipped', { orderId, customerId: userId, carrier, service, trackingNumber, shippedAt: timestamp });
    }
    case 'order_delivered': {
      const data = validData({ ...event, name: 'order_delivered' });
      const { orderId, userId, trackingNumber, timestamp } = data;
      return input(streamName('order', orderId), 'OrderDelivered', { orderId, customerId: userId, trackingNumber, deliveredAt: timestamp });
    }
    case 'payment_processed': {
      const data = validData({ ...event, name: 'payment_processed' });
      const common = { paymentId: data.paymentId, orderId: data.orderId, amount: { ...data.amount } };
      const refund = { ...common, refundId: data.refundId ?? 'unknown' };
      const [type, fields]: [string, JsonObject] = {
        SUCCESS: () => ['PaymentSucceeded', { ...common, succeededAt: data.timestamp }] as [string, JsonObject],
        FAILED: () => ['PaymentFailed', { ...common, reason: data.reason ?? 'unknown', failedAt: data.timestamp }] as [string, JsonObject],
        SUCCESS_LATE: () => ['PaymentSucceededLate', { ...common, succeededAt: data.timestamp }] as [string, JsonObject],
        REFUND_REQUESTED: () => ['RefundRequested', { ...refund, requestedAt: data.timestamp }] as [string, JsonObject],
        REFUNDED: () => ['PaymentRefunded', { ...refund, refundedAt: data.timestamp }] as [string, JsonObject],
        REFUND_FAILED: () => ['RefundFailed', { ...refund, reason: data.reason ?? 'unknown', failedAt: data.timestamp }] as [string, JsonObject],
      }[data.status]();
      return input(streamName('payment', data.paymentId), type, fields);
    }
    case 'stock_changed': {
      const data = validData({ ...event, name: 'stock_changed' });
      const type = { received: 'StockReceived', reserved: 'StockReserved', released: 'ReservationReleased', committed: 'ReservationCommitted', adjusted: 'StockAdjusted' }[data.change];
      return input(streamName('inventory', data.productId), type, { ...data, code: data.productId });
    }
    case 'stock_low': {
      const data = validData({ ...event, name: 'stock_low' });
      return input(streamName('inventory', data.productId), 'LowStockReached', { code: data.productId, available: data.available, threshold: data.threshold, reachedAt: data.timestamp });
    }
    case 'customer_erased': {
      const data = validData({ ...event, name: 'customer_erased' });
      return input(streamName('customer', data.userId), 'CustomerErased', { customerId: data.userId, erasedAt: data.timestamp });
    }
  }
}
