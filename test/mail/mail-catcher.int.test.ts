import { appendFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMailCatcher } from '../../src/mail/mail-catcher';
import { SmtpMailer } from '../../src/mail/smtp-mailer';

describe('the development mail catcher', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'emporium-mailbox-'));
  const file = path.join(dir, 'mailbox.jsonl');
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const email = (n: number) => ({ messageId: `<n-${n}@emporium>`, from: 'Emporium <shop@emporium.local>', to: 'ann@example.org', subject: `Message ${n}`, text: 'Hello', html: '<p>Hello</p>' });

  it('keeps its mailbox in a file, so the messages survive a restart', async () => {
    const first = await startMailCatcher({ file });
    const mailer = new SmtpMailer(first.smtpUrl);
    await mailer.send(email(1));
    await mailer.send(email(2));
    await mailer.close();
    await first.close();
    // It holds customers' addresses: readable by its owner only.
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = await startMailCatcher({ file });
    expect(again.messages().map((m) => m.subject)).toEqual(['Message 1', 'Message 2']);
    await again.close();
  });

  it('keeps the latest messages only, and drops a line a crash cut short', async () => {
    appendFileSync(file, '{"id":"cut-sh');
    const catcher = await startMailCatcher({ file, keep: 1 });
    expect(catcher.messages().map((m) => m.subject)).toEqual(['Message 2']);
    await catcher.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
