import { useEffect, useState } from 'react';
import { api, call, formatMoney, type Order, type Payment } from '../api/client';
import { cart } from '../cart';
import { Link, navigate } from '../router';
import { Alert, formatDate, StatusBadge } from '../ui';

const settled = new Set(['paid', 'shipped', 'delivered', 'payment-failed', 'cancelled', 'rejected', 'refunded']);
const carrierWords: Record<string, string> = { in_transit: 'In transit', out_for_delivery: 'Out for delivery', delivered: 'Delivered', exception: 'A problem on the way' };

/** How soon to look again: quickly while the payment is out, slowly while a parcel is still to come, never once it is over. */
function nextLookMs(order: Order | undefined): number | null {
  if (!order || !settled.has(order.status)) return 1_000;
  return order.shipping && (order.status === 'paid' || order.status === 'shipped') ? 10_000 : null;
}

/**
 * Follows the order until it settles, without the customer reloading: it asks again every second,
 * with the tab's latest checkpoint (the order's own), so the first answer already shows the order.
 */
export function OrderPage({ orderId }: { orderId: string }) {
  const [order, setOrder] = useState<Order | null>(null);
  const [payments, setPayments] = useState<Payment[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const poll = async () => {
      const [o, p] = await Promise.all([
        call(() => api.GET('/api/orders/{orderId}', { params: { path: { orderId } } })),
        call(() => api.GET('/api/orders/{orderId}/payments', { params: { path: { orderId } } })),
      ]);
      if (!live) return;
      if (o.data) {
        setOrder(o.data);
        setError(null);
      } else if (o.response.status === 404) return setError('There is no such order among yours.');
      if (p.data) setPayments(p.data.items);
      const next = nextLookMs(o.data);
      if (next !== null) timer = setTimeout(() => void poll(), next);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [orderId]);

  if (error) return <Alert>{error}</Alert>;
  if (!order) return <p>Loading your order…</p>;
  const lastPayment = payments.at(-1);
  const orderAgain = () => {
    for (const line of order.lines) cart.add({ productCode: line.productCode, name: line.name, unitPrice: line.unitPrice }, line.quantity);
    navigate('/checkout');
  };

  return (
    <section>
      <h1>Order {order.orderId.slice(0, 8)}</h1>
      <p aria-live="polite" className="order-status">
        Status: <StatusBadge status={order.status} />
      </p>
      {order.status === 'paid' ? <Alert kind="success">Thank you: your payment went through. A confirmation is on its way to your email.</Alert> : null}
      {order.status === 'payment-failed' ? (
        <Alert>
          Your payment did not go through{lastPayment?.failureReason ? `: ${lastPayment.failureReason}` : ''}. Nothing was charged and the goods were put back. You can{' '}
          <button type="button" className="link" onClick={orderAgain}>
            order the same again
          </button>{' '}
          with another card or payment method.
        </Alert>
      ) : null}
      {order.status === 'shipped' ? <Alert kind="info">Your order is on its way: the tracking number is below, and in your email.</Alert> : null}
      {order.status === 'delivered' ? <Alert kind="success">Delivered. Enjoy!</Alert> : null}
      {order.status === 'refunded' ? <Alert kind="success">Your money has been refunded: it goes back the way you paid, and an email tells you how much.</Alert> : null}
      {order.status === 'rejected' ? <Alert>Sorry: some of the goods ran out before your order could be reserved. Nothing was charged.</Alert> : null}
      {!settled.has(order.status) ? <p className="muted">Waiting for the payment provider… this page updates by itself.</p> : null}
      <table>
        <caption className="visually-hidden">Order lines</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Quantity</th>
            <th scope="col">Price</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.productCode}>
              <td>{line.name}</td>
              <td>{line.quantity}</td>
              <td>{formatMoney(line.unitPrice)}</td>
              <td>{formatMoney(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {order.shipping
          ? `Shipping (${order.shipping.carrier}, ${order.shipping.service}, about ${order.shipping.estimatedDays} working day${order.shipping.estimatedDays === 1 ? '' : 's'}): ${formatMoney(order.shipping.cost)}`
          : 'Collected at the shop: no shipping'}
      </p>
      <p className="price big">Total {formatMoney(order.total)}</p>
      {order.shipment ? (
        <section className="shipment" aria-label="Parcel">
          <h2>Parcel</h2>
          <p>
            {order.shipment.carrier} tracking number <strong className="tracking-number">{order.shipment.trackingNumber}</strong>
          </p>
          {order.shipment.tracking.length > 0 ? (
            <ol className="timeline">
              {order.shipment.tracking.map((entry, i) => (
                <li key={i}>
                  {carrierWords[entry.status] ?? entry.status} {formatDate(entry.at)}
                  {entry.description ? ` — ${entry.description}` : ''}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">Handed to the carrier; its first scan comes soon.</p>
          )}
        </section>
      ) : null}
      <h2>Timeline</h2>
      <ol className="timeline">
        {order.timeline.map((entry, i) => (
          <li key={i}>
            <StatusBadge status={entry.status} /> {formatDate(entry.at)}
            {entry.reason ? ` — ${entry.reason}` : ''}
          </li>
        ))}
      </ol>
      <p>
        <Link href="/orders">All my orders</Link>
      </p>
    </section>
  );
}
