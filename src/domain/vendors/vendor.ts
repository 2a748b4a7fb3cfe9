import { alreadyExists, notFound } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';

/**
 * A vendor: a business that sells through the shop (seed 002's marketplace). Admins onboard and
 * suspend vendors; a vendor keeps its own profile. A suspended vendor's products stay in the log
 * and the catalog, but cannot be ordered until it is reinstated.
 */
export interface VendorProfile {
  readonly name: string;
  /** Where the vendor hears of its orders and its low stock: a business address, not a person's. */
  readonly contactEmail: string;
}

interface Actor {
  readonly id: string;
  readonly role: string;
}

export type VendorCommand =
  | { type: 'OnboardVendor'; data: { vendorId: string; profile: VendorProfile; by: Actor; now: Date } }
  | { type: 'UpdateVendorProfile'; data: { vendorId: string; profile: VendorProfile; now: Date } }
  | { type: 'SuspendVendor'; data: { vendorId: string; reason: string; by: Actor; now: Date } }
  | { type: 'ReinstateVendor'; data: { vendorId: string; by: Actor; now: Date } };

export type VendorEvent =
  | { type: 'VendorOnboarded'; data: { vendorId: string } & VendorProfile & { onboardedBy: Actor; onboardedAt: string } }
  | { type: 'VendorProfileUpdated'; data: { vendorId: string } & VendorProfile & { updatedAt: string } }
  | { type: 'VendorSuspended'; data: { vendorId: string; reason: string; suspendedBy: Actor; suspendedAt: string } }
  | { type: 'VendorReinstated'; data: { vendorId: string; reinstatedBy: Actor; reinstatedAt: string } };

export type VendorState = { status: 'none' } | { status: 'active' | 'suspended'; vendorId: string; profile: VendorProfile };

export const initialVendorState: VendorState = { status: 'none' };

const normalised = (profile: VendorProfile): VendorProfile => ({ name: profile.name.trim(), contactEmail: profile.contactEmail.trim().toLowerCase() });
/** Who asked, as recorded: the id and role only, whatever else the caller's actor carries. */
const recorded = (by: Actor): Actor => ({ id: by.id, role: by.role });
const unknownVendor = (vendorId: string) => notFound('vendor-not-found', `No vendor ${vendorId}`, { vendorId });

export function decideVendor(command: VendorCommand, state: VendorState): VendorEvent[] {
  const { vendorId, now } = command.data;
  const at = now.toISOString();
  if (command.type === 'OnboardVendor') {
    if (state.status !== 'none') throw alreadyExists('vendor-exists', `A vendor with id ${vendorId} exists already`, { vendorId });
    return [{ type: 'VendorOnboarded', data: { vendorId, ...normalised(command.data.profile), onboardedBy: recorded(command.data.by), onboardedAt: at } }];
  }
  if (state.status === 'none') throw unknownVendor(vendorId);
  switch (command.type) {
    case 'UpdateVendorProfile': {
      const profile = normalised(command.data.profile);
      if (profile.name === state.profile.name && profile.contactEmail === state.profile.contactEmail) return [];
      return [{ type: 'VendorProfileUpdated', data: { vendorId, ...profile, updatedAt: at } }];
    }
    case 'SuspendVendor':
      // Suspended already: the first suspension, and its reason, stand.
      if (state.status === 'suspended') return [];
      return [{ type: 'VendorSuspended', data: { vendorId, reason: command.data.reason, suspendedBy: recorded(command.data.by), suspendedAt: at } }];
    case 'ReinstateVendor':
      if (state.status === 'active') return [];
      return [{ type: 'VendorReinstated', data: { vendorId, reinstatedBy: recorded(command.data.by), reinstatedAt: at } }];
    default:
      return unreachable(command);
  }
}

export function evolveVendor(state: VendorState, event: VendorEvent): VendorState {
  switch (event.type) {
    case 'VendorOnboarded':
      return { status: 'active', vendorId: event.data.vendorId, profile: { name: event.data.name, contactEmail: event.data.contactEmail } };
    case 'VendorProfileUpdated':
      return state.status === 'none' ? state : { ...state, profile: { name: event.data.name, contactEmail: event.data.contactEmail } };
    case 'VendorSuspended':
      return state.status === 'none' ? state : { ...state, status: 'suspended' };
    case 'VendorReinstated':
      return state.status === 'none' ? state : { ...state, status: 'active' };
    default:
      return unreachable(event);
  }
}

export const vendorDecider: Decider<VendorCommand, VendorEvent, VendorState> = {
  initialState: initialVendorState,
  decide: decideVendor,
  evolve: evolveVendor,
};
