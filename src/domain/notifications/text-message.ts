import { alreadyExists, notFound } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';

/**
 * One text message (stream sms-<id>, the id derived from the event that called for it), kept in
 * the same sent-once ledger as an email: asked for once, then sent, or failed after attempts.
 * The provider's id for it is kept once sent, for a support case to find it there.
 */
export interface TextMessage {
  /** A mobile number, E.164. */
  readonly to: string;
  /** The customer it is written to (sealed under their key, src/privacy). */
  readonly customerId: string;
  readonly text: string;
  /** Why it is sent: 'payment-succeeded', 'payment-failed'. */
  readonly purpose: string;
  readonly causeEventId: string;
}

export type TextMessageCommand =
  | { type: 'RequestTextMessage'; data: { smsId: string; message: TextMessage; now: Date } }
  | { type: 'RecordTextMessageSent'; data: { smsId: string; attempt: number; providerMessageId: string; now: Date } }
  | { type: 'RecordTextMessageFailure'; data: { smsId: string; attempt: number; error: string; permanent: boolean; now: Date } };

export type TextMessageEvent =
  | { type: 'SmsRequested'; data: { smsId: string; requestedAt: string } & TextMessage }
  | { type: 'SmsSent'; data: { smsId: string; attempts: number; providerMessageId: string; sentAt: string } }
  | { type: 'SmsDeliveryFailed'; data: { smsId: string; attempt: number; error: string; permanent: boolean; failedAt: string } };

export type TextMessageState =
  | { status: 'none' }
  | { status: 'pending' | 'sent' | 'failed'; smsId: string; message: TextMessage; attempts: number };

export const initialTextMessageState: TextMessageState = { status: 'none' };

export function decideTextMessage(command: TextMessageCommand, state: TextMessageState): TextMessageEvent[] {
  const { smsId, now } = command.data;
  const at = now.toISOString();
  if (command.type === 'RequestTextMessage') {
    const { message } = command.data;
    if (state.status === 'none') return [{ type: 'SmsRequested', data: { smsId, ...message, requestedAt: at } }];
    // The same cause asking again (a redelivered event): it is asked for already.
    if (state.message.causeEventId === message.causeEventId && state.message.purpose === message.purpose) return [];
    throw alreadyExists('sms-exists', `Text message ${smsId} exists already`, { smsId });
  }
  if (state.status === 'none') throw notFound('sms-not-found', `There is no text message ${smsId}`, { smsId });
  // Sent or refused for good: the ledger's last word; a late report changes nothing.
  if (state.status !== 'pending') return [];
  switch (command.type) {
    case 'RecordTextMessageSent':
      return [{ type: 'SmsSent', data: { smsId, attempts: command.data.attempt, providerMessageId: command.data.providerMessageId, sentAt: at } }];
    case 'RecordTextMessageFailure': {
      const { attempt, error, permanent } = command.data;
      return [{ type: 'SmsDeliveryFailed', data: { smsId, attempt, error, permanent, failedAt: at } }];
    }
    default:
      return unreachable(command);
  }
}

export function evolveTextMessage(state: TextMessageState, event: TextMessageEvent): TextMessageState {
  switch (event.type) {
    case 'SmsRequested': {
      const { smsId, requestedAt: _requestedAt, ...message } = event.data;
      return { status: 'pending', smsId, message, attempts: 0 };
    }
    case 'SmsSent':
      return state.status === 'none' ? state : { ...state, status: 'sent', attempts: event.data.attempts };
    case 'SmsDeliveryFailed':
      return state.status === 'none' ? state : { ...state, status: event.data.permanent ? 'failed' : 'pending', attempts: event.data.attempt };
    default:
      return unreachable(event);
  }
}

export const textMessageDecider: Decider<TextMessageCommand, TextMessageEvent, TextMessageState> = {
  initialState: initialTextMessageState,
  decide: decideTextMessage,
  evolve: evolveTextMessage,
};
