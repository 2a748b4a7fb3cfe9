import { emails, orderToEmail } from '../observability/metrics';
import { inSpan, SpanKind } from '../observability/tracing';
import { emailDecider, resendMessage } from '../domain/notifications/email';
import { isErased } from '../privacy/personal-fields';
import { streamName } from '../domain/stream-names';
import type { EventStore, RecordedEvent } from '../event-store/event-store';
import { loadState } from '../commands/handlers/catalog-handlers';
import type { notificationHandlers } from '../commands/handlers/notification-handlers';
import { MailDeliveryError, type Mailer } from '../mail/mailer';
import type { Logger } from '../shared/logger';
import { TransientError } from '../shared/transient-errors';
import { causedBy, textField, type ProcessManager } from './process-runner';

export class MailServerUnavailableError extends TransientError {
  override readonly name = 'MailServerUnavailableError';
}

/**
 * Sends each requested email once: sent emails are recorded as such and never sent again. A mail
 * server that is down fails the attempt (recorded), and the process runner waits it out with backoff for
 * as long as it takes, so an outage delays mail and loses none; a permanent refusal (5xx) is
 * recorded and not retried. If the process dies between the server accepting a message and the
 * "sent" record, the message is sent once more on restart, with the same Message-ID.
 */
export function mailSenderProcess(deps: { eventStore: EventStore; mailer: Mailer; notifications: ReturnType<typeof notificationHandlers>; from: string; clock: () => Date; logger: Logger; maxRetryDelayMs?: number }): ProcessManager {
  const { eventStore, mailer, notifications, clock, logger } = deps;
  const name = 'mail-sender';

  return {
    name,
    filter: { eventTypes: ['EmailRequested', 'EmailResendRequested'] },
    partitionKey: (event) => textField(event, 'notificationId'),
    // A mail server that is down is an outage, waited out for as long as it lasts (MailServerUnavailableError is transient).
    retry: { initialDelayMs: 200, maxDelayMs: deps.maxRetryDelayMs ?? 30_000 },
    async handle(event: RecordedEvent) {
      const notificationId = textField(event, 'notificationId');
      if (event.type === 'EmailResendRequested') {
        // A resend asked for: a new message, its id the one the request named, so asking again
        // (a redelivered event) asks for the same message, which is then sent once.
        const original = await loadState(eventStore, streamName('notification', notificationId), emailDecider);
        if (original.status === 'none') return;
        const resendId = textField(event, 'resendId');
        await notifications.requestEmail({ notificationId: resendId, message: resendMessage(original.message, notificationId, resendId, event.id) }, causedBy(event, name, 'resend', clock()));
        return;
      }
      const email = await loadState(eventStore, streamName('notification', notificationId), emailDecider);
      if (email.status !== 'pending') return;
      const attempt = email.attempts + 1;
      if (isErased(email.message.to)) {
        // Its customer was erased before it left: there is nobody to write to any more.
        await notifications.recordFailure({ notificationId, attempt, error: 'recipient erased (GDPR art. 17)', permanent: true }, causedBy(event, name, `failure:${attempt}`, clock()));
        return;
      }
      try {
        // Never the address or the text in the span: they are personal data.
        await inSpan('send email', { kind: SpanKind.CLIENT, attributes: { 'emporium.notification_id': notificationId, 'emporium.attempt': attempt } }, () => mailer.send({ ...email.message, from: deps.from }));
      } catch (error) {
        const permanent = error instanceof MailDeliveryError && error.permanent;
        emails.inc({ outcome: permanent ? 'failed' : 'retrying' });
        // A mail server's refusal often quotes the address: the log keeps the refusal, not the address.
        const reported = (error as Error).message.replaceAll(email.message.to, '‹recipient›');
        await notifications.recordFailure({ notificationId, attempt, error: reported, permanent }, causedBy(event, name, `failure:${attempt}`, clock()));
        if (permanent) {
          logger.error('email refused for good', { notificationId, to: email.message.to, error });
          return;
        }
        throw new MailServerUnavailableError(`Email ${notificationId} not sent (attempt ${attempt}): ${(error as Error).message}`);
      }
      const sent = await notifications.recordSent({ notificationId, attempt }, causedBy(event, name, 'sent', clock()));
      if (!sent.alreadyApplied && sent.events.length > 0) {
        // The logger redacts the address (personal data); the notification id leads a support case to it.
        logger.debug('email sent', { notificationId, purpose: email.message.purpose, attempt, to: email.message.to });
        emails.inc({ outcome: 'sent' });
        if (email.message.orderPlacedAt) orderToEmail.observe(Math.max(0, (clock().getTime() - Date.parse(email.message.orderPlacedAt)) / 1000));
      }
    },
  };
}
