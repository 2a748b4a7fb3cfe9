import { customerDecider, normaliseEmail, type CustomerEvent } from '../../src/domain/customers/customer';
import { abandonedClaimGraceMs, emailClaimDecider, type EmailClaimEvent } from '../../src/domain/customers/email-claim';
import { deciderSpec } from '../support/decider-spec';

const now = new Date('2026-11-24T10:00:00.000Z');
const at = now.toISOString();
const home = { line1: '1 Tea Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' };
const work = { line1: '9 Mill Lane', city: 'York', postalCode: 'YO1 7HH', country: 'GB' };

describe('customer', () => {
  const spec = deciderSpec(customerDecider);
  const registered: CustomerEvent = {
    type: 'CustomerRegistered',
    data: { customerId: 'c-1', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.org', shippingAddress: home, registeredAt: at },
  };

  it('registers with a normalised email', () => {
    spec
      .given([])
      .when({ type: 'RegisterCustomer', data: { customerId: 'c-1', firstName: 'Ann', lastName: 'Lee', email: ' Ann@Example.ORG ', shippingAddress: home, now } })
      .then([registered]);
  });
  it('refuses to register twice', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterCustomer', data: { customerId: 'c-1', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.org', shippingAddress: home, now } })
      .thenRefused('already-exists', 'customer-exists');
  });
  it('opts in to text messages with a mobile number, changes it, and opts out; the same again records nothing', () => {
    const optedIn: CustomerEvent = { type: 'CustomerOptedInToSms', data: { customerId: 'c-1', phone: '+447700900123', optedInAt: at } };
    spec.given([registered]).when({ type: 'SetSmsPreference', data: { customerId: 'c-1', phone: '+447700900123', now } }).then([optedIn]);
    spec.given([registered, optedIn]).when({ type: 'SetSmsPreference', data: { customerId: 'c-1', phone: '+447700900123', now } }).thenNothingNew();
    spec.given([registered, optedIn]).when({ type: 'SetSmsPreference', data: { customerId: 'c-1', phone: '+447700900999', now } }).then([{ type: 'CustomerOptedInToSms', data: { customerId: 'c-1', phone: '+447700900999', optedInAt: at } }]);
    spec.given([registered, optedIn]).when({ type: 'SetSmsPreference', data: { customerId: 'c-1', phone: null, now } }).then([{ type: 'CustomerOptedOutOfSms', data: { customerId: 'c-1', optedOutAt: at } }]);
    spec.given([registered]).when({ type: 'SetSmsPreference', data: { customerId: 'c-1', phone: null, now } }).thenNothingNew();
    spec.given([registered]).when({ type: 'SetSmsPreference', data: { customerId: 'c-1', phone: '07700900123', now } }).thenRefused('rule-violated', 'invalid-phone');
    const out = [registered, optedIn, { type: 'CustomerOptedOutOfSms', data: { customerId: 'c-1', optedOutAt: at } } as CustomerEvent].reduce((state, event) => customerDecider.evolve(state, event), customerDecider.initialState);
    expect(out).not.toHaveProperty('smsPhone');
  });
  it('changes the shipping address, and records nothing for the same one', () => {
    spec.given([registered]).when({ type: 'ChangeShippingAddress', data: { customerId: 'c-1', shippingAddress: work, now } }).then([
      { type: 'ShippingAddressChanged', data: { customerId: 'c-1', shippingAddress: work, changedAt: at } },
    ]);
    spec.given([registered]).when({ type: 'ChangeShippingAddress', data: { customerId: 'c-1', shippingAddress: { ...home }, now } }).thenNothingNew();
  });
  it('changes the email, and records nothing for the same one in another case', () => {
    spec.given([registered]).when({ type: 'ChangeCustomerEmail', data: { customerId: 'c-1', email: 'ann.lee@example.org', now } }).then([
      { type: 'CustomerEmailChanged', data: { customerId: 'c-1', previousEmail: 'ann@example.org', email: 'ann.lee@example.org', changedAt: at } },
    ]);
    spec.given([registered]).when({ type: 'ChangeCustomerEmail', data: { customerId: 'c-1', email: 'ANN@example.org', now } }).thenNothingNew();
  });
  it.each([
    ['ChangeShippingAddress', { type: 'ChangeShippingAddress', data: { customerId: 'c-9', shippingAddress: work, now } }],
    ['ChangeCustomerEmail', { type: 'ChangeCustomerEmail', data: { customerId: 'c-9', email: 'x@example.org', now } }],
  ] as const)('refuses %s for an unknown customer', (_name, command) => {
    spec.given([]).when(command).thenRefused('not-found', 'customer-not-found');
  });
  describe('erasure', () => {
    const ann = { id: 'c-1', role: 'customer' };
    const erased: CustomerEvent = { type: 'CustomerErased', data: { customerId: 'c-1', erasedBy: ann, erasedAt: at } };
    const erase = { type: 'EraseCustomer' as const, data: { customerId: 'c-1', by: ann, now } };

    it('records who erased the customer, and when', () => {
      spec.given([registered]).when(erase).then([erased]);
    });
    it('is done once: asked again, nothing new', () => {
      spec.given([registered, erased]).when(erase).thenNothingNew();
    });
    it('refuses an unknown customer', () => {
      spec.given([]).when(erase).thenRefused('not-found', 'customer-not-found');
    });
    it.each([
      ['ChangeShippingAddress', { type: 'ChangeShippingAddress', data: { customerId: 'c-1', shippingAddress: work, now } }],
      ['ChangeCustomerEmail', { type: 'ChangeCustomerEmail', data: { customerId: 'c-1', email: 'x@example.org', now } }],
    ] as const)('records nothing more about an erased customer: %s is refused', (_name, command) => {
      spec.given([registered, erased]).when(command).thenRefused('not-found', 'customer-not-found');
    });
    it('keeps their id from being registered again', () => {
      spec.given([registered, erased]).when({ type: 'RegisterCustomer', data: { customerId: 'c-1', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.org', shippingAddress: home, now } }).thenRefused('already-exists', 'customer-exists');
    });
  });
  it('normalises emails by trimming and lower-casing', () => {
    expect(normaliseEmail('  Bob@Shop.EXAMPLE ')).toBe('bob@shop.example');
  });
});

describe('email claim', () => {
  const spec = deciderSpec(emailClaimDecider);
  const email = 'ann@example.org';
  const claimedBy = (ownerId: string, claimedAt = at): EmailClaimEvent => ({ type: 'EmailClaimed', data: { email, ownerId, claimedAt } });
  const claim = (ownerId: string, ownerExists: boolean, when = now) => ({ type: 'ClaimEmail' as const, data: { email, ownerId, ownerExists, now: when } });

  it('is claimed when free', () => {
    spec.given([]).when(claim('c-1', false)).then([claimedBy('c-1')]);
  });
  it('is already held by the owner that claims it again', () => {
    spec.given([claimedBy('c-1')]).when(claim('c-1', true)).thenNothingNew();
  });
  it('refuses another owner while the owner exists', () => {
    spec.given([claimedBy('c-1')]).when(claim('c-2', true)).thenRefused('already-exists', 'email-taken');
  });
  it('refuses another owner while a fresh claim may still be completing', () => {
    spec.given([claimedBy('c-1')]).when(claim('c-2', false, new Date(now.getTime() + 1_000))).thenRefused('already-exists', 'email-taken');
  });
  it('lets another owner take over a claim abandoned by a registration that never finished', () => {
    const later = new Date(now.getTime() + abandonedClaimGraceMs + 1);
    spec.given([claimedBy('c-1')]).when(claim('c-2', false, later)).then([
      { type: 'EmailClaimed', data: { email, ownerId: 'c-2', claimedAt: later.toISOString(), tookOverFrom: 'c-1' } },
    ]);
  });
  it('is released by its holder only', () => {
    spec.given([claimedBy('c-1')]).when({ type: 'ReleaseEmail', data: { email, ownerId: 'c-1', now } }).then([
      { type: 'EmailReleased', data: { email, ownerId: 'c-1', releasedAt: at } },
    ]);
    spec.given([claimedBy('c-1')]).when({ type: 'ReleaseEmail', data: { email, ownerId: 'c-2', now } }).thenNothingNew();
  });
  it('can be claimed again once released', () => {
    spec.given([claimedBy('c-1'), { type: 'EmailReleased', data: { email, ownerId: 'c-1', releasedAt: at } }]).when(claim('c-2', true)).then([claimedBy('c-2')]);
  });
});
