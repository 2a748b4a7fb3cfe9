import { get } from 'node:http';
import { startMailCatcher, type MailCatcher } from '../../src/mail/mail-catcher';
import { isLoopbackAddress } from '../../src/mail/mailbox-routes';
import { SmtpMailer } from '../../src/mail/smtp-mailer';
import { startTestApp, type TestApp } from '../support/test-app';

/** A GET with this Host header (fetch will not send one of ours). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('the development mailbox is for this machine only', () => {
  let catcher: MailCatcher;
  let api: TestApp;
  beforeAll(async () => {
    catcher = await startMailCatcher();
    api = await startTestApp({ mailbox: catcher });
    const mailer = new SmtpMailer(catcher.smtpUrl);
    await mailer.send({ messageId: '<m-1@emporium>', from: 'shop@emporium.local', to: 'ann@example.org', subject: 'Your order', text: 'Hi', html: '<p>Hi</p>' });
    await mailer.close();
  });
  afterAll(async () => {
    await api.close();
    await catcher.close();
  });

  it('shows the mail to a browser on this machine', async () => {
    const answer = await api.request<{ items: { to: string }[] }>('GET', '/dev/mailbox/messages.json');
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((message) => message.to)).toEqual(['ann@example.org']);
    const named = await getWithHost(`${api.url}/dev/mailbox`, `localhost:${new URL(api.url).port}`);
    expect(named.status).toBe(200);
  });

  it.each(['evil.example', 'evil.example:80', '192.0.2.10'])('refuses a page reached under another name (%s), as DNS rebinding would reach it', async (host) => {
    for (const path of ['/dev/mailbox', '/dev/mailbox/messages.json']) {
      const answer = await getWithHost(`${api.url}${path}`, host);
      expect({ path, status: answer.status }).toEqual({ path, status: 403 });
      expect(answer.body).not.toContain('ann@example.org');
    }
  });

  it('knows a loopback connection from any other', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address)).toBe(true);
    for (const address of ['10.0.0.5', '192.0.2.10', '::ffff:10.0.0.5', 'fe80::1', '1127.0.0.1', undefined]) expect(isLoopbackAddress(address)).toBe(false);
  });
});
