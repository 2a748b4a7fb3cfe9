import nodemailer, { type Transporter } from 'nodemailer';
import { MailDeliveryError, type Mailer, type OutgoingEmail } from './mailer';

/** Email over SMTP with nodemailer, on a small pool of reused connections. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(smtpUrl: string) {
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
      secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      pool: true,
      maxConnections: 4,
      // A server that is down should fail fast: the notification is retried with backoff anyway.
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 15_000,
    });
  }

  async send(email: OutgoingEmail): Promise<void> {
    try {
      await this.transport.sendMail({
        messageId: email.messageId,
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
        ...(email.references?.length ? { references: [...email.references] } : {}),
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx is the server's final word on this message; anything else (4xx, no connection) may pass later.
      throw new MailDeliveryError((error as Error).message, code !== undefined && code >= 500 && code < 600);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
