import type { PaymentMethod } from '../domain/orders/order';
import type { Money } from '../domain/shared/money';

/**
 * The payment gateway port: we ask, it answers at once with a reference and "pending", and tells
 * the outcome later by a signed webhook (POST /api/payments/webhook). Adapters: SandboxGateway (in
 * process), HttpPaymentGateway (the sandbox, or a provider, over HTTP).
 */
export interface PaymentRequest {
  readonly paymentId: string;
  readonly orderId: string;
  readonly amount: Money;
  readonly method: PaymentMethod;
  /** From the provider's payment form; absent, the sandbox treats it as tok_success. */
  readonly paymentToken?: string;
}

export interface PaymentGateway {
  /** The same idempotency key always gets the same payment: a retried step never charges twice. */
  createPayment(request: PaymentRequest, idempotencyKey: string): Promise<{ gatewayReference: string; status: 'pending' }>;
}

/** What a gateway's webhook says happened to a payment. */
export interface GatewayWebhookEvent {
  /** Unique per event; a redelivery carries the same id. */
  readonly id: string;
  readonly type: 'payment.succeeded' | 'payment.failed';
  readonly created: number;
  readonly data: {
    readonly gatewayReference: string;
    readonly paymentId: string;
    readonly orderId: string;
    readonly amount: Money;
    readonly failureCode?: string;
    readonly failureMessage?: string;
  };
}
