import type { CarrierStatus, QuotedRate, Shipment, ShippingService } from '../domain/orders/order';
import type { PostalAddress } from '../domain/shared/address';

export { carrierStatuses as trackingStatuses, shippingServices, type ShippingService } from '../domain/orders/order';
export type TrackingStatus = CarrierStatus;

/**
 * The shipping provider port: rates by destination and weight, a label (and its tracking number)
 * for a parcel, and tracking updates later by a signed webhook (POST /api/shipping/webhook).
 * Adapter: SandboxShipping (in process). A carrier's own API would be a second adapter, held to the
 * same contract (test/contract/shipping-provider.contract.ts).
 */
export interface RateRequest {
  readonly destination: PostalAddress;
  /** The whole parcel, packed. */
  readonly weightGrams: number;
  /** The currency the shop charges in: rates come in it. */
  readonly currency: string;
}

/** `estimatedDays`: working days from dispatch to the door, as the carrier promises. */
export type ShippingRate = QuotedRate;

export interface LabelRequest {
  /** Ours: the label is bought once per shipment, however often asked. */
  readonly shipmentId: string;
  readonly orderId: string;
  readonly destination: PostalAddress;
  readonly weightGrams: number;
  readonly service: ShippingService;
}

/** `labelUrl`: where the printable label is. */
export type ShippingLabel = Shipment;

export interface ShippingProvider {
  /** Every service that takes such a parcel there, cheapest first; none: it cannot be shipped there so. */
  quote(request: RateRequest): Promise<ShippingRate[]>;
  /** The same idempotency key always gets the same label: a retried dispatch never buys two. */
  createLabel(request: LabelRequest, idempotencyKey: string): Promise<ShippingLabel>;
}

/** What a carrier's webhook says happened to a parcel. */
export interface TrackingWebhookEvent {
  /** Unique per event; a redelivery carries the same id. */
  readonly id: string;
  readonly type: 'tracking.updated';
  readonly created: number;
  readonly data: {
    readonly shipmentId: string;
    readonly orderId: string;
    readonly trackingNumber: string;
    readonly status: TrackingStatus;
    /** The carrier's words, for the customer ("Left with a neighbour"). */
    readonly description?: string;
    readonly occurredAt: string;
  };
}
