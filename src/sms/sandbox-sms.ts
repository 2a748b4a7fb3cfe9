import { randomUUID } from 'node:crypto';
import { SmsDeliveryError, type OutgoingTextMessage, type SmsSender } from './sms-sender';

/**
 * The SMS provider when none is configured: it sends nothing anywhere, and keeps what it was given,
 * so that a developer (and the tests) can read it. Numbers in the range kept for drama, +44 7700
 * 900000-900999 (Ofcom), are accepted; +1 555 01xx numbers are refused for good, as a provider
 * refuses a number that is not a mobile.
 */
export class SandboxSms implements SmsSender {
  private readonly sent: (OutgoingTextMessage & { providerMessageId: string; at: string })[] = [];

  send(message: OutgoingTextMessage): Promise<{ providerMessageId: string }> {
    if (message.to.startsWith('+155501')) return Promise.reject(new SmsDeliveryError(`The number ${message.to} cannot receive text messages`, true));
    const providerMessageId = `sandbox-${randomUUID()}`;
    this.sent.push({ ...message, providerMessageId, at: new Date().toISOString() });
    return Promise.resolve({ providerMessageId });
  }

  /** What was sent, oldest first. */
  messages(): readonly (OutgoingTextMessage & { providerMessageId: string; at: string })[] {
    return [...this.sent];
  }
}
