import { useEffect, useState, type FormEvent } from 'react';
import { api, asCountry, asCurrency, call, formatMoney, newIdempotencyKey, problemText, type Money } from '../api/client';
import { cart, cartTotal, unitPriceFor, useCart } from '../cart';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { Alert, Field } from '../ui';

type Method = 'card' | 'paypal' | 'bank-transfer';
type Delivery = 'pickup' | 'standard' | 'express';
type Rate = { service: 'standard' | 'express'; carrier: string; cost: Money; estimatedDays: number };

/** The payment sandbox's test tokens; a real provider's form would give a token of its own. */
const sandboxTokens = [
  { token: 'tok_success', label: 'Test card that pays' },
  { token: 'tok_declined', label: 'Test card that is declined' },
  { token: 'tok_insufficient_funds', label: 'Test card with insufficient funds' },
  { token: 'tok_no_answer', label: 'Test card the provider never answers (the payment expires)' },
];

export function Checkout() {
  const { me } = useSession();
  const lines = useCart();
  const [address, setAddress] = useState({ line1: '', line2: '', city: '', postalCode: '', country: '' });
  const [method, setMethod] = useState<Method>('card');
  const [delivery, setDelivery] = useState<Delivery>('standard');
  // The carrier's rates for this cart to this address; null while asked, [] when nothing ships there.
  const [rates, setRates] = useState<Rate[] | null>(null);
  const [token, setToken] = useState('tok_success');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per attempt: a double click or a retry after a lost answer places one order, not two.
  // A refused attempt (a changed price, a bad address) is over: the next, changed, is a new one.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  useEffect(() => {
    if (!me?.customerId) return;
    void call(() => api.GET('/api/customers/{customerId}', { params: { path: { customerId: me.customerId! } } })).then(({ data }) => {
      if (data) setAddress({ line2: '', ...data.shippingAddress });
    });
  }, [me?.customerId]);

  // Asked again whenever what decides it changes: the lines, or where they go.
  const parcel = JSON.stringify(lines.map((l) => [l.productCode, l.quantity]));
  const destination = `${address.country}|${address.postalCode}|${address.city}|${address.line1}`;
  useEffect(() => {
    const { line2, ...required } = address;
    if (!me?.customerId || lines.length === 0 || Object.values(required).some((value) => value.trim() === '') || !/^[A-Za-z]{2}$/.test(address.country.trim())) return setRates([]);
    setRates(null);
    const timer = setTimeout(() => {
      void call(() =>
        api.POST('/api/shipping/quotes', {
          body: { lines: lines.map((l) => ({ productCode: l.productCode, quantity: l.quantity })), shippingAddress: { ...required, ...(line2 ? { line2 } : {}), country: asCountry(required.country) } },
        }),
      ).then(({ data }) => setRates((data?.rates) ?? []));
    }, 300);
    return () => clearTimeout(timer);
  }, [me?.customerId, parcel, destination]);

  if (me === undefined) return <p>Loading…</p>;
  if (me === null)
    return (
      <section className="narrow">
        <h1>Checkout</h1>
        <p>
          Please <Link href="/sign-in?next=/checkout">sign in</Link> or <Link href="/sign-up?next=/checkout">create an account</Link> to place your order.
        </p>
      </section>
    );
  if (lines.length === 0)
    return (
      <section>
        <h1>Checkout</h1>
        <p>
          Your cart is empty. <Link href="/">Browse the shop</Link>
        </p>
      </section>
    );

  const goods = cartTotal(lines)!;
  const rate = delivery === 'pickup' ? undefined : rates?.find((r) => r.service === delivery);
  const shippingCost: Money = rate ? rate.cost : { amount: 0, currency: goods.currency };
  const total = { amount: goods.amount + shippingCost.amount, currency: goods.currency };
  // A service the carrier does not offer here cannot be chosen: the order would be refused.
  const canOrder = delivery === 'pickup' || rate !== undefined;
  const set = (name: keyof typeof address) => (event: { target: { value: string } }) => setAddress({ ...address, [name]: event.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const { line2, ...required } = address;
    const { data, error: problem, response } = await call(() =>
      api.POST('/api/orders', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        body: {
          lines: lines.map((l) => ({ productCode: l.productCode, quantity: l.quantity, expectedUnitPrice: { ...unitPriceFor(l), currency: asCurrency(unitPriceFor(l).currency) } })),
          paymentMethod: method,
          ...(method === 'card' ? { paymentToken: token } : {}),
          shippingAddress: { ...required, ...(line2 ? { line2 } : {}), country: asCountry(required.country) },
          delivery,
          expectedShippingCost: { ...shippingCost, currency: asCurrency(shippingCost.currency) },
        },
      }),
    );
    setBusy(false);
    if (!data) {
      if (response.status >= 400 && response.status < 500) setIdempotencyKey(newIdempotencyKey());
      // A price changed since it was shown: the cart takes the new one, and the customer looks again.
      const changed = problem as { type?: string; productCode?: string; price?: Money; shippingCost?: Money } | undefined;
      if (changed?.type === '/problems/shipping-changed' && changed.shippingCost && rate) {
        setRates((rates ?? []).map((r) => (r.service === rate.service ? { ...r, cost: changed.shippingCost! } : r)));
        return setError(`Shipping by ${rate.service} now costs ${formatMoney(changed.shippingCost)}. The total shows it: check it and place the order again.`);
      }
      if (changed?.type === '/problems/price-changed' && changed.productCode && changed.price) {
        const name = lines.find((l) => l.productCode === changed.productCode)?.name ?? changed.productCode;
        cart.reprice(changed.productCode, changed.price);
        return setError(`The price of ${name} is now ${formatMoney(changed.price)}. Your cart shows the new total: check it and place the order again.`);
      }
      return setError(problemText(problem));
    }
    cart.clear();
    navigate(`/orders/${data.id}`);
  };

  return (
    <section className="narrow">
      <h1>Checkout</h1>
      <ul className="summary">
        {lines.map((l) => (
          <li key={l.productCode}>
            {l.quantity} × {l.name} — {formatMoney({ amount: unitPriceFor(l).amount * l.quantity, currency: total.currency })}
          </li>
        ))}
      </ul>
      <p>
        Shipping {delivery === 'pickup' ? '(collected at the shop)' : rate ? `(${rate.carrier}, ${rate.service})` : ''} — {rates === null && delivery !== 'pickup' ? 'asking the carrier…' : formatMoney(shippingCost)}
      </p>
      <p className="price big">Total {formatMoney(total)}</p>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>Ship to</legend>
          <Field label="Street and number" autoComplete="address-line1" required value={address.line1} onChange={set('line1')} />
          <Field label="Address line 2 (optional)" autoComplete="address-line2" value={address.line2} onChange={set('line2')} />
          <Field label="City" autoComplete="address-level2" required value={address.city} onChange={set('city')} />
          <Field label="Postal code" autoComplete="postal-code" required value={address.postalCode} onChange={set('postalCode')} />
          <Field label="Country (two letters)" autoComplete="country" required maxLength={2} value={address.country} onChange={set('country')} />
        </fieldset>
        <fieldset className="delivery">
          <legend>Delivery</legend>
          {(['standard', 'express'] as const).map((service) => {
            const offered = rates?.find((r) => r.service === service);
            return (
              <label key={service} className="radio">
                <input type="radio" name="delivery" value={service} checked={delivery === service} disabled={rates !== null && !offered} onChange={() => setDelivery(service)} />
                {service === 'standard' ? 'Standard' : 'Express'}{' '}
                {offered ? `— ${formatMoney(offered.cost)}, ${offered.carrier}, about ${offered.estimatedDays} working day${offered.estimatedDays === 1 ? '' : 's'}` : rates === null ? '— asking the carrier…' : '— not offered to this address'}
              </label>
            );
          })}
          <label className="radio">
            <input type="radio" name="delivery" value="pickup" checked={delivery === 'pickup'} onChange={() => setDelivery('pickup')} />
            Collect at the shop — free
          </label>
        </fieldset>
        <fieldset>
          <legend>Payment</legend>
          <label className="field">
            <span>Payment method</span>
            <select value={method} onChange={(e) => setMethod(e.target.value as Method)}>
              <option value="card">Card</option>
              <option value="paypal">PayPal</option>
              <option value="bank-transfer">Bank transfer</option>
            </select>
          </label>
          {method === 'card' ? (
            <fieldset className="tokens">
              <legend>Card (payment sandbox: test cards)</legend>
              {sandboxTokens.map((t) => (
                <label key={t.token} className="radio">
                  <input type="radio" name="token" value={t.token} checked={token === t.token} onChange={() => setToken(t.token)} />
                  {t.label} <code>{t.token}</code>
                </label>
              ))}
            </fieldset>
          ) : null}
        </fieldset>
        {error ? <Alert>{error}</Alert> : null}
        <button type="submit" disabled={busy || !canOrder || (rates === null && delivery !== 'pickup')}>
          Place order and pay {formatMoney(total)}
        </button>
      </form>
    </section>
  );
}
