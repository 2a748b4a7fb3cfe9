import { Router, type RequestHandler } from 'express';
import { sendProblem } from '../http/problem-details';
import type { MailCatcher } from './mail-catcher';

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const banner = '<p style="background:#fde68a;padding:.5em 1em;border-radius:4px"><b>Development only.</b> These emails were caught by the built-in SMTP server; none of them left this machine. They are kept in <code>mailbox.jsonl</code> in the data directory, so they survive a restart (the latest 10,000). Set <code>SMTP_URL</code> to send real mail.</p>';

/** A loopback address: 127.0.0.0/8, ::1, or either as an IPv4-mapped IPv6 address. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127(\.\d{1,3}){3}$/.test(v4) || address === '::1';
}

/** The Host a browser on this machine sends: localhost or a loopback address, with any port. */
function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name);
}

/**
 * The mailbox holds every customer's emails and addresses, so it is served to this machine only:
 * the connection must come from loopback (a forwarded-for header is not believed), and the Host
 * must be a loopback name too, so that a web page elsewhere cannot read it through DNS rebinding.
 * It exists only while mail is caught (no SMTP_URL); with SMTP_URL set it is not mounted at all.
 */
const thisMachineOnly: RequestHandler = (request, response, next) => {
  if (isLoopbackAddress(request.socket.remoteAddress) && isLoopbackHost(request.get('host'))) return next();
  sendProblem(request, response, 403, 'mailbox-local-only', 'The development mailbox is only shown on the machine the app runs on (http://localhost:<port>/dev/mailbox)');
};

/** /dev/mailbox: what the development mail catcher received (npm start without SMTP_URL). */
export function mailboxRoutes(catcher: MailCatcher): Router {
  const router = Router();
  router.use('/dev/mailbox', thisMachineOnly);
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
