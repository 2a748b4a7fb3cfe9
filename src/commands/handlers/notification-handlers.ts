import { staffRoles, type Role } from '../../domain/accounts/account';
import { emailDecider, type EmailMessage } from '../../domain/notifications/email';
import { textMessageDecider, type TextMessage } from '../../domain/notifications/text-message';
import { streamName } from '../../domain/stream-names';
import type { EventStore } from '../../event-store/event-store';
import { handleCommand, newIdFor, type CommandContext } from '../command-handler';
import { customerDecider } from '../../domain/customers/customer';
import { notFound } from '../../domain/shared/domain-error';
import { loadState } from './catalog-handlers';

export function notificationHandlers(eventStore: EventStore) {
  const stream = (notificationId: string) => streamName('notification', notificationId);
  return {
    requestTextMessage: (input: { smsId: string; message: TextMessage }, context: CommandContext) =>
      handleCommand(eventStore, streamName('sms', input.smsId), textMessageDecider, { type: 'RequestTextMessage', data: { ...input, now: context.now } }, context, { newStream: true }),
    recordTextMessageSent: (input: { smsId: string; attempt: number; providerMessageId: string }, context: CommandContext) =>
      handleCommand(eventStore, streamName('sms', input.smsId), textMessageDecider, { type: 'RecordTextMessageSent', data: { ...input, now: context.now } }, context),
    recordTextMessageFailure: (input: { smsId: string; attempt: number; error: string; permanent: boolean }, context: CommandContext) =>
      handleCommand(eventStore, streamName('sms', input.smsId), textMessageDecider, { type: 'RecordTextMessageFailure', data: { ...input, now: context.now } }, context),
    requestEmail: (input: { notificationId: string; message: EmailMessage }, context: CommandContext) =>
      handleCommand(eventStore, stream(input.notificationId), emailDecider, { type: 'RequestEmail', data: { ...input, now: context.now } }, context, { newStream: true }),
    recordSent: (input: { notificationId: string; attempt: number }, context: CommandContext) =>
      handleCommand(eventStore, stream(input.notificationId), emailDecider, { type: 'RecordEmailSent', data: { ...input, now: context.now } }, context),
    recordFailure: (input: { notificationId: string; attempt: number; error: string; permanent: boolean }, context: CommandContext) =>
      handleCommand(eventStore, stream(input.notificationId), emailDecider, { type: 'RecordEmailFailure', data: { ...input, now: context.now } }, context),

    /**
     * Sends an email again, as a new message answering it, recorded on it with who asked and why.
     * The staff may for any email; a customer only for the confirmation of their own order's
     * payment (another's, or any other email, is not found for them); anyone else (a vendor) none.
     * The mail sender sends it.
     */
    async requestResend(input: { notificationId: string; reason: string }, context: CommandContext) {
      const email = await loadState(eventStore, stream(input.notificationId), emailDecider);
      const notFoundForThem = () => notFound('notification-not-found', `There is no notification ${input.notificationId}`, { notificationId: input.notificationId });
      if (email.status === 'none') throw notFoundForThem();
      if (context.actor.role === 'customer') {
        const customer = await loadState(eventStore, streamName('customer', context.actor.id), customerDecider);
        const theirs = customer.status === 'registered' && customer.email.toLowerCase() === email.message.to.toLowerCase() && email.message.purpose === 'payment-succeeded';
        if (!theirs) throw notFoundForThem();
      } else if (!staffRoles.includes(context.actor.role as Role)) {
        throw notFoundForThem();
      }
      const resendId = newIdFor(context, 'resend');
      const result = await handleCommand(eventStore, stream(input.notificationId), emailDecider, { type: 'RequestResend', data: { notificationId: input.notificationId, resendId, reason: input.reason, requestedBy: { id: context.actor.id, role: context.actor.role }, now: context.now } }, context);
      return { ...result, resendId };
    },
  };
}
