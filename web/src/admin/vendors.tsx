import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../api/client';
import { Field, formatDate, StatusBadge, useLoad } from '../ui';
import { OutcomeAlert, runCommand, type Outcome } from './commands';

type Vendor = Schemas['VendorPage']['items'][number];

/** Vendors: staff see them; admins onboard, suspend and reinstate them. */
export function VendorsPage({ isAdmin }: { isAdmin: boolean }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const vendors = useLoad(async () => (await call(() => api.GET('/api/vendors', { params: { query: { limit: 100 } } }))).data?.items ?? [], [outcome]);
  const [profile, setProfile] = useState({ name: '', contactEmail: '' });
  const [account, setAccount] = useState({ vendorId: '', email: '', password: '' });

  const onboard = async (event: FormEvent) => {
    event.preventDefault();
    const onboarded = await runCommand((key) => call(() => api.POST('/api/vendors', { params: { header: { 'Idempotency-Key': key } }, body: profile })), `${profile.name} onboarded`);
    setOutcome(onboarded);
    if (onboarded.ok) setProfile({ name: '', contactEmail: '' });
  };
  const suspend = async (vendor: Vendor) => {
    const reason = window.prompt(`Why is ${vendor.name} suspended?`, '');
    if (!reason) return;
    setOutcome(await runCommand((key) => call(() => api.POST('/api/vendors/{vendorId}/suspend', { params: { path: { vendorId: vendor.vendorId }, header: { 'Idempotency-Key': key } }, body: { reason } })), `${vendor.name} suspended`));
  };
  const createAccount = async (event: FormEvent) => {
    event.preventDefault();
    const vendor = vendors.value?.find((v) => v.vendorId === account.vendorId);
    const created = await runCommand(
      (key) => call(() => api.POST('/api/vendors/{vendorId}/accounts', { params: { path: { vendorId: account.vendorId }, header: { 'Idempotency-Key': key } }, body: { email: account.email, password: account.password } })),
      `${account.email} can now sign in for ${vendor?.name ?? 'the vendor'}`,
    );
    setOutcome(created);
    if (created.ok) setAccount({ vendorId: '', email: '', password: '' });
  };
  const reinstate = async (vendor: Vendor) =>
    setOutcome(await runCommand((key) => call(() => api.POST('/api/vendors/{vendorId}/reinstate', { params: { path: { vendorId: vendor.vendorId }, header: { 'Idempotency-Key': key } } })), `${vendor.name} reinstated`));

  return (
    <section>
      <h1>Vendors</h1>
      <OutcomeAlert outcome={outcome} />
      {vendors.value?.length === 0 ? <p>No vendor sells through the shop yet.</p> : null}
      <table>
        <caption className="visually-hidden">Vendors, by name</caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            <th scope="col">Contact</th>
            <th scope="col">Status</th>
            <th scope="col">Since</th>
            {isAdmin ? <th scope="col">Action</th> : null}
          </tr>
        </thead>
        <tbody>
          {(vendors.value ?? []).map((vendor) => (
            <tr key={`${vendor.vendorId}-${vendor.status}`}>
              <td>{vendor.name}</td>
              <td>{vendor.contactEmail}</td>
              <td>
                <StatusBadge status={vendor.status} />
                {vendor.suspendedReason ? <small className="muted"> {vendor.suspendedReason}</small> : null}
              </td>
              <td>{formatDate(vendor.onboardedAt)}</td>
              {isAdmin ? (
                <td>
                  {vendor.status === 'active' ? (
                    <button type="button" onClick={() => void suspend(vendor)} aria-label={`Suspend ${vendor.name}`}>
                      Suspend
                    </button>
                  ) : (
                    <button type="button" onClick={() => void reinstate(vendor)} aria-label={`Reinstate ${vendor.name}`}>
                      Reinstate
                    </button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {isAdmin ? (
        <form onSubmit={(e) => void onboard(e)} className="stack" aria-labelledby="onboard-title">
          <h2 id="onboard-title">Onboard a vendor</h2>
          <Field label="Business name" required maxLength={120} value={profile.name} onChange={(e) => setProfile({ ...profile, name: e.target.value })} />
          <Field label="Contact email" type="email" required value={profile.contactEmail} onChange={(e) => setProfile({ ...profile, contactEmail: e.target.value })} hint="Where its orders and stock alerts go" />
          <button type="submit">Onboard</button>
        </form>
      ) : null}
      {isAdmin && (vendors.value ?? []).length > 0 ? (
        <form onSubmit={(e) => void createAccount(e)} className="stack" aria-labelledby="vendor-account-title">
          <h2 id="vendor-account-title">Give a vendor an account</h2>
          <p className="muted">Someone of the vendor&apos;s business signs in with it to manage the vendor&apos;s products and stock and see its orders, nothing else.</p>
          <label className="field">
            <span>Vendor</span>
            <select required value={account.vendorId} onChange={(e) => setAccount({ ...account, vendorId: e.target.value })}>
              <option value="">Choose…</option>
              {(vendors.value ?? []).map((v) => (
                <option key={v.vendorId} value={v.vendorId}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
          <Field label="Email" type="email" required value={account.email} onChange={(e) => setAccount({ ...account, email: e.target.value })} />
          <Field label="First password" type="password" required minLength={12} autoComplete="new-password" value={account.password} onChange={(e) => setAccount({ ...account, password: e.target.value })} hint="At least 12 characters; they can change it once signed in" />
          <button type="submit">Create account</button>
        </form>
      ) : null}
    </section>
  );
}
