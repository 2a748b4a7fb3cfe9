import { useState } from 'react';
import { api, call, formatMoney } from '../api/client';
import { Field, useLoad } from '../ui';
import { BarChart } from './charts';

const day = (date: Date) => date.toISOString().slice(0, 10);

export function ReportsPage() {
  const [range, setRange] = useState({ from: day(new Date(Date.now() - 29 * 86_400_000)), to: day(new Date()) });
  const sales = useLoad(async () => (await call(() => api.GET('/api/reports/sales', { params: { query: range } }))).data, [range.from, range.to]);
  const outcomes = useLoad(async () => (await call(() => api.GET('/api/reports/payments'))).data?.items ?? [], []);
  const vendorNames = useLoad(async () => new Map(((await call(() => api.GET('/api/vendors', { params: { query: { limit: 100 } } }))).data?.items ?? []).map((v) => [v.vendorId, v.name])), []);
  const days = sales.value?.days ?? [];
  const currency = days[0]?.currency ?? 'EUR';
  return (
    <section>
      <h1>Reports</h1>
      <h2>Sales per day</h2>
      <div className="toolbar">
        <Field label="From" type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
        <Field label="To" type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
      </div>
      <BarChart
        title={`Paid sales per day, ${currency}`}
        bars={days.filter((d) => d.currency === currency).map((d) => ({ label: d.day.slice(5), values: [{ kind: 'revenue', value: d.revenue }] }))}
        format={(amount) => formatMoney({ amount, currency })}
      />
      <table>
        <caption className="visually-hidden">Paid sales per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Orders</th>
            <th scope="col">Units</th>
            <th scope="col">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={`${d.day}-${d.currency}`}>
              <td>{d.day}</td>
              <td>{d.orders}</td>
              <td>{d.units}</td>
              <td>{formatMoney({ amount: d.revenue, currency: d.currency })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Sales by vendor</h2>
      <table>
        <caption className="visually-hidden">Paid sales by vendor</caption>
        <thead>
          <tr>
            <th scope="col">Sold by</th>
            <th scope="col">Orders</th>
            <th scope="col">Units</th>
            <th scope="col">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {(sales.value?.vendors ?? []).map((v) => (
            <tr key={`${v.vendorId ?? 'shop'}-${v.currency}`}>
              <td>{v.vendorId === null ? 'The shop' : (vendorNames.value?.get(v.vendorId) ?? v.vendorId)}</td>
              <td>{v.orders}</td>
              <td>{v.units}</td>
              <td>{formatMoney({ amount: v.revenue, currency: v.currency })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Payment outcomes per method</h2>
      <BarChart
        title="Payments succeeded and failed, per method"
        bars={(outcomes.value ?? []).map((o) => ({ label: o.method, values: [{ kind: 'succeeded', value: o.succeeded }, { kind: 'failed', value: o.failed }] }))}
        format={(n) => String(n)}
      />
      <table>
        <caption className="visually-hidden">Payment outcomes per method</caption>
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">Succeeded</th>
            <th scope="col">Failed</th>
            <th scope="col">Success rate</th>
          </tr>
        </thead>
        <tbody>
          {(outcomes.value ?? []).map((o) => (
            <tr key={o.method}>
              <td>{o.method}</td>
              <td>{o.succeeded}</td>
              <td>{o.failed}</td>
              <td>{o.successRate === null ? '—' : `${Math.round(o.successRate * 100)} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
