import { textMessageDecider } from '../domain/notifications/text-message';
import { streamName } from '../domain/stream-names';
import type { EventStore, RecordedEvent } from '../event-store/event-store';
import { loadState } from '../commands/handlers/catalog-handlers';
import type { notificationHandlers } from '../commands/handlers/notification-handlers';
import { inSpan, SpanKind } from '../observability/tracing';
import { isErased } from '../privacy/personal-fields';
import type { Logger } from '../shared/logger';
import { TransientError } from '../shared/transient-errors';
import { SmsDeliveryError, type SmsSender } from '../sms/sms-sender';
import { causedBy, textField, type ProcessManager } from './process-runner';

export class SmsProviderUnavailableError extends TransientError {
  override readonly name = 'SmsProviderUnavailableError';
}

/**
 * Sends each requested text message once, as the mail sender sends emails: sent messages are
 * recorded with the provider's id and never sent again; a provider that is down (or refusing our
 * credentials, or rate-limiting) is waited out with backoff; a refusal of the message itself is
 * recorded and not retried. Dying between the provider's acceptance and the record sends it once
 * more on restart: a provider offers no idempotency key to prevent that.
 */
export function smsSenderProcess(deps: { eventStore: EventStore; sms: SmsSender; notifications: ReturnType<typeof notificationHandlers>; clock: () => Date; logger: Logger; maxRetryDelayMs?: number }): ProcessManager {
  const { eventStore, sms, notifications, clock, logger } = deps;
  const name = 'sms-sender';
  return {
    name,
    filter: { eventTypes: ['SmsRequested'] },
    partitionKey: (event) => textField(event, 'smsId'),
    retry: { initialDelayMs: 200, maxDelayMs: deps.maxRetryDelayMs ?? 30_000 },
    async handle(event: RecordedEvent) {
      const smsId = textField(event, 'smsId');
      const message = await loadState(eventStore, streamName('sms', smsId), textMessageDecider);
      if (message.status !== 'pending') return;
      const attempt = message.attempts + 1;
      if (isErased(message.message.to)) {
        await notifications.recordTextMessageFailure({ smsId, attempt, error: 'recipient erased (GDPR art. 17)', permanent: true }, causedBy(event, name, `failure:${attempt}`, clock()));
        return;
      }
      let providerMessageId: string;
      try {
        // Never the number or the text in the span: they are personal data.
        ({ providerMessageId } = await inSpan('send text message', { kind: SpanKind.CLIENT, attributes: { 'emporium.sms_id': smsId, 'emporium.attempt': attempt } }, () => sms.send({ to: message.message.to, text: message.message.text })));
      } catch (error) {
        const permanent = error instanceof SmsDeliveryError && error.permanent;
        // A provider's refusal may quote the number: the record keeps the refusal, not the number.
        const reported = (error as Error).message.replaceAll(message.message.to, '‹recipient›');
        await notifications.recordTextMessageFailure({ smsId, attempt, error: reported, permanent }, causedBy(event, name, `failure:${attempt}`, clock()));
        if (permanent) {
          logger.warn('text message refused for good', { smsId, error: reported });
          return;
        }
        throw new SmsProviderUnavailableError(`Text message ${smsId} not sent (attempt ${attempt}): ${reported}`);
      }
      await notifications.recordTextMessageSent({ smsId, attempt, providerMessageId }, causedBy(event, name, 'sent', clock()));
    },
  };
}
