import { startMailCatcher, type MailCatcher } from '../../src/mail/mail-catcher';
import { MailDeliveryError } from '../../src/mail/mailer';
import { SmtpMailer } from '../../src/mail/smtp-mailer';

describe('SmtpMailer over a real SMTP server', () => {
  let catcher: MailCatcher;
  beforeEach(async () => {
    catcher = await startMailCatcher();
  });
  afterEach(async () => {
    await catcher.close();
  });
  const email = { messageId: '<n-1@emporium>', from: 'Emporium <shop@emporium.local>', to: 'ann@example.org', subject: 'Your order is paid', text: 'Thank you', html: '<p>Thank <b>you</b></p>' };

  it('sends text and HTML under the Message-ID it is given', async () => {
    const mailer = new SmtpMailer(catcher.smtpUrl);
    await mailer.send(email);
    await mailer.close();
    expect(catcher.messages()).toEqual([expect.objectContaining({ messageId: '<n-1@emporium>', to: 'ann@example.org', subject: 'Your order is paid', text: 'Thank you', html: '<p>Thank <b>you</b></p>' })]);
  });

  it('calls a refusal by the server permanent, and a server that is not there transient', async () => {
    catcher.refuseRecipients(['gone@example.org']);
    const mailer = new SmtpMailer(catcher.smtpUrl);
    await expect(mailer.send({ ...email, to: 'gone@example.org' })).rejects.toMatchObject({ name: 'MailDeliveryError', permanent: true });
    await mailer.close();
    const port = catcher.port;
    await catcher.close();
    const nobody = new SmtpMailer(`smtp://127.0.0.1:${port}`);
    const refused = nobody.send(email);
    await expect(refused).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(refused).rejects.toMatchObject({ permanent: false });
    await nobody.close();
    catcher = await startMailCatcher({ port });
  });
});
