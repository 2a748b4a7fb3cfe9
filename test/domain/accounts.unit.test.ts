import { accountAccess, accountDecider, type AccountEvent } from '../../src/domain/accounts/account';
import { foldEvents } from '../../src/domain/shared/decider';
import { deciderSpec } from '../support/decider-spec';

const now = new Date('2026-11-24T10:00:00.000Z');
const at = now.toISOString();
const spec = deciderSpec(accountDecider);
const created = (role: 'customer' | 'staff' | 'admin'): AccountEvent => ({ type: 'AccountCreated', data: { accountId: 'a-1', email: 'sam@shop.example', role, passwordHash: 'scrypt$1', createdAt: at } });
const disabled: AccountEvent = { type: 'AccountDisabled', data: { accountId: 'a-1', reason: 'left', disabledAt: at } };

describe('account', () => {
  it('is created with a role and a password hash', () => {
    spec.given([]).when({ type: 'CreateAccount', data: { accountId: 'a-1', email: 'sam@shop.example', role: 'staff', passwordHash: 'scrypt$1', now } }).then([created('staff')]);
  });
  it('refuses to be created twice', () => {
    spec.given([created('staff')]).when({ type: 'CreateAccount', data: { accountId: 'a-1', email: 'x@y.z', role: 'staff', passwordHash: 'h', now } }).thenRefused('already-exists', 'account-exists');
  });
  it('changes its password', () => {
    spec.given([created('customer')]).when({ type: 'ChangePassword', data: { accountId: 'a-1', passwordHash: 'scrypt$2', now } }).then([
      { type: 'AccountPasswordChanged', data: { accountId: 'a-1', passwordHash: 'scrypt$2', changedAt: at } },
    ]);
  });
  it('moves between staff roles, and records nothing for the same role', () => {
    spec.given([created('staff')]).when({ type: 'ChangeRole', data: { accountId: 'a-1', role: 'admin', by: 'admin-9', now } }).then([
      { type: 'AccountRoleChanged', data: { accountId: 'a-1', previousRole: 'staff', role: 'admin', changedAt: at } },
    ]);
    spec.given([created('admin')]).when({ type: 'ChangeRole', data: { accountId: 'a-1', role: 'admin', by: 'admin-9', now } }).thenNothingNew();
  });
  it('refuses to turn a customer into staff, or staff into a customer', () => {
    spec.given([created('customer')]).when({ type: 'ChangeRole', data: { accountId: 'a-1', role: 'admin', by: 'admin-9', now } }).thenRefused('rule-violated', 'role-change-not-allowed');
    spec.given([created('staff')]).when({ type: 'ChangeRole', data: { accountId: 'a-1', role: 'customer', by: 'admin-9', now } }).thenRefused('rule-violated', 'role-change-not-allowed');
  });
  it('ties a vendor account to its vendor, and only a vendor account', () => {
    const vendorAccount: AccountEvent = { type: 'AccountCreated', data: { accountId: 'a-1', email: 'sales@vendor.example', role: 'vendor', vendorId: 'v-1', passwordHash: 'h', createdAt: at } };
    spec.given([]).when({ type: 'CreateAccount', data: { accountId: 'a-1', email: 'sales@vendor.example', role: 'vendor', vendorId: 'v-1', passwordHash: 'h', now } }).then([vendorAccount]);
    spec.given([]).when({ type: 'CreateAccount', data: { accountId: 'a-1', email: 'x@vendor.example', role: 'vendor', passwordHash: 'h', now } }).thenRefused('rule-violated', 'vendor-account-mismatch');
    spec.given([]).when({ type: 'CreateAccount', data: { accountId: 'a-1', email: 'x@shop.example', role: 'staff', vendorId: 'v-1', passwordHash: 'h', now } }).thenRefused('rule-violated', 'vendor-account-mismatch');
    expect(accountDecider.evolve(accountDecider.initialState, vendorAccount)).toMatchObject({ role: 'vendor', vendorId: 'v-1' });
    // A vendor's account stays a vendor's: made staff, it would keep its vendor's tie and gain the shop's.
    spec.given([vendorAccount]).when({ type: 'ChangeRole', data: { accountId: 'a-1', role: 'staff', by: 'admin-9', now } }).thenRefused('rule-violated', 'role-change-not-allowed');
    spec.given([created('staff')]).when({ type: 'ChangeRole', data: { accountId: 'a-1', role: 'vendor', by: 'admin-9', now } }).thenRefused('rule-violated', 'role-change-not-allowed');
  });
  it('is disabled once', () => {
    spec.given([created('staff')]).when({ type: 'DisableAccount', data: { accountId: 'a-1', reason: 'left', by: 'admin-9', now } }).then([disabled]);
    spec.given([created('staff'), disabled]).when({ type: 'DisableAccount', data: { accountId: 'a-1', reason: 'again', by: 'admin-9', now } }).thenNothingNew();
  });
  it('refuses an admin changing the role of, or disabling, their own account', () => {
    spec.given([created('admin')]).when({ type: 'ChangeRole', data: { accountId: 'a-1', role: 'staff', by: 'a-1', now } }).thenRefused('rule-violated', 'own-account');
    spec.given([created('admin')]).when({ type: 'DisableAccount', data: { accountId: 'a-1', reason: 'oops', by: 'a-1', now } }).thenRefused('rule-violated', 'own-account');
    // A customer closes their own account when they erase themselves.
    spec.given([created('customer')]).when({ type: 'DisableAccount', data: { accountId: 'a-1', reason: 'erased', by: 'a-1', now } }).then([{ type: 'AccountDisabled', data: { accountId: 'a-1', reason: 'erased', disabledAt: at } }]);
  });
  it('refuses changes to a disabled account', () => {
    spec.given([created('staff'), disabled]).when({ type: 'ChangePassword', data: { accountId: 'a-1', passwordHash: 'h', now } }).thenRefused('rule-violated', 'account-disabled');
    spec.given([created('staff'), disabled]).when({ type: 'ChangeRole', data: { accountId: 'a-1', role: 'admin', by: 'admin-9', now } }).thenRefused('rule-violated', 'account-disabled');
  });
  it.each([
    ['ChangePassword', { type: 'ChangePassword', data: { accountId: 'a-1', passwordHash: 'h', now } }],
    ['ChangeRole', { type: 'ChangeRole', data: { accountId: 'a-1', role: 'admin', by: 'admin-9', now } }],
    ['DisableAccount', { type: 'DisableAccount', data: { accountId: 'a-1', reason: 'x', by: 'admin-9', now } }],
  ] as const)('refuses %s for an unknown account', (_name, command) => {
    spec.given([]).when(command).thenRefused('not-found', 'account-not-found');
  });

  it('is folded for authentication without its password hash: active or not, and as whom it acts', () => {
    const access = (events: AccountEvent[]) => foldEvents(accountAccess, events);
    const passwordChanged: AccountEvent = { type: 'AccountPasswordChanged', data: { accountId: 'a-1', passwordHash: 'scrypt$2', changedAt: at } };
    const promoted: AccountEvent = { type: 'AccountRoleChanged', data: { accountId: 'a-1', previousRole: 'staff', role: 'admin', changedAt: at } };
    expect(access([])).toEqual({ status: 'none' });
    expect(access([created('staff'), passwordChanged])).toEqual({ status: 'active', role: 'staff' });
    expect(access([created('staff'), promoted, disabled])).toEqual({ status: 'disabled', role: 'admin' });
    const vendor: AccountEvent = { type: 'AccountCreated', data: { accountId: 'a-2', email: 'v@shop.example', role: 'vendor', vendorId: 'v-1', passwordHash: 'scrypt$1', createdAt: at } };
    expect(access([vendor])).toEqual({ status: 'active', role: 'vendor', vendorId: 'v-1' });
    // The same status, role and vendor as the account itself.
    for (const events of [[created('customer')], [created('staff'), promoted], [created('staff'), disabled], [vendor, passwordChanged]]) {
      const { status, role, vendorId } = foldEvents(accountDecider, events) as { status: string; role: string; vendorId?: string };
      expect(access(events)).toEqual({ status, role, ...(vendorId !== undefined ? { vendorId } : {}) });
    }
  });
});

