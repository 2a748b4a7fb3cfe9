import { paymentOutcomes } from '../../observability/metrics';
import { currentTraceparent, inSpan, tracingEnabled } from '../../observability/tracing';
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import { DomainError } from '../../domain/shared/domain-error';
import type { Operation } from '../../http/operations';
import { HttpProblem } from '../../http/problem-details';
import { parseBody } from '../../http/validation';
import { signatureHeader, verifyWebhook } from '../../webhooks/webhook-signature';
import type { Logger } from '../../shared/logger';
import type { paymentHandlers } from '../handlers/payment-handlers';
import { MoneyDto } from './dtos';

class GatewayEventDataDto {
  @IsString() @Length(1, 200)
  gatewayReference!: string;

  @IsUUID()
  paymentId!: string;

  @IsUUID()
  orderId!: string;

  @ValidateNested() @Type(() => MoneyDto)
  amount!: MoneyDto;

  @IsOptional() @IsUUID()
  refundId?: string;

  @IsOptional() @IsString() @Length(1, 200)
  refundReference?: string;

  @IsOptional() @IsString() @Length(1, 100)
  failureCode?: string;

  @IsOptional() @IsString() @Length(1, 500)
  failureMessage?: string;
}

class GatewayEventDto {
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,100}$/)
  id!: string;

  @IsIn(['payment.succeeded', 'payment.failed', 'refund.succeeded', 'refund.failed'])
  type!: 'payment.succeeded' | 'payment.failed' | 'refund.succeeded' | 'refund.failed';

  @IsInt()
  created!: number;

  @ValidateNested() @Type(() => GatewayEventDataDto)
  data!: GatewayEventDataDto;
}

/** The raw bytes of a JSON body, kept by the body parser: signatures are over bytes, not over parsed JSON. */
export interface RawBodyRequest extends Request {
  rawBody?: Buffer;
}

/**
 * A webhook is believed on its signature alone: a missing, wrong or stale one is refused (400)
 * before anything is read, and nothing is written.
 */
export function ensureSignedBy(sender: { secret: string; toleranceSeconds: number; logger: Logger; who: string }, request: Request, response: Response, now: Date): void {
  const verification = verifyWebhook(sender.secret, (request as RawBodyRequest).rawBody ?? Buffer.alloc(0), request.get(signatureHeader), Math.floor(now.getTime() / 1000), sender.toleranceSeconds);
  if (verification.valid) return;
  sender.logger.warn('webhook refused', { from: sender.who, reason: verification.reason, traceId: response.locals.traceId });
  const stale = verification.reason === 'stale';
  throw new HttpProblem(400, stale ? 'stale-webhook' : 'invalid-signature', stale ? `The webhook is older than ${sender.toleranceSeconds} s` : 'The webhook signature is missing or wrong');
}

/**
 * POST /api/payments/webhook: the gateway's word on a payment. Authenticated by its signature only:
 * a bad or stale one is refused (400) before anything is read, and nothing is written. The outcome
 * is recorded on the payment stream with ids derived from the gateway's event id, so a webhook
 * delivered twice is recorded once; a conflicting second outcome is logged for the staff, and
 * still acknowledged, since the gateway redelivering it forever would help nobody.
 */
export function paymentWebhookOperation(deps: {
  payments: ReturnType<typeof paymentHandlers>;
  secret: string;
  toleranceSeconds: number;
  clock: () => Date;
  logger: Logger;
}): Operation {
  return {
    method: 'post',
    path: '/api/payments/webhook',
    operationId: 'paymentGatewayWebhook',
    summary: `The payment gateway's outcome of a payment, signed (${signatureHeader}: t=<unix>,v1=<HMAC-SHA256 of "<t>.<raw body>">)`,
    tag: 'payments',
    access: 'public',
    body: GatewayEventDto,
    answers: { name: 'WebhookReceived', schema: { type: 'object', properties: { received: { const: true } } } },
    responses: { 200: 'Recorded (or recorded before)', 400: 'Signature missing, wrong or stale; or not a gateway event', 404: 'No such payment' },
    async handle(request, response) {
      const now = deps.clock();
      const refundOutcome = async (event: GatewayEventDto, at: Date, traceId: string) => {
        const { paymentId, refundId, refundReference } = event.data;
        if (!refundId || (event.type === 'refund.succeeded' && !refundReference)) {
          throw new HttpProblem(400, 'invalid-body', `A ${event.type} event names its data.refundId${event.type === 'refund.succeeded' ? ' and data.refundReference' : ''}`);
        }
        const outcome =
          event.type === 'refund.succeeded'
            ? { status: 'succeeded' as const, refundReference: refundReference! }
            : { status: 'failed' as const, reason: event.data.failureMessage ?? event.data.failureCode ?? 'refused by the payment provider' };
        try {
          await deps.payments.recordRefundOutcome({ paymentId: paymentId.toLowerCase(), refundId: refundId.toLowerCase(), outcome }, { now: at, actor: { id: 'payment-gateway', role: 'system' }, correlationId: traceId, idempotencyKey: `gateway-event:${event.id}` });
        } catch (error) {
          if (!(error instanceof DomainError && error.code === 'refund-outcome-conflict')) throw error;
          deps.logger.error('the gateway reported a second, different outcome of a refund: look into it', { paymentId, refundId, gatewayEventId: event.id });
        }
        if (outcome.status === 'failed') deps.logger.error('the gateway refused a refund: it needs a person', { paymentId, refundId, reason: outcome.reason });
      };
      ensureSignedBy({ secret: deps.secret, toleranceSeconds: deps.toleranceSeconds, logger: deps.logger, who: 'payment gateway' }, request, response, now);
      const event = await parseBody(GatewayEventDto, request.body);
      if (event.type === 'refund.succeeded' || event.type === 'refund.failed') {
        await refundOutcome(event, now, String(response.locals.traceId));
        response.status(200).json({ received: true });
        return;
      }
      const outcome =
        event.type === 'payment.succeeded'
          ? { status: 'succeeded' as const, gatewayReference: event.data.gatewayReference }
          : { status: 'failed' as const, reason: event.data.failureMessage ?? event.data.failureCode ?? 'declined by the payment provider' };
      const paymentId = event.data.paymentId.toLowerCase();
      // A gateway does not send our trace context back: the outcome continues the trace of the
      // payment's request, linked to the webhook's own request.
      const paymentTrace = tracingEnabled() ? await deps.payments.requestTraceparent(paymentId) : undefined;
      let recorded;
      try {
        recorded = await inSpan(`payment webhook ${event.type}`, { ...(paymentTrace ? { parent: paymentTrace } : {}), links: [currentTraceparent()], attributes: { 'emporium.payment_id': paymentId, 'emporium.gateway_event_id': event.id } }, () =>
          deps.payments.recordOutcome({ paymentId, outcome }, { now, actor: { id: 'payment-gateway', role: 'system' }, correlationId: String(response.locals.traceId), idempotencyKey: `gateway-event:${event.id}` }),
        );
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'payment-outcome-conflict')) throw error;
        deps.logger.error('the gateway reported a second, different outcome of a payment: look into it', { paymentId: event.data.paymentId, gatewayEventId: event.id, error });
        response.status(200).json({ received: true, conflict: true });
        return;
      }
      // A redelivered webhook records nothing new and is not counted again.
      if (!recorded.alreadyApplied && recorded.events.length > 0) paymentOutcomes.inc({ outcome: outcome.status });
      response.status(200).json({ received: true });
    },
  };
}
