import { useState } from 'react';
import { api, call, formatMoney } from '../api/client';
import { Link } from '../router';
import { formatDate, NextPageButton, StatusBadge, useLoad } from '../ui';
import { OutcomeAlert, runCommand, type Outcome } from './commands';

const statuses = ['placed', 'awaiting-payment', 'paid', 'shipped', 'delivered', 'payment-failed', 'cancelled', 'rejected', 'refunded'] as const;
type Status = (typeof statuses)[number];

export function OrdersPage() {
  const [status, setStatus] = useState<Status | ''>('');
  const [cursor, setCursor] = useState<string | null>(null);
  const page = useLoad(async () => (await call(() => api.GET('/api/orders', { params: { query: { limit: 50, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } } }))).data, [status, cursor]);
  return (
    <section>
      <h1>Orders</h1>
      <label className="field inline">
        <span>Status</span>
        <select
          value={status}
          onChange={(e) => {
            setCursor(null);
            setStatus(e.target.value as Status | '');
          }}
        >
          <option value="">Every status</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <table>
        <caption className="visually-hidden">Orders, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Lines</th>
            <th scope="col">Total</th>
            <th scope="col">Paid by</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {(page.value?.items ?? []).map((o) => (
            <tr key={o.orderId}>
              <td>
                <Link href={`/admin/orders/${o.orderId}`}>{o.orderId.slice(0, 8)}</Link>
              </td>
              <td>{formatDate(o.placedAt)}</td>
              <td>{o.lines.map((l) => `${l.quantity} × ${l.productCode}`).join(', ')}</td>
              <td>{formatMoney(o.total)}</td>
              <td>{o.paymentMethod}</td>
              <td>
                <StatusBadge status={o.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NextPageButton cursor={page.value?.nextCursor} onNext={setCursor}>
        Older orders
      </NextPageButton>
    </section>
  );
}

export function OrderDetail({ orderId }: { orderId: string }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const order = useLoad(async () => (await call(() => api.GET('/api/orders/{orderId}', { params: { path: { orderId } } }))).data, [orderId, outcome]);
  const payments = useLoad(async () => (await call(() => api.GET('/api/orders/{orderId}/payments', { params: { path: { orderId } } }))).data?.items ?? [], [orderId, outcome]);
  const o = order.value;
  if (!o) return <p>{order.error ?? 'Loading…'}</p>;
  const cancel = async () => {
    const reason = window.prompt('Why is the order cancelled?', 'Asked by the customer');
    if (!reason) return;
    setOutcome(await runCommand((key) => call(() => api.POST('/api/orders/{orderId}/cancel', { params: { path: { orderId }, header: { 'Idempotency-Key': key } }, body: { reason } })), 'Order cancelled'));
  };
  // All that is left of the payment, the goods back into stock; by line through the API.
  const refund = async () => {
    const reason = window.prompt('Why is the order refunded? Its goods go back into stock.', 'Returned by the customer');
    if (!reason) return;
    setOutcome(
      await runCommand(
        (key) => call(() => api.POST('/api/orders/{orderId}/refunds', { params: { path: { orderId }, header: { 'Idempotency-Key': key } }, body: { reason, restock: true } })),
        'Refund asked of the payment provider: the order shows it once the money has gone back',
      ),
    );
  };
  // The label is bought once per order, whoever clicks and however often.
  const ship = async () => {
    setOutcome(await runCommand((key) => call(() => api.POST('/api/orders/{orderId}/shipment', { params: { path: { orderId }, header: { 'Idempotency-Key': key } } })), 'Shipped: the label is bought and the customer is emailed the tracking number'));
  };
  return (
    <section>
      <h1>Order {o.orderId}</h1>
      <OutcomeAlert outcome={outcome} />
      <p>
        <StatusBadge status={o.status} /> · placed {formatDate(o.placedAt)} · {formatMoney(o.total)} by {o.paymentMethod}
      </p>
      <p>
        {o.shipping ? `${o.shipping.carrier} ${o.shipping.service}, ${o.shipping.weightGrams} g, ${formatMoney(o.shipping.cost)} — ships to ` : 'Collected at the shop — customer address: '}
        {o.shippingAddress.line1}
        {o.shippingAddress.line2 ? `, ${o.shippingAddress.line2}` : ''}, {o.shippingAddress.postalCode} {o.shippingAddress.city}, {o.shippingAddress.country}
      </p>
      {o.status === 'placed' || o.status === 'awaiting-payment' || o.status === 'payment-failed' ? (
        <button type="button" onClick={() => void cancel()}>
          Cancel order
        </button>
      ) : null}
      {o.status === 'paid' && o.shipping ? (
        <button type="button" onClick={() => void ship()}>
          Ship (buy the label)
        </button>
      ) : null}{' '}
      {o.status === 'paid' || o.status === 'shipped' || o.status === 'delivered' ? (
        <button type="button" onClick={() => void refund()}>
          Refund and restock
        </button>
      ) : null}
      {o.shipment ? (
        <p className="shipment">
          Parcel <strong className="tracking-number">{o.shipment.trackingNumber}</strong> with {o.shipment.carrier} ·{' '}
          <a href={o.shipment.labelUrl} rel="noreferrer">
            label
          </a>
          {o.shipment.tracking.length > 0 ? ` · last word: ${o.shipment.tracking.at(-1)!.status.replaceAll('_', ' ')} ${formatDate(o.shipment.tracking.at(-1)!.at)}` : ' · not scanned yet'}
        </p>
      ) : null}
      <h2>Lines</h2>
      <ul className="list">
        {o.lines.map((l) => (
          <li key={l.productCode}>
            {l.quantity} × {l.name} ({l.productCode}) at {formatMoney(l.unitPrice)} = {formatMoney(l.lineTotal)}
          </li>
        ))}
      </ul>
      <h2>Timeline</h2>
      <ol className="timeline">
        {o.timeline.map((entry, i) => (
          <li key={i}>
            <StatusBadge status={entry.status} /> {formatDate(entry.at)}
            {entry.reason ? ` — ${entry.reason}` : ''}
            {entry.unavailable?.length ? ` (short: ${entry.unavailable.map((u) => `${u.productCode} ${u.available}/${u.requested}`).join(', ')})` : ''}
          </li>
        ))}
      </ol>
      <h2>Payments</h2>
      <table>
        <caption className="visually-hidden">Payments of this order</caption>
        <thead>
          <tr>
            <th scope="col">Payment</th>
            <th scope="col">Requested</th>
            <th scope="col">Status</th>
            <th scope="col">Provider reference</th>
            <th scope="col">Failure</th>
          </tr>
        </thead>
        <tbody>
          {(payments.value ?? []).map((p) => (
            <tr key={p.paymentId}>
              <td>{p.paymentId.slice(0, 8)}</td>
              <td>{formatDate(p.requestedAt)}</td>
              <td>
                <StatusBadge status={p.status} />
              </td>
              <td>{p.gatewayReference ?? '—'}</td>
              <td>{p.failureReason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link href="/admin/orders">All orders</Link>
      </p>
    </section>
  );
}
