import { useState, type FormEvent } from 'react';
import { api, formatMoney, type Product } from '../api/client';
import { cart } from '../cart';
import { Link, navigate } from '../router';
import { Alert, useLoad } from '../ui';

type Sort = 'name' | '-name' | 'price' | '-price';
const sorts: { value: Sort; label: string }[] = [
  { value: 'name', label: 'Name, A to Z' },
  { value: '-name', label: 'Name, Z to A' },
  { value: 'price', label: 'Price, lowest first' },
  { value: '-price', label: 'Price, highest first' },
];

/** The catalog's state is in the address: a search or a page can be shared and reloaded. */
function withParams(location: URL, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value) params.set(name, value);
    else params.delete(name);
  }
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

export function ProductCard({ product }: { product: Product }) {
  // A suspended vendor's products cannot be ordered meanwhile (the API refuses them too).
  const soldOut = product.available <= 0 || product.status !== 'active' || product.vendor?.status === 'suspended';
  return (
    <li className="card">
      <h2>
        <Link href={`/products/${encodeURIComponent(product.code)}`}>{product.name}</Link>
      </h2>
      <p className="muted">
        {product.category.name}
        {product.vendor ? ` · sold by ${product.vendor.name}` : null}
      </p>
      <p>{product.description}</p>
      <p className="price">
        {formatMoney(product.price)}
        {product.priceRule ? (
          <>
            {' '}
            <del aria-label={`was ${formatMoney(product.listPrice)}`}>{formatMoney(product.listPrice)}</del>
          </>
        ) : null}
      </p>
      <p className={soldOut ? 'stock out' : product.lowStock ? 'stock low' : 'stock'}>{soldOut ? 'Sold out' : product.lowStock ? `Only ${product.available} left` : 'In stock'}</p>
      <button type="button" disabled={soldOut} onClick={() => cart.add({ productCode: product.code, name: product.name, unitPrice: product.price, quantityPrices: product.quantityPrices.map(({ minQuantity, price }) => ({ minQuantity, price })) }, 1)}>
        Add to cart<span className="visually-hidden">: {product.name}</span>
      </button>
    </li>
  );
}

export function Catalog({ location }: { location: URL }) {
  const params = location.searchParams;
  const category = params.get('category') ?? '';
  const q = params.get('q') ?? '';
  const sort = (params.get('sort') ?? 'name') as Sort;
  const cursor = params.get('cursor') ?? '';
  const [search, setSearch] = useState(q);

  const categories = useLoad(async () => (await api.GET('/api/categories')).data?.items ?? [], []);
  const page = useLoad(async () => {
    const { data, error } = await api.GET('/api/products', {
      params: { query: { limit: 12, sort, ...(category ? { category } : {}), ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } },
    });
    if (!data) throw new Error((error as { detail?: string } | undefined)?.detail ?? 'The catalog could not be loaded');
    return data;
  }, [category, q, sort, cursor]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(withParams(location, { q: search.trim() || null, cursor: null }));
  };

  return (
    <section>
      {params.get('erased') ? <Alert kind="success">Your personal data is erased and your account closed. Thank you for shopping with us.</Alert> : null}
      <h1>{q ? `Products matching “${q}”` : 'Our products'}</h1>
      <div className="toolbar">
        <form role="search" onSubmit={submit}>
          <label className="field inline">
            <span>Search</span>
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, description or code" />
          </label>
          <button type="submit">Search</button>
        </form>
        <label className="field inline">
          <span>Category</span>
          <select value={category} onChange={(e) => navigate(withParams(location, { category: e.target.value || null, cursor: null }))}>
            <option value="">All categories</option>
            {(categories.value ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>Sort by</span>
          <select value={sort} onChange={(e) => navigate(withParams(location, { sort: e.target.value === 'name' ? null : e.target.value, cursor: null }))}>
            {sorts.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {page.error ? <Alert>{page.error}</Alert> : null}
      {page.value && page.value.items.length === 0 ? <p>No product matches. Try another search or category.</p> : null}
      <ul className="grid" aria-label="Products">
        {(page.value?.items ?? []).map((product) => (
          <ProductCard key={product.code} product={product} />
        ))}
      </ul>
      <nav className="pager" aria-label="Pages">
        {cursor ? <Link href={withParams(location, { cursor: null })}>First page</Link> : null}
        {page.value?.nextCursor ? <Link href={withParams(location, { cursor: page.value.nextCursor })}>Next page</Link> : null}
      </nav>
    </section>
  );
}
