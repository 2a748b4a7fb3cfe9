/** The mail port: one email, sent or refused. Adapters: SmtpMailer (nodemailer). */
export interface OutgoingEmail {
  /** Fixed when the email is asked for, so that a retry is recognisably the same message. */
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** A message sent again answers the one before (In-Reply-To, References), so a mail client threads them. */
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
}

export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  constructor(
    message: string,
    /** The server refused for good (a 5xx answer); retrying will not help. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface Mailer {
  /** Resolves once the server accepted the message; rejects with MailDeliveryError. */
  send(email: OutgoingEmail): Promise<void>;
  close(): Promise<void>;
}
