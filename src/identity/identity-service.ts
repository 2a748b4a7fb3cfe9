import { createHash } from 'node:crypto';
import { ensureActsFor } from '../commands/authorization';
import { accountAccess, accountDecider, type AccountState, type Role } from '../domain/accounts/account';
import { normaliseEmail } from '../domain/customers/customer';
import { emailClaimDecider } from '../domain/customers/email-claim';
import type { PostalAddress } from '../domain/shared/address';
import { notFound, ruleViolated } from '../domain/shared/domain-error';
import { streamName } from '../domain/stream-names';
import type { EventStore } from '../event-store/event-store';
import { vendorDecider } from '../domain/vendors/vendor';
import type { Logger } from '../shared/logger';
import { nameBasedUuid } from '../shared/ids';
import { handleCommand, newIdFor, type CommandContext } from '../commands/command-handler';
import { caughtUpState, loadState } from '../commands/handlers/catalog-handlers';
import { claimEmailFor, emailClaimStream, releaseEmailOf, type customerHandlers } from '../commands/handlers/customer-handlers';
import { InvalidAccessTokenError, type AccessTokens, type Principal } from './access-tokens';
import type { LoginThrottle, ThrottleLimit } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import type { RefreshTokenStore } from './refresh-tokens';

/** Email or password wrong, or the account disabled: the answer does not say which. */
export class InvalidCredentialsError extends Error {
  override readonly name = 'InvalidCredentialsError';
  constructor() {
    super('The email or password is not right');
  }
}

export class InvalidRefreshTokenError extends Error {
  override readonly name = 'InvalidRefreshTokenError';
  constructor() {
    super('The refresh token is not valid; sign in again');
  }
}

