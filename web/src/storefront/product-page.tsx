import { useState } from 'react';
import { api, formatMoney } from '../api/client';
import { cart } from '../cart';
import { Link } from '../router';
import { Alert, formatDate, StatusBadge, useLoad } from '../ui';

export function ProductPage({ code }: { code: string }) {
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  const product = useLoad(async () => {
    const { data } = await api.GET('/api/products/{code}', { params: { path: { code } } });
    if (!data) throw new Error(`There is no product ${code}`);
    return data;
  }, [code]);
  if (product.error) return <Alert>{product.error}</Alert>;
  const p = product.value;
  if (!p) return <p>Loading…</p>;
  const vendorAway = p.vendor?.status === 'suspended';
  const orderable = p.status === 'active' && p.available > 0 && !vendorAway;
  return (
    <section className="product">
      <p>
        <Link href={`/?category=${encodeURIComponent(p.category.id)}`}>{p.category.name}</Link>
      </p>
      <h1>{p.name}</h1>
      <p className="muted">
        Code {p.code} · {p.vendor ? `Sold by ${p.vendor.name}` : 'Sold by the shop'}
      </p>
      <p>{p.description}</p>
      <p className="price big">
        {formatMoney(p.price)}
        {p.priceRule ? (
          <>
            {' '}
            <del aria-label={`was ${formatMoney(p.listPrice)}`}>{formatMoney(p.listPrice)}</del> <span className="badge">{p.priceRule.name}</span>
          </>
        ) : null}
      </p>
      {p.priceValidUntil ? <p className="muted">This price holds for orders placed until {formatDate(p.priceValidUntil)}.</p> : null}
      {p.nextListPrice ? (
        <p className="muted">
          From {formatDate(p.nextListPrice.effectiveAt)}: {formatMoney(p.nextListPrice.price)}
        </p>
      ) : null}
      {p.quantityPrices.length > 0 ? (
        <ul className="quantity-prices" aria-label="Prices by quantity">
          {p.quantityPrices.map((offer) => (
            <li key={offer.minQuantity}>
              From {offer.minQuantity}: {formatMoney(offer.price)} each ({offer.priceRule.name})
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        {p.status === 'discontinued' ? <StatusBadge status="discontinued" /> : vendorAway ? `${p.vendor!.name} is not selling for the moment` : orderable ? `${p.available} available` : 'Sold out for now'}
      </p>
      {orderable ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            cart.add({ productCode: p.code, name: p.name, unitPrice: p.price, quantityPrices: p.quantityPrices.map(({ minQuantity, price }) => ({ minQuantity, price })) }, quantity);
            setAdded(true);
          }}
        >
          <label className="field inline">
            <span>Quantity</span>
            <input type="number" min={1} max={Math.min(p.available, 1000)} value={quantity} onChange={(e) => setQuantity(Math.max(1, Number(e.target.value) || 1))} />
          </label>
          <button type="submit">Add to cart</button>
        </form>
      ) : null}
      {added ? (
        <Alert kind="success">
          Added to your cart. <Link href="/cart">See the cart</Link>
        </Alert>
      ) : null}
    </section>
  );
}
