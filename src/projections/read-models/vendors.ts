import { streamPrefix } from '../../domain/stream-names';
import type { VendorEvent } from '../../domain/vendors/vendor';
import { documentNamedBy, type DocumentProjection } from '../document-projection';

/** The vendors an admin manages, and that staff see beside their products. */
export interface VendorSummary {
  readonly vendorId: string;
  readonly name: string;
  readonly contactEmail: string;
  readonly status: 'active' | 'suspended';
  /** Why it is suspended, while it is. */
  readonly suspendedReason: string | null;
  readonly onboardedAt: string;
  readonly updatedAt: string;
}

export const vendorsProjection: DocumentProjection<VendorSummary> = {
  name: 'vendors',
  collection: { name: 'vendors', indexes: [[{ path: 'name', type: 'text' }, { path: 'vendorId', type: 'text' }]] },
  filter: { streamPrefixes: [streamPrefix('vendor')] },
  documentIds: documentNamedBy('vendorId'),
  evolve(vendor, recorded) {
    const event = recorded as unknown as VendorEvent;
    switch (event.type) {
      case 'VendorOnboarded': {
        const { vendorId, name, contactEmail, onboardedAt } = event.data;
        return { vendorId, name, contactEmail, status: 'active', suspendedReason: null, onboardedAt, updatedAt: onboardedAt };
      }
      case 'VendorProfileUpdated':
        return vendor ? { ...vendor, name: event.data.name, contactEmail: event.data.contactEmail, updatedAt: event.data.updatedAt } : null;
      case 'VendorSuspended':
        return vendor ? { ...vendor, status: 'suspended', suspendedReason: event.data.reason, updatedAt: event.data.suspendedAt } : null;
      case 'VendorReinstated':
        return vendor ? { ...vendor, status: 'active', suspendedReason: null, updatedAt: event.data.reinstatedAt } : null;
      default:
        return vendor;
    }
  },
};
