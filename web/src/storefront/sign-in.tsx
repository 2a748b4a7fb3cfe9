import { useState, type FormEvent } from 'react';
import { api, asCountry, problemText } from '../api/client';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { Alert, Field } from '../ui';

/** Only a path of this site: a crafted link must not send a person elsewhere after signing in. */
const sitePath = (next: string) => (next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/');

export function SignIn({ next }: { next: string }) {
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const safeNext = sitePath(next);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const failure = await signIn(email, password);
    setBusy(false);
    if (failure) setError(failure);
    else navigate(safeNext);
  };
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <form onSubmit={(e) => void submit(e)}>
        <Field label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error ? <Alert>{error}</Alert> : null}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <p>
        New here? <Link href={`/sign-up?next=${encodeURIComponent(safeNext)}`}>Create an account</Link>
      </p>
    </section>
  );
}

export function SignUp({ next }: { next: string }) {
  const { signIn } = useSession();
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', password: '', line1: '', line2: '', city: '', postalCode: '', country: 'NL' });
  const [error, setError] = useState<string | null>(null);
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { line1, line2, city, postalCode, country, ...person } = form;
    const { error: problem } = await api.POST('/api/auth/signup', {
      body: { ...person, shippingAddress: { line1, ...(line2 ? { line2 } : {}), city, postalCode, country: asCountry(country) } },
    });
    if (problem) return setError(problemText(problem));
    const failure = await signIn(form.email, form.password);
    if (failure) return setError(failure);
    navigate(sitePath(next));
  };
  return (
    <section className="narrow">
      <h1>Create an account</h1>
      <form onSubmit={(e) => void submit(e)}>
        <Field label="First name" autoComplete="given-name" required value={form.firstName} onChange={set('firstName')} />
        <Field label="Last name" autoComplete="family-name" required value={form.lastName} onChange={set('lastName')} />
        <Field label="Email" type="email" autoComplete="email" required value={form.email} onChange={set('email')} />
        <Field label="Password" type="password" autoComplete="new-password" required minLength={12} hint="At least 12 characters" value={form.password} onChange={set('password')} />
        <fieldset>
          <legend>Shipping address</legend>
          <Field label="Street and number" autoComplete="address-line1" required value={form.line1} onChange={set('line1')} />
          <Field label="Address line 2 (optional)" autoComplete="address-line2" value={form.line2} onChange={set('line2')} />
          <Field label="City" autoComplete="address-level2" required value={form.city} onChange={set('city')} />
          <Field label="Postal code" autoComplete="postal-code" required value={form.postalCode} onChange={set('postalCode')} />
          <Field label="Country (two letters)" autoComplete="country" required maxLength={2} value={form.country} onChange={set('country')} />
        </fieldset>
        {error ? <Alert>{error}</Alert> : null}
        <button type="submit">Create account</button>
      </form>
    </section>
  );
}
