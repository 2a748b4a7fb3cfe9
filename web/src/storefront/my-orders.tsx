import { useState } from 'react';
import { api, call, formatMoney } from '../api/client';
import { Link } from '../router';
import { useSession } from '../session';
import { Alert, formatDate, NextPageButton, StatusBadge, useLoad } from '../ui';

export function MyOrders() {
  const { me } = useSession();
  const [cursor, setCursor] = useState<string | null>(null);
  const page = useLoad(async () => {
    if (!me?.customerId) return null;
    const { data } = await call(() => api.GET('/api/customers/{customerId}/orders', { params: { path: { customerId: me.customerId! }, query: { limit: 20, ...(cursor ? { cursor } : {}) } } }));
    return data ?? null;
  }, [me?.customerId, cursor]);
  if (me === null)
    return (
      <p>
        <Link href="/sign-in?next=/orders">Sign in</Link> to see your orders.
      </p>
    );
  return (
    <section>
      <h1>My orders</h1>
      {page.error ? <Alert>{page.error}</Alert> : null}
      {page.value && page.value.items.length === 0 ? <p>No orders yet.</p> : null}
      <ul className="list">
        {(page.value?.items ?? []).map((order) => (
          <li key={order.orderId}>
            <Link href={`/orders/${order.orderId}`}>Order {order.orderId.slice(0, 8)}</Link> · {formatDate(order.placedAt)} · {formatMoney(order.total)} · <StatusBadge status={order.status} />
          </li>
        ))}
      </ul>
      <nav className="pager" aria-label="Pages">
        {cursor ? (
          <button type="button" onClick={() => setCursor(null)}>
            Newest
          </button>
        ) : null}
        <NextPageButton cursor={page.value?.nextCursor} onNext={setCursor}>
          Older orders
        </NextPageButton>
      </nav>
    </section>
  );
}
