import type { AccountEvent, Role } from '../../domain/accounts/account';
import { streamPrefix } from '../../domain/stream-names';
import { documentNamedBy, type DocumentProjection } from '../document-projection';

/**
 * The accounts an admin manages: staff, admins, auditors and vendors' accounts (customers are the
 * customers read model). Never the password hash, which stays in the account's events.
 */
export interface StaffAccount {
  readonly accountId: string;
  readonly email: string;
  readonly role: Role;
  /** A vendor account's vendor. */
  readonly vendorId?: string;
  readonly status: 'active' | 'disabled';
  readonly createdAt: string;
}

export const staffAccountsProjection: DocumentProjection<StaffAccount> = {
  name: 'staff-accounts',
  collection: { name: 'staff_accounts', indexes: [[{ path: 'email', type: 'text' }, { path: 'accountId', type: 'text' }]] },
  filter: { streamPrefixes: [streamPrefix('account')] },
  documentIds: documentNamedBy('accountId'),
  evolve(account, recorded) {
    const event = recorded as unknown as AccountEvent;
    switch (event.type) {
      case 'AccountCreated': {
        const { accountId, email, role, vendorId, createdAt } = event.data;
        return role === 'customer' ? null : { accountId, email, role, ...(vendorId !== undefined ? { vendorId } : {}), status: 'active', createdAt };
      }
      case 'AccountRoleChanged':
        return account ? { ...account, role: event.data.role } : null;
      case 'AccountDisabled':
        return account ? { ...account, status: 'disabled' } : null;
      default:
        return account;
    }
  },
};