export class TooManyLoginAttemptsError extends Error {
  override readonly name = 'TooManyLoginAttemptsError';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-ins; try again in ${retryAfterSeconds} s`);
  }
}

export interface Session {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: string;
  readonly accountId: string;
  readonly role: Role;
}

export const loginLimits: { perAccount: ThrottleLimit; perClient: ThrottleLimit } = {
  perAccount: { maxFailures: 5, windowMs: 15 * 60_000 },
  perClient: { maxFailures: 20, windowMs: 15 * 60_000 },
};

export interface IdentityDependencies {
  readonly eventStore: EventStore;
  readonly passwords: PasswordHasher;
  readonly accessTokens: AccessTokens;
  readonly refreshTokens: RefreshTokenStore;
  readonly throttle: LoginThrottle;
  readonly customers: ReturnType<typeof customerHandlers>;
  readonly logger: Logger;
}

/** Accounts, sign-in and sessions. Accounts are event-sourced; sessions and throttling are operational state. */
export function identityService(deps: IdentityDependencies) {
  const { eventStore, passwords, accessTokens, refreshTokens, throttle, logger } = deps;
  const accountStream = (accountId: string) => streamName('account', accountId);
  const loadAccount = (accountId: string): Promise<AccountState> => loadState(eventStore, accountStream(accountId), accountDecider);
  // Compared against when there is no account, so that an unknown email takes as long as a wrong password.
  let decoyHash: Promise<string> | undefined;
  const decoy = () => (decoyHash ??= passwords.hash('decoy password, never anyone’s'));

  async function ownerOfEmail(email: string): Promise<string | null> {
    const claim = await loadState(eventStore, emailClaimStream(email), emailClaimDecider);
    return claim.status === 'claimed' ? claim.ownerId : null;
  }

  async function startSession(principal: Principal, now: Date): Promise<Session> {
    const [accessToken, refresh] = await Promise.all([accessTokens.issue(principal, now), refreshTokens.issue(principal.accountId, now)]);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: accessTokens.lifetimeSeconds,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt.toISOString(),
      accountId: principal.accountId,
      role: principal.role,
    };
  }

  async function createStaffAccount(input: { email: string; password: string; role: Exclude<Role, 'customer'>; vendorId?: string; accountId?: string }, context: CommandContext) {
    const accountId = input.accountId ?? newIdFor(context, 'account');
    const email = normaliseEmail(input.email);
    const passwordHash = await passwords.hash(input.password);
    await claimEmailFor(eventStore, email, accountId, context);
    try {
      const vendor = input.vendorId !== undefined ? { vendorId: input.vendorId } : {};
      return await handleCommand(eventStore, accountStream(accountId), accountDecider, { type: 'CreateAccount', data: { accountId, email, role: input.role, ...vendor, passwordHash, now: context.now } }, context);
    } catch (error) {
      await releaseEmailOf(eventStore, logger, email, accountId, context);
      throw error;
    }
  }

  return {
    /** A customer signs up: their customer profile, and an account under the same id. */
    async signUp(input: { email: string; password: string; firstName: string; lastName: string; shippingAddress: PostalAddress }, context: CommandContext) {
      const passwordHash = await passwords.hash(input.password);
      const { password: _password, ...profile } = input;
      // The new customer is the actor of their own sign-up.
      const customerId = newIdFor(context, 'customer');
      const self = { ...context, actor: { id: customerId, role: 'customer' } };
      const customer = await deps.customers.registerCustomer({ ...profile, customerId }, self);
      await handleCommand(
        eventStore,
        accountStream(customerId),
        accountDecider,
        { type: 'CreateAccount', data: { accountId: customerId, email: normaliseEmail(input.email), role: 'customer', passwordHash, now: context.now } },
        self,
      );
      return customer;
    },

    createStaffAccount: (input: { email: string; password: string; role: 'staff' | 'admin' | 'auditor'; accountId?: string }, context: CommandContext) => createStaffAccount(input, context),

    /** An account for someone of a vendor's business, by an admin: it signs in as that vendor. */
    async createVendorAccount(input: { vendorId: string; email: string; password: string }, context: CommandContext) {
      const vendor = await loadState(eventStore, streamName('vendor', input.vendorId), vendorDecider);
      if (vendor.status === 'none') throw notFound('vendor-not-found', `No vendor ${input.vendorId}`, { vendorId: input.vendorId });
      return createStaffAccount({ email: input.email, password: input.password, role: 'vendor', vendorId: input.vendorId }, context);
    },

    /** The first admin, from configuration: created once, under an id derived from its email. */
    async ensureBootstrapAdmin(email: string, password: string, now: Date): Promise<'created' | 'exists'> {
      const accountId = nameBasedUuid(`bootstrap-admin:${normaliseEmail(email)}`);
      if ((await loadAccount(accountId)).status !== 'none') return 'exists';
      await createStaffAccount({ email, password, role: 'admin', accountId }, { now, actor: { id: 'bootstrap', role: 'system' }, correlationId: accountId, idempotencyKey: accountId });
      logger.info('created the first admin account from configuration', { accountId });
      return 'created';
    },

    changeRole: (input: { accountId: string; role: Role }, context: CommandContext) =>
      handleCommand(eventStore, accountStream(input.accountId), accountDecider, { type: 'ChangeRole', data: { ...input, by: context.actor.id, now: context.now } }, context),

    async disableAccount(input: { accountId: string; reason: string }, context: CommandContext) {
      const result = await handleCommand(eventStore, accountStream(input.accountId), accountDecider, { type: 'DisableAccount', data: { ...input, by: context.actor.id, now: context.now } }, context);
      await refreshTokens.revokeAccount(input.accountId, context.now);
      return result;
    },

    /**
     * Erasure (GDPR art. 17) of a customer, by themselves or an admin: their account closed and its
     * sessions ended first, so that nobody signs in as them meanwhile, then their data shredded.
     */
    async eraseCustomer(input: { customerId: string }, context: CommandContext) {
      ensureActsFor(context.actor, input.customerId, { code: 'customer-not-found', message: `There is no customer ${input.customerId}` });
      const account = await loadAccount(input.customerId);
      // Only a customer's own account: a staff account's id is no customer's (not found, below), and keeps its sessions.
      if (account.status !== 'none' && account.role === 'customer') {
        if (account.status === 'active') {
          await handleCommand(eventStore, accountStream(input.customerId), accountDecider, { type: 'DisableAccount', data: { accountId: input.customerId, reason: 'erased (GDPR art. 17)', by: context.actor.id, now: context.now } }, context);
        }
        await refreshTokens.revokeAccount(input.customerId, context.now);
      }
      return deps.customers.eraseCustomer(input, context);
    },

    /** Needs the current password; ends every session of the account. */
    async changePassword(input: { accountId: string; currentPassword: string; newPassword: string }, context: CommandContext) {
      const account = await loadAccount(input.accountId);
      if (account.status === 'none') throw notFound('account-not-found', `There is no account ${input.accountId}`);
      if (!(await passwords.verify(input.currentPassword, account.passwordHash))) {
        throw ruleViolated('wrong-current-password', 'The current password is not right');
      }
      const passwordHash = await passwords.hash(input.newPassword);
      const result = await handleCommand(eventStore, accountStream(input.accountId), accountDecider, { type: 'ChangePassword', data: { accountId: input.accountId, passwordHash, now: context.now } }, context);
      await refreshTokens.revokeAccount(input.accountId, context.now);
      return result;
    },

    async login(input: { email: string; password: string; clientAddress: string }, now: Date): Promise<Session> {
      const email = normaliseEmail(input.email);
      const buckets = [
        // Hashed: the throttle's table keeps no address, so nothing of an erased customer stays in it.
        { bucket: `account:${createHash('sha256').update(email).digest('hex')}`, limit: loginLimits.perAccount },
        { bucket: `client:${input.clientAddress}`, limit: loginLimits.perClient },
      ];
      // Counted before the (deliberately slow) password hash, in one step with the check, so a flood
      // costs us little and a burst of parallel guesses gets no more tries than a patient one.
      const wait = await throttle.attempt(buckets, now);
      if (wait > 0) throw new TooManyLoginAttemptsError(Math.ceil(wait / 1000));

      const ownerId = await ownerOfEmail(email);
      const account = ownerId ? await loadAccount(ownerId) : ({ status: 'none' } as const);
      const verified = account.status === 'none' ? (await passwords.verify(input.password, await decoy()), false) : await passwords.verify(input.password, account.passwordHash);
      // A failure stays counted in both buckets.
      if (account.status !== 'active' || !verified) throw new InvalidCredentialsError();
      await Promise.all([throttle.reset(buckets[0]!.bucket), throttle.forgive(buckets[1]!.bucket)]);
      return startSession({ accountId: account.accountId, role: account.role }, now);
    },

    async refresh(refreshToken: string, now: Date): Promise<Session> {
      const rotation = await refreshTokens.rotate(refreshToken, now);
      if (rotation.outcome === 'reused') logger.warn('a retired refresh token was used again; its family is revoked', { accountId: rotation.accountId });
      if (rotation.outcome !== 'rotated') throw new InvalidRefreshTokenError();
      const account = await loadAccount(rotation.accountId);
      if (account.status !== 'active') {
        await refreshTokens.revokeAccount(rotation.accountId, now);
        throw new InvalidRefreshTokenError();
      }
      const accessToken = await accessTokens.issue({ accountId: account.accountId, role: account.role }, now);
      return {
        accessToken,
        tokenType: 'Bearer',
        expiresIn: accessTokens.lifetimeSeconds,
        refreshToken: rotation.next.token,
        refreshTokenExpiresAt: rotation.next.expiresAt.toISOString(),
        accountId: account.accountId,
        role: account.role,
      };
    },

    logout: (refreshToken: string, now: Date) => refreshTokens.revokeFamily(refreshToken, now),

    /** The principal behind an access token, as long as its account is still active. */
    async authenticate(accessToken: string, now = new Date()): Promise<Principal> {
      const principal = await accessTokens.verify(accessToken, now);
      // Read on from what this process last knew of the account: every request still reads the
      // stream, so an account disabled a moment ago (anywhere) is refused at once, but a request
      // from an account unchanged since reads no event, and so opens no sealed data.
      const account = await caughtUpState(eventStore, accountStream(principal.accountId), accountAccess);
      if (account.status !== 'active') throw new InvalidAccessTokenError('The account is disabled');
      // The role is read back from the account: a role changed since the token was issued counts now.
      return { accountId: principal.accountId, role: account.role, ...(account.vendorId !== undefined ? { vendorId: account.vendorId } : {}) };
    },
  };
}

export type IdentityService = ReturnType<typeof identityService>;
