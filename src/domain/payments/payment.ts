import { alreadyExists, notFound, ruleViolated } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';
import { sameMoney, type Money } from '../shared/money';
import type { PaymentMethod } from '../orders/order';

/** What the gateway said: the payment went through, with its reference, or it did not, and why. */
export type PaymentOutcome = { status: 'succeeded'; gatewayReference: string } | { status: 'failed'; reason: string };

export type PaymentCommand =
  | { type: 'RequestPayment'; data: { paymentId: string; orderId: string; amount: Money; method: PaymentMethod; now: Date } }
  /** The gateway took the payment and will answer later; it gave this reference. */
  | { type: 'RecordPaymentSubmitted'; data: { paymentId: string; gatewayReference: string; now: Date } }
  | { type: 'RecordPaymentOutcome'; data: { paymentId: string; outcome: PaymentOutcome; now: Date } };

export type PaymentEvent =
  | { type: 'PaymentRequested'; data: { paymentId: string; orderId: string; amount: Money; method: PaymentMethod; requestedAt: string } }
  | { type: 'PaymentSubmitted'; data: { paymentId: string; orderId: string; gatewayReference: string; submittedAt: string } }
  | { type: 'PaymentSucceeded'; data: { paymentId: string; orderId: string; amount: Money; method: PaymentMethod; gatewayReference: string; succeededAt: string } }
  | { type: 'PaymentFailed'; data: { paymentId: string; orderId: string; amount: Money; method: PaymentMethod; reason: string; failedAt: string } };

export type PaymentState =
  | { status: 'none' }
  | { status: 'requested'; paymentId: string; orderId: string; amount: Money; method: PaymentMethod; gatewayReference?: string }
  | { status: 'succeeded' | 'failed'; paymentId: string; orderId: string; amount: Money; method: PaymentMethod; outcome: PaymentOutcome };

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

export function decidePayment(command: PaymentCommand, state: PaymentState): PaymentEvent[] {
  switch (command.type) {
    case 'RequestPayment':
      return requestPayment(command, state);
    case 'RecordPaymentSubmitted':
      return recordPaymentSubmitted(command, state);
    case 'RecordPaymentOutcome':
      return recordPaymentOutcome(command, state);
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
      return state.status === 'none' ? state : { ...state, status: 'succeeded', outcome: { status: 'succeeded', gatewayReference: event.data.gatewayReference } };
    case 'PaymentFailed':
      return state.status === 'none' ? state : { ...state, status: 'failed', outcome: { status: 'failed', reason: event.data.reason } };
    default:
      return unreachable(event);
  }
}

export const paymentDecider: Decider<PaymentCommand, PaymentEvent, PaymentState> = {
  initialState: initialPaymentState,
  decide: decidePayment,
  evolve: evolvePayment,
};
