import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtEmail {
  readonly id: string;
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly receivedAt: string;
}

export interface MailCatcher {
  readonly port: number;
  readonly smtpUrl: string;
  messages(): readonly CaughtEmail[];
  /** Refuse the next messages with a permanent error (tests of permanent failures). */
  refuseRecipients(addresses: readonly string[]): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps what it receives in memory: the development mailbox of
 * `npm start` (shown at /dev/mailbox), and the mail server of the tests. Nothing leaves the machine.
 */
export async function startMailCatcher(options: { port?: number; keep?: number } = {}): Promise<MailCatcher> {
  const caught: CaughtEmail[] = [];
  const refused = new Set<string>();
  const keep = options.keep ?? 10_000;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    banner: 'Emporium development mail catcher',
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address.toLowerCase())) {
        const error = Object.assign(new Error('No such mailbox here'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const address = (value: typeof parsed.to) => (Array.isArray(value) ? value.map((a) => a.text).join(', ') : (value?.text ?? ''));
          caught.push({
            id: randomUUID(),
            messageId: parsed.messageId ?? '',
            from: parsed.from?.text ?? '',
            to: address(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            receivedAt: new Date().toISOString(),
          });
          if (caught.length > keep) caught.splice(0, caught.length - keep);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return {
    port,
    smtpUrl: `smtp://127.0.0.1:${port}`,
    messages: () => [...caught],
    refuseRecipients: (addresses) => addresses.forEach((address) => refused.add(address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
