import { useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import { Field, useLoad } from '../ui';
import { OutcomeAlert, runCommand, type Outcome } from './commands';

/** Receiving and counting stock: every product for the staff, a vendor's own for its accounts (`vendorId`). */
export function StockPage({ vendorId = null }: { vendorId?: string | null }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const products = useLoad(async () => (await api.GET('/api/products', { params: { query: { limit: 100, ...(vendorId ? { vendor: vendorId } : {}) } } })).data?.items ?? [], [outcome, vendorId]);
  // The staff's low-stock report covers the whole shop; a vendor's comes from its own products.
  const report = useLoad(async () => (vendorId ? null : ((await call(() => api.GET('/api/reports/low-stock'))).data?.items ?? [])), [outcome, vendorId]);
  const lowStock = { value: report.value ?? (products.value ?? []).filter((p) => p.lowStock && p.status === 'active').map((p) => ({ code: p.code, name: p.name, available: p.available, threshold: p.lowStockThreshold })) };
  const [receipt, setReceipt] = useState({ code: '', quantity: '' });
  const [adjustment, setAdjustment] = useState({ code: '', countedOnHand: '', reason: '' });

  const receive = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(
      await runCommand(
        (key) => call(() => api.POST('/api/inventory/{code}/receipts', { params: { path: { code: receipt.code }, header: { 'Idempotency-Key': key } }, body: { quantity: Number(receipt.quantity) } })),
        `Received ${receipt.quantity} of ${receipt.code}`,
      ),
    );
  };
  const adjust = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(
      await runCommand(
        (key) =>
          call(() =>
            api.POST('/api/inventory/{code}/adjustments', {
              params: { path: { code: adjustment.code }, header: { 'Idempotency-Key': key } },
              body: { countedOnHand: Number(adjustment.countedOnHand), reason: adjustment.reason },
            }),
          ),
        `${adjustment.code} counted at ${adjustment.countedOnHand}`,
      ),
    );
  };
  const productOptions = (products.value ?? []).map((p) => (
    <option key={p.code} value={p.code}>
      {p.code} — {p.name} ({p.onHand} on hand)
    </option>
  ));

  return (
    <section>
      <h1>{vendorId ? 'Your stock' : 'Stock'}</h1>
      <OutcomeAlert outcome={outcome} />
      <div className="columns">
        <form onSubmit={(e) => void receive(e)} className="stack" aria-labelledby="receive-title">
          <h2 id="receive-title">Receive stock</h2>
          <label className="field">
            <span>Product</span>
            <select required value={receipt.code} onChange={(e) => setReceipt({ ...receipt, code: e.target.value })}>
              <option value="">Choose…</option>
              {productOptions}
            </select>
          </label>
          <Field label="Quantity received" type="number" min={1} required value={receipt.quantity} onChange={(e) => setReceipt({ ...receipt, quantity: e.target.value })} />
          <button type="submit">Receive</button>
        </form>
        <form onSubmit={(e) => void adjust(e)} className="stack" aria-labelledby="adjust-title">
          <h2 id="adjust-title">Adjust after a count</h2>
          <label className="field">
            <span>Product</span>
            <select required value={adjustment.code} onChange={(e) => setAdjustment({ ...adjustment, code: e.target.value })}>
              <option value="">Choose…</option>
              {productOptions}
            </select>
          </label>
          <Field label="Counted on hand" type="number" min={0} required value={adjustment.countedOnHand} onChange={(e) => setAdjustment({ ...adjustment, countedOnHand: e.target.value })} />
          <Field label="Reason" required value={adjustment.reason} onChange={(e) => setAdjustment({ ...adjustment, reason: e.target.value })} />
          <button type="submit">Record count</button>
        </form>
      </div>
      <h2>Low stock</h2>
      {(lowStock.value ?? []).length === 0 ? <p>Nothing is at or below its low-stock threshold.</p> : null}
      <table>
        <caption className="visually-hidden">Products at or below their low-stock threshold</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col">Available</th>
            <th scope="col">Threshold</th>
          </tr>
        </thead>
        <tbody>
          {(lowStock.value ?? []).map((row) => (
            <tr key={row.code}>
              <td>
                <code>{row.code}</code>
              </td>
              <td>{row.name}</td>
              <td>{row.available}</td>
              <td>{row.threshold}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
