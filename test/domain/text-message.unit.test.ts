import { textMessageDecider, type TextMessage, type TextMessageEvent } from '../../src/domain/notifications/text-message';
import { deciderSpec } from '../support/decider-spec';

const now = new Date('2026-11-26T10:00:00.000Z');
const at = now.toISOString();
const spec = deciderSpec(textMessageDecider);
const message: TextMessage = { to: '+447700900123', customerId: 'c-1', text: 'Emporium: payment received', purpose: 'payment-succeeded', causeEventId: 'e-1' };
const requested: TextMessageEvent = { type: 'SmsRequested', data: { smsId: 's-1', ...message, requestedAt: at } };

describe('text message ledger', () => {
  it('is asked for once: the same cause asking again records nothing, another cause under the id is refused', () => {
    spec.given([]).when({ type: 'RequestTextMessage', data: { smsId: 's-1', message, now } }).then([requested]);
    spec.given([requested]).when({ type: 'RequestTextMessage', data: { smsId: 's-1', message, now } }).thenNothingNew();
    spec.given([requested]).when({ type: 'RequestTextMessage', data: { smsId: 's-1', message: { ...message, causeEventId: 'e-2' }, now } }).thenRefused('already-exists', 'sms-exists');
  });
  it('is sent once, with the provider’s id; a late report after that changes nothing', () => {
    const sent: TextMessageEvent = { type: 'SmsSent', data: { smsId: 's-1', attempts: 2, providerMessageId: 'SM1', sentAt: at } };
    spec.given([requested]).when({ type: 'RecordTextMessageSent', data: { smsId: 's-1', attempt: 2, providerMessageId: 'SM1', now } }).then([sent]);
    spec.given([requested, sent]).when({ type: 'RecordTextMessageSent', data: { smsId: 's-1', attempt: 3, providerMessageId: 'SM2', now } }).thenNothingNew();
    spec.given([requested, sent]).when({ type: 'RecordTextMessageFailure', data: { smsId: 's-1', attempt: 3, error: 'x', permanent: true, now } }).thenNothingNew();
  });
  it('stays to be sent after a passing failure, and is done after a refusal for good', () => {
    const passing: TextMessageEvent = { type: 'SmsDeliveryFailed', data: { smsId: 's-1', attempt: 1, error: '503', permanent: false, failedAt: at } };
    expect(textMessageDecider.evolve(textMessageDecider.evolve(textMessageDecider.initialState, requested), passing)).toMatchObject({ status: 'pending', attempts: 1 });
    const refused: TextMessageEvent = { type: 'SmsDeliveryFailed', data: { smsId: 's-1', attempt: 2, error: '21614', permanent: true, failedAt: at } };
    spec.given([requested, passing]).when({ type: 'RecordTextMessageFailure', data: { smsId: 's-1', attempt: 2, error: '21614', permanent: true, now } }).then([refused]);
    spec.given([requested, passing, refused]).when({ type: 'RecordTextMessageSent', data: { smsId: 's-1', attempt: 3, providerMessageId: 'SM1', now } }).thenNothingNew();
  });
  it('knows no message it was never asked for', () => {
    spec.given([]).when({ type: 'RecordTextMessageSent', data: { smsId: 's-9', attempt: 1, providerMessageId: 'SM1', now } }).thenRefused('not-found', 'sms-not-found');
  });
});
