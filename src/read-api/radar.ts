import type { Pool } from 'pg';
import type { Operation } from '../http/operations';
import { expiredReason } from '../processes/payment-deadlines';
import type { ParkedEventStore } from '../processes/parked-events';
import type { DocumentStore } from '../projections/document-store';
import type { ProjectionRunner } from '../projections/projection-runner';
import { notificationsByLastChange, notificationsProjection, type NotificationSummary } from '../projections/read-models/notifications';
import { paymentsProjection, type PaymentSummary } from '../projections/read-models/payments';
import { notificationSchema, paymentSchema } from './answer-schemas';

/** A projection this many positions behind the head of the log is shown as lagging. */
export const laggingProjectionPositions = 1_000;

const radarSchema = {
  type: 'object',
  properties: {
    at: { type: 'string', format: 'date-time' },
    paymentsPastDeadline: {
      type: 'array',
      items: {
        type: 'object',
        description: 'open: still unanswered past its deadline (the deadline sweep is behind or stopped); expired: recorded as failed at its deadline',
        properties: { state: { enum: ['open', 'expired'] }, dueAt: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] }, payment: paymentSchema },
        required: ['state', 'dueAt', 'payment'],
      },
    },
    refundsRefused: { type: 'array', description: 'Payments whose last refund the gateway refused: the money is still to give back', items: paymentSchema },
    emailsNotSent: { type: 'array', description: 'Emails refused for good (failed) and not sent again since, or being retried, last changed first', items: notificationSchema },
    projections: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, state: { anyOf: [{ type: 'string' }, { type: 'null' }] }, lag: { anyOf: [{ type: 'integer' }, { type: 'null' }] }, stuck: { type: 'boolean' } },
        required: ['name', 'state', 'lag', 'stuck'],
      },
    },
    parkedEvents: { type: 'array', items: { type: 'object', description: 'As GET /api/admin/parked-events lists them; retry each with POST /api/admin/parked-events/{id}/retry' } },
  },
  required: ['at', 'paymentsPastDeadline', 'refundsRefused', 'emailsNotSent', 'projections', 'parkedEvents'],
};

/**
 * What needs a person, in one answer for the back-office: payments the gateway did not answer in
 * time, refunds it refused, emails the SMTP server refused, projections stopped or far behind, and events a process
 * manager set aside.
 */
export function radarOperation(deps: { pool: Pool; documents: DocumentStore; projections: ProjectionRunner; parkedEvents: ParkedEventStore; clock: () => Date }): Operation {
  return {
    method: 'get',
    path: '/api/admin/radar',
    operationId: 'stuckRadar',
    summary: 'What is stuck: payments past their deadline, refunds refused, emails failing or retrying, projections stopped or lagging, parked events',
    tag: 'admin',
    access: 'staff',
    answers: { name: 'Radar', schema: radarSchema },
    responses: { 200: 'What is stuck now' },
    async handle(_request, response) {
      const now = deps.clock();
      const latestFirst = [{ path: 'requestedAt', type: 'text', direction: 'desc' }, { path: 'paymentId', type: 'text', direction: 'desc' }] as const;
      const [open, expired, refundsRefused, failedEmails, retryingEmails, projections, parked] = await Promise.all([
        deps.pool.query<{ payment_id: string; due_at: Date }>(`select payload->>'paymentId' as payment_id, due_at from process_timers where kind = 'payment-deadline' and due_at <= $1 order by due_at limit 100`, [now]),
        deps.documents.find<PaymentSummary>(paymentsProjection.collection.name, { where: { failureReason: expiredReason }, sort: latestFirst, limit: 100 }),
        deps.documents.find<PaymentSummary>(paymentsProjection.collection.name, { where: { lastRefundOutcome: 'failed' }, sort: latestFirst, limit: 100 }),
        deps.documents.find<NotificationSummary>(notificationsProjection.collection.name, { where: { status: 'failed' }, sort: [...notificationsByLastChange], limit: 100 }),
        deps.documents.find<NotificationSummary>(notificationsProjection.collection.name, { where: { status: 'retrying' }, sort: [...notificationsByLastChange], limit: 100 }),
        deps.projections.progress(),
        deps.parkedEvents.list({ limit: 100 }),
      ]);
      const openPayments = await Promise.all(
        open.rows.map(async (row) => ({ state: 'open' as const, dueAt: row.due_at.toISOString(), payment: await deps.documents.get<PaymentSummary>(paymentsProjection.collection.name, row.payment_id) })),
      );
      response.setHeader('Cache-Control', 'no-store');
      response.json({
        at: now.toISOString(),
        paymentsPastDeadline: [...openPayments.filter((entry) => entry.payment !== null), ...expired.map((payment) => ({ state: 'expired' as const, dueAt: null, payment }))],
        refundsRefused,
        // An email refused for good that staff have sent again is no longer stuck: the new message
        // is its own notification, listed here if it fails in turn.
        emailsNotSent: [...failedEmails.filter((email) => !email.resends?.length), ...retryingEmails].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
        projections: projections.map((projection) => ({ ...projection, stuck: projection.state === 'failed' || projection.state === 'stopped' || (projection.lag ?? 0) > laggingProjectionPositions })),
        parkedEvents: parked,
      });
    },
  };
}
