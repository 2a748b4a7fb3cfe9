import { TransientError } from '../shared/transient-errors';
import type { PaymentGateway, PaymentRequest, RefundRequest } from './payment-gateway';

/** The gateway did not take the payment request; asking again later (same idempotency key) is safe. */
export class PaymentGatewayUnavailableError extends TransientError {
  override readonly name = 'PaymentGatewayUnavailableError';
}

/** A gateway over HTTP: the sandbox as its own service, or a provider with the same interface. */
export class HttpPaymentGateway implements PaymentGateway {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async createPayment(request: PaymentRequest, idempotencyKey: string): Promise<{ gatewayReference: string; status: 'pending' }> {
    const body = await this.post<{ gatewayReference?: string }>('/v1/payments', request, idempotencyKey);
    if (!body.gatewayReference) throw new PaymentGatewayUnavailableError('The payment gateway answered without a reference');
    return { gatewayReference: body.gatewayReference, status: 'pending' };
  }

  async refund(request: RefundRequest, idempotencyKey: string): Promise<{ refundReference: string; status: 'pending' }> {
    const body = await this.post<{ refundReference?: string }>('/v1/refunds', request, idempotencyKey);
    if (!body.refundReference) throw new PaymentGatewayUnavailableError('The payment gateway answered without a refund reference');
    return { refundReference: body.refundReference, status: 'pending' };
  }

  private async post<Answer>(pathname: string, request: object, idempotencyKey: string): Promise<Answer> {
    const response = await fetch(new URL(pathname, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}`, 'idempotency-key': idempotencyKey },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as Answer & { error?: string };
    if (!response.ok) throw new PaymentGatewayUnavailableError(`The payment gateway answered ${response.status}: ${body.error ?? 'no reason given'}`);
    return body;
  }
}
