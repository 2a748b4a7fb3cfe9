import { alreadyExists, notFound, ruleViolated } from '../shared/domain-error';
import { unreachable, type Decider } from '../shared/decider';
import { sameAddress, type PostalAddress } from '../shared/address';

export interface CustomerProfile {
  readonly firstName: string;
  readonly lastName: string;
  /** Normalised (see normaliseEmail): one customer per address, whatever its case. */
  readonly email: string;
  readonly shippingAddress: PostalAddress;
}

export type CustomerCommand =
  | { type: 'RegisterCustomer'; data: { customerId: string; now: Date } & CustomerProfile }
  | { type: 'ChangeShippingAddress'; data: { customerId: string; shippingAddress: PostalAddress; now: Date } }
  | { type: 'ChangeCustomerEmail'; data: { customerId: string; email: string; now: Date } }
  /** Text messages about their orders, to this mobile number (E.164), or none (null). Only the customer opts in. */
  | { type: 'SetSmsPreference'; data: { customerId: string; phone: string | null; now: Date } }
  /** GDPR art. 17: `by` is who asked (the customer, or an admin); the handler has deleted their data key first. */
  | { type: 'EraseCustomer'; data: { customerId: string; by: { id: string; role: string }; now: Date } };

export type CustomerEvent =
  | { type: 'CustomerRegistered'; data: { customerId: string; registeredAt: string } & CustomerProfile }
  | { type: 'ShippingAddressChanged'; data: { customerId: string; shippingAddress: PostalAddress; changedAt: string } }
  | { type: 'CustomerEmailChanged'; data: { customerId: string; previousEmail: string; email: string; changedAt: string } }
  | { type: 'CustomerOptedInToSms'; data: { customerId: string; phone: string; optedInAt: string } }
  | { type: 'CustomerOptedOutOfSms'; data: { customerId: string; optedOutAt: string } }
  /** The customer's personal data is gone for good (their key deleted); their orders, totals and payments stay. */
  | { type: 'CustomerErased'; data: { customerId: string; erasedBy: { id: string; role: string }; erasedAt: string } };

/** `smsPhone`: where text messages go, once the customer opted in. */
export type CustomerState =
  | { status: 'unregistered' }
  | ({ status: 'registered'; customerId: string; smsPhone?: string } & CustomerProfile)
  | { status: 'erased'; customerId: string; erasedAt: string };

/** A mobile number as E.164 writes it: +, the country code, the number; 8 to 15 digits in all. */
export const e164Pattern = /^\+[1-9]\d{7,14}$/;

export const initialCustomerState: CustomerState = { status: 'unregistered' };

/** Email addresses compare without surrounding space and case: "Ann@Example.org " is ann@example.org. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function registered(state: CustomerState, customerId: string): Extract<CustomerState, { status: 'registered' }> {
  // An erased customer is nobody: nothing can be recorded about them any more.
  if (state.status !== 'registered') throw notFound('customer-not-found', `There is no customer ${customerId}`, { customerId });
  return state;
}

export function registerCustomer(command: Extract<CustomerCommand, { type: 'RegisterCustomer' }>, state: CustomerState): CustomerEvent[] {
  const { customerId, firstName, lastName, email, shippingAddress, now } = command.data;
  if (state.status !== 'unregistered') throw alreadyExists('customer-exists', `Customer ${customerId} is registered already`, { customerId });
  return [
    { type: 'CustomerRegistered', data: { customerId, firstName, lastName, email: normaliseEmail(email), shippingAddress, registeredAt: now.toISOString() } },
  ];
}

export function changeShippingAddress(command: Extract<CustomerCommand, { type: 'ChangeShippingAddress' }>, state: CustomerState): CustomerEvent[] {
  const { customerId, shippingAddress, now } = command.data;
  const customer = registered(state, customerId);
  if (sameAddress(customer.shippingAddress, shippingAddress)) return [];
  return [{ type: 'ShippingAddressChanged', data: { customerId, shippingAddress, changedAt: now.toISOString() } }];
}

export function changeCustomerEmail(command: Extract<CustomerCommand, { type: 'ChangeCustomerEmail' }>, state: CustomerState): CustomerEvent[] {
  const { customerId, now } = command.data;
  const customer = registered(state, customerId);
  const email = normaliseEmail(command.data.email);
  if (email === customer.email) return [];
  return [{ type: 'CustomerEmailChanged', data: { customerId, previousEmail: customer.email, email, changedAt: now.toISOString() } }];
}

export function setSmsPreference(command: Extract<CustomerCommand, { type: 'SetSmsPreference' }>, state: CustomerState): CustomerEvent[] {
  const { customerId, phone, now } = command.data;
  const customer = registered(state, customerId);
  const at = now.toISOString();
  if (phone === null) return customer.smsPhone === undefined ? [] : [{ type: 'CustomerOptedOutOfSms', data: { customerId, optedOutAt: at } }];
  if (!e164Pattern.test(phone)) throw ruleViolated('invalid-phone', 'A mobile number is written as E.164: +, the country code and the number, such as +447700900123', { customerId });
  if (customer.smsPhone === phone) return [];
  return [{ type: 'CustomerOptedInToSms', data: { customerId, phone, optedInAt: at } }];
}

export function eraseCustomer(command: Extract<CustomerCommand, { type: 'EraseCustomer' }>, state: CustomerState): CustomerEvent[] {
  const { customerId, by, now } = command.data;
  if (state.status === 'erased') return [];
  registered(state, customerId);
  return [{ type: 'CustomerErased', data: { customerId, erasedBy: by, erasedAt: now.toISOString() } }];
}

export function decideCustomer(command: CustomerCommand, state: CustomerState): CustomerEvent[] {
  switch (command.type) {
    case 'RegisterCustomer':
      return registerCustomer(command, state);
    case 'ChangeShippingAddress':
      return changeShippingAddress(command, state);
    case 'ChangeCustomerEmail':
      return changeCustomerEmail(command, state);
    case 'SetSmsPreference':
      return setSmsPreference(command, state);
    case 'EraseCustomer':
      return eraseCustomer(command, state);
    default:
      return unreachable(command);
  }
}

export function evolveCustomer(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId, firstName, lastName, email, shippingAddress } = event.data;
      return { status: 'registered', customerId, firstName, lastName, email, shippingAddress };
    }
    case 'ShippingAddressChanged':
      return state.status === 'registered' ? { ...state, shippingAddress: event.data.shippingAddress } : state;
    case 'CustomerEmailChanged':
      return state.status === 'registered' ? { ...state, email: event.data.email } : state;
    case 'CustomerOptedInToSms':
      return state.status === 'registered' ? { ...state, smsPhone: event.data.phone } : state;
    case 'CustomerOptedOutOfSms': {
      if (state.status !== 'registered') return state;
      const { smsPhone: _phone, ...rest } = state;
      return rest;
    }
    case 'CustomerErased':
      return { status: 'erased', customerId: event.data.customerId, erasedAt: event.data.erasedAt };
    default:
      return unreachable(event);
  }
}

export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  initialState: initialCustomerState,
  decide: decideCustomer,
  evolve: evolveCustomer,
};
