import { alreadyExists } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';

/**
 * Who holds an email address (stream email-<hash of the normalised address>): a customer, or a
 * staff account. It is how an address belongs to one person only, and how login finds the account
 * of an address. Registration first claims the address, appending with the stream's revision, so
 * that of two registrations with one address at once exactly one holds it; then it writes the
 * customer or account.
 *
 * A claim whose owner was never written (the process died in between) would block the address for
 * good; such a claim may be taken over once it is older than the grace period, which is far longer
 * than a registration takes.
 */
export const abandonedClaimGraceMs = 60_000;

export type EmailClaimCommand =
  | {
      type: 'ClaimEmail';
      /** ownerExists: whether the current owner's customer or account exists (the handler looks). */
      data: { email: string; ownerId: string; ownerExists: boolean; now: Date };
    }
  | { type: 'ReleaseEmail'; data: { email: string; ownerId: string; now: Date } };

export type EmailClaimEvent =
  | { type: 'EmailClaimed'; data: { email: string; ownerId: string; claimedAt: string; tookOverFrom?: string } }
  | { type: 'EmailReleased'; data: { email: string; ownerId: string; releasedAt: string } };

export type EmailClaimState = { status: 'free' } | { status: 'claimed'; ownerId: string; claimedAt: string };

export const initialEmailClaimState: EmailClaimState = { status: 'free' };

export function claimEmail(command: Extract<EmailClaimCommand, { type: 'ClaimEmail' }>, state: EmailClaimState): EmailClaimEvent[] {
  const { email, ownerId, ownerExists, now } = command.data;
  if (state.status === 'free') return [{ type: 'EmailClaimed', data: { email, ownerId, claimedAt: now.toISOString() } }];
  if (state.ownerId === ownerId) return [];
  const abandoned = !ownerExists && now.getTime() - Date.parse(state.claimedAt) > abandonedClaimGraceMs;
  if (!abandoned) throw alreadyExists('email-taken', `The email address ${email} belongs to someone else`, { email });
  return [{ type: 'EmailClaimed', data: { email, ownerId, claimedAt: now.toISOString(), tookOverFrom: state.ownerId } }];
}

export function releaseEmail(command: Extract<EmailClaimCommand, { type: 'ReleaseEmail' }>, state: EmailClaimState): EmailClaimEvent[] {
  const { email, ownerId, now } = command.data;
  if (state.status !== 'claimed' || state.ownerId !== ownerId) return [];
  return [{ type: 'EmailReleased', data: { email, ownerId, releasedAt: now.toISOString() } }];
}

export function decideEmailClaim(command: EmailClaimCommand, state: EmailClaimState): EmailClaimEvent[] {
  switch (command.type) {
    case 'ClaimEmail':
      return claimEmail(command, state);
    case 'ReleaseEmail':
      return releaseEmail(command, state);
    default:
      return unreachable(command);
  }
}

export function evolveEmailClaim(_state: EmailClaimState, event: EmailClaimEvent): EmailClaimState {
  switch (event.type) {
    case 'EmailClaimed':
      return { status: 'claimed', ownerId: event.data.ownerId, claimedAt: event.data.claimedAt };
    case 'EmailReleased':
      return { status: 'free' };
    default:
      return unreachable(event);
  }
}

export const emailClaimDecider: Decider<EmailClaimCommand, EmailClaimEvent, EmailClaimState> = {
  initialState: initialEmailClaimState,
  decide: decideEmailClaim,
  evolve: evolveEmailClaim,
};
