import { emailDecider, type EmailEvent, type EmailMessage } from '../../src/domain/notifications/email';
import { deciderSpec } from '../support/decider-spec';

const now = new Date('2026-11-24T10:00:00.000Z');
const at = now.toISOString();
const spec = deciderSpec(emailDecider);
const message: EmailMessage = { to: 'ann@example.org', subject: 'Paid', text: 't', html: '<p>t</p>', messageId: '<n-1@emporium>', purpose: 'payment-succeeded', causeEventId: 'e-1' };
const requested: EmailEvent = { type: 'EmailRequested', data: { notificationId: 'n-1', ...message, requestedAt: at } };
const failedOnce: EmailEvent = { type: 'EmailDeliveryFailed', data: { notificationId: 'n-1', attempt: 1, error: 'connection refused', permanent: false, failedAt: at } };
const sent: EmailEvent = { type: 'EmailSent', data: { notificationId: 'n-1', attempts: 2, sentAt: at } };

describe('email notification', () => {
  it('is requested once per cause', () => {
    spec.given([]).when({ type: 'RequestEmail', data: { notificationId: 'n-1', message, now } }).then([requested]);
    spec.given([requested]).when({ type: 'RequestEmail', data: { notificationId: 'n-1', message, now } }).thenNothingNew();
  });
  it('refuses another message under the same id', () => {
    spec.given([requested]).when({ type: 'RequestEmail', data: { notificationId: 'n-1', message: { ...message, messageId: '<other@emporium>' }, now } }).thenRefused('already-exists', 'notification-exists');
  });
  it('records failed attempts, then the sending, once', () => {
    spec.given([requested]).when({ type: 'RecordEmailFailure', data: { notificationId: 'n-1', attempt: 1, error: 'connection refused', permanent: false, now } }).then([failedOnce]);
    spec.given([requested, failedOnce]).when({ type: 'RecordEmailSent', data: { notificationId: 'n-1', attempt: 2, now } }).then([sent]);
    spec.given([requested, failedOnce, sent]).when({ type: 'RecordEmailSent', data: { notificationId: 'n-1', attempt: 3, now } }).thenNothingNew();
  });
  it('stops at a permanent failure', () => {
    const permanent: EmailEvent = { type: 'EmailDeliveryFailed', data: { notificationId: 'n-1', attempt: 1, error: '550 no such mailbox', permanent: true, failedAt: at } };
    spec.given([requested]).when({ type: 'RecordEmailFailure', data: { notificationId: 'n-1', attempt: 1, error: '550 no such mailbox', permanent: true, now } }).then([permanent]);
    spec.given([requested, permanent]).when({ type: 'RecordEmailSent', data: { notificationId: 'n-1', attempt: 2, now } }).thenNothingNew();
  });
  it('refuses news of an unknown notification', () => {
    spec.given([]).when({ type: 'RecordEmailSent', data: { notificationId: 'n-9', attempt: 1, now } }).thenRefused('not-found', 'notification-not-found');
  });
});
