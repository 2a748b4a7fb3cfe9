import { formatMoney } from '../api/client';
import { cart, cartTotal, unitPriceFor, useCart } from '../cart';
import { Link } from '../router';

export function CartPage() {
  const lines = useCart();
  if (lines.length === 0)
    return (
      <section>
        <h1>Your cart</h1>
        <p>
          Your cart is empty. <Link href="/">Browse the shop</Link>
        </p>
      </section>
    );
  const currency = lines[0]!.unitPrice.currency;
  const total = cartTotal(lines);
  return (
    <section>
      <h1>Your cart</h1>
      <table>
        <caption className="visually-hidden">Products in your cart</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.productCode}>
              <td>
                <Link href={`/products/${encodeURIComponent(line.productCode)}`}>{line.name}</Link>
              </td>
              <td>{formatMoney(unitPriceFor(line))}</td>
              <td>
                <input type="number" aria-label={`Quantity of ${line.name}`} min={0} max={1000} value={line.quantity} onChange={(e) => cart.setQuantity(line.productCode, Math.max(0, Number(e.target.value) || 0))} />
              </td>
              <td>{formatMoney({ amount: unitPriceFor(line).amount * line.quantity, currency })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="price big">Total {formatMoney(total)}</p>
      <p className="muted">The price charged is the catalog&apos;s when you place the order.</p>
      <Link href="/checkout" className="button">
        Checkout
      </Link>
    </section>
  );
}
