import { emailDecider, type EmailMessage } from '../../domain/notifications/email';
import { streamName } from '../../domain/stream-names';
import type { EventStore } from '../../event-store/event-store';
import { handleCommand, type CommandContext } from '../command-handler';

export function notificationHandlers(eventStore: EventStore) {
  const stream = (notificationId: string) => streamName('notification', notificationId);
  return {
    requestEmail: (input: { notificationId: string; message: EmailMessage }, context: CommandContext) =>
      handleCommand(eventStore, stream(input.notificationId), emailDecider, { type: 'RequestEmail', data: { ...input, now: context.now } }, context, { newStream: true }),
    recordSent: (input: { notificationId: string; attempt: number }, context: CommandContext) =>
      handleCommand(eventStore, stream(input.notificationId), emailDecider, { type: 'RecordEmailSent', data: { ...input, now: context.now } }, context),
    recordFailure: (input: { notificationId: string; attempt: number; error: string; permanent: boolean }, context: CommandContext) =>
      handleCommand(eventStore, stream(input.notificationId), emailDecider, { type: 'RecordEmailFailure', data: { ...input, now: context.now } }, context),
  };
}
