import { createHash } from 'node:crypto';
import { money } from '../domain/shared/money';
import type { Logger } from '../shared/logger';
import { WebhookSender } from '../webhooks/webhook-sender';
import type { LabelRequest, RateRequest, ShippingLabel, ShippingProvider, ShippingRate, ShippingService, TrackingStatus, TrackingWebhookEvent } from './shipping-provider';

/** The heaviest parcel the sandbox carrier takes. */
export const sandboxMaxWeightGrams = 30_000;

/** EU and EEA members, Switzerland and the United Kingdom: the sandbox's middle zone. */
const europe = new Set('AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK'.split(' '));

type Zone = 'domestic' | 'europe' | 'world';

/** Minor units: a first kilogram, then each kilogram begun; and the working days promised. */
const tariff: Record<Zone, Record<ShippingService, { firstKg: number; perKg: number; days: number }>> = {
  domestic: { standard: { firstKg: 490, perKg: 100, days: 2 }, express: { firstKg: 990, perKg: 200, days: 1 } },
  europe: { standard: { firstKg: 990, perKg: 200, days: 5 }, express: { firstKg: 1_990, perKg: 400, days: 2 } },
  world: { standard: { firstKg: 1_990, perKg: 500, days: 10 }, express: { firstKg: 3_990, perKg: 800, days: 4 } },
};

/**
 * The sandbox carrier's published rates: a pure function of the zone (from the shop's country to the
 * destination's) and the weight, the same numbers in whatever currency the shop charges.
 */
export function sandboxRates(request: RateRequest, originCountry: string): ShippingRate[] {
  if (!Number.isSafeInteger(request.weightGrams) || request.weightGrams <= 0 || request.weightGrams > sandboxMaxWeightGrams) return [];
  const country = request.destination.country.toUpperCase();
  const zone: Zone = country === originCountry.toUpperCase() ? 'domestic' : europe.has(country) ? 'europe' : 'world';
  const extraKgs = Math.ceil(request.weightGrams / 1_000) - 1;
  return (['standard', 'express'] as const).map((service) => {
    const { firstKg, perKg, days } = tariff[zone][service];
    return { service, carrier: service === 'express' ? 'Sandbox Express' : 'Sandbox Post', cost: money(firstKg + perKg * extraKgs, request.currency), estimatedDays: days };
  });
}

export interface SandboxShippingOptions {
  readonly webhookUrl: () => string;
  readonly webhookSecret: string;
  readonly logger: Logger;
  /** Where parcels leave from (ISO 3166-1 alpha-2): the domestic zone. */
  readonly originCountry: string;
  /** How long after the label each tracking update is sent (defaults: 2 s, 5 s, 8 s). */
  readonly progressMs?: { readonly inTransit: number; readonly outForDelivery: number; readonly delivered: number };
  /** Send each update twice, the second time this much later, as real carriers sometimes do. */
  readonly duplicateAfterMs?: number;
  /** Hold the updates until a test delivers them. */
  readonly holdWebhooks?: boolean;
  readonly maxRedeliveryDelayMs?: number;
}

/**
 * A carrier that behaves like a real one: rates at once, a label with a tracking number, then the
 * parcel's progress by signed webhooks, redelivered until the app takes them. A destination whose
 * postal code is `UNDELIVERABLE` gets an exception instead of a delivery (README, "Shipping").
 * Labels are named by their idempotency key, so even a restarted sandbox gives the same one again.
 */
export class SandboxShipping implements ShippingProvider {
  private readonly issued = new Set<string>();
  private readonly webhooks: WebhookSender<TrackingWebhookEvent>;

  constructor(private readonly options: SandboxShippingOptions) {
    const { webhookUrl, webhookSecret, logger, holdWebhooks, maxRedeliveryDelayMs } = options;
    this.webhooks = new WebhookSender({ url: webhookUrl, secret: webhookSecret, logger, ...(holdWebhooks ? { hold: true } : {}), ...(maxRedeliveryDelayMs !== undefined ? { maxRedeliveryDelayMs } : {}) });
  }

  quote(request: RateRequest): Promise<ShippingRate[]> {
    return Promise.resolve(sandboxRates(request, this.options.originCountry));
  }

  createLabel(request: LabelRequest, idempotencyKey: string): Promise<ShippingLabel> {
    const trackingNumber = `SBX${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 12).toUpperCase()}`;
    const label: ShippingLabel = {
      shipmentId: request.shipmentId,
      carrier: request.service === 'express' ? 'Sandbox Express' : 'Sandbox Post',
      service: request.service,
      trackingNumber,
      labelUrl: `https://labels.shipping-sandbox.invalid/${trackingNumber}.pdf`,
    };
    if (!this.issued.has(idempotencyKey)) {
      this.issued.add(idempotencyKey);
      this.progress(request, label);
    }
    return Promise.resolve(label);
  }

  heldWebhooks(): readonly TrackingWebhookEvent[] {
    return this.webhooks.heldWebhooks();
  }

  deliver(event: TrackingWebhookEvent): Promise<void> {
    return this.webhooks.deliver(event);
  }

  stop(): Promise<void> {
    return this.webhooks.stop();
  }

  private progress(request: LabelRequest, label: ShippingLabel): void {
    const { inTransit, outForDelivery, delivered } = this.options.progressMs ?? { inTransit: 2_000, outForDelivery: 5_000, delivered: 8_000 };
    const undeliverable = request.destination.postalCode.toUpperCase() === 'UNDELIVERABLE';
    const steps: [TrackingStatus, number, string][] = [
      ['in_transit', inTransit, 'Collected from the shop'],
      ['out_for_delivery', outForDelivery, 'Out for delivery'],
      undeliverable ? ['exception', delivered, 'The address could not be found'] : ['delivered', delivered, 'Delivered'],
    ];
    for (const [status, afterMs, description] of steps) {
      const event: TrackingWebhookEvent = {
        id: `trk_${label.trackingNumber}_${status}`,
        type: 'tracking.updated',
        created: Math.floor(Date.now() / 1000),
        data: { shipmentId: request.shipmentId, orderId: request.orderId, trackingNumber: label.trackingNumber, status, description, occurredAt: new Date(Date.now() + afterMs).toISOString() },
      };
      this.webhooks.sendLater(event, afterMs);
      if (this.options.duplicateAfterMs !== undefined) this.webhooks.sendLater(event, afterMs + this.options.duplicateAfterMs);
    }
  }
}
