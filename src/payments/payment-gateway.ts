import type { PaymentMethod } from '../domain/orders/order';
import type { Money } from '../domain/shared/money';

/**
 * The payment gateway port: we ask (a payment, or a refund of one), it answers at once with a
 * reference and "pending", and tells the outcome later by a signed webhook (POST /api/payments/webhook). Adapters: SandboxGateway (in
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

/** Money back on a payment that went through: the whole of it, or part. */
export interface RefundRequest {
  readonly refundId: string;
  readonly paymentId: string;
  readonly orderId: string;
  /** The payment's reference at the gateway, as its webhook gave it. */
  readonly gatewayReference: string;
  readonly amount: Money;
  readonly reason: string;
}

export interface PaymentGateway {
  /** The same idempotency key always gets the same payment: a retried step never charges twice. */
  createPayment(request: PaymentRequest, idempotencyKey: string): Promise<{ gatewayReference: string; status: 'pending' }>;
  /**
   * Asks for money back; the outcome comes later by webhook (refund.succeeded or refund.failed).
   * The same idempotency key always gets the same refund: a retried step never pays back twice.
   */
  refund(request: RefundRequest, idempotencyKey: string): Promise<{ refundReference: string; status: 'pending' }>;
}

/** What a gateway's webhook says happened to a payment, or to a refund of one. */
export interface GatewayWebhookEvent {
  /** Unique per event; a redelivery carries the same id. */
  readonly id: string;
  readonly type: 'payment.succeeded' | 'payment.failed' | 'refund.succeeded' | 'refund.failed';
  readonly created: number;
  readonly data: {
    readonly gatewayReference: string;
    readonly paymentId: string;
    readonly orderId: string;
    /** The payment's amount, or the refund's. */
    readonly amount: Money;
    /** Refunds only. */
    readonly refundId?: string;
    readonly refundReference?: string;
    readonly failureCode?: string;
    readonly failureMessage?: string;
  };
}
