import { Router } from 'express';
import type { MailCatcher } from './mail-catcher';

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const banner = '<p style="background:#fde68a;padding:.5em 1em;border-radius:4px"><b>Development only.</b> These emails were caught by the built-in SMTP server; none of them left this machine. They are kept in <code>mailbox.jsonl</code> in the data directory, so they survive a restart (the latest 10,000). Set <code>SMTP_URL</code> to send real mail.</p>';

/** /dev/mailbox: what the development mail catcher received (npm start without SMTP_URL). */
export function mailboxRoutes(catcher: MailCatcher): Router {
  const router = Router();
  router.get('/dev/mailbox', (_request, response) => {
    const rows = [...catcher.messages()]
      .reverse()
      .map((m) => `<tr><td>${escape(m.receivedAt)}</td><td>${escape(m.to)}</td><td><a href="/dev/mailbox/${m.id}">${escape(m.subject)}</a></td></tr>`)
      .join('');
    response
      .type('html')
      .send(`<!doctype html><meta charset="utf-8"><title>Emporium mailbox</title><body style="font-family:sans-serif;margin:2em">${banner}<h1>Mailbox</h1><table cellpadding="6"><tr><th>Received</th><th>To</th><th>Subject</th></tr>${rows}</table><p><a href="/dev/mailbox/messages.json">as JSON</a></p></body>`);
  });
  router.get('/dev/mailbox/messages.json', (_request, response) => {
    response.json({ items: catcher.messages() });
  });
  router.get('/dev/mailbox/:id', (request, response) => {
    const message = catcher.messages().find((m) => m.id === request.params.id);
    if (!message) return void response.status(404).type('text').send('No such message');
    response
      .type('html')
      .send(
        `<!doctype html><meta charset="utf-8"><title>${escape(message.subject)}</title><body style="font-family:sans-serif;margin:2em">${banner}<p><a href="/dev/mailbox">← mailbox</a></p>` +
          `<table cellpadding="4"><tr><th align="left">From</th><td>${escape(message.from)}</td></tr><tr><th align="left">To</th><td>${escape(message.to)}</td></tr><tr><th align="left">Subject</th><td>${escape(message.subject)}</td></tr><tr><th align="left">Message-ID</th><td>${escape(message.messageId)}</td></tr></table>` +
          `<iframe src="/dev/mailbox/${message.id}/html" sandbox style="width:100%;height:60vh;border:1px solid #ccc"></iframe><h2>Text</h2><pre>${escape(message.text)}</pre></body>`,
      );
  });
  router.get('/dev/mailbox/:id/html', (request, response) => {
    const message = catcher.messages().find((m) => m.id === request.params.id);
    if (!message) return void response.status(404).type('text').send('No such message');
    // The email's HTML is shown as it would be, but it may run nothing and load nothing.
    response.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    response.type('html').send(message.html);
  });
  return router;
}
