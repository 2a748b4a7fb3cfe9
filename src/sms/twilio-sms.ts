import { SmsDeliveryError, type OutgoingTextMessage, type SmsSender } from './sms-sender';

export interface TwilioSettings {
  readonly accountSid: string;
  readonly authToken: string;
  /** The sender: a Twilio number (E.164) or a messaging service (MG…). */
  readonly from: string;
  /** https://api.twilio.com, unless told otherwise (a regional edge, or a stand-in in tests). */
  readonly apiUrl: string;
  readonly timeoutMs?: number;
}

/**
 * Twilio's Programmable Messaging REST API: one POST of a form per message, authenticated with the
 * account SID and auth token. Fetch does it; an SDK would add megabytes for one call.
 * A 4xx answer refuses this message for good (a bad number, say), except 401/403 (our credentials)
 * and 429 (too fast), which, like a 5xx or no answer, are waited out and tried again.
 */
export class TwilioSms implements SmsSender {
  constructor(private readonly settings: TwilioSettings) {}

  async send(message: OutgoingTextMessage): Promise<{ providerMessageId: string }> {
    const { accountSid, authToken, from, apiUrl } = this.settings;
    const url = new URL(`/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`, apiUrl);
    const sender: Record<string, string> = from.startsWith('MG') ? { MessagingServiceSid: from } : { From: from };
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ To: message.to, Body: message.text, ...sender }),
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new SmsDeliveryError(`Twilio did not answer: ${(error as Error).message}`, false);
    }
    const body = (await response.json().catch(() => ({}))) as { sid?: unknown; code?: unknown; message?: unknown };
    if (response.status === 201 && typeof body.sid === 'string') return { providerMessageId: body.sid };
    const code = typeof body.code === 'number' || typeof body.code === 'string' ? ` (code ${body.code})` : '';
    const refusal = `Twilio answered ${response.status}${code}: ${typeof body.message === 'string' ? body.message : 'no message'}`;
    const ours = response.status === 401 || response.status === 403 || response.status === 429;
    throw new SmsDeliveryError(refusal, response.status >= 400 && response.status < 500 && !ours);
  }
}
