import { useState, type FormEvent } from 'react';
import { api, asCountry, call, formatMoney, newIdempotencyKey, problemText } from '../api/client';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { Alert, Field, useLoad } from '../ui';

export function Profile() {
  const { me, signOut } = useSession();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const customer = useLoad(async () => {
    if (!me?.customerId) return null;
    const { data } = await call(() => api.GET('/api/customers/{customerId}', { params: { path: { customerId: me.customerId! } } }));
    return data ?? null;
  }, [me?.customerId]);
  const [address, setAddress] = useState<Record<string, string> | null>(null);
  if (me === null)
    return (
      <p>
        <Link href="/sign-in?next=/account">Sign in</Link> to see your profile.
      </p>
    );
  const c = customer.value;
  if (!c) return <p>Loading…</p>;
  const shown = address ?? { line2: '', ...c.shippingAddress };
  const set = (name: string) => (event: { target: { value: string } }) => setAddress({ ...shown, [name]: event.target.value });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const { line2, line1 = '', city = '', postalCode = '', country = '' } = shown;
    const { error } = await call(() =>
      api.PUT('/api/customers/{customerId}/shipping-address', { params: { path: { customerId: c.customerId } }, body: { line1, city, postalCode, country: asCountry(country), ...(line2 ? { line2 } : {}) } }),
    );
    if (error) return setMessage({ kind: 'error', text: problemText(error) });
    setMessage({ kind: 'success', text: 'Your shipping address is saved.' });
    setAddress(null);
    customer.reload();
  };
  return (
    <section className="narrow">
      <h1>My profile</h1>
      <p>
        {c.firstName} {c.lastName} · {c.email}
      </p>
      <p>
        {c.orders.count} orders{c.orders.totalSpent.length ? `, ${c.orders.totalSpent.map(formatMoney).join(' + ')} spent` : ''}
      </p>
      <form onSubmit={(e) => void save(e)}>
        <fieldset>
          <legend>Shipping address</legend>
          <Field label="Street and number" required value={shown.line1 ?? ''} onChange={set('line1')} />
          <Field label="Address line 2 (optional)" value={shown.line2 ?? ''} onChange={set('line2')} />
          <Field label="City" required value={shown.city ?? ''} onChange={set('city')} />
          <Field label="Postal code" required value={shown.postalCode ?? ''} onChange={set('postalCode')} />
          <Field label="Country (two letters)" required maxLength={2} value={shown.country ?? ''} onChange={set('country')} />
        </fieldset>
        {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
        <button type="submit">Save address</button>
      </form>
      <TextMessages customerId={c.customerId} phone={c.smsPhone ?? null} onChanged={() => customer.reload()} />
      <EraseMyData customerId={c.customerId} onErased={async () => {
        await signOut();
        navigate('/?erased=1');
      }} />
    </section>
  );
}

/** Text messages about one's orders: opted in with a mobile number, or out. */
function TextMessages({ customerId, phone, onChanged }: { customerId: string; phone: string | null; onChanged: () => void }) {
  const [number, setNumber] = useState(phone ?? '');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const choose = async (next: string | null) => {
    const { error } = await call(() => api.PUT('/api/customers/{customerId}/sms', { params: { path: { customerId }, header: { 'Idempotency-Key': newIdempotencyKey() } }, body: { phone: next } }));
    if (error) return setMessage({ kind: 'error', text: problemText(error) });
    setMessage({ kind: 'success', text: next ? `Text messages about your orders go to ${next}.` : 'No more text messages.' });
    onChanged();
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void choose(number.replace(/[\s-]/g, ''));
      }}
    >
      <fieldset>
        <legend>Text messages</legend>
        <p>{phone ? `We text ${phone} when an order is paid, or its payment fails.` : 'We can text you when an order is paid, or its payment fails.'}</p>
        <Field label="Mobile number" type="tel" autoComplete="tel" value={number} onChange={(e) => setNumber(e.target.value)} hint="With its country code, such as +44 7700 900123" />
      </fieldset>
      {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
      <button type="submit">{phone ? 'Change number' : 'Text me'}</button>{' '}
      {phone ? (
        <button type="button" onClick={() => void choose(null)}>
          Stop text messages
        </button>
      ) : null}
    </form>
  );
}

/** GDPR art. 17, for the customer themselves: typed confirmation, because it cannot be undone. */
function EraseMyData({ customerId, onErased }: { customerId: string; onErased: () => Promise<void> }) {
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const erase = async (event: FormEvent) => {
    event.preventDefault();
    const { error: refused } = await call(() =>
      api.POST('/api/customers/{customerId}/erase', { params: { path: { customerId }, header: { 'Idempotency-Key': newIdempotencyKey() } }, body: { confirmation: 'erase' } }),
    );
    if (refused) return setError(problemText(refused));
    await onErased();
  };
  return (
    <form onSubmit={(e) => void erase(e)}>
      <fieldset>
        <legend>Erase my personal data</legend>
        <p>
          Your name, email and addresses are deleted for good, everywhere, and your account is closed. Your orders stay on our books, for the accounts, without
          anything that says who you are. This cannot be undone.
        </p>
        <Field label="Type erase to confirm" required autoComplete="off" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
      </fieldset>
      {error ? <Alert>{error}</Alert> : null}
      <button type="submit" disabled={confirmation.trim() !== 'erase'}>
        Erase my data
      </button>
    </form>
  );
}
