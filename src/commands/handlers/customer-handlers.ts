import { createHash } from 'node:crypto';
import { customerDecider, normaliseEmail, type CustomerState } from '../../domain/customers/customer';
import { emailClaimDecider } from '../../domain/customers/email-claim';
import type { PostalAddress } from '../../domain/shared/address';
import { notFound, ruleViolated } from '../../domain/shared/domain-error';
import { streamName } from '../../domain/stream-names';
import type { EventStore } from '../../event-store/event-store';
import type { Logger } from '../../shared/logger';
import type { PersonalDataVault } from '../../privacy/personal-data-vault';
import { ensureActsFor } from '../authorization';
import { handleCommand, newIdFor, type CommandContext } from '../command-handler';
import { knownStreamsOf } from '../known-streams';
import { loadState } from './catalog-handlers';

/** Email claim streams are named by a hash of the address, so that stream names carry no personal data. */
export const emailClaimStream = (email: string): string => streamName('email', createHash('sha256').update(normaliseEmail(email)).digest('hex'));

/** Whether the owner of a claim was ever written, and is not erased: a customer, or a staff account. */
async function ownerExists(eventStore: EventStore, ownerId: string): Promise<boolean> {
  const [customer, account] = await Promise.all([
    eventStore.readStream(streamName('customer', ownerId), { direction: 'backwards', maxCount: 1 }),
    eventStore.readStream(streamName('account', ownerId), { maxCount: 1 }),
  ]);
  // An erasure that stopped before releasing the address must not block it for good.
  if (customer[0]?.type === 'CustomerErased') return false;
  return customer.length > 0 || account.length > 0;
}

/** Claims an address for an owner; refused (email-taken) when it belongs to someone else. */
export function claimEmailFor(eventStore: EventStore, email: string, ownerId: string, context: CommandContext) {
  return handleCommand(
    eventStore,
    emailClaimStream(email),
    emailClaimDecider,
    async (claim) => ({
      type: 'ClaimEmail' as const,
      data: {
        email: normaliseEmail(email),
        ownerId,
        ownerExists: claim.status !== 'claimed' || claim.ownerId === ownerId || (await ownerExists(eventStore, claim.ownerId)),
        now: context.now,
      },
    }),
    { ...context, expectedRevision: undefined },
  );
}

/** Best effort: a claim left behind only blocks the address until its grace period ends. */
export async function releaseEmailOf(eventStore: EventStore, logger: Logger, email: string, ownerId: string, context: CommandContext): Promise<void> {
  try {
    await handleCommand(
      eventStore,
      emailClaimStream(email),
      emailClaimDecider,
      { type: 'ReleaseEmail', data: { email: normaliseEmail(email), ownerId, now: context.now } },
      { ...context, expectedRevision: undefined },
    );
  } catch (error) {
    logger.warn('could not release an email claim', { error, ownerId });
  }
}

export function customerHandlers(eventStore: EventStore, logger: Logger, vault: PersonalDataVault) {
  const loadCustomer = (customerId: string): Promise<CustomerState> => loadState(eventStore, streamName('customer', customerId), customerDecider);

  const claimEmail = (email: string, customerId: string, context: CommandContext) => claimEmailFor(eventStore, email, customerId, context);
  const releaseEmail = (email: string, customerId: string, context: CommandContext) => releaseEmailOf(eventStore, logger, email, customerId, context);

  return {
    async registerCustomer(input: { firstName: string; lastName: string; email: string; shippingAddress: PostalAddress; customerId?: string }, context: CommandContext) {
      const { customerId = newIdFor(context, 'customer'), ...profile } = input;
      const email = normaliseEmail(input.email);
      await claimEmail(email, customerId, context);
      try {
        return await handleCommand(
          eventStore,
          streamName('customer', customerId),
          customerDecider,
          { type: 'RegisterCustomer', data: { ...profile, customerId, email, now: context.now } },
          context,
        );
      } catch (error) {
        await releaseEmail(email, customerId, context);
        throw error;
      }
    },

    changeShippingAddress(input: { customerId: string; shippingAddress: PostalAddress }, context: CommandContext) {
      ensureActsFor(context.actor, input.customerId, { code: 'customer-not-found', message: `There is no customer ${input.customerId}` });
      return handleCommand(eventStore, streamName('customer', input.customerId), customerDecider, { type: 'ChangeShippingAddress', data: { ...input, now: context.now } }, context);
    },

    /** Text messages are the customer's own choice: staff neither opt a customer in nor out. */
    setSmsPreference(input: { customerId: string; phone: string | null }, context: CommandContext) {
      ensureActsFor(context.actor, input.customerId, { code: 'customer-not-found', message: `There is no customer ${input.customerId}` });
      if (context.actor.role !== 'customer') throw ruleViolated('customer-choice', 'Only the customer opts in to text messages, or out', { customerId: input.customerId });
      return handleCommand(eventStore, streamName('customer', input.customerId), customerDecider, { type: 'SetSmsPreference', data: { ...input, now: context.now } }, context);
    },

    async changeEmail(input: { customerId: string; email: string }, context: CommandContext) {
      ensureActsFor(context.actor, input.customerId, { code: 'customer-not-found', message: `There is no customer ${input.customerId}` });
      const customer = await loadCustomer(input.customerId);
      if (customer.status !== 'registered') throw notFound('customer-not-found', `There is no customer ${input.customerId}`, { customerId: input.customerId });
      const email = normaliseEmail(input.email);
      if (email === customer.email) {
        return handleCommand(eventStore, streamName('customer', input.customerId), customerDecider, { type: 'ChangeCustomerEmail', data: { ...input, now: context.now } }, context);
      }
      await claimEmail(email, input.customerId, context);
      try {
        const result = await handleCommand(
          eventStore,
          streamName('customer', input.customerId),
          customerDecider,
          { type: 'ChangeCustomerEmail', data: { customerId: input.customerId, email, now: context.now } },
          context,
        );
        await releaseEmail(customer.email, input.customerId, context);
        return result;
      } catch (error) {
        await releaseEmail(email, input.customerId, context);
        throw error;
      }
    },

    /**
     * Erasure by crypto-shredding (GDPR art. 17): their address is released (it can be used again),
     * their data key deleted (everything of theirs in the log unreadable from then on, everywhere),
     * and the erasure recorded. Asked again, it answers as done. Who may ask is the caller's check.
     */
    async eraseCustomer(input: { customerId: string }, context: CommandContext) {
      ensureActsFor(context.actor, input.customerId, { code: 'customer-not-found', message: `There is no customer ${input.customerId}` });
      const customer = await loadCustomer(input.customerId);
      if (customer.status === 'registered') {
        // The claim first: once the key is gone, nobody knows the address any more to find its claim.
        await handleCommand(eventStore, emailClaimStream(customer.email), emailClaimDecider, { type: 'ReleaseEmail', data: { email: customer.email, ownerId: input.customerId, now: context.now } }, { ...context, expectedRevision: undefined });
        await vault.erase(input.customerId);
        // The state this process kept of them holds their data in the clear, and orders read on from
        // it until CustomerErased is recorded: it goes with the key, so the next read opens nothing.
        knownStreamsOf(eventStore).forget(customerDecider, streamName('customer', input.customerId));
      }
      const { id, role } = context.actor;
      return handleCommand(eventStore, streamName('customer', input.customerId), customerDecider, { type: 'EraseCustomer', data: { customerId: input.customerId, by: { id, role }, now: context.now } }, { ...context, expectedRevision: undefined });
    },
  };
}
