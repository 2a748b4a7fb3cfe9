import type { PostalAddress } from '../domain/shared/address';
import type { JsonValue } from '../event-store/event-store';

/**
 * Which events hold personal data (GDPR art. 4), whose it is, and what each field reads as once its
 * owner is erased. An event type not listed here holds none: a new event with a name, an address or
 * an email address in it must be added here, or it escapes erasure.
 */
export interface PersonalFields {
  /** The field naming the person the data belongs to (a customer's id; an account's id is its customer's). */
  readonly subject: string;
  /** Each personal field, and the value it takes once the person is erased (same shape, nothing of theirs). */
  readonly fields: Readonly<Record<string, JsonValue>>;
}

/** What an erased text reads as: in read models, in emails never sent, to auditors. */
export const erasedText = '‹erased›';
/** An address, as its owner's erasure leaves it: a PostalAddress still, so every reader takes it as one. */
export const erasedAddress = { line1: erasedText, city: erasedText, postalCode: erasedText, country: erasedText } as const satisfies PostalAddress;

export const personalFieldsByEventType: Readonly<Record<string, PersonalFields>> = {
  CustomerRegistered: { subject: 'customerId', fields: { firstName: erasedText, lastName: erasedText, email: erasedText, shippingAddress: erasedAddress } },
  ShippingAddressChanged: { subject: 'customerId', fields: { shippingAddress: erasedAddress } },
  CustomerEmailChanged: { subject: 'customerId', fields: { previousEmail: erasedText, email: erasedText } },
  CustomerOptedInToSms: { subject: 'customerId', fields: { phone: erasedText } },
  AccountCreated: { subject: 'accountId', fields: { email: erasedText } },
  EmailClaimed: { subject: 'ownerId', fields: { email: erasedText } },
  EmailReleased: { subject: 'ownerId', fields: { email: erasedText } },
  OrderPlaced: { subject: 'customerId', fields: { shippingAddress: erasedAddress } },
  // Only emails to a customer name one (customerId); alerts to the staff hold nobody's data.
  EmailRequested: { subject: 'customerId', fields: { to: erasedText, text: erasedText, html: erasedText } },
  SmsRequested: { subject: 'customerId', fields: { to: erasedText, text: erasedText } },
};

export function isErased(value: unknown): boolean {
  return value === erasedText;
}
