import express from 'express';
import type { GatewayWebhookEvent } from '../../src/payments/payment-gateway';
import { signatureHeader, verifyWebhook } from '../../src/webhooks/webhook-signature';
import { listen, type RunningHttpServer } from '../../src/http/http-server';

export const contractWebhookSecret = 'whsec_contract_test_secret';

/** Receives webhooks like the app does: checks the signature, answers what the test says. */
export async function webhookReceiver<Event = GatewayWebhookEvent>(): Promise<{ url: string; received: Event[]; refuseNext: (count: number) => void; close: () => Promise<void> }> {
  const received: Event[] = [];
  let refusals = 0;
  const app = express();
  app.post('/webhook', express.raw({ type: 'application/json' }), (request, response) => {
    const verification = verifyWebhook(contractWebhookSecret, request.body as Buffer, request.get(signatureHeader), Math.floor(Date.now() / 1000), 300);
    if (!verification.valid) return void response.status(400).end();
    if (refusals > 0) {
      refusals--;
      return void response.status(503).end();
    }
    received.push(JSON.parse((request.body as Buffer).toString()) as Event);
    response.status(200).end();
  });
  const server: RunningHttpServer = await listen(app, 0, '127.0.0.1');
  return { url: `${server.url}/webhook`, received, refuseNext: (count) => (refusals = count), close: () => server.close() };
}
