import { alreadyExists, limitReached, notFound, ruleViolated } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';
import { isErased } from '../../privacy/personal-fields';

/**
 * One email (stream notification-<id>, the id derived from the event that called for it): asked
 * for once, then sent, or failed after attempts. Its Message-ID is fixed when it is asked for, so
 * a retry is recognisably the same message.
 */
export interface EmailMessage {
  readonly to: string;
  /** The customer it is written to, whose personal data it holds (sealed under their key, src/privacy); absent for staff alerts. */
  readonly customerId?: string;
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
  /** A resend: the notification it sends again, whose Message-ID it answers (In-Reply-To, References). */
  readonly resendOf?: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
}

/** Someone asked for an email to be sent again: who, why, when, and the new notification's id. */
export interface ResendRequest {
  readonly resendId: string;
  readonly reason: string;
  readonly requestedBy: { readonly id: string; readonly role: string };
  readonly requestedAt: string;
}

/** How many resends one email may have in a day: a customer (or a script) cannot flood an inbox. */
export const resendLimit = { perDay: 3 };

export type EmailCommand =
  | { type: 'RequestEmail'; data: { notificationId: string; message: EmailMessage; now: Date } }
  | { type: 'RecordEmailSent'; data: { notificationId: string; attempt: number; now: Date } }
  | { type: 'RecordEmailFailure'; data: { notificationId: string; attempt: number; error: string; permanent: boolean; now: Date } }
  /** Send it again, as a new message answering this one; recorded on this one, audited. */
  | { type: 'RequestResend'; data: { notificationId: string; resendId: string; reason: string; requestedBy: { id: string; role: string }; now: Date } };

export type EmailEvent =
  | { type: 'EmailRequested'; data: { notificationId: string; requestedAt: string } & EmailMessage }
  | { type: 'EmailSent'; data: { notificationId: string; attempts: number; sentAt: string } }
  | { type: 'EmailDeliveryFailed'; data: { notificationId: string; attempt: number; error: string; permanent: boolean; failedAt: string } }
  | { type: 'EmailResendRequested'; data: { notificationId: string } & ResendRequest };

export type EmailState =
  | { status: 'none' }
  | { status: 'pending' | 'sent' | 'failed'; notificationId: string; message: EmailMessage; attempts: number; resends?: readonly ResendRequest[] };

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
    case 'RequestResend': {
      const { notificationId, resendId, reason, requestedBy, now } = command.data;
      const email = existing(state, notificationId);
      if (email.resends?.some((resend) => resend.resendId === resendId)) return [];
      // Sent, or refused for good: a resend is a new message. One still being sent is not sent twice.
      if (email.status === 'pending') throw ruleViolated('email-pending', `Notification ${notificationId} is still being sent`, { notificationId });
      if (isErased(email.message.to)) throw ruleViolated('recipient-erased', `The customer notification ${notificationId} was written to is erased`, { notificationId });
      const dayAgo = now.getTime() - 24 * 3_600_000;
      const today = (email.resends ?? []).filter((resend) => Date.parse(resend.requestedAt) > dayAgo).length;
      if (today >= resendLimit.perDay) {
        throw limitReached('resend-limit', `Notification ${notificationId} was sent again ${today} times in the last day; at most ${resendLimit.perDay}`, { notificationId, limit: resendLimit.perDay });
      }
      return [{ type: 'EmailResendRequested', data: { notificationId, resendId, reason, requestedBy: { id: requestedBy.id, role: requestedBy.role }, requestedAt: now.toISOString() } }];
    }
    default:
      return unreachable(command);
  }
}

/** The message a resend sends: the same words, a Message-ID of its own, answering the original's. */
export function resendMessage(original: EmailMessage, originalId: string, resendId: string, causeEventId: string): EmailMessage {
  return {
    to: original.to,
    ...(original.customerId ? { customerId: original.customerId } : {}),
    subject: original.subject,
    text: original.text,
    html: original.html,
    purpose: original.purpose,
    messageId: `<${resendId}@emporium>`,
    causeEventId,
    resendOf: originalId,
    inReplyTo: original.messageId,
    references: [...(original.references ?? []), original.messageId],
  };
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
    case 'EmailResendRequested': {
      if (state.status === 'none') return state;
      const { notificationId: _notificationId, ...resend } = event.data;
      return { ...state, resends: [...(state.resends ?? []), resend] };
    }
    default:
      return unreachable(event);
  }
}

export const emailDecider: Decider<EmailCommand, EmailEvent, EmailState> = {
  initialState: initialEmailState,
  decide: decideEmail,
  evolve: evolveEmail,
};
