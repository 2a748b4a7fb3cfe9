import { TransientError } from '../shared/transient-errors';
import type { PaymentGateway, PaymentRequest } from './payment-gateway';

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
    const response = await fetch(new URL('/v1/payments', this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}`, 'idempotency-key': idempotencyKey },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { gatewayReference?: string; status?: string; error?: string };
    if (!response.ok || !body.gatewayReference) throw new PaymentGatewayUnavailableError(`The payment gateway answered ${response.status}: ${body.error ?? 'no reference'}`);
    return { gatewayReference: body.gatewayReference, status: 'pending' };
  }
}
