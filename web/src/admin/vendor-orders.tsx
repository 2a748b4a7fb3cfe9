import { useState } from 'react';
import { api, call, formatMoney } from '../api/client';
import { formatDate, StatusBadge, useLoad } from '../ui';

/** A vendor's part of each order with its products: what to prepare, and whether it is paid. */
export function VendorOrdersPage({ vendorId }: { vendorId: string }) {
  const [cursor, setCursor] = useState<string | null>(null);
  const parts = useLoad(async () => (await call(() => api.GET('/api/vendors/{vendorId}/order-lines', { params: { path: { vendorId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } } }))).data, [vendorId, cursor]);
  const items = parts.value?.items ?? [];
  return (
    <section>
      <h1>Your orders</h1>
      <p className="muted">The lines of your products in each order, newest first. The customer&apos;s details and payment stay with the shop.</p>
      {parts.value && items.length === 0 ? <p>No order has your products yet.</p> : null}
      <table>
        <caption className="visually-hidden">Your lines of each order, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Lines</th>
            <th scope="col">Subtotal</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((part) => (
            <tr key={`${part.id}-${part.status}`}>
              <td>
                <code>{part.orderId.slice(0, 8).toUpperCase()}</code>
              </td>
              <td>{formatDate(part.placedAt)}</td>
              <td>
                <ul className="plain">
                  {part.lines.map((line) => (
                    <li key={line.productCode}>
                      {line.quantity} × {line.name} (<code>{line.productCode}</code>)
                    </li>
                  ))}
                </ul>
              </td>
              <td>{formatMoney(part.subtotal)}</td>
              <td>
                <StatusBadge status={part.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {parts.value?.nextCursor ? (
        <button type="button" onClick={() => setCursor(parts.value!.nextCursor)}>
          Older orders
        </button>
      ) : null}
    </section>
  );
}
