import { useEffect, useState, type FormEvent } from 'react';
import { api, asCurrency, call, formatMoney, inMajorUnits, toMinorUnits, type Product } from '../api/client';
import { Field, formatDate, StatusBadge, useLoad } from '../ui';
import { OutcomeAlert, runCommand, type Outcome } from './commands';

function ProductRow({ product, showVendor, onChanged }: { product: Product; showVendor: boolean; onChanged: (outcome: Outcome) => void }) {
  const [price, setPrice] = useState(inMajorUnits(product.price));
  const [editing, setEditing] = useState(false);
  const [schedule, setSchedule] = useState({ price: '', at: '' });
  const detailsOf = (p: Product) => ({ name: p.name, description: p.description, lowStockThreshold: String(p.lowStockThreshold), weightGrams: p.weightGrams ? String(p.weightGrams) : '' });
  const [details, setDetails] = useState(detailsOf(product));
  // The list reloads after every change: the row follows the product as it now is, and keeps what
  // is being typed elsewhere in it (a scheduled price half entered).
  useEffect(() => setPrice(inMajorUnits(product.price)), [product.price.amount, product.price.currency]);
  useEffect(() => {
    if (!editing) setDetails(detailsOf(product));
  }, [product, editing]);

  const changePrice = async (event: FormEvent) => {
    event.preventDefault();
    const amount = toMinorUnits(price, product.price.currency);
    if (amount === null || amount < 1) return onChanged({ ok: false, message: 'A price is a positive amount such as 12.50' });
    onChanged(await runCommand((key) => call(() => api.PUT('/api/products/{code}/price', { params: { path: { code: product.code }, header: { 'Idempotency-Key': key } }, body: { amount, currency: asCurrency(product.price.currency) } })), `${product.name} now costs ${formatMoney({ amount, currency: product.price.currency })}`));
  };
  const scheduleChange = async (event: FormEvent) => {
    event.preventDefault();
    const amount = toMinorUnits(schedule.price, product.price.currency);
    if (amount === null || amount < 1 || !schedule.at) return onChanged({ ok: false, message: 'A scheduled price needs an amount such as 12.50 and a moment to come' });
    const effectiveAt = new Date(schedule.at).toISOString();
    onChanged(
      await runCommand(
        (key) => call(() => api.POST('/api/products/{code}/scheduled-prices', { params: { path: { code: product.code }, header: { 'Idempotency-Key': key } }, body: { amount, currency: asCurrency(product.price.currency), effectiveAt } })),
        `${product.name} will cost ${formatMoney({ amount, currency: product.price.currency })} from ${formatDate(effectiveAt)}`,
      ),
    );
  };
  const saveDetails = async (event: FormEvent) => {
    event.preventDefault();
    onChanged(
      await runCommand(
        (key) => call(() => api.PATCH('/api/products/{code}', { params: { path: { code: product.code }, header: { 'Idempotency-Key': key } }, body: { name: details.name, description: details.description, lowStockThreshold: Number(details.lowStockThreshold), ...(details.weightGrams ? { weightGrams: Number(details.weightGrams) } : {}) } })),
        `${product.code} updated`,
      ),
    );
    setEditing(false);
  };
  const discontinue = async () => {
    const reason = window.prompt(`Why is ${product.name} discontinued?`, 'No longer sold');
    if (!reason) return;
    onChanged(await runCommand((key) => call(() => api.POST('/api/products/{code}/discontinue', { params: { path: { code: product.code }, header: { 'Idempotency-Key': key } }, body: { reason } })), `${product.name} is discontinued`));
  };

  return (
    <tr>
      <td>
        <code>{product.code}</code>
      </td>
      <td>
        {editing ? (
          <form onSubmit={(e) => void saveDetails(e)} className="stack">
            <Field label="Name" value={details.name} onChange={(e) => setDetails({ ...details, name: e.target.value })} />
            <Field label="Description" value={details.description} onChange={(e) => setDetails({ ...details, description: e.target.value })} />
            <Field label="Low-stock threshold" type="number" min={0} value={details.lowStockThreshold} onChange={(e) => setDetails({ ...details, lowStockThreshold: e.target.value })} />
            <Field label="Weight, packed (g)" type="number" min={1} value={details.weightGrams} onChange={(e) => setDetails({ ...details, weightGrams: e.target.value })} />
            <button type="submit">Save</button>
          </form>
        ) : (
          <>
            {product.name}
            <br />
            <small className="muted">{product.category.name}</small>
          </>
        )}
      </td>
      {showVendor ? <td>{product.vendor?.name ?? 'The shop'}</td> : null}
      <td>
        <form onSubmit={(e) => void changePrice(e)} className="inline-form">
          <label>
            <span className="visually-hidden">Price of {product.code}</span>
            <input value={price} onChange={(e) => setPrice(e.target.value)} size={8} inputMode="decimal" />
          </label>
          <button type="submit">Change price</button>
        </form>
        {product.nextListPrice ? (
          <small className="muted">
            {formatMoney(product.nextListPrice.price)} from {formatDate(product.nextListPrice.effectiveAt)}
          </small>
        ) : null}
        <form onSubmit={(e) => void scheduleChange(e)} className="inline-form">
          <label>
            <span className="visually-hidden">New price of {product.code} from a moment</span>
            <input value={schedule.price} onChange={(e) => setSchedule({ ...schedule, price: e.target.value })} size={6} inputMode="decimal" placeholder="price" />
          </label>
          <label>
            <span className="visually-hidden">Moment the new price of {product.code} takes effect</span>
            <input type="datetime-local" value={schedule.at} onChange={(e) => setSchedule({ ...schedule, at: e.target.value })} />
          </label>
          <button type="submit">Schedule</button>
        </form>
      </td>
      <td>
        {product.available} / {product.onHand}
      </td>
      <td>
        <StatusBadge status={product.status} />
      </td>
      <td>
        <button type="button" onClick={() => setEditing(!editing)}>
          {editing ? 'Cancel' : 'Edit'}
        </button>{' '}
        {product.status === 'active' ? (
          <button type="button" onClick={() => void discontinue()}>
            Discontinue
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/**
 * The catalog's products: all of them for the staff, with who sells each, or a vendor's own only
 * (`vendorId`: the signed-in vendor account's), which are all it may change.
 */
export function ProductsPage({ vendorId = null }: { vendorId?: string | null }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const products = useLoad(async () => (await api.GET('/api/products', { params: { query: { limit: 50, ...(vendorId ? { vendor: vendorId } : {}), ...(cursor ? { cursor } : {}) } } })).data, [outcome, cursor, vendorId]);
  const categories = useLoad(async () => (await api.GET('/api/categories')).data?.items ?? [], []);
  const vendors = useLoad(async () => (vendorId ? [] : ((await call(() => api.GET('/api/vendors', { params: { query: { limit: 100 } } }))).data?.items ?? [])), [vendorId]);
  const [form, setForm] = useState({ code: '', name: '', description: '', categoryId: '', price: '', currency: 'EUR', lowStockThreshold: '5', weightGrams: '', vendorId: '' });
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const amount = toMinorUnits(form.price, form.currency);
    if (amount === null) return setOutcome({ ok: false, message: 'price: a price is an amount such as 12.50' });
    setOutcome(
      await runCommand(
        (key) =>
          call(() =>
            api.POST('/api/products', {
              params: { header: { 'Idempotency-Key': key } },
              body: {
                code: form.code,
                name: form.name,
                description: form.description,
                categoryId: form.categoryId,
                price: { amount, currency: asCurrency(form.currency) },
                lowStockThreshold: Number(form.lowStockThreshold),
                ...(form.weightGrams ? { weightGrams: Number(form.weightGrams) } : {}),
                ...(form.vendorId ? { vendorId: form.vendorId } : {}),
              },
            }),
          ),
        `${form.code.toUpperCase()} added`,
      ),
    );
  };

  return (
    <section>
      <h1>{vendorId ? 'Your products' : 'Products'}</h1>
      <OutcomeAlert outcome={outcome} />
      {vendorId && products.value?.items.length === 0 ? <p>You sell nothing through the shop yet: add your first product below.</p> : null}
      <table>
        <caption className="visually-hidden">Products</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            {vendorId ? null : <th scope="col">Sold by</th>}
            <th scope="col">Price</th>
            <th scope="col">Available / on hand</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(products.value?.items ?? []).map((p) => (
            <ProductRow key={p.code} product={p} showVendor={!vendorId} onChanged={setOutcome} />
          ))}
        </tbody>
      </table>
      {products.value?.nextCursor ? (
        <button type="button" onClick={() => setCursor(products.value!.nextCursor)}>
          More products
        </button>
      ) : null}
      <h2>Add a product</h2>
      <form onSubmit={(e) => void add(e)} className="grid-form">
        <Field label="Code" required value={form.code} onChange={set('code')} hint="Letters, digits and dashes, such as SENCHA-50" />
        <Field label="Name" required value={form.name} onChange={set('name')} />
        <Field label="Description" value={form.description} onChange={set('description')} />
        <label className="field">
          <span>Category</span>
          <select required value={form.categoryId} onChange={set('categoryId')}>
            <option value="">Choose…</option>
            {(categories.value ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <Field label="Price" required inputMode="decimal" value={form.price} onChange={set('price')} hint="Such as 12.50" />
        <Field label="Currency" required maxLength={3} value={form.currency} onChange={set('currency')} />
        <Field label="Low-stock threshold" type="number" min={0} value={form.lowStockThreshold} onChange={set('lowStockThreshold')} />
        <Field label="Weight, packed (g)" hint="What shipping is quoted on; left empty, a unit counts 500 g" type="number" min={1} value={form.weightGrams} onChange={set('weightGrams')} />
        {vendorId ? null : (
          <label className="field">
            <span>Sold by</span>
            <select value={form.vendorId} onChange={set('vendorId')}>
              <option value="">The shop</option>
              {(vendors.value ?? [])
                .filter((v) => v.status === 'active')
                .map((v) => (
                  <option key={v.vendorId} value={v.vendorId}>
                    {v.name}
                  </option>
                ))}
            </select>
          </label>
        )}
        <button type="submit">Add product</button>
      </form>
    </section>
  );
}

export function CategoriesPage() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const categories = useLoad(async () => (await api.GET('/api/categories')).data?.items ?? [], [outcome]);
  const [form, setForm] = useState({ name: '', description: '' });
  const define = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(await runCommand((key) => call(() => api.POST('/api/categories', { params: { header: { 'Idempotency-Key': key } }, body: form })), `Category ${form.name} defined`));
  };
  return (
    <section>
      <h1>Categories</h1>
      <OutcomeAlert outcome={outcome} />
      <ul className="list">
        {(categories.value ?? []).map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong> <code>{c.id}</code> — {c.description}
          </li>
        ))}
      </ul>
      <h2>Define a category</h2>
      <form onSubmit={(e) => void define(e)} className="grid-form">
        <Field label="Name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <Field label="Description" value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
        <button type="submit">Define category</button>
      </form>
    </section>
  );
}
