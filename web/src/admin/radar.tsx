import { useEffect, useState } from 'react';
import { api, call, formatMoney, type ProjectionName } from '../api/client';
import { Link } from '../router';
import { useSession } from '../session';
import { formatDate, StatusBadge, useLoad } from '../ui';
import { OutcomeAlert, runCommand, type Outcome } from './commands';

interface ParkedEvent {
  id: string;
  process: string;
  eventType: string;
  streamId: string;
  reason: string;
  error: string | null;
  attempts: number;
  parkedAt: string;
}

/** What needs a person now; it looks again every five seconds while it is open. */
export function RadarPage() {
  const { me } = useSession();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const radar = useLoad(async () => (await call(() => api.GET('/api/admin/radar'))).data, [outcome]);
  useEffect(() => {
    const timer = setInterval(radar.reload, 5_000);
    return () => clearInterval(timer);
  }, []);
  const r = radar.value;
  if (!r) return <p>{radar.error ?? 'Loading…'}</p>;
  const parked = r.parkedEvents as unknown as ParkedEvent[];
  const stuckProjections = r.projections.filter((p) => p.stuck);
  const retry = async (id: string) => setOutcome(await runCommand(() => call(() => api.POST('/api/admin/parked-events/{parkedEventId}/retry', { params: { path: { parkedEventId: id } } })), 'Handled again'));
  const resend = async (id: string) => {
    const reason = window.prompt('Why is the email sent again? (The address may have been corrected.)', 'Address corrected with the customer');
    if (!reason) return;
    setOutcome(await runCommand((key) => call(() => api.POST('/api/notifications/{notificationId}/resend', { params: { path: { notificationId: id }, header: { 'Idempotency-Key': key } }, body: { reason } })), 'Sent again, as a new message'));
  };
  const rebuild = async (name: string) => setOutcome(await runCommand(() => call(() => api.POST('/api/admin/projections/rebuild', { body: { projections: [name as ProjectionName] } })), `${name} rebuilt`));

  return (
    <section>
      <h1>What is stuck</h1>
      <p className="muted">As of {formatDate(r.at)}</p>
      <OutcomeAlert outcome={outcome} />

      <h2>Payments past their deadline ({r.paymentsPastDeadline.length})</h2>
      {r.paymentsPastDeadline.length === 0 ? <p>Every payment was answered in time.</p> : null}
      <table>
        <caption className="visually-hidden">Payments the provider did not answer in time</caption>
        <thead>
          <tr>
            <th scope="col">Payment</th>
            <th scope="col">Order</th>
            <th scope="col">Amount</th>
            <th scope="col">Requested</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {r.paymentsPastDeadline.map(({ payment, state, dueAt }) => (
            <tr key={payment.paymentId}>
              <td>{payment.paymentId.slice(0, 8)}</td>
              <td>
                <Link href={`/admin/orders/${payment.orderId}`}>{payment.orderId.slice(0, 8)}</Link>
              </td>
              <td>{formatMoney(payment.amount)}</td>
              <td>{formatDate(payment.requestedAt)}</td>
              <td>
                {state === 'open' ? `Unanswered since its deadline ${formatDate(dueAt)}: the deadline sweep is behind` : 'Expired: recorded as failed, stock released, customer told'}{' '}
                <StatusBadge status={payment.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Refunds refused ({r.refundsRefused.length})</h2>
      {r.refundsRefused.length === 0 ? <p>Every refund asked went through, or is on its way.</p> : null}
      <table>
        <caption className="visually-hidden">Refunds the payment provider refused: the money is still to give back</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Refund</th>
            <th scope="col">Refused because</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {r.refundsRefused.map((payment) => {
            const refused = [...(payment.refunds ?? [])].reverse().find((refund) => refund.status === 'failed');
            return (
              <tr key={payment.paymentId}>
                <td>
                  <Link href={`/admin/orders/${payment.orderId}`}>{payment.orderId.slice(0, 8)}</Link>
                </td>
                <td>{refused ? formatMoney(refused.amount) : '—'}</td>
                <td>{refused?.failureReason ?? '—'}</td>
                <td>{refused?.settledAt ? formatDate(refused.settledAt) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>Emails not sent ({r.emailsNotSent.length})</h2>
      {r.emailsNotSent.length === 0 ? <p>Every email left, or is on its way.</p> : null}
      <table>
        <caption className="visually-hidden">Emails the mail server refused, for now or for good</caption>
        <thead>
          <tr>
            <th scope="col">To</th>
            <th scope="col">Subject</th>
            <th scope="col">State</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last error</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {r.emailsNotSent.map((email) => (
            <tr key={email.notificationId}>
              <td>{email.to}</td>
              <td>{email.subject}</td>
              <td>{email.status === 'failed' ? 'Refused for good: check the address with the customer' : 'Refused for now: the mail sender tries again by itself'}</td>
              <td>{email.attempts}</td>
              <td>{email.lastError ?? '—'}</td>
              <td>
                {email.status === 'failed' ? (
                  <button type="button" onClick={() => void resend(email.notificationId)}>
                    Send again
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Read models ({stuckProjections.length} stopped or lagging)</h2>
      <table>
        <caption className="visually-hidden">Projections and how far behind the log they are</caption>
        <thead>
          <tr>
            <th scope="col">Projection</th>
            <th scope="col">State</th>
            <th scope="col">Behind the log</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {r.projections.map((p) => (
            <tr key={p.name} className={p.stuck ? 'stuck' : undefined}>
              <td>{p.name}</td>
              <td>{p.state ?? 'run by the projector'}</td>
              <td>{p.lag ?? '—'}</td>
              <td>
                {me?.role === 'admin' ? (
                  <button type="button" onClick={() => void rebuild(p.name)} aria-label={`Rebuild ${p.name}`}>
                    Rebuild
                  </button>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Events set aside ({parked.length})</h2>
      {parked.length === 0 ? <p>No process manager has set an event aside.</p> : null}
      <table>
        <caption className="visually-hidden">Events a process manager could not handle</caption>
        <thead>
          <tr>
            <th scope="col">Process</th>
            <th scope="col">Event</th>
            <th scope="col">Error</th>
            <th scope="col">Attempts</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {parked.map((p) => (
            <tr key={p.id}>
              <td>{p.process}</td>
              <td>
                {p.eventType} <small className="muted">{p.streamId}</small>
              </td>
              <td>{p.error ?? p.reason}</td>
              <td>{p.attempts}</td>
              <td>
                <button type="button" onClick={() => void retry(p.id)}>
                  Retry
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
