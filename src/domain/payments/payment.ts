import { alreadyExists, notFound, ruleViolated } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';
import { sameMoney, type Money } from '../shared/money';
import type { PaymentMethod } from '../orders/order';

/** What the gateway said: the payment went through, with its reference, or it did not, and why. */
export type PaymentOutcome = { status: 'succeeded'; gatewayReference: string } | { status: 'failed'; reason: string };

/** Goods that come back with a refund, to go back into stock once the money has gone back. */
export interface RestockLine {
  readonly productCode: string;
  readonly quantity: number;
}

/** What the gateway said of a refund: the money went back, with its reference, or it did not, and why. */
export type RefundOutcome = { status: 'succeeded'; refundReference: string } | { status: 'failed'; reason: string };

export type PaymentCommand =
  | { type: 'RequestPayment'; data: { paymentId: string; orderId: string; amount: Money; method: PaymentMethod; now: Date } }
  /** The gateway took the payment and will answer later; it gave this reference. */
  | { type: 'RecordPaymentSubmitted'; data: { paymentId: string; gatewayReference: string; now: Date } }
  | { type: 'RecordPaymentOutcome'; data: { paymentId: string; outcome: PaymentOutcome; now: Date } }
  /** Money back on a payment the gateway took: all of it, or part. */
  | { type: 'RequestRefund'; data: { paymentId: string; refundId: string; amount: Money; reason: string; restock?: readonly RestockLine[]; now: Date } }
  | { type: 'RecordRefundOutcome'; data: { paymentId: string; refundId: string; outcome: RefundOutcome; now: Date } };

export type PaymentEvent =
  | { type: 'PaymentRequested'; data: { paymentId: string; orderId: string; amount: Money; method: PaymentMethod; requestedAt: string } }
  | { type: 'PaymentSubmitted'; data: { paymentId: string; orderId: string; gatewayReference: string; submittedAt: string } }
  | { type: 'PaymentSucceeded'; data: { paymentId: string; orderId: string; amount: Money; method: PaymentMethod; gatewayReference: string; succeededAt: string } }
  | { type: 'PaymentFailed'; data: { paymentId: string; orderId: string; amount: Money; method: PaymentMethod; reason: string; failedAt: string } }
  /**
   * The gateway took the money after the payment had been recorded as failed (it expired at its
   * deadline, say): the order does not get it, so it is to be given back.
   */
  | { type: 'PaymentSucceededLate'; data: { paymentId: string; orderId: string; amount: Money; method: PaymentMethod; gatewayReference: string; succeededAt: string } }
  | { type: 'RefundRequested'; data: { paymentId: string; orderId: string; refundId: string; amount: Money; gatewayReference: string; reason: string; restock?: RestockLine[]; requestedAt: string } }
  | { type: 'PaymentRefunded'; data: { paymentId: string; orderId: string; refundId: string; amount: Money; refundReference: string; refundedAt: string } }
  | { type: 'RefundFailed'; data: { paymentId: string; orderId: string; refundId: string; amount: Money; reason: string; failedAt: string } };

export interface Refund {
  readonly refundId: string;
  readonly amount: Money;
  readonly reason: string;
  readonly restock?: readonly RestockLine[];
  readonly status: 'requested' | 'refunded' | 'failed';
  readonly outcome?: RefundOutcome;
}

export type PaymentState =
  | { status: 'none' }
  | { status: 'requested'; paymentId: string; orderId: string; amount: Money; method: PaymentMethod; gatewayReference?: string }
  | {
      status: 'succeeded' | 'failed';
      paymentId: string;
      orderId: string;
      amount: Money;
      method: PaymentMethod;
      outcome: PaymentOutcome;
      /** The gateway's reference of the money it took, when it took any (late, for a failed payment). */
      capturedReference?: string;
      refunds?: readonly Refund[];
    };

export const initialPaymentState: PaymentState = { status: 'none' };

export function requestPayment(command: Extract<PaymentCommand, { type: 'RequestPayment' }>, state: PaymentState): PaymentEvent[] {
  const { paymentId, orderId, amount, method, now } = command.data;
  if (!Number.isSafeInteger(amount.amount) || amount.amount <= 0) {
    throw ruleViolated('invalid-amount', `A payment is for an amount above zero, got ${amount.amount}`, { amount });
  }
  if (state.status !== 'none') {
    // The same request again (a retry) is already done; another one under this id is not allowed.
    if (state.orderId === orderId && state.method === method && sameMoney(state.amount, amount)) return [];
    throw alreadyExists('payment-exists', `Payment ${paymentId} exists already, for order ${state.orderId}`, { paymentId });
  }
  return [{ type: 'PaymentRequested', data: { paymentId, orderId, amount, method, requestedAt: now.toISOString() } }];
}

