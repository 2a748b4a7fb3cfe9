import { foldEvents } from '../../src/domain/shared/decider';
import { vendorDecider, type VendorEvent } from '../../src/domain/vendors/vendor';
import { deciderSpec } from '../support/decider-spec';

const now = new Date('2026-11-26T10:00:00.000Z');
const at = now.toISOString();
const admin = { id: 'a-1', role: 'admin' };

describe('vendor', () => {
  const spec = deciderSpec(vendorDecider);
  const onboarded: VendorEvent = { type: 'VendorOnboarded', data: { vendorId: 'v-1', name: 'Leaf & Co', contactEmail: 'orders@leaf.example', onboardedBy: admin, onboardedAt: at } };
  const suspended: VendorEvent = { type: 'VendorSuspended', data: { vendorId: 'v-1', reason: 'unpaid fees', suspendedBy: admin, suspendedAt: at } };

  it('is onboarded by an admin, its profile tidied (name trimmed, email lower-cased)', () => {
    spec
      .given([])
      .when({ type: 'OnboardVendor', data: { vendorId: 'v-1', profile: { name: ' Leaf & Co ', contactEmail: 'Orders@Leaf.example' }, by: admin, now } })
      .then([onboarded]);
  });
  it('is onboarded once', () => {
    spec
      .given([onboarded])
      .when({ type: 'OnboardVendor', data: { vendorId: 'v-1', profile: { name: 'Other', contactEmail: 'x@y.example' }, by: admin, now } })
      .thenRefused('already-exists', 'vendor-exists');
  });
  it('changes its profile, and records nothing for the same one written differently', () => {
    spec.given([onboarded]).when({ type: 'UpdateVendorProfile', data: { vendorId: 'v-1', profile: { name: 'Leaf and Co', contactEmail: 'orders@leaf.example' }, now } }).then([
      { type: 'VendorProfileUpdated', data: { vendorId: 'v-1', name: 'Leaf and Co', contactEmail: 'orders@leaf.example', updatedAt: at } },
    ]);
    spec.given([onboarded]).when({ type: 'UpdateVendorProfile', data: { vendorId: 'v-1', profile: { name: 'Leaf & Co', contactEmail: 'ORDERS@leaf.example ' }, now } }).thenNothingNew();
  });
  it('is suspended with a reason, once: the first suspension stands', () => {
    spec.given([onboarded]).when({ type: 'SuspendVendor', data: { vendorId: 'v-1', reason: 'unpaid fees', by: admin, now } }).then([suspended]);
    spec.given([onboarded, suspended]).when({ type: 'SuspendVendor', data: { vendorId: 'v-1', reason: 'again', by: admin, now } }).thenNothingNew();
  });
  it('is reinstated when suspended, and asked again nothing new', () => {
    const reinstated: VendorEvent = { type: 'VendorReinstated', data: { vendorId: 'v-1', reinstatedBy: admin, reinstatedAt: at } };
    spec.given([onboarded, suspended]).when({ type: 'ReinstateVendor', data: { vendorId: 'v-1', by: admin, now } }).then([reinstated]);
    spec.given([onboarded, suspended, reinstated]).when({ type: 'ReinstateVendor', data: { vendorId: 'v-1', by: admin, now } }).thenNothingNew();
    spec.given([onboarded]).when({ type: 'ReinstateVendor', data: { vendorId: 'v-1', by: admin, now } }).thenNothingNew();
  });
  it('keeps a suspended vendor suspended when its profile changes', () => {
    const state = foldEvents(vendorDecider, [onboarded, suspended, { type: 'VendorProfileUpdated', data: { vendorId: 'v-1', name: 'Leaf', contactEmail: 'a@leaf.example', updatedAt: at } }]);
    expect(state).toEqual({ status: 'suspended', vendorId: 'v-1', profile: { name: 'Leaf', contactEmail: 'a@leaf.example' } });
  });
  it.each([
    ['UpdateVendorProfile', { type: 'UpdateVendorProfile', data: { vendorId: 'v-9', profile: { name: 'X', contactEmail: 'x@x.example' }, now } }],
    ['SuspendVendor', { type: 'SuspendVendor', data: { vendorId: 'v-9', reason: 'r', by: admin, now } }],
    ['ReinstateVendor', { type: 'ReinstateVendor', data: { vendorId: 'v-9', by: admin, now } }],
  ] as const)('refuses %s for an unknown vendor', (_name, command) => {
    spec.given([]).when(command).thenRefused('not-found', 'vendor-not-found');
  });
});
