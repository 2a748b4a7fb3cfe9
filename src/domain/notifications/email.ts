import { alreadyExists, notFound } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';

/**
 * One email (stream notification-<id>, the id derived from the event that called for it): asked
 * for once, then sent, or failed after attempts. Its Message-ID is fixed when it is asked for, so
 * a retry is recognisably the same message.
 */
export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
  /** Why it is sent: 'payment-succeeded', 'payment-failed', 'low-stock'. */
  readonly purpose: string;
  /** The event that called for it. */
  readonly causeEventId: string;
  /** When the order it is about was placed (for the order-to-email latency). */
  readonly orderPlacedAt?: string;
}

export type EmailCommand =
  | { type: 'RequestEmail'; data: { notificationId: string; message: EmailMessage; now: Date } }
  | { type: 'RecordEmailSent'; data: { notificationId: string; attempt: number; now: Date } }
  | { type: 'RecordEmailFailure'; data: { notificationId: string; attempt: number; error: string; permanent: boolean; now: Date } };

export type EmailEvent =
  | { type: 'EmailRequested'; data: { notificationId: string; requestedAt: string } & EmailMessage }
  | { type: 'EmailSent'; data: { notificationId: string; attempts: number; sentAt: string } }
  | { type: 'EmailDeliveryFailed'; data: { notificationId: string; attempt: number; error: string; permanent: boolean; failedAt: string } };

export type EmailState =
  | { status: 'none' }
  | { status: 'pending' | 'sent' | 'failed'; notificationId: string; message: EmailMessage; attempts: number };

export const initialEmailState: EmailState = { status: 'none' };

function existing(state: EmailState, notificationId: string): Exclude<EmailState, { status: 'none' }> {
  if (state.status === 'none') throw notFound('notification-not-found', `There is no notification ${notificationId}`, { notificationId });
  return state;
}

export function decideEmail(command: EmailCommand, state: EmailState): EmailEvent[] {
  switch (command.type) {
    case 'RequestEmail': {
      const { notificationId, message, now } = command.data;
      if (state.status !== 'none') {
        // The same cause asking again (a redelivered event): it is asked for already.
        if (state.message.messageId === message.messageId) return [];
        throw alreadyExists('notification-exists', `Notification ${notificationId} exists already`, { notificationId });
      }
      return [{ type: 'EmailRequested', data: { notificationId, ...message, requestedAt: now.toISOString() } }];
    }
    case 'RecordEmailSent': {
      const { notificationId, attempt, now } = command.data;
      const email = existing(state, notificationId);
      if (email.status !== 'pending') return [];
      return [{ type: 'EmailSent', data: { notificationId, attempts: attempt, sentAt: now.toISOString() } }];
    }
    case 'RecordEmailFailure': {
      const { notificationId, attempt, error, permanent, now } = command.data;
      const email = existing(state, notificationId);
      if (email.status !== 'pending') return [];
      return [{ type: 'EmailDeliveryFailed', data: { notificationId, attempt, error, permanent, failedAt: now.toISOString() } }];
    }
    default:
      return unreachable(command);
  }
}

export function evolveEmail(state: EmailState, event: EmailEvent): EmailState {
  switch (event.type) {
    case 'EmailRequested': {
      const { notificationId, requestedAt: _requestedAt, ...message } = event.data;
      return { status: 'pending', notificationId, message, attempts: 0 };
    }
    case 'EmailSent':
      return state.status === 'none' ? state : { ...state, status: 'sent', attempts: event.data.attempts };
    case 'EmailDeliveryFailed':
      return state.status === 'none' ? state : { ...state, status: event.data.permanent ? 'failed' : 'pending', attempts: event.data.attempt };
    default:
      return unreachable(event);
  }
}

export const emailDecider: Decider<EmailCommand, EmailEvent, EmailState> = {
  initialState: initialEmailState,
  decide: decideEmail,
  evolve: evolveEmail,
};