export function recordPaymentSubmitted(command: Extract<PaymentCommand, { type: 'RecordPaymentSubmitted' }>, state: PaymentState): PaymentEvent[] {
  const { paymentId, gatewayReference, now } = command.data;
  if (state.status === 'none') throw notFound('payment-not-found', `There is no payment ${paymentId}`, { paymentId });
  // Submitted again (a retried step), or answered already: nothing new to record.
  if (state.status !== 'requested' || state.gatewayReference === gatewayReference) return [];
  if (state.gatewayReference) {
    throw ruleViolated('payment-submitted-elsewhere', `Payment ${paymentId} was submitted as ${state.gatewayReference}, not ${gatewayReference}`, { paymentId });
  }
  return [{ type: 'PaymentSubmitted', data: { paymentId, orderId: state.orderId, gatewayReference, submittedAt: now.toISOString() } }];
}

const sameOutcome = (a: PaymentOutcome, b: PaymentOutcome): boolean =>
  a.status === 'succeeded' ? b.status === 'succeeded' && a.gatewayReference === b.gatewayReference : b.status === 'failed' && a.reason === b.reason;

export function recordPaymentOutcome(command: Extract<PaymentCommand, { type: 'RecordPaymentOutcome' }>, state: PaymentState): PaymentEvent[] {
  const { paymentId, outcome, now } = command.data;
  if (state.status === 'none') throw notFound('payment-not-found', `There is no payment ${paymentId}`, { paymentId });
  if (state.status !== 'requested') {
    // Gateways repeat themselves: the same outcome again changes nothing; a different one is a conflict to look into.
    if (sameOutcome(state.outcome, outcome)) return [];
    if (state.status === 'failed' && outcome.status === 'succeeded') {
      // We gave up on it (its deadline passed) but the gateway took the money after all: that is
      // recorded, once, so that it is given back.
      if (state.capturedReference === outcome.gatewayReference) return [];
      if (state.capturedReference === undefined) {
        const { orderId, amount, method } = state;
        return [{ type: 'PaymentSucceededLate', data: { paymentId, orderId, amount, method, gatewayReference: outcome.gatewayReference, succeededAt: now.toISOString() } }];
      }
    }
    throw ruleViolated('payment-outcome-conflict', `Payment ${paymentId} already ${state.status}; a different outcome cannot replace it`, {
      paymentId,
      recorded: state.outcome,
      received: outcome,
    });
  }
  const { orderId, amount, method } = state;
  return outcome.status === 'succeeded'
    ? [{ type: 'PaymentSucceeded', data: { paymentId, orderId, amount, method, gatewayReference: outcome.gatewayReference, succeededAt: now.toISOString() } }]
    : [{ type: 'PaymentFailed', data: { paymentId, orderId, amount, method, reason: outcome.reason, failedAt: now.toISOString() } }];
}

type Settled = Extract<PaymentState, { status: 'succeeded' | 'failed' }>;
const sumOf = (refunds: readonly Refund[]) => refunds.reduce((sum, refund) => sum + refund.amount.amount, 0);

/**
 * What may still be given back of a settled payment. Refunds asked for and not refused count
 * against it, so two at once cannot give back more than was taken.
 */
export function leftToRefund(state: Settled): number {
  return state.amount.amount - sumOf((state.refunds ?? []).filter((refund) => refund.status !== 'failed'));
}

/** Whether all a settled payment took has gone back. */
export function refundedInFull(state: Settled): boolean {
  return sumOf((state.refunds ?? []).filter((refund) => refund.status === 'refunded')) >= state.amount.amount;
}

const refundable = (state: PaymentState): state is Extract<PaymentState, { status: 'succeeded' | 'failed' }> & { capturedReference: string } =>
  state.status !== 'none' && state.status !== 'requested' && state.capturedReference !== undefined;

export function requestRefund(command: Extract<PaymentCommand, { type: 'RequestRefund' }>, state: PaymentState): PaymentEvent[] {
  const { paymentId, refundId, amount, reason, restock, now } = command.data;
  if (state.status === 'none') throw notFound('payment-not-found', `There is no payment ${paymentId}`, { paymentId });
  const earlier = state.status === 'requested' ? undefined : state.refunds?.find((refund) => refund.refundId === refundId);
  if (earlier) {
    // The same refund asked again (a retried step) is done; another one under this id is not allowed.
    if (sameMoney(earlier.amount, amount)) return [];
    throw alreadyExists('refund-exists', `Refund ${refundId} of payment ${paymentId} exists already, for ${earlier.amount.amount}`, { paymentId, refundId });
  }
  if (!refundable(state)) throw ruleViolated('payment-not-captured', `Payment ${paymentId} took no money: there is nothing to refund`, { paymentId });
  if (amount.currency !== state.amount.currency) throw ruleViolated('refund-currency', `Payment ${paymentId} was in ${state.amount.currency}`, { paymentId });
  const left = leftToRefund(state);
  if (!Number.isSafeInteger(amount.amount) || amount.amount <= 0 || amount.amount > left) {
    throw ruleViolated('refund-exceeds-payment', `At most ${left} of payment ${paymentId} is left to refund, not ${amount.amount}`, { paymentId, left, requested: amount.amount });
  }
  return [
    {
      type: 'RefundRequested',
      data: { paymentId, orderId: state.orderId, refundId, amount, gatewayReference: state.capturedReference, reason, ...(restock?.length ? { restock: restock.map(({ productCode, quantity }) => ({ productCode, quantity })) } : {}), requestedAt: now.toISOString() },
    },
  ];
}

