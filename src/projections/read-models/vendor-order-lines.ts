import type { OrderEvent, OrderLine, OrderStatus } from '../../domain/orders/order';
import { sum, type Money } from '../../domain/shared/money';
import { streamPrefix } from '../../domain/stream-names';
import type { DocumentProjection } from '../document-projection';

/**
 * A vendor's part of an order: the lines of its products, their subtotal and where the order
 * stands. One document per order and vendor. It holds nothing of the customer (who, where) nor of
 * the payment: a vendor sees what it sold, not whom to.
 */
export interface VendorOrderLines {
  /** `<orderId>:<vendorId>` */
  readonly id: string;
  readonly orderId: string;
  readonly vendorId: string;
  readonly lines: readonly OrderLine[];
  readonly subtotal: Money;
  readonly status: OrderStatus;
  readonly placedAt: string;
  readonly updatedAt: string;
}

const statusOf: Partial<Record<OrderEvent['type'], { status: OrderStatus; at: (data: Record<string, unknown>) => unknown }>> = {
  OrderAwaitingPayment: { status: 'awaiting-payment', at: (data) => data.at },
  OrderPaid: { status: 'paid', at: (data) => data.paidAt },
  OrderPaymentFailed: { status: 'payment-failed', at: (data) => data.failedAt },
  OrderCancelled: { status: 'cancelled', at: (data) => data.cancelledAt },
  OrderRejected: { status: 'rejected', at: (data) => data.rejectedAt },
  OrderRefunded: { status: 'refunded', at: (data) => data.refundedAt },
  OrderShipped: { status: 'shipped', at: (data) => data.shippedAt },
  OrderDelivered: { status: 'delivered', at: (data) => data.deliveredAt },
};

const vendorsOf = (lines: readonly OrderLine[]): string[] => [...new Set(lines.flatMap((line) => (line.vendorId !== undefined ? [line.vendorId] : [])))];

export const vendorOrderLinesProjection: DocumentProjection<VendorOrderLines> = {
  name: 'vendor-order-lines',
  collection: {
    name: 'vendor_order_lines',
    indexes: [
      [{ path: 'vendorId', type: 'text' }, { path: 'placedAt', type: 'text' }, { path: 'id', type: 'text' }],
      [{ path: 'orderId', type: 'text' }, { path: 'id', type: 'text' }],
    ],
  },
  filter: { streamPrefixes: [streamPrefix('order')] },
  documentIds(recorded) {
    const event = recorded as unknown as OrderEvent;
    return event.type === 'OrderPlaced' ? vendorsOf(event.data.lines).map((vendorId) => `${event.data.orderId}:${vendorId}`) : [];
  },
  // Later events of the order name no vendor: its vendors' documents are found by the order's id.
  documentsWhere: (event) => (event.type !== 'OrderPlaced' && typeof event.data.orderId === 'string' ? { path: 'orderId', value: event.data.orderId, idPath: 'id' } : null),
  evolve(document, recorded, id) {
    const event = recorded as unknown as OrderEvent;
    if (event.type === 'OrderPlaced') {
      const { orderId, lines, total, placedAt } = event.data;
      const vendorId = id.slice(orderId.length + 1);
      const own = lines.filter((line) => line.vendorId === vendorId);
      return { id, orderId, vendorId, lines: own, subtotal: sum(own.map((line) => line.lineTotal), total.currency), status: 'placed', placedAt, updatedAt: placedAt };
    }
    const change = statusOf[event.type];
    if (!document || !change) return document;
    return { ...document, status: change.status, updatedAt: String(change.at(event.data as Record<string, unknown>)) };
  },
};
