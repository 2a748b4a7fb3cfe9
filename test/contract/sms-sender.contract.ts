import { SmsDeliveryError, type SmsSender } from '../../src/sms/sms-sender';

/**
 * The SMS port's contract: every adapter passes it unchanged. +44 7700 900xxx numbers are for
 * drama and tests (Ofcom); +1 555 01xx ones are fictional, and every adapter's provider refuses
 * them for good, as a real one refuses a number that is not a mobile.
 */
export function smsSenderContract(adapter: string, create: () => Promise<{ sender: SmsSender; delivered: () => readonly { to: string; text: string }[]; stop: () => Promise<void> }>): void {
  describe(`SmsSender contract: ${adapter}`, () => {
    let subject: Awaited<ReturnType<typeof create>>;
    beforeEach(async () => {
      subject = await create();
    });
    afterEach(async () => {
      await subject.stop();
    });

    it("delivers a message to a mobile number, answering the provider's id for it", async () => {
      const sent = await subject.sender.send({ to: '+447700900123', text: 'Your order 1A2B3C4D is paid: €25.50. Thank you!' });
      expect(sent.providerMessageId).toEqual(expect.any(String));
      expect(sent.providerMessageId.length).toBeGreaterThan(0);
      expect(subject.delivered()).toEqual([expect.objectContaining({ to: '+447700900123', text: 'Your order 1A2B3C4D is paid: €25.50. Thank you!' })]);
    });

    it('gives each message an id of its own, texts in any script included', async () => {
      const first = await subject.sender.send({ to: '+447700900124', text: 'Ваш заказ оплачен ✓' });
      const second = await subject.sender.send({ to: '+447700900124', text: 'ご注文ありがとうございます' });
      expect(first.providerMessageId).not.toBe(second.providerMessageId);
      expect(subject.delivered().map((message) => message.text)).toEqual(['Ваш заказ оплачен ✓', 'ご注文ありがとうございます']);
    });

    it('refuses for good a number that cannot take text messages, and delivers nothing', async () => {
      const refusal = await subject.sender.send({ to: '+15550100', text: 'x' }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(SmsDeliveryError);
      expect(refusal).toMatchObject({ permanent: true });
      expect(subject.delivered()).toEqual([]);
    });
  });
}
