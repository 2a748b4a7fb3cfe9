import { alreadyExists } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';

/**
 * Who holds an email address (stream email-<hash of the normalised address>). Registration first
 * claims the address, appending with the stream's revision, so that of two customers registering
 * with one address at once exactly one holds it; then it writes the customer.
 *
 * A claim whose customer was never written (the process died in between) would block the address
 * for good; such a claim may be taken over once it is older than the grace period, which is far
 * longer than a registration takes.
 */
export const abandonedClaimGraceMs = 60_000;

export type EmailClaimCommand =
  | {
      type: 'ClaimEmail';
      /** holderRegistered: whether the current holder's customer exists (the handler looks). */
      data: { email: string; customerId: string; holderRegistered: boolean; now: Date };
    }
  | { type: 'ReleaseEmail'; data: { email: string; customerId: string; now: Date } };

export type EmailClaimEvent =
  | { type: 'EmailClaimed'; data: { email: string; customerId: string; claimedAt: string; tookOverFrom?: string } }
  | { type: 'EmailReleased'; data: { email: string; customerId: string; releasedAt: string } };

export type EmailClaimState = { status: 'free' } | { status: 'claimed'; customerId: string; claimedAt: string };

export const initialEmailClaimState: EmailClaimState = { status: 'free' };

export function claimEmail(command: Extract<EmailClaimCommand, { type: 'ClaimEmail' }>, state: EmailClaimState): EmailClaimEvent[] {
  const { email, customerId, holderRegistered, now } = command.data;
  if (state.status === 'free') return [{ type: 'EmailClaimed', data: { email, customerId, claimedAt: now.toISOString() } }];
  if (state.customerId === customerId) return [];
  const abandoned = !holderRegistered && now.getTime() - Date.parse(state.claimedAt) > abandonedClaimGraceMs;
  if (!abandoned) throw alreadyExists('email-taken', `The email address ${email} belongs to another customer`, { email });
  return [{ type: 'EmailClaimed', data: { email, customerId, claimedAt: now.toISOString(), tookOverFrom: state.customerId } }];
}

export function releaseEmail(command: Extract<EmailClaimCommand, { type: 'ReleaseEmail' }>, state: EmailClaimState): EmailClaimEvent[] {
  const { email, customerId, now } = command.data;
  if (state.status !== 'claimed' || state.customerId !== customerId) return [];
  return [{ type: 'EmailReleased', data: { email, customerId, releasedAt: now.toISOString() } }];
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
      return { status: 'claimed', customerId: event.data.customerId, claimedAt: event.data.claimedAt };
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
