import type { CustomerEvent } from '../../domain/customers/customer';
import type { OrderEvent, OrderStatus } from '../../domain/orders/order';
import type { PostalAddress } from '../../domain/shared/address';
import type { Money } from '../../domain/shared/money';
import { streamPrefix } from '../../domain/stream-names';
import { documentNamedBy, type DocumentProjection } from '../document-projection';
import { erasedAddress, erasedText } from '../../privacy/personal-fields';

/** A customer's profile with a summary of their orders. */
export interface CustomerProfile {
  readonly customerId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly shippingAddress: PostalAddress;
  readonly registeredAt: string;
  /** Set once the customer is erased: their name, email and address then read as erased. */
  readonly erasedAt?: string;
  /** The mobile number text messages go to, once they opted in; null: no text messages. */
  readonly smsPhone?: string | null;
  readonly orders: {
    readonly count: number;
    /** Paid orders only, per currency (a shop may change currency; money never mixes). */
    readonly totalSpent: readonly Money[];
    readonly lastOrder: { readonly orderId: string; readonly placedAt: string; readonly status: OrderStatus; readonly total: Money } | null;
  };
}

const noOrders: CustomerProfile['orders'] = { count: 0, totalSpent: [], lastOrder: null };
const statusAfter: Partial<Record<OrderEvent['type'], OrderStatus>> = {
  OrderAwaitingPayment: 'awaiting-payment',
  OrderPaid: 'paid',
  OrderPaymentFailed: 'payment-failed',
  OrderCancelled: 'cancelled',
  OrderRejected: 'rejected',
  OrderRefunded: 'refunded',
  OrderShipped: 'shipped',
  OrderDelivered: 'delivered',
};

function addSpent(spent: readonly Money[], amount: Money): Money[] {
  const same = spent.find((money) => money.currency === amount.currency);
  return same ? spent.map((money) => (money === same ? { amount: money.amount + amount.amount, currency: money.currency } : money)) : [...spent, amount];
}

export const customersProjection: DocumentProjection<CustomerProfile> = {
  name: 'customers',
  collection: { name: 'customers', indexes: [[{ path: 'registeredAt', type: 'text' }, { path: 'customerId', type: 'text' }]] },
  filter: { streamPrefixes: [streamPrefix('customer'), streamPrefix('order')] },
  documentIds: documentNamedBy('customerId'),
  evolve(customer, recorded) {
    const event = recorded as unknown as CustomerEvent | OrderEvent;
    if (event.type === 'CustomerRegistered') {
      const { customerId, firstName, lastName, email, shippingAddress, registeredAt } = event.data;
      return { customerId, firstName, lastName, email, shippingAddress, registeredAt, orders: customer?.orders ?? noOrders };
    }
    if (!customer) return null;
    switch (event.type) {
      case 'ShippingAddressChanged':
        return { ...customer, shippingAddress: event.data.shippingAddress };
      case 'CustomerEmailChanged':
        return { ...customer, email: event.data.email };
      case 'CustomerOptedInToSms':
        return { ...customer, smsPhone: event.data.phone };
      case 'CustomerOptedOutOfSms':
        return { ...customer, smsPhone: null };
      case 'CustomerErased':
        return { ...customer, firstName: erasedText, lastName: erasedText, email: erasedText, shippingAddress: erasedAddress, smsPhone: null, erasedAt: event.data.erasedAt };
      case 'OrderPlaced':
        return {
          ...customer,
          orders: { ...customer.orders, count: customer.orders.count + 1, lastOrder: { orderId: event.data.orderId, placedAt: event.data.placedAt, status: 'placed', total: event.data.total } },
        };
      default: {
        const status = statusAfter[event.type as OrderEvent['type']];
        if (!status) return customer;
        const { lastOrder } = customer.orders;
        return {
          ...customer,
          orders: {
            ...customer.orders,
            totalSpent: event.type === 'OrderPaid' ? addSpent(customer.orders.totalSpent, event.data.total) : customer.orders.totalSpent,
            lastOrder: lastOrder && lastOrder.orderId === (event as OrderEvent).data.orderId ? { ...lastOrder, status } : lastOrder,
          },
        };
      }
    }
  },
};
