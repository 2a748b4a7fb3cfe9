import type { EmailEvent } from '../../domain/notifications/email';
import type { CustomerEvent } from '../../domain/customers/customer';
import { erasedText } from '../../privacy/personal-fields';
import { streamPrefix } from '../../domain/stream-names';
import type { SortKey } from '../document-store';
import { documentNamedBy, documentsOfErasedCustomer, type DocumentProjection } from '../document-projection';

/**
 * An email as the staff follow it: to whom, why, and whether it left. `retrying`: the SMTP server
 * refused it for now and the mail sender tries again; `failed`: refused for good (a 5xx answer).
 * The body is not kept here: the log has it, and the radar needs only the subject.
 */
export interface NotificationSummary {
  readonly notificationId: string;
  readonly to: string;
  /** The customer it was written to (not for staff alerts): how their erasure finds it. */
  readonly customerId?: string;
  readonly subject: string;
  readonly purpose: string;
  readonly status: 'requested' | 'sent' | 'retrying' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly requestedAt: string;
  readonly updatedAt: string;
  /** A resend: the notification it sends again. */
  readonly resendOf?: string;
  /** Each time it was asked to be sent again: by whom, why, and the new notification's id. */
  readonly resends?: readonly { readonly resendId: string; readonly reason: string; readonly requestedBy: { readonly id: string; readonly role: string }; readonly requestedAt: string }[];
}

/** Last changed first: what the staff look at (its index starts with status, for the lists by status). */
export const notificationsByLastChange: readonly SortKey[] = [
  { path: 'updatedAt', type: 'text', direction: 'desc' },
  { path: 'notificationId', type: 'text', direction: 'desc' },
];

/** Named `emails`: `notifications` is the process manager that asks for them, and names are checkpoint keys. */
export const notificationsProjection: DocumentProjection<NotificationSummary> = {
  name: 'emails',
  collection: { name: 'notifications', indexes: [[{ path: 'status', type: 'text' }, { path: 'updatedAt', type: 'text' }, { path: 'notificationId', type: 'text' }]] },
  filter: { streamPrefixes: [streamPrefix('notification'), streamPrefix('customer')] },
  documentIds: documentNamedBy('notificationId'),
  documentsWhere: documentsOfErasedCustomer('notificationId'),
  evolve(notification, recorded) {
    const event = recorded as unknown as EmailEvent | Extract<CustomerEvent, { type: 'CustomerErased' }>;
    if (event.type === 'EmailRequested') {
      const { notificationId, to, subject, purpose, requestedAt, resendOf, customerId } = event.data;
      return { notificationId, to, subject, purpose, status: 'requested', attempts: 0, lastError: null, requestedAt, updatedAt: requestedAt, ...(resendOf ? { resendOf } : {}), ...(customerId ? { customerId } : {}) };
    }
    if (!notification) return null;
    switch (event.type) {
      case 'CustomerErased':
        return { ...notification, to: erasedText };
      case 'EmailSent':
        return { ...notification, status: 'sent', attempts: event.data.attempts, updatedAt: event.data.sentAt };
      case 'EmailDeliveryFailed':
        // A failure recorded after the email left (a late report of an earlier attempt) does not undo it.
        if (notification.status === 'sent') return notification;
        return { ...notification, status: event.data.permanent ? 'failed' : 'retrying', attempts: event.data.attempt, lastError: event.data.error, updatedAt: event.data.failedAt };
      case 'EmailResendRequested': {
        const { resendId, reason, requestedBy, requestedAt } = event.data;
        return { ...notification, resends: [...(notification.resends ?? []), { resendId, reason, requestedBy, requestedAt }] };
      }
      default:
        return notification;
    }
  },
};
