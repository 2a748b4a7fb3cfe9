import { erasedText } from '../../src/privacy/personal-fields';
import { emailDecider, resendLimit, resendMessage, type EmailCommand, type EmailEvent, type EmailMessage } from '../../src/domain/notifications/email';
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

  describe('sent again', () => {
    const staff = { id: 'staff-1', role: 'staff' };
    const resend = (resendId: string, when = now): EmailCommand => ({ type: 'RequestResend', data: { notificationId: 'n-1', resendId, reason: 'never arrived', requestedBy: staff, now: when } });
    const resent = (resendId: string, when = at): EmailEvent => ({ type: 'EmailResendRequested', data: { notificationId: 'n-1', resendId, reason: 'never arrived', requestedBy: staff, requestedAt: when } });
    const permanentFailure: EmailEvent = { type: 'EmailDeliveryFailed', data: { notificationId: 'n-1', attempt: 1, error: '550 no such mailbox', permanent: true, failedAt: at } };

    it('records who asked, why and the new message, for an email sent or refused for good', () => {
      spec.given([requested, sent]).when(resend('r-1')).then([resent('r-1')]);
      spec.given([requested, permanentFailure]).when(resend('r-1')).then([resent('r-1')]);
    });
    it('treats the same resend asked again as done', () => spec.given([requested, sent, resent('r-1')]).when(resend('r-1')).thenNothingNew());
    it('refuses while the email is still being sent: never a silent duplicate', () => spec.given([requested, failedOnce]).when(resend('r-1')).thenRefused('rule-violated', 'email-pending'));
    it('refuses once its customer is erased: there is nobody to write to', () => {
      const toNobody: EmailEvent = { type: 'EmailRequested', data: { notificationId: 'n-1', ...message, customerId: 'c-1', to: erasedText, text: erasedText, html: erasedText, requestedAt: at } };
      spec.given([toNobody, sent]).when(resend('r-1')).thenRefused('rule-violated', 'recipient-erased');
    });
    it(`allows ${resendLimit.perDay} a day, then refuses until a day has passed`, () => {
      const three = [resent('r-1'), resent('r-2'), resent('r-3')];
      spec.given([requested, sent, ...three]).when(resend('r-4')).thenRefused('limit-reached', 'resend-limit');
      const nextDay = new Date(now.getTime() + 24 * 3_600_000 + 1);
      spec.given([requested, sent, ...three]).when(resend('r-4', nextDay)).then([resent('r-4', nextDay.toISOString())]);
    });
    it('refuses an unknown notification', () => spec.given([]).when(resend('r-1')).thenRefused('not-found', 'notification-not-found'));
    it('sends the same words as a message of its own, answering the first', () => {
      const again = resendMessage({ ...message, references: ['<older@emporium>'] }, 'n-1', 'r-1', 'e-9');
      expect(again).toEqual({ ...message, messageId: '<r-1@emporium>', causeEventId: 'e-9', resendOf: 'n-1', inReplyTo: '<n-1@emporium>', references: ['<older@emporium>', '<n-1@emporium>'] });
    });
  });
});
