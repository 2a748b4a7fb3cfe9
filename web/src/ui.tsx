import { useEffect, useState, type InputHTMLAttributes, type ReactNode } from 'react';

export function Field({ label, hint, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input {...input} />
      {hint ? <small>{hint}</small> : null}
    </label>
  );
}

export function Alert({ kind = 'error', children }: { kind?: 'error' | 'info' | 'success'; children: ReactNode }) {
  return (
    <p className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

const statusWords: Record<string, string> = {
  placed: 'Placed',
  'awaiting-payment': 'Awaiting payment',
  paid: 'Paid',
  shipped: 'Shipped',
  delivered: 'Delivered',
  'payment-failed': 'Payment failed',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
  refunded: 'Refunded',
  requested: 'Requested',
  submitted: 'With the payment provider',
  succeeded: 'Succeeded',
  failed: 'Failed',
  active: 'Active',
  discontinued: 'Discontinued',
  disabled: 'Disabled',
  suspended: 'Suspended',
  sent: 'Sent',
  retrying: 'Retrying',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{statusWords[status] ?? status}</span>;
}

/** Asks for the next page while the page shown says there is one. */
export function NextPageButton({ cursor, onNext, children }: { cursor: string | null | undefined; onNext: (cursor: string) => void; children: ReactNode }) {
  return cursor ? (
    <button type="button" onClick={() => onNext(cursor)}>
      {children}
    </button>
  ) : null;
}

/** Loads once per change of `deps`; `reload` loads again (after a command, say). */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { value: T | undefined; error: string | null; reload: () => void } {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load()
      .then((loaded) => live && (setValue(loaded), setError(null)))
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      live = false;
    };
  }, [...deps, round]);
  return { value, error, reload: () => setRound((r) => r + 1) };
}

export const formatDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '');
