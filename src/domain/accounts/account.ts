import { alreadyExists, notFound, ruleViolated } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';

/**
 * Who may sign in, with what role (stream account-<id>). A customer's account has the customer's
 * id; staff accounts have ids of their own. The email an account signs in with is the one its
 * owner claims (email-claim.ts), so it has one owner and can change with the customer's email.
 * Only a password hash is ever stored, never the password.
 */
/**
 * `auditor`: reads everything, the audit trail included, and changes nothing; made by an admin, as staff are.
 * `vendor`: someone of a vendor's business (seed 002's marketplace), tied to that vendor: manages
 * the vendor's own products and stock and sees the order lines of them, nothing else.
 */
export const roles = ['customer', 'staff', 'admin', 'auditor', 'vendor'] as const;
export type Role = (typeof roles)[number];
export const staffRoles: readonly Role[] = ['staff', 'admin'];

export type AccountCommand =
  /** `vendorId`: the vendor a `vendor` account acts for; no other role has one. */
  | { type: 'CreateAccount'; data: { accountId: string; email: string; role: Role; vendorId?: string; passwordHash: string; now: Date } }
  | { type: 'ChangePassword'; data: { accountId: string; passwordHash: string; now: Date } }
  /** `by`: the account of the admin asking. */
  | { type: 'ChangeRole'; data: { accountId: string; role: Role; by: string; now: Date } }
  | { type: 'DisableAccount'; data: { accountId: string; reason: string; by: string; now: Date } };

export type AccountEvent =
  | { type: 'AccountCreated'; data: { accountId: string; email: string; role: Role; vendorId?: string; passwordHash: string; createdAt: string } }
  | { type: 'AccountPasswordChanged'; data: { accountId: string; passwordHash: string; changedAt: string } }
  | { type: 'AccountRoleChanged'; data: { accountId: string; previousRole: Role; role: Role; changedAt: string } }
  | { type: 'AccountDisabled'; data: { accountId: string; reason: string; disabledAt: string } };

export type AccountState =
  | { status: 'none' }
  | { status: 'active' | 'disabled'; accountId: string; role: Role; vendorId?: string; passwordHash: string };

export const initialAccountState: AccountState = { status: 'none' };

function existing(state: AccountState, accountId: string): Exclude<AccountState, { status: 'none' }> {
  if (state.status === 'none') throw notFound('account-not-found', `There is no account ${accountId}`, { accountId });
  return state;
}

function active(state: AccountState, accountId: string): Exclude<AccountState, { status: 'none' }> {
  const account = existing(state, accountId);
  if (account.status === 'disabled') throw ruleViolated('account-disabled', `Account ${accountId} is disabled`, { accountId });
  return account;
}

export function createAccount(command: Extract<AccountCommand, { type: 'CreateAccount' }>, state: AccountState): AccountEvent[] {
  const { accountId, email, role, vendorId, passwordHash, now } = command.data;
  if (state.status !== 'none') throw alreadyExists('account-exists', `Account ${accountId} exists already`, { accountId });
  if ((role === 'vendor') !== (vendorId !== undefined)) {
    throw ruleViolated('vendor-account-mismatch', 'A vendor account names its vendor, and only a vendor account does', { accountId, role });
  }
  return [{ type: 'AccountCreated', data: { accountId, email, role, ...(vendorId !== undefined ? { vendorId } : {}), passwordHash, createdAt: now.toISOString() } }];
}

export function changePassword(command: Extract<AccountCommand, { type: 'ChangePassword' }>, state: AccountState): AccountEvent[] {
  const { accountId, passwordHash, now } = command.data;
  active(state, accountId);
  return [{ type: 'AccountPasswordChanged', data: { accountId, passwordHash, changedAt: now.toISOString() } }];
}

export function changeRole(command: Extract<AccountCommand, { type: 'ChangeRole' }>, state: AccountState): AccountEvent[] {
  const { accountId, role, by, now } = command.data;
  const account = active(state, accountId);
  if (account.role === role) return [];
  notOwnAccount(accountId, by);
  // A customer's account is tied to a customer, a vendor's to a vendor; staff roles are for staff accounts.
  const tied = (r: Role) => r === 'customer' || r === 'vendor';
  if (tied(account.role) || tied(role)) {
    throw ruleViolated('role-change-not-allowed', 'Customer and vendor accounts keep their role, and staff accounts stay staff accounts', { accountId, role });
  }
  return [{ type: 'AccountRoleChanged', data: { accountId, previousRole: account.role, role, changedAt: now.toISOString() } }];
}

export function disableAccount(command: Extract<AccountCommand, { type: 'DisableAccount' }>, state: AccountState): AccountEvent[] {
  const { accountId, reason, by, now } = command.data;
  const account = existing(state, accountId);
  if (account.status === 'disabled') return [];
  // A customer may close their own account (erasing themselves); staff cannot lock themselves out.
  if (account.role !== 'customer') notOwnAccount(accountId, by);
  return [{ type: 'AccountDisabled', data: { accountId, reason, disabledAt: now.toISOString() } }];
}

/** An admin who demoted or disabled themselves could lock the shop out of its own administration. */
function notOwnAccount(accountId: string, by: string): void {
  if (accountId === by) throw ruleViolated('own-account', 'Admins cannot change the role of, or disable, their own account; another admin can', { accountId });
}

export function decideAccount(command: AccountCommand, state: AccountState): AccountEvent[] {
  switch (command.type) {
    case 'CreateAccount':
      return createAccount(command, state);
    case 'ChangePassword':
      return changePassword(command, state);
    case 'ChangeRole':
      return changeRole(command, state);
    case 'DisableAccount':
      return disableAccount(command, state);
    default:
      return unreachable(command);
  }
}

export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountCreated') {
    const { accountId, role, vendorId, passwordHash } = event.data;
    return { status: 'active', accountId, role, ...(vendorId !== undefined ? { vendorId } : {}), passwordHash };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'AccountPasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'AccountRoleChanged':
      return { ...state, role: event.data.role };
    case 'AccountDisabled':
      return { ...state, status: 'disabled' };
    default:
      return unreachable(event);
  }
}

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: initialAccountState,
  decide: decideAccount,
  evolve: evolveAccount,
};

/** What a request needs of its caller's account: whether it is active, and as whom it acts. */
export type AccountAccess = { status: 'none' } | { status: 'active' | 'disabled'; role: Role; vendorId?: string };

/**
 * The account folded for authentication only: the account without its password hash, so that
 * the states a process keeps of its callers' accounts (see KnownStreams) hold no secret.
 */
export const accountAccess = {
  initialState: { status: 'none' } as AccountAccess,
  evolve(state: AccountAccess, event: AccountEvent): AccountAccess {
    if (event.type === 'AccountCreated') return { status: 'active', role: event.data.role, ...(event.data.vendorId !== undefined ? { vendorId: event.data.vendorId } : {}) };
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'AccountRoleChanged':
        return { ...state, role: event.data.role };
      case 'AccountDisabled':
        return { ...state, status: 'disabled' };
      case 'AccountPasswordChanged':
        return state;
      default:
        return unreachable(event);
    }
  },
};
