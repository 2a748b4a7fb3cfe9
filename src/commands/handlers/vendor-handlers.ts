import { randomUUID } from 'node:crypto';
import { streamName } from '../../domain/stream-names';
import { vendorDecider, type VendorProfile } from '../../domain/vendors/vendor';
import type { EventStore } from '../../event-store/event-store';
import { handleCommand, type CommandContext } from '../command-handler';

/** Vendors: onboarded, changed, suspended and reinstated by admins (stream vendor-<id>). */
export function vendorHandlers(eventStore: EventStore) {
  const run = (vendorId: string, command: Parameters<typeof vendorDecider.decide>[0], context: CommandContext) =>
    handleCommand(eventStore, streamName('vendor', vendorId), vendorDecider, command, context);
  return {
    onboardVendor(profile: VendorProfile, context: CommandContext) {
      const vendorId = randomUUID();
      return run(vendorId, { type: 'OnboardVendor', data: { vendorId, profile, by: context.actor, now: context.now } }, context);
    },
    updateVendorProfile(vendorId: string, profile: VendorProfile, context: CommandContext) {
      return run(vendorId, { type: 'UpdateVendorProfile', data: { vendorId, profile, now: context.now } }, context);
    },
    suspendVendor(vendorId: string, reason: string, context: CommandContext) {
      return run(vendorId, { type: 'SuspendVendor', data: { vendorId, reason, by: context.actor, now: context.now } }, context);
    },
    reinstateVendor(vendorId: string, context: CommandContext) {
      return run(vendorId, { type: 'ReinstateVendor', data: { vendorId, by: context.actor, now: context.now } }, context);
    },
  };
}
