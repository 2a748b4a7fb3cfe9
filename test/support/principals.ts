import { randomUUID } from 'node:crypto';
import { vendorHandlers } from '../../src/commands/handlers/vendor-handlers';
import type { TestApp } from './test-app';

export const testPassword = 'correct horse battery staple';
export const testAddress = { line1: '1 Tea Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' };

/** Signs in over HTTP and returns the access token. */
export async function logIn(api: TestApp, email: string, password = testPassword): Promise<string> {
  const session = await api.request('POST', '/api/auth/login', { body: { email, password } });
  if (session.status !== 200) throw new Error(`login as ${email} failed: ${session.status} ${JSON.stringify(session.body)}`);
  return String(session.body.accessToken);
}

/** A staff or admin account (made through the identity service, as an admin would), signed in. */
export async function staffSignedIn(api: TestApp, role: 'staff' | 'admin' | 'auditor' = 'staff'): Promise<{ accountId: string; token: string; email: string }> {
  const email = `${role}-${randomUUID()}@shop.example`;
  const created = await api.app.identity.createStaffAccount(
    { email, password: testPassword, role },
    { now: new Date(), actor: { id: 'test-setup', role: 'system' }, correlationId: randomUUID() },
  );
  return { accountId: created.streamId.slice('account-'.length), token: await logIn(api, email), email };
}

export interface CustomerProfile {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly shippingAddress: { line1: string; line2?: string; city: string; postalCode: string; country: string };
}

/** A customer who signed up over HTTP, signed in; as Ann Lee of testAddress unless told otherwise. */
export async function customerSignedIn(api: TestApp, profile: Partial<CustomerProfile> = {}): Promise<{ customerId: string; token: string; email: string }> {
  const email = profile.email ?? `customer-${randomUUID()}@example.org`;
  const signedUp = await api.request('POST', '/api/auth/signup', { body: { firstName: 'Ann', lastName: 'Lee', shippingAddress: testAddress, ...profile, email, password: testPassword } });
  if (signedUp.status !== 201) throw new Error(`sign-up failed: ${signedUp.status} ${JSON.stringify(signedUp.body)}`);
  return { customerId: String(signedUp.body.id), token: await logIn(api, email), email };
}

/** A vendor onboarded (as an admin would) and an account of its, signed in. */
export async function vendorSignedIn(api: TestApp, name = `Vendor ${randomUUID().slice(0, 8)}`): Promise<{ vendorId: string; accountId: string; token: string; email: string }> {
  const context = { now: new Date(), actor: { id: 'test-setup', role: 'admin' }, correlationId: randomUUID() };
  const onboarded = await vendorHandlers(api.app.eventStore).onboardVendor({ name, contactEmail: `sales-${randomUUID()}@vendor.example` }, context);
  const vendorId = onboarded.streamId.slice('vendor-'.length);
  const email = `seller-${randomUUID()}@vendor.example`;
  const created = await api.app.identity.createVendorAccount({ vendorId, email, password: testPassword }, context);
  return { vendorId, accountId: created.streamId.slice('account-'.length), token: await logIn(api, email), email };
}
