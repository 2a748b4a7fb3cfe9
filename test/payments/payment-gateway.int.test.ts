import { randomUUID } from 'node:crypto';
import { HttpPaymentGateway } from '../../src/payments/http-payment-gateway';
import { SandboxGateway } from '../../src/payments/sandbox/sandbox-gateway';
import { sandboxServer } from '../../src/payments/sandbox/sandbox-server';
import { listen } from '../../src/http/http-server';
import { silentLogger } from '../../src/shared/logger';
import { contractWebhookSecret, paymentGatewayContract, webhookReceiver } from '../contract/payment-gateway.contract';

const sandbox = (webhookUrl: string) => new SandboxGateway({ webhookUrl: () => webhookUrl, webhookSecret: contractWebhookSecret, logger: silentLogger, answerAfterMs: 20, maxRedeliveryDelayMs: 200 });

paymentGatewayContract('SandboxGateway (in process)', async (webhookUrl) => {
  const gateway = sandbox(webhookUrl);
  return { gateway, stop: () => gateway.stop() };
});

paymentGatewayContract('HttpPaymentGateway → the sandbox as its own HTTP service', async (webhookUrl) => {
  const gateway = sandbox(webhookUrl);
  const server = await listen(sandboxServer(gateway, 'sk_test_key'), 0, '127.0.0.1');
  return {
    gateway: new HttpPaymentGateway(server.url, 'sk_test_key'),
    stop: async () => {
      await server.close();
      await gateway.stop();
    },
  };
});

describe('SandboxGateway, as a provider that repeats itself', () => {
  it('sends a webhook again, late, under the same event id, when asked to', async () => {
    const receiver = await webhookReceiver();
    const gateway = new SandboxGateway({ webhookUrl: () => receiver.url, webhookSecret: contractWebhookSecret, logger: silentLogger, answerAfterMs: 20, duplicateAfterMs: 150 });
    try {
      await gateway.createPayment({ paymentId: randomUUID(), orderId: randomUUID(), amount: { amount: 100, currency: 'EUR' }, method: 'card' }, randomUUID());
      const deadline = Date.now() + 3_000;
      while (receiver.received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[1]).toEqual(receiver.received[0]);
    } finally {
      await gateway.stop();
      await receiver.close();
    }
  });
});
