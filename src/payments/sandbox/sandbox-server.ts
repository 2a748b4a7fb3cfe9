import express, { type Express } from 'express';
import type { PaymentMethod } from '../../domain/orders/order';
import type { Money } from '../../domain/shared/money';
import type { RefundRequest } from '../payment-gateway';
import type { SandboxGateway } from './sandbox-gateway';

/**
 * The sandbox gateway as its own HTTP service, as a provider would be: POST /v1/payments with an
 * Idempotency-Key and a bearer API key answers { gatewayReference, status: "pending" }, POST
 * /v1/refunds { refundReference, status: "pending" }; the outcome follows as a webhook.
 */
export function sandboxServer(gateway: SandboxGateway, apiKey: string): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '16kb' }));
  app.post('/v1/payments', async (request, response) => {
    if (request.get('authorization') !== `Bearer ${apiKey}`) return void response.status(401).json({ error: 'unauthorized' });
    const key = request.get('Idempotency-Key');
    const body = request.body as { paymentId?: string; orderId?: string; amount?: Money; method?: PaymentMethod; paymentToken?: string };
    if (!key || !body.paymentId || !body.orderId || !body.amount || !body.method) return void response.status(400).json({ error: 'paymentId, orderId, amount, method and an Idempotency-Key are required' });
    const { paymentId, orderId, amount, method, paymentToken } = body;
    response.status(201).json(await gateway.createPayment({ paymentId, orderId, amount, method, ...(paymentToken ? { paymentToken } : {}) }, key));
  });
  app.post('/v1/refunds', async (request, response) => {
    if (request.get('authorization') !== `Bearer ${apiKey}`) return void response.status(401).json({ error: 'unauthorized' });
    const key = request.get('Idempotency-Key');
    const body = request.body as Partial<RefundRequest>;
    if (!key || !body.refundId || !body.paymentId || !body.orderId || !body.gatewayReference || !body.amount || !body.reason) {
      return void response.status(400).json({ error: 'refundId, paymentId, orderId, gatewayReference, amount, reason and an Idempotency-Key are required' });
    }
    const { refundId, paymentId, orderId, gatewayReference, amount, reason } = body;
    response.status(201).json(await gateway.refund({ refundId, paymentId, orderId, gatewayReference, amount, reason }, key));
  });
  app.get('/health', (_request, response) => void response.json({ status: 'up' }));
  return app;
}
