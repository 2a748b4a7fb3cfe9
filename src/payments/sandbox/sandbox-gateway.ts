import { randomBytes } from 'node:crypto';
import type { Logger } from '../../shared/logger';
import type { GatewayWebhookEvent, PaymentGateway, PaymentRequest, RefundRequest } from '../payment-gateway';
import { WebhookSender } from '../../webhooks/webhook-sender';

/** The sandbox's documented test tokens and what each does (README, "The sandbox gateway"). */
export const sandboxTokens = {
  tok_success: { outcome: 'succeeded' },
  tok_declined: { outcome: 'failed', code: 'card_declined', message: 'The card was declined' },
  tok_insufficient_funds: { outcome: 'failed', code: 'insufficient_funds', message: 'The card has insufficient funds' },
  tok_no_answer: { outcome: 'none' },
} as const;

export interface SandboxGatewayOptions {
  /** Where webhooks go; read at each delivery, so it can follow an app that moves. */
  readonly webhookUrl: () => string;
  readonly webhookSecret: string;
  readonly logger: Logger;
  /** How long after a payment its webhook is sent (default 200 ms). */
  readonly answerAfterMs?: number;
  /** Send each webhook twice, the second time this much later, as real providers sometimes do. */
  readonly duplicateAfterMs?: number;
  /** Hold webhooks until deliverHeld() (tests that shuffle and repeat them). */
  readonly holdWebhooks?: boolean;
  /** Backoff ceiling for redelivering a webhook the app did not take (default 30 s). */
  readonly maxRedeliveryDelayMs?: number;
}

/**
 * A payment provider that behaves like a real asynchronous one: payments are pending at first,
 * the outcome comes later by a signed webhook, chosen by the test token, and a webhook is redelivered
 * with backoff until the app answers 2xx.
 */
export class SandboxGateway implements PaymentGateway {
  private readonly payments = new Map<string, { gatewayReference: string }>();
  /** What each payment that went through took, and how much of it has been given back. */
  private readonly captured = new Map<string, { amount: number; currency: string; refunded: number }>();
  private readonly refunds = new Map<string, { refundReference: string }>();
  private readonly webhooks: WebhookSender<GatewayWebhookEvent>;

  constructor(private readonly options: SandboxGatewayOptions) {
    const { webhookUrl, webhookSecret, logger, holdWebhooks, maxRedeliveryDelayMs } = options;
    this.webhooks = new WebhookSender({ url: webhookUrl, secret: webhookSecret, logger, ...(holdWebhooks ? { hold: true } : {}), ...(maxRedeliveryDelayMs !== undefined ? { maxRedeliveryDelayMs } : {}) });
  }

  async createPayment(request: PaymentRequest, idempotencyKey: string): Promise<{ gatewayReference: string; status: 'pending' }> {
    const existing = this.payments.get(idempotencyKey);
    if (existing) return { ...existing, status: 'pending' };
    const gatewayReference = `sbx_${randomBytes(12).toString('hex')}`;
    this.payments.set(idempotencyKey, { gatewayReference });
    const behaviour = sandboxTokens[(request.paymentToken ?? 'tok_success') as keyof typeof sandboxTokens] ?? sandboxTokens.tok_declined;
    if (behaviour.outcome !== 'none') {
      const event: GatewayWebhookEvent = {
        id: `evt_${randomBytes(12).toString('hex')}`,
        type: behaviour.outcome === 'succeeded' ? 'payment.succeeded' : 'payment.failed',
        created: Math.floor(Date.now() / 1000),
        data: {
          gatewayReference,
          paymentId: request.paymentId,
          orderId: request.orderId,
          amount: request.amount,
          ...(behaviour.outcome === 'failed' ? { failureCode: behaviour.code, failureMessage: behaviour.message } : {}),
        },
      };
      if (behaviour.outcome === 'succeeded') this.captured.set(gatewayReference, { amount: request.amount.amount, currency: request.amount.currency, refunded: 0 });
      this.answer(event);
    }
    return { gatewayReference, status: 'pending' };
  }

  /**
   * Gives back part or all of a payment that went through, once per idempotency key. Refused (by a
   * refund.failed webhook) for a payment it did not take, in another currency, or beyond what is
   * left of it. The sandbox keeps its payments in memory: a restarted sandbox knows none.
   */
  async refund(request: RefundRequest, idempotencyKey: string): Promise<{ refundReference: string; status: 'pending' }> {
    const existing = this.refunds.get(idempotencyKey);
    if (existing) return { ...existing, status: 'pending' };
    const refundReference = `sbr_${randomBytes(12).toString('hex')}`;
    this.refunds.set(idempotencyKey, { refundReference });
    const payment = this.captured.get(request.gatewayReference);
    const refusal = !payment
      ? { code: 'charge_not_found', message: 'No payment that went through has this reference' }
      : payment.currency !== request.amount.currency
        ? { code: 'currency_mismatch', message: `The payment was in ${payment.currency}` }
        : !Number.isSafeInteger(request.amount.amount) || request.amount.amount <= 0 || payment.refunded + request.amount.amount > payment.amount
          ? { code: 'amount_too_large', message: `At most ${payment.amount - payment.refunded} can be refunded` }
          : null;
    if (payment && !refusal) payment.refunded += request.amount.amount;
    this.answer({
      id: `evt_${randomBytes(12).toString('hex')}`,
      type: refusal ? 'refund.failed' : 'refund.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: {
        gatewayReference: request.gatewayReference,
        paymentId: request.paymentId,
        orderId: request.orderId,
        amount: request.amount,
        refundId: request.refundId,
        refundReference,
        ...(refusal ? { failureCode: refusal.code, failureMessage: refusal.message } : {}),
      },
    });
    return { refundReference, status: 'pending' };
  }

  /** Sends the webhook after the configured delay (and again later, when asked to repeat itself). */
  private answer(event: GatewayWebhookEvent): void {
    const after = this.options.answerAfterMs ?? 200;
    this.webhooks.sendLater(event, after);
    if (this.options.duplicateAfterMs !== undefined) this.webhooks.sendLater(event, after + this.options.duplicateAfterMs);
  }

  /** Webhooks held back (holdWebhooks), in the order they were due. */
  heldWebhooks(): readonly GatewayWebhookEvent[] {
    return this.webhooks.heldWebhooks();
  }

  /** Delivers one webhook now (even one delivered before), signed afresh; resolves once the app took it. */
  deliver(event: GatewayWebhookEvent): Promise<void> {
    return this.webhooks.deliver(event);
  }

  stop(): Promise<void> {
    return this.webhooks.stop();
  }
}