const sameRefundOutcome = (a: RefundOutcome, b: RefundOutcome): boolean =>
  a.status === 'succeeded' ? b.status === 'succeeded' && a.refundReference === b.refundReference : b.status === 'failed' && a.reason === b.reason;

export function recordRefundOutcome(command: Extract<PaymentCommand, { type: 'RecordRefundOutcome' }>, state: PaymentState): PaymentEvent[] {
  const { paymentId, refundId, outcome, now } = command.data;
  if (state.status === 'none') throw notFound('payment-not-found', `There is no payment ${paymentId}`, { paymentId });
  const refund = state.status === 'requested' ? undefined : state.refunds?.find((candidate) => candidate.refundId === refundId);
  if (!refund) throw notFound('refund-not-found', `Payment ${paymentId} has no refund ${refundId}`, { paymentId, refundId });
  if (refund.outcome) {
    if (sameRefundOutcome(refund.outcome, outcome)) return [];
    throw ruleViolated('refund-outcome-conflict', `Refund ${refundId} already ${refund.status}; a different outcome cannot replace it`, { paymentId, refundId });
  }
  const { orderId } = state;
  return outcome.status === 'succeeded'
    ? [{ type: 'PaymentRefunded', data: { paymentId, orderId, refundId, amount: refund.amount, refundReference: outcome.refundReference, refundedAt: now.toISOString() } }]
    : [{ type: 'RefundFailed', data: { paymentId, orderId, refundId, amount: refund.amount, reason: outcome.reason, failedAt: now.toISOString() } }];
}

export function decidePayment(command: PaymentCommand, state: PaymentState): PaymentEvent[] {
  switch (command.type) {
    case 'RequestPayment':
      return requestPayment(command, state);
    case 'RecordPaymentSubmitted':
      return recordPaymentSubmitted(command, state);
    case 'RecordPaymentOutcome':
      return recordPaymentOutcome(command, state);
    case 'RequestRefund':
      return requestRefund(command, state);
    case 'RecordRefundOutcome':
      return recordRefundOutcome(command, state);
    default:
      return unreachable(command);
  }
}

export function evolvePayment(state: PaymentState, event: PaymentEvent): PaymentState {
  switch (event.type) {
    case 'PaymentRequested': {
      const { paymentId, orderId, amount, method } = event.data;
      return { status: 'requested', paymentId, orderId, amount, method };
    }
    case 'PaymentSubmitted':
      return state.status === 'requested' ? { ...state, gatewayReference: event.data.gatewayReference } : state;
    case 'PaymentSucceeded':
      return state.status === 'none' ? state : { ...state, status: 'succeeded', outcome: { status: 'succeeded', gatewayReference: event.data.gatewayReference }, capturedReference: event.data.gatewayReference };
    case 'PaymentFailed':
      return state.status === 'none' ? state : { ...state, status: 'failed', outcome: { status: 'failed', reason: event.data.reason } };
    case 'PaymentSucceededLate':
      return state.status === 'none' || state.status === 'requested' ? state : { ...state, capturedReference: event.data.gatewayReference };
    case 'RefundRequested': {
      if (state.status === 'none' || state.status === 'requested') return state;
      const { refundId, amount, reason, restock } = event.data;
      return { ...state, refunds: [...(state.refunds ?? []), { refundId, amount, reason, ...(restock ? { restock } : {}), status: 'requested' }] };
    }
    case 'PaymentRefunded':
    case 'RefundFailed': {
      if (state.status === 'none' || state.status === 'requested') return state;
      const outcome: RefundOutcome = event.type === 'PaymentRefunded' ? { status: 'succeeded', refundReference: event.data.refundReference } : { status: 'failed', reason: event.data.reason };
      const status = event.type === 'PaymentRefunded' ? 'refunded' : 'failed';
      return { ...state, refunds: (state.refunds ?? []).map((refund) => (refund.refundId === event.data.refundId ? { ...refund, status, outcome } : refund)) };
    }
    default:
      return unreachable(event);
  }
}

export const paymentDecider: Decider<PaymentCommand, PaymentEvent, PaymentState> = {
  initialState: initialPaymentState,
  decide: decidePayment,
  evolve: evolvePayment,
};
