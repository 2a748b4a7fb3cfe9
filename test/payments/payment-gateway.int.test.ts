import { HttpPaymentGateway } from '../../src/payments/http-payment-gateway';
import { SandboxGateway } from '../../src/payments/sandbox/sandbox-gateway';
import { sandboxServer } from '../../src/payments/sandbox/sandbox-server';
import { listen } from '../../src/http/http-server';
import { silentLogger } from '../../src/shared/logger';
import { contractWebhookSecret, paymentGatewayContract } from '../contract/payment-gateway.contract';

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
