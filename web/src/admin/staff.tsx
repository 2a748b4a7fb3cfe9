import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../api/client';
import { useSession } from '../session';
import { Field, formatDate, StatusBadge, useLoad } from '../ui';
import { OutcomeAlert, runCommand, type Outcome } from './commands';

type StaffRole = 'staff' | 'admin' | 'auditor';
type StaffAccount = Schemas['StaffAccountPage']['items'][number];

function AccountRow({ account, isMe, onChanged }: { account: StaffAccount; isMe: boolean; onChanged: (outcome: Outcome) => void }) {
  // A vendor's account keeps its role; its row shows no choice of role.
  const [role, setRole] = useState<StaffRole>(account.role === 'vendor' ? 'staff' : account.role);
  const changeRole = async () =>
    onChanged(await runCommand((key) => call(() => api.PUT('/api/accounts/{accountId}/role', { params: { path: { accountId: account.accountId }, header: { 'Idempotency-Key': key } }, body: { role } })), `${account.email} is now ${role}`));
  const disable = async () => {
    const reason = window.prompt(`Why is ${account.email} disabled?`, 'Left the shop');
    if (!reason) return;
    onChanged(await runCommand((key) => call(() => api.POST('/api/accounts/{accountId}/disable', { params: { path: { accountId: account.accountId }, header: { 'Idempotency-Key': key } }, body: { reason } })), `${account.email} is disabled; their sessions are ended`));
  };
  return (
    <tr>
      <td>{account.email}</td>
      <td>
        {isMe || account.role === 'vendor' ? (
          account.role
        ) : (
          <span className="inline-form">
            <label>
              <span className="visually-hidden">Role of {account.email}</span>
              <select value={role} onChange={(e) => setRole(e.target.value as StaffRole)} disabled={account.status === 'disabled'}>
                <option value="staff">Staff</option>
                <option value="auditor">Auditor</option>
                <option value="admin">Admin</option>
              </select>
            </label>
            <button type="button" onClick={() => void changeRole()} disabled={role === account.role || account.status === 'disabled'}>
              Change role
            </button>
          </span>
        )}
      </td>
      <td>
        <StatusBadge status={account.status} />
      </td>
      <td>{formatDate(account.createdAt)}</td>
      <td>
        {!isMe && account.status === 'active' ? (
          <button type="button" onClick={() => void disable()}>
            Disable
          </button>
        ) : null}
      </td>
    </tr>
  );
}

export function StaffPage() {
  const { me } = useSession();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const accounts = useLoad(async () => (await call(() => api.GET('/api/accounts', { params: { query: { limit: 100 } } }))).data?.items ?? [], [outcome]);
  const [account, setAccount] = useState({ email: '', password: '', role: 'staff' as StaffRole });

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(await runCommand((key) => call(() => api.POST('/api/accounts', { params: { header: { 'Idempotency-Key': key } }, body: account })), `Account for ${account.email} created; give them the password in person`));
  };

  return (
    <section>
      <h1>Staff accounts</h1>
      <OutcomeAlert outcome={outcome} />
      <table>
        <caption className="visually-hidden">Staff, admin and auditor accounts</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Since</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {(accounts.value ?? []).map((a) => (
            <AccountRow key={`${a.accountId}-${a.role}-${a.status}`} account={a} isMe={a.accountId === me?.accountId} onChanged={setOutcome} />
          ))}
        </tbody>
      </table>
      <form onSubmit={(e) => void create(e)} className="stack" aria-labelledby="create-title">
        <h2 id="create-title">Create an account</h2>
        <Field label="Email" type="email" required value={account.email} onChange={(e) => setAccount({ ...account, email: e.target.value })} />
        <Field label="First password" type="password" autoComplete="new-password" required minLength={12} value={account.password} onChange={(e) => setAccount({ ...account, password: e.target.value })} hint="At least 12 characters; they change it after signing in" />
        <label className="field">
          <span>Role</span>
          <select value={account.role} onChange={(e) => setAccount({ ...account, role: e.target.value as StaffRole })}>
            <option value="staff">Staff</option>
            <option value="auditor">Auditor (reads the audit trail)</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <button type="submit">Create account</button>
      </form>
    </section>
  );
}
