import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import type { Request, Response } from 'express';
import type { Operation } from '../../http/operations';
import { HttpProblem } from '../../http/problem-details';
import { IsPlainText, parseBody } from '../../http/validation';
import { object, shipmentSchema, shippingRateSchema } from '../../read-api/answer-schemas';
import type { Logger } from '../../shared/logger';
import { trackingStatuses, type TrackingStatus } from '../../shipping/shipping-provider';
import { signatureHeader } from '../../webhooks/webhook-signature';
import type { orderHandlers } from '../handlers/order-handlers';
import { orderingCustomer } from './command-api';
import { answer, commandContext, uuidParameter } from './command-responses';
import { momentRules, ShippingQuoteDto } from './dtos';
import { ensureSignedBy } from './payment-webhook';

class TrackingEventDataDto {
  @IsUUID()
  shipmentId!: string;

  @IsUUID()
  orderId!: string;

  @IsString() @Matches(/^[A-Za-z0-9-]{4,40}$/, { message: 'trackingNumber must be 4-40 letters, digits or dashes' })
  trackingNumber!: string;

  @IsIn(trackingStatuses)
  status!: TrackingStatus;

  @IsOptional() @IsString() @Length(1, 300) @IsPlainText()
  description?: string;

  @IsString() @momentRules()
  occurredAt!: string;
}

class TrackingEventDto {
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,100}$/)
  id!: string;

  @IsIn(['tracking.updated'])
  type!: 'tracking.updated';

  @IsInt()
  created!: number;

  @ValidateNested() @Type(() => TrackingEventDataDto)
  data!: TrackingEventDataDto;
}


export interface ShippingOperationsDependencies {
  readonly orders: ReturnType<typeof orderHandlers>;
  /** The secret the carrier signs its webhooks with; absent (no carrier here), none is believed. */
  readonly webhook?: { readonly secret: string; readonly toleranceSeconds: number };
  readonly clock: () => Date;
  readonly logger: Logger;
}

/**
 * Shipping: a quote before ordering (the cost shown is the cost charged, see PlaceOrder), the
 * staff's dispatch, which buys the label, and the carrier's tracking webhook.
 */
export function shippingOperations(deps: ShippingOperationsDependencies): Operation[] {
  const context = (request: Request, response: Response) => commandContext(request, response, deps.clock);
  return [
    {
      method: 'post',
      path: '/api/shipping/quotes',
      operationId: 'quoteShipping',
      summary: "What sending these lines would cost, by service, to the customer's address or the one given (nothing is written)",
      tag: 'orders',
      access: 'signed-in',
      body: ShippingQuoteDto,
      answers: {
        name: 'ShippingQuote',
        schema: object({
          weightGrams: { type: 'integer', minimum: 0, description: 'The parcel, packed (a product without a recorded weight counts 500 g a unit)' },
          destinationCountry: { type: 'string' },
          rates: { type: 'array', description: "The carrier's services for this parcel, cheapest first; empty: it cannot be shipped there (collect it at the shop)", items: shippingRateSchema },
        }),
      },
      responses: { 200: 'The rates', 400: 'The request is not valid (problem details name each field)', 404: 'No such customer or product' },
      async handle(request, response) {
        const body = await parseBody(ShippingQuoteDto, request.body);
        const customerId = orderingCustomer(response, body.customerId);
        const lines = body.lines.map(({ productCode, quantity }) => ({ productCode, quantity }));
        const quote = await deps.orders.quoteShipping({ customerId, lines, ...(body.shippingAddress ? { shippingAddress: { ...body.shippingAddress } } : {}) }, context(request, response));
        response.status(200).json(quote);
      },
    },
    {
      method: 'post',
      path: '/api/orders/{orderId}/shipment',
      operationId: 'shipOrder',
      summary: "Hand a paid order to the carrier: its label is bought (once per order) and the customer is emailed its tracking number",
      tag: 'orders',
      access: 'staff',
      idempotencyKey: true,
      answers: {
        name: 'OrderShippedAnswer',
        schema: {
          type: 'object',
          required: ['id', 'revision', 'checkpoint', 'shipment'],
          properties: {
            id: { type: 'string' },
            revision: { type: 'integer' },
            checkpoint: { type: ['string', 'null'] },
            alreadyApplied: { type: 'boolean' },
            shipment: shipmentSchema,
          },
        },
      },
      responses: {
        201: 'Shipped: the label and its tracking number',
        200: 'Shipped before: the same label',
        404: 'No such order',
        409: 'Not paid, collected at the shop, or shipped with another parcel',
      },
      async handle(request, response) {
        const orderId = uuidParameter(request, 'orderId');
        const { shipment, ...result } = await deps.orders.ship({ orderId }, context(request, response));
        answer(response, result, { status: result.events.length > 0 ? 201 : 200, location: `/api/orders/${orderId}`, id: orderId, also: { shipment } });
      },
    },
    {
      method: 'post',
      path: '/api/shipping/webhook',
      operationId: 'shippingCarrierWebhook',
      summary: `The carrier's word on a parcel, signed (${signatureHeader}: t=<unix>,v1=<HMAC-SHA256 of "<t>.<raw body>">)`,
      tag: 'orders',
      access: 'public',
      body: TrackingEventDto,
      answers: { name: 'TrackingReceived', schema: { type: 'object', properties: { received: { const: true } } } },
      responses: { 200: 'Recorded (or recorded before, or older than what is known)', 400: 'Signature missing, wrong or stale; or not a tracking event', 404: 'No such order or parcel' },
      async handle(request, response) {
        const now = deps.clock();
        if (!deps.webhook) throw new HttpProblem(400, 'invalid-signature', 'No carrier is configured here: no tracking webhook is believed');
        ensureSignedBy({ ...deps.webhook, logger: deps.logger, who: 'carrier' }, request, response, now);
        const event = await parseBody(TrackingEventDto, request.body);
        const { orderId, trackingNumber, status, description, occurredAt } = event.data;
        // Ids derived from the carrier's event id: a redelivery records nothing new. A parcel or order
        // that is not ours is 404 (shipment-not-found), and nothing is written.
        await deps.orders.recordTracking(
          { orderId: orderId.toLowerCase(), trackingNumber, trackingEventId: event.id, status, ...(description ? { description } : {}), occurredAt: new Date(occurredAt).toISOString() },
          { now, actor: { id: 'shipping-carrier', role: 'system' }, correlationId: String(response.locals.traceId), idempotencyKey: `carrier-event:${event.id}` },
        );
        response.status(200).json({ received: true });
      },
    },
  ];
}

