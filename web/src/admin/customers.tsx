import { useState } from 'react';
import { api, call, formatMoney } from '../api/client';
import { Link } from '../router';
import { formatDate, NextPageButton, StatusBadge, useLoad } from '../ui';

export function CustomersPage() {
  const [cursor, setCursor] = useState<string | null>(null);
  const page = useLoad(async () => (await call(() => api.GET('/api/customers', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }))).data, [cursor]);
  return (
    <section>
      <h1>Customers</h1>
      <table>
        <caption className="visually-hidden">Customers, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Ships to</th>
            <th scope="col">Orders</th>
            <th scope="col">Last order</th>
          </tr>
        </thead>
        <tbody>
          {(page.value?.items ?? []).map((c) => (
            <tr key={c.customerId}>
              <td>
                {c.erasedAt ? <span className="badge">Erased {formatDate(c.erasedAt)}</span> : `${c.firstName} ${c.lastName}`}
                <br />
                <small className="muted">since {formatDate(c.registeredAt)}</small>
              </td>
              <td>{c.email}</td>
              <td>
                {c.shippingAddress.city}, {c.shippingAddress.country}
              </td>
              <td>
                {c.orders.count}
                {c.orders.totalSpent.length ? ` · ${c.orders.totalSpent.map(formatMoney).join(' + ')}` : ''}
              </td>
              <td>
                {c.orders.lastOrder ? (
                  <>
                    <Link href={`/admin/orders/${c.orders.lastOrder.orderId}`}>{formatDate(c.orders.lastOrder.placedAt)}</Link> <StatusBadge status={c.orders.lastOrder.status} />
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NextPageButton cursor={page.value?.nextCursor} onNext={setCursor}>
        More customers
      </NextPageButton>
    </section>
  );
}
