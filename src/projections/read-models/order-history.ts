import type { CarrierStatus, OrderEvent, OrderLine, OrderShipping, OrderStatus, PaymentMethod, Shipment, UnavailableLine } from '../../domain/orders/order';
import type { PostalAddress } from '../../domain/shared/address';
import type { Money } from '../../domain/shared/money';
import { streamPrefix } from '../../domain/stream-names';
import { documentNamedBy, documentsOfErasedCustomer, type DocumentProjection } from '../document-projection';
import type { CustomerEvent } from '../../domain/customers/customer';
import { erasedAddress } from '../../privacy/personal-fields';

export interface OrderTimelineEntry {
  readonly status: OrderStatus;
  readonly at: string;
  readonly reason?: string;
  readonly paymentId?: string;
  readonly unavailable?: readonly UnavailableLine[];
}

/** An order as its customer and the staff see it, with how it got where it stands. */
export interface OrderSummary {
  readonly orderId: string;
  readonly customerId: string;
  readonly lines: readonly OrderLine[];
  readonly total: Money;
  readonly paymentMethod: PaymentMethod;
  readonly shippingAddress: PostalAddress;
  readonly status: OrderStatus;
  readonly placedAt: string;
  readonly paymentId: string | null;
  readonly timeline: readonly OrderTimelineEntry[];
  /** How it travels and what that cost (in the total); absent: collected at the shop. */
  readonly shipping?: OrderShipping;
  /** The parcel, once shipped, and the carrier's word on it, oldest first. */
  readonly shipment?: Shipment & { readonly tracking: readonly TrackingEntry[] };
}

export interface TrackingEntry {
  readonly status: CarrierStatus;
  readonly at: string;
  readonly description?: string;
}

export const orderHistoryProjection: DocumentProjection<OrderSummary> = {
  name: 'order-history',
  collection: { name: 'orders', indexes: [
      [{ path: 'customerId', type: 'text' }, { path: 'placedAt', type: 'text' }, { path: 'orderId', type: 'text' }],
      [{ path: 'placedAt', type: 'text' }, { path: 'orderId', type: 'text' }],
      [{ path: 'status', type: 'text' }, { path: 'placedAt', type: 'text' }, { path: 'orderId', type: 'text' }],
    ],
  },
  filter: { streamPrefixes: [streamPrefix('order'), streamPrefix('customer')] },
  documentIds: documentNamedBy('orderId'),
  documentsWhere: documentsOfErasedCustomer('orderId'),
  evolve(order, recorded) {
    const event = recorded as unknown as OrderEvent | Extract<CustomerEvent, { type: 'CustomerErased' }>;
    if (event.type === 'OrderPlaced') {
      const { orderId, customerId, lines, total, paymentMethod, shippingAddress, shipping, placedAt } = event.data;
      return { orderId, customerId, lines, total, paymentMethod, shippingAddress, ...(shipping ? { shipping } : {}), status: 'placed', placedAt, paymentId: null, timeline: [{ status: 'placed', at: placedAt }] };
    }
    if (!order) return null;
    const next = (entry: OrderTimelineEntry, paymentId = order.paymentId): OrderSummary => ({ ...order, status: entry.status, paymentId, timeline: [...order.timeline, entry] });
    switch (event.type) {
      case 'CustomerErased':
        return { ...order, shippingAddress: erasedAddress };
      case 'OrderAwaitingPayment':
        return next({ status: 'awaiting-payment', at: event.data.at, paymentId: event.data.paymentId }, event.data.paymentId);
      case 'OrderPaid':
        return next({ status: 'paid', at: event.data.paidAt, paymentId: event.data.paymentId });
      case 'OrderPaymentFailed':
        return next({ status: 'payment-failed', at: event.data.failedAt, reason: event.data.reason, paymentId: event.data.paymentId });
      case 'OrderCancelled':
        return next({ status: 'cancelled', at: event.data.cancelledAt, reason: event.data.reason });
      case 'OrderRejected':
        return next({ status: 'rejected', at: event.data.rejectedAt, reason: event.data.reason, unavailable: event.data.unavailable });
      case 'OrderRefunded':
        return next({ status: 'refunded', at: event.data.refundedAt, reason: event.data.reason, paymentId: event.data.paymentId });
      case 'OrderShipped': {
        const { shipmentId, carrier, service, trackingNumber, labelUrl, shippedAt } = event.data;
        return { ...next({ status: 'shipped', at: shippedAt }), shipment: { shipmentId, carrier, service, trackingNumber, labelUrl, tracking: [] } };
      }
      case 'OrderTrackingUpdated': {
        const { status, occurredAt, description } = event.data;
        return order.shipment ? { ...order, shipment: { ...order.shipment, tracking: [...order.shipment.tracking, { status, at: occurredAt, ...(description ? { description } : {}) }] } } : order;
      }
      case 'OrderDelivered': {
        const { deliveredAt, description } = event.data;
        const delivered = next({ status: 'delivered', at: deliveredAt });
        return order.shipment ? { ...delivered, shipment: { ...order.shipment, tracking: [...order.shipment.tracking, { status: 'delivered', at: deliveredAt, ...(description ? { description } : {}) }] } } : delivered;
      }
      default:
        return order;
    }
  },
};
