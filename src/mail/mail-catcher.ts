import { randomUUID } from 'node:crypto';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtEmail {
  readonly id: string;
  readonly messageId: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
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
  /** Accept addresses refused before again, as a mailbox that was put right. */
  acceptRecipients(addresses: readonly string[]): void;
  close(): Promise<void>;
}

export interface MailCatcherOptions {
  readonly port?: number;
  /** How many of the latest messages are kept (default 10,000). */
  readonly keep?: number;
  /**
   * A JSON Lines file the messages are kept in, so the mailbox survives a restart (npm start keeps
   * it in the data directory). A message is acknowledged to the sender only once written there.
   * Without it they are kept in memory only.
   */
  readonly file?: string;
}

/**
 * A real SMTP server on loopback that keeps what it receives: the development mailbox of
 * `npm start` (shown at /dev/mailbox), and the mail server of the tests. Nothing leaves the machine.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const keep = options.keep ?? 10_000;
  const caught: CaughtEmail[] = options.file ? await loadMailbox(options.file, keep) : [];
  const refused = new Set<string>();
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
          const email: CaughtEmail = {
            id: randomUUID(),
            messageId: parsed.messageId ?? '',
            ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
            ...(parsed.references ? { references: Array.isArray(parsed.references) ? parsed.references : [parsed.references] } : {}),
            from: parsed.from?.text ?? '',
            to: address(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            receivedAt: new Date().toISOString(),
          };
          return (options.file ? appendFile(options.file, JSON.stringify(email) + '\n', { mode: 0o600 }) : Promise.resolve()).then(() => {
            caught.push(email);
            if (caught.length > keep) caught.splice(0, caught.length - keep);
            callback();
          });
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
    acceptRecipients: (addresses) => addresses.forEach((address) => refused.delete(address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The kept messages, the latest `keep` of them; the file is rewritten when it holds more. */
async function loadMailbox(file: string, keep: number): Promise<CaughtEmail[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  // A line cut short by a crash mid-write is dropped rather than stopping the mailbox.
  const messages = lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as CaughtEmail];
    } catch {
      return [];
    }
  });
  const kept = messages.slice(-keep);
  if (kept.length !== lines.length) await writeFile(file, kept.map((message) => JSON.stringify(message) + '\n').join(''), { mode: 0o600 });
  return kept;
}
