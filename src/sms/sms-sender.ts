/** The SMS port: one text message, accepted by the provider or refused. Adapters: SandboxSms, TwilioSms. */
export interface OutgoingTextMessage {
  /** E.164. */
  readonly to: string;
  readonly text: string;
}

export class SmsDeliveryError extends Error {
  override readonly name = 'SmsDeliveryError';
  constructor(
    message: string,
    /** The provider refused this message for good (a number that is no mobile, say); retrying will not help. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface SmsSender {
  /** Resolves with the provider's id for the message once it accepted it; rejects with SmsDeliveryError. */
  send(message: OutgoingTextMessage): Promise<{ providerMessageId: string }>;
}
