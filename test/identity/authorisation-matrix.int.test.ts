import { loadState } from '../../src/commands/handlers/catalog-handlers';
import { customerDecider } from '../../src/domain/customers/customer';
import { notificationHandlers } from '../../src/commands/handlers/notification-handlers';
import { vendorHandlers } from '../../src/commands/handlers/vendor-handlers';
import { randomUUID } from 'node:crypto';
import { customerSignedIn, staffSignedIn, testAddress, testPassword, vendorSignedIn } from '../support/principals';
import { signatureHeader, signWebhook } from '../../src/webhooks/webhook-signature';
import { startTestApp, testShippingWebhookSecret, testWebhookSecret, type TestApp } from '../support/test-app';
import { compareCheckpoints, formatCheckpoint, parseCheckpoint, type Checkpoint } from '../../src/event-store/event-store';

/**
 * Invariant 7 and OWASP API1/API5: every endpoint × every kind of caller, with the status each
 * must get. Customer A owns the resources in the paths; customer B must not learn they exist.
 * Vendor A sells the products of the seller rows; vendor B must not learn they exist either, and
 * vendors act for no customer. A check below keeps the table complete: every operation in the
 * OpenAPI document must be in it.
 */

type Who = 'anonymous' | 'customerA' | 'customerB' | 'staff' | 'admin' | 'auditor' | 'vendorA' | 'vendorB';
const everyone: Who[] = ['anonymous', 'customerA', 'customerB', 'staff', 'admin', 'auditor', 'vendorA', 'vendorB'];

interface Call {
  readonly path: string;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

interface Row {
  readonly route: string;
  /** Builds the call for one caller; may prepare fresh resources, so that calls do not depend on one another. */
  readonly call: (who: Who) => Promise<Call>;
  /** Without `auditor`: an auditor reads what staff read, may use the auth operations, and changes nothing else (403). */
  readonly expected: Omit<Record<Who, number>, 'auditor'> & { auditor?: number };
}

const auditorMay = (route: string) => route.startsWith('GET ') || /^(POST|PUT) \/api\/auth\//.test(route);
const expectedOf = (row: Row): Record<Who, number> => ({ ...row.expected, auditor: row.expected.auditor ?? (auditorMay(row.route) ? row.expected.staff : 403) });

type Expected = Row['expected'];
const publicTo = (status: number): Expected => ({ anonymous: status, customerA: status, customerB: status, staff: status, admin: status, vendorA: status, vendorB: status });
const staffOnly = (status: number): Expected => ({ anonymous: 401, customerA: 403, customerB: 403, staff: status, admin: status, vendorA: 403, vendorB: 403 });
const adminOnly = (status: number): Expected => ({ anonymous: 401, customerA: 403, customerB: 403, staff: 403, admin: status, vendorA: 403, vendorB: 403 });
/** The audit queries: auditors and admins. */
const auditorsOnly = (status: number): Expected => ({ anonymous: 401, customerA: 403, customerB: 403, staff: 403, admin: status, auditor: status, vendorA: 403, vendorB: 403 });
/** A's own resource: A and staff may, B gets not found, as if it did not exist; vendors act for no customer. */
const ownedByA = (status: number): Expected => ({ anonymous: 401, customerA: status, customerB: 404, staff: status, admin: status, vendorA: 404, vendorB: 404 });
/** Catalog and stock work on a product vendor A sells: staff and vendor A may, vendor B finds no such product. */
const soldByVendorA = (status: number): Expected => ({ anonymous: 401, customerA: 403, customerB: 403, staff: status, admin: status, vendorA: status, vendorB: 404 });

let api: TestApp;
const tokens = {} as Record<Who, string | undefined>;
let customerA: string;
let vendorA: string;
let staffToken: string;
/** The latest checkpoint a setup command answered. */
let lastWrite: Checkpoint | null = null;

beforeAll(async () => {
  api = await startTestApp();
  const a = await customerSignedIn(api);
  const b = await customerSignedIn(api);
  const staff = await staffSignedIn(api, 'staff');
  const admin = await staffSignedIn(api, 'admin');
  const auditor = await staffSignedIn(api, 'auditor');
  const [sellerA, sellerB] = await Promise.all([vendorSignedIn(api), vendorSignedIn(api)]);
  Object.assign(tokens, { anonymous: undefined, customerA: a.token, customerB: b.token, staff: staff.token, admin: admin.token, auditor: auditor.token, vendorA: sellerA.token, vendorB: sellerB.token });
  customerA = a.customerId;
  vendorA = sellerA.vendorId;
  staffToken = staff.token;
});
afterAll(async () => {
  await api.close();
});

/** Setup calls are made as staff, and must succeed. */
async function asStaff(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await api.request(method, path, { body, token: staffToken });
  if (answer.status >= 300) throw new Error(`setup ${method} ${path} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  const checkpoint = typeof answer.body.checkpoint === 'string' ? parseCheckpoint(answer.body.checkpoint) : null;
  if (checkpoint && (!lastWrite || compareCheckpoints(checkpoint, lastWrite) > 0)) lastWrite = checkpoint;
  return answer.body;
}

const unique = () => randomUUID().slice(0, 8).toUpperCase();
/** A product of the shop's own, or of the vendor named. */
async function product(stock = 100, vendorId?: string): Promise<string> {
  const categoryId = String((await asStaff('POST', '/api/categories', { name: `Category ${unique()}`, description: '' })).id);
  const code = `P-${unique()}`;
  await asStaff('POST', '/api/products', { code, name: 'Tea', description: '', categoryId, price: { amount: 450, currency: 'EUR' }, lowStockThreshold: 0, ...(vendorId ? { vendorId } : {}) });
  if (stock > 0) await asStaff('POST', `/api/inventory/${code}/receipts`, { quantity: stock });
  return code;
}
async function orderOfA(): Promise<string> {
  const code = await product();
  return String((await asStaff('POST', '/api/orders', { customerId: customerA, lines: [{ productCode: code, quantity: 1 }], paymentMethod: 'card' })).id);
}
async function paymentOfA(): Promise<{ orderId: string; paymentId: string }> {
  const orderId = await orderOfA();
  const paymentId = String((await asStaff('POST', '/api/payments', { orderId })).id);
  return { orderId, paymentId };
}
async function orderAwaitingPayment(): Promise<{ orderId: string; paymentId: string }> {
  const { orderId, paymentId } = await paymentOfA();
  await asStaff('POST', `/api/orders/${orderId}/awaiting-payment`, { paymentId });
  return { orderId, paymentId };
}
/** A's order to be sent by the carrier, paid (written as the saga would, through the staff's commands). */
async function paidParcelOfA(): Promise<string> {
  const code = await product();
  const orderId = String((await asStaff('POST', '/api/orders', { customerId: customerA, lines: [{ productCode: code, quantity: 1 }], paymentMethod: 'card', delivery: 'standard' })).id);
  const paymentId = String((await asStaff('POST', '/api/payments', { orderId })).id);
  await asStaff('POST', `/api/orders/${orderId}/awaiting-payment`, { paymentId });
  await asStaff('POST', `/api/orders/${orderId}/paid`, { paymentId });
  return orderId;
}
/** A's payment confirmation, sent (written through the notification commands, as the mail sender does). */
async function confirmationSentToA(): Promise<string> {
  const notificationId = randomUUID();
  const notifications = notificationHandlers(api.app.eventStore);
  const context = { now: new Date(), actor: { id: 'mail-sender', role: 'system' }, correlationId: randomUUID() };
  // A's address as it is now: other rows change it.
  const a = await loadState(api.app.eventStore, `customer-${customerA}`, customerDecider);
  if (a.status !== 'registered') throw new Error('customer A is not registered');
  const message = { to: a.email, subject: 'Payment received', text: 'Thank you', html: '<p>Thank you</p>', messageId: `<${notificationId}@emporium>`, purpose: 'payment-succeeded', causeEventId: randomUUID() };
  await notifications.requestEmail({ notificationId, message }, context);
  await notifications.recordSent({ notificationId, attempt: 1 }, context);
  return notificationId;
}
/** A vendor, onboarded as an admin would (setup calls are made as staff, who may not). */
async function vendor(): Promise<string> {
  const result = await vendorHandlers(api.app.eventStore).onboardVendor({ name: `Vendor ${unique()}`, contactEmail: `sales.${unique().toLowerCase()}@vendor.example` }, { now: new Date(), actor: { id: 'test-setup', role: 'admin' }, correlationId: randomUUID() });
  if (result.checkpoint && (!lastWrite || compareCheckpoints(result.checkpoint, lastWrite) > 0)) lastWrite = result.checkpoint;
  return result.streamId.slice('vendor-'.length);
}
/** A price rule (1 % off a product nobody orders), defined as staff. */
async function priceRule(): Promise<string> {
  return String((await asStaff('POST', '/api/price-rules', { name: `Rule ${unique()}`, appliesTo: 'product', productCode: await product(0), percentOff: 1 })).id);
}
async function staffAccount(): Promise<string> {
  const { accountId } = await staffSignedIn(api, 'staff');
  return accountId;
}
/**
 * Read-your-writes, as a client does it: queries carry the checkpoint the last setup command
 * answered. (The log's head is no substitute: it stops below any transaction still open, which
 * may be older than the write just made.)
 */
function upToNow(): Promise<Record<string, string>> {
  const headers: Record<string, string> = lastWrite ? { 'emporium-checkpoint': formatCheckpoint(lastWrite) } : {};
  return Promise.resolve(headers);
}

async function reservation(): Promise<{ code: string; orderId: string }> {
  const code = await product();
  const orderId = randomUUID();
  await asStaff('POST', `/api/inventory/${code}/reservations`, { orderId, quantity: 1 });
  return { code, orderId };
}

const rows: Row[] = [
  {
    route: 'POST /api/auth/signup',
    call: async () => ({ path: '/api/auth/signup', body: { firstName: 'N', lastName: 'M', email: `new-${randomUUID()}@example.org`, password: testPassword, shippingAddress: testAddress } }),
    expected: publicTo(201),
  },
  {
    route: 'POST /api/auth/login',
    call: async () => ({ path: '/api/auth/login', body: { email: (await customerSignedIn(api)).email, password: testPassword } }),
    expected: publicTo(200),
  },
  {
    route: 'POST /api/auth/refresh',
    call: async () => {
      const { email } = await customerSignedIn(api);
      const session = await api.request('POST', '/api/auth/login', { body: { email, password: testPassword } });
      return { path: '/api/auth/refresh', body: { refreshToken: session.body.refreshToken } };
    },
    expected: publicTo(200),
  },
  {
    route: 'POST /api/auth/logout',
    call: async () => {
      const { email } = await customerSignedIn(api);
      const session = await api.request('POST', '/api/auth/login', { body: { email, password: testPassword } });
      return { path: '/api/auth/logout', body: { refreshToken: session.body.refreshToken } };
    },
    expected: publicTo(204),
  },
  { route: 'GET /api/auth/me', call: async () => ({ path: '/api/auth/me' }), expected: { ...publicTo(200), anonymous: 401 } },
  {
    // A wrong current password: the call is allowed (409), not refused (401/403), and changes nothing.
    route: 'PUT /api/auth/password',
    call: async () => ({ path: '/api/auth/password', body: { currentPassword: 'certainly not the password', newPassword: 'a whole new passphrase' } }),
    expected: { ...publicTo(409), anonymous: 401 },
  },
  {
    route: 'POST /api/accounts',
    call: async () => ({ path: '/api/accounts', body: { email: `clerk-${randomUUID()}@shop.example`, password: testPassword, role: 'staff' } }),
    expected: adminOnly(201),
  },
  { route: 'PUT /api/accounts/{accountId}/role', call: async () => ({ path: `/api/accounts/${await staffAccount()}/role`, body: { role: 'admin' } }), expected: adminOnly(200) },
  { route: 'POST /api/accounts/{accountId}/disable', call: async () => ({ path: `/api/accounts/${await staffAccount()}/disable`, body: { reason: 'left' } }), expected: adminOnly(200) },
  { route: 'POST /api/vendors', call: async () => ({ path: '/api/vendors', body: { name: `Vendor ${unique()}`, contactEmail: 'sales@vendor.example' } }), expected: adminOnly(201) },
  { route: 'PUT /api/vendors/{vendorId}', call: async () => ({ path: `/api/vendors/${await vendor()}`, body: { name: `Renamed ${unique()}`, contactEmail: 'sales@vendor.example' } }), expected: adminOnly(200) },
  { route: 'POST /api/vendors/{vendorId}/suspend', call: async () => ({ path: `/api/vendors/${await vendor()}/suspend`, body: { reason: 'unpaid fees' } }), expected: adminOnly(200) },
  { route: 'POST /api/vendors/{vendorId}/reinstate', call: async () => ({ path: `/api/vendors/${await vendor()}/reinstate` }), expected: adminOnly(200) },
  {
    route: 'POST /api/vendors/{vendorId}/accounts',
    call: async () => ({ path: `/api/vendors/${await vendor()}/accounts`, body: { email: `seller-${randomUUID()}@vendor.example`, password: testPassword } }),
    expected: adminOnly(201),
  },
  { route: 'POST /api/price-rules', call: async () => ({ path: '/api/price-rules', body: { name: `Sale ${unique()}`, appliesTo: 'product', productCode: await product(0), percentOff: 1, validUntil: '2099-01-01T00:00:00Z' } }), expected: staffOnly(201) },
  { route: 'POST /api/price-rules/{ruleId}/end', call: async () => ({ path: `/api/price-rules/${await priceRule()}/end`, body: { reason: 'over' } }), expected: staffOnly(200) },
  { route: 'POST /api/categories', call: async () => ({ path: '/api/categories', body: { name: `Category ${unique()}`, description: '' } }), expected: staffOnly(201) },
  {
    route: 'POST /api/products',
    call: async () => {
      const categoryId = String((await asStaff('POST', '/api/categories', { name: `Category ${unique()}`, description: '' })).id);
      return { path: '/api/products', body: { code: `P-${unique()}`, name: 'Tea', description: '', categoryId, price: { amount: 100, currency: 'EUR' }, lowStockThreshold: 1 } };
    },
    // A vendor adds its own vendor's product.
    expected: { ...staffOnly(201), vendorA: 201, vendorB: 201 },
  },
  { route: 'PUT /api/products/{code}/price', call: async () => ({ path: `/api/products/${await product(0, vendorA)}/price`, body: { amount: 999, currency: 'EUR' } }), expected: soldByVendorA(200) },
  {
    route: 'POST /api/products/{code}/scheduled-prices',
    call: async () => ({ path: `/api/products/${await product(0, vendorA)}/scheduled-prices`, body: { amount: 999, currency: 'EUR', effectiveAt: '2099-01-01T00:00:00Z' } }),
    expected: soldByVendorA(201),
  },
  {
    route: 'POST /api/products/{code}/scheduled-prices/{scheduleId}/cancel',
    call: async () => {
      const code = await product(0, vendorA);
      const { id } = await asStaff('POST', `/api/products/${code}/scheduled-prices`, { amount: 999, currency: 'EUR', effectiveAt: '2099-01-01T00:00:00Z' });
      return { path: `/api/products/${code}/scheduled-prices/${String(id)}/cancel` };
    },
    expected: soldByVendorA(200),
  },
  { route: 'PATCH /api/products/{code}', call: async () => ({ path: `/api/products/${await product(0, vendorA)}`, body: { name: 'Renamed' } }), expected: soldByVendorA(200) },
  { route: 'POST /api/products/{code}/discontinue', call: async () => ({ path: `/api/products/${await product(0, vendorA)}/discontinue`, body: { reason: 'gone' } }), expected: soldByVendorA(200) },
  { route: 'POST /api/inventory/{code}/receipts', call: async () => ({ path: `/api/inventory/${await product(0, vendorA)}/receipts`, body: { quantity: 5 } }), expected: soldByVendorA(200) },
  {
    route: 'POST /api/inventory/{code}/reservations',
    call: async () => ({ path: `/api/inventory/${await product()}/reservations`, body: { orderId: randomUUID(), quantity: 1 } }),
    expected: staffOnly(201),
  },
  {
    route: 'POST /api/inventory/{code}/reservations/{orderId}/release',
    call: async () => {
      const { code, orderId } = await reservation();
      return { path: `/api/inventory/${code}/reservations/${orderId}/release`, body: { reason: 'cancelled' } };
    },
    expected: staffOnly(200),
  },
  {
    route: 'POST /api/inventory/{code}/reservations/{orderId}/commit',
    call: async () => {
      const { code, orderId } = await reservation();
      return { path: `/api/inventory/${code}/reservations/${orderId}/commit` };
    },
    expected: staffOnly(200),
  },
  { route: 'POST /api/inventory/{code}/adjustments', call: async () => ({ path: `/api/inventory/${await product(100, vendorA)}/adjustments`, body: { countedOnHand: 90, reason: 'stocktake' } }), expected: soldByVendorA(200) },
  {
    route: 'POST /api/customers',
    call: async () => ({ path: '/api/customers', body: { firstName: 'Phone', lastName: 'Order', email: `phone-${randomUUID()}@example.org`, shippingAddress: testAddress } }),
    expected: staffOnly(201),
  },
  {
    route: 'PUT /api/customers/{customerId}/shipping-address',
    call: async () => ({ path: `/api/customers/${customerA}/shipping-address`, body: { ...testAddress, line1: `${unique()} Mill Lane` } }),
    expected: ownedByA(200),
  },
  {
    // Text messages are the customer's own choice: staff are refused by that rule (409), not the route.
    route: 'PUT /api/customers/{customerId}/sms',
    call: async () => ({ path: `/api/customers/${customerA}/sms`, body: { phone: `+4477009${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}` } }),
    expected: { ...ownedByA(200), staff: 409, admin: 409 },
  },
  {
    route: 'PUT /api/customers/{customerId}/email',
    call: async () => ({ path: `/api/customers/${customerA}/email`, body: { email: `a-${randomUUID()}@example.org` } }),
    expected: ownedByA(200),
  },
  {
    // Customers order for themselves; staff name the customer; vendors order for nobody.
    route: 'POST /api/orders',
    call: async (who) => {
      const code = await product();
      const order = { lines: [{ productCode: code, quantity: 1 }], paymentMethod: 'card' };
      return { path: '/api/orders', body: who.startsWith('customer') ? order : { ...order, customerId: customerA } };
    },
    expected: { ...publicTo(201), anonymous: 401, vendorA: 404, vendorB: 404 },
  },
  {
    // A quote writes nothing, but it is still for a customer: one's own, or the one staff name; vendors quote for nobody.
    route: 'POST /api/shipping/quotes',
    call: async (who) => {
      const lines = [{ productCode: await product(), quantity: 2 }];
      return { path: '/api/shipping/quotes', body: who.startsWith('customer') ? { lines } : { lines, customerId: customerA } };
    },
    expected: { ...publicTo(200), anonymous: 401, vendorA: 404, vendorB: 404 },
  },
  { route: 'POST /api/orders/{orderId}/shipment', call: async () => ({ path: `/api/orders/${await paidParcelOfA()}/shipment` }), expected: staffOnly(201) },
  {
    // The carrier's word, authenticated by its signature only, like the payment gateway's.
    route: 'POST /api/shipping/webhook',
    call: async () => {
      const orderId = await paidParcelOfA();
      const { shipment } = await asStaff('POST', `/api/orders/${orderId}/shipment`);
      const { shipmentId, trackingNumber } = shipment as { shipmentId: string; trackingNumber: string };
      const rawBody = JSON.stringify({ id: `trk_${unique()}`, type: 'tracking.updated', created: Math.floor(Date.now() / 1000), data: { shipmentId, orderId, trackingNumber, status: 'in_transit', occurredAt: new Date().toISOString() } });
      return { path: '/api/shipping/webhook', rawBody, headers: { 'content-type': 'application/json', [signatureHeader]: signWebhook(testShippingWebhookSecret, rawBody, Math.floor(Date.now() / 1000)) } };
    },
    expected: publicTo(200),
  },
  { route: 'POST /api/orders/{orderId}/cancel', call: async () => ({ path: `/api/orders/${await orderOfA()}/cancel`, body: { reason: 'changed my mind' } }), expected: ownedByA(200) },
  {
    route: 'POST /api/orders/{orderId}/awaiting-payment',
    call: async () => {
      const { orderId, paymentId } = await paymentOfA();
      return { path: `/api/orders/${orderId}/awaiting-payment`, body: { paymentId } };
    },
    expected: staffOnly(200),
  },
  {
    route: 'POST /api/orders/{orderId}/paid',
    call: async () => {
      const { orderId, paymentId } = await orderAwaitingPayment();
      return { path: `/api/orders/${orderId}/paid`, body: { paymentId } };
    },
    expected: staffOnly(200),
  },
  { route: 'POST /api/notifications/{notificationId}/resend', call: async () => ({ path: `/api/notifications/${await confirmationSentToA()}/resend`, body: { reason: 'never arrived' } }), expected: ownedByA(202) },
  {
    // The staff get through to the business rule: only a paid order is refunded (this one awaits payment).
    route: 'POST /api/orders/{orderId}/refunds',
    call: async () => ({ path: `/api/orders/${(await orderAwaitingPayment()).orderId}/refunds`, body: { reason: 'goodwill' } }),
    expected: staffOnly(409),
  },
  {
    route: 'POST /api/orders/{orderId}/payment-failed',
    call: async () => {
      const { orderId, paymentId } = await orderAwaitingPayment();
      return { path: `/api/orders/${orderId}/payment-failed`, body: { paymentId, reason: 'declined' } };
    },
    expected: staffOnly(200),
  },
  {
    route: 'POST /api/orders/{orderId}/reject',
    call: async () => ({ path: `/api/orders/${await orderOfA()}/reject`, body: { unavailable: [{ productCode: 'P-1', requested: 1, available: 0 }] } }),
    expected: staffOnly(200),
  },
  { route: 'POST /api/payments', call: async () => ({ path: '/api/payments', body: { orderId: await orderOfA() } }), expected: ownedByA(201) },
  {
    route: 'POST /api/payments/{paymentId}/outcome',
    call: async () => ({ path: `/api/payments/${(await paymentOfA()).paymentId}/outcome`, body: { status: 'succeeded', gatewayReference: `gw_${unique()}` } }),
    expected: staffOnly(200),
  },
  { route: 'GET /api/products', call: async () => ({ path: '/api/products?sort=-price&limit=5', headers: await upToNow() }), expected: publicTo(200) },
  { route: 'GET /api/products/{code}', call: async () => ({ path: `/api/products/${await product()}`, headers: await upToNow() }), expected: publicTo(200) },
  { route: 'GET /api/categories', call: async () => ({ path: '/api/categories', headers: await upToNow() }), expected: publicTo(200) },
  { route: 'GET /api/customers/{customerId}', call: async () => ({ path: `/api/customers/${customerA}`, headers: await upToNow() }), expected: ownedByA(200) },
  { route: 'GET /api/customers/{customerId}/orders', call: async () => ({ path: `/api/customers/${customerA}/orders`, headers: await upToNow() }), expected: ownedByA(200) },
  // Every customer's details and orders: the staff's to see, no customer's.
  { route: 'GET /api/customers', call: async () => ({ path: '/api/customers', headers: await upToNow() }), expected: staffOnly(200) },
  { route: 'GET /api/orders', call: async () => ({ path: '/api/orders?status=awaiting-payment', headers: await upToNow() }), expected: staffOnly(200) },
  { route: 'GET /api/orders/{orderId}', call: async () => ({ path: `/api/orders/${await orderOfA()}`, headers: await upToNow() }), expected: ownedByA(200) },
  { route: 'GET /api/orders/{orderId}/payments', call: async () => ({ path: `/api/orders/${(await paymentOfA()).orderId}/payments`, headers: await upToNow() }), expected: ownedByA(200) },
  { route: 'GET /api/payments/{paymentId}', call: async () => ({ path: `/api/payments/${(await paymentOfA()).paymentId}`, headers: await upToNow() }), expected: ownedByA(200) },
  { route: 'GET /api/reports/sales', call: async () => ({ path: '/api/reports/sales?from=2026-01-01&to=2026-12-31', headers: await upToNow() }), expected: staffOnly(200) },
  { route: 'GET /api/reports/payments', call: async () => ({ path: '/api/reports/payments', headers: await upToNow() }), expected: staffOnly(200) },
  { route: 'GET /api/reports/low-stock', call: async () => ({ path: '/api/reports/low-stock', headers: await upToNow() }), expected: staffOnly(200) },
  {
    // Authenticated by its signature only: whoever else the caller is, a signed outcome is taken.
    route: 'POST /api/payments/webhook',
    call: async () => {
      const { orderId, paymentId } = await paymentOfA();
      const rawBody = JSON.stringify({ id: `evt_${unique()}`, type: 'payment.succeeded', created: Math.floor(Date.now() / 1000), data: { gatewayReference: `gw_${unique()}`, paymentId, orderId, amount: { amount: 450, currency: 'EUR' } } });
      return { path: '/api/payments/webhook', rawBody, headers: { 'content-type': 'application/json', [signatureHeader]: signWebhook(testWebhookSecret, rawBody, Math.floor(Date.now() / 1000)) } };
    },
    expected: publicTo(200),
  },
  { route: 'GET /api/audit/{entity}/{entityId}/history', call: async () => ({ path: `/api/audit/order/${await orderOfA()}/history` }), expected: auditorsOnly(200) },
  { route: 'GET /api/audit/{entity}/{entityId}/state', call: async () => ({ path: `/api/audit/order/${await orderOfA()}/state?at=0` }), expected: auditorsOnly(200) },
  { route: 'GET /api/audit/trace/{traceId}', call: async () => ({ path: `/api/audit/trace/${await orderOfA()}` }), expected: auditorsOnly(200) },
  { route: 'GET /api/admin/parked-events', call: async () => ({ path: '/api/admin/parked-events' }), expected: staffOnly(200) },
  { route: 'GET /api/admin/radar', call: async () => ({ path: '/api/admin/radar' }), expected: staffOnly(200) },
  { route: 'GET /api/notifications', call: async () => ({ path: '/api/notifications?status=failed', headers: await upToNow() }), expected: staffOnly(200) },
  { route: 'GET /api/price-rules', call: async () => ({ path: '/api/price-rules', headers: await upToNow() }), expected: staffOnly(200) },
  { route: 'GET /api/vendors', call: async () => ({ path: '/api/vendors', headers: await upToNow() }), expected: staffOnly(200) },
  // Vendor A's own profile, and its part of the orders: vendor B finds no such vendor.
  { route: 'GET /api/vendors/{vendorId}', call: async () => ({ path: `/api/vendors/${vendorA}`, headers: await upToNow() }), expected: soldByVendorA(200) },
  { route: 'GET /api/vendors/{vendorId}/order-lines', call: async () => ({ path: `/api/vendors/${vendorA}/order-lines`, headers: await upToNow() }), expected: soldByVendorA(200) },
  { route: 'GET /api/accounts', call: async () => ({ path: '/api/accounts', headers: await upToNow() }), expected: adminOnly(200) },
  // No such parked event: allowed (404), refused (401/403); the retry itself is in test/processes.
  { route: 'POST /api/admin/parked-events/{parkedEventId}/retry', call: async () => ({ path: '/api/admin/parked-events/999999999/retry' }), expected: staffOnly(404) },
  {
    // A's own erasure would take A from the rows after this one: A gets as far as the confirmation
    // (400, not 403 or 404); the admin erases a customer of their own making.
    route: 'POST /api/customers/{customerId}/erase',
    call: async (who) => {
      if (who === 'customerA') return { path: `/api/customers/${customerA}/erase`, body: { confirmation: 'yes' } };
      const customerId = who === 'admin' ? (await customerSignedIn(api)).customerId : customerA;
      return { path: `/api/customers/${customerId}/erase`, body: { confirmation: 'erase' } };
    },
    expected: { anonymous: 401, customerA: 400, customerB: 404, staff: 403, admin: 200, vendorA: 404, vendorB: 404 },
  },
  {
    // Asked for a projection that does not exist: allowed (400), refused (401/403), and nothing rebuilt.
    route: 'POST /api/admin/projections/rebuild',
    call: async () => ({ path: '/api/admin/projections/rebuild', body: { projections: ['no-such-projection'] } }),
    expected: adminOnly(400),
  },
];

describe('invariant 7: authorisation of every endpoint for every kind of caller', () => {
  it('covers every operation of the OpenAPI document, and nothing else', async () => {
    const document = await api.request<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json');
    const documented = Object.entries(document.body.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(rows.map((row) => row.route).sort()).toEqual(documented.sort());
  });

  describe.each(rows)('$route', (row) => {
    it.each(everyone)('as %s', async (who) => {
      const { path, body, rawBody, headers } = await row.call(who);
      const method = row.route.split(' ')[0]!;
      const answer = await api.request(method, path, { body, token: tokens[who], ...(rawBody ? { rawBody } : {}), ...(headers ? { headers } : {}) });
      expect({ who, status: answer.status }).toEqual({ who, status: expectedOf(row)[who] });
      if (answer.status >= 400) expect(answer.body.type).toMatch(/^\/problems\//);
    });
  });
});

describe('mass assignment: bodies cannot set what the caller may not', () => {
  const eventCount = async () => (await api.db.pool.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;

  it.each([
    ['a status on an order', 'customerA', '/api/orders', (code: string) => ({ lines: [{ productCode: code, quantity: 1 }], paymentMethod: 'card', status: 'paid' }), '/status'],
    ['a price on an order line', 'customerA', '/api/orders', (code: string) => ({ lines: [{ productCode: code, quantity: 1, unitPrice: { amount: 1, currency: 'EUR' } }], paymentMethod: 'card' }), '/lines/0/unitPrice'],
    ['a total on an order', 'customerA', '/api/orders', (code: string) => ({ lines: [{ productCode: code, quantity: 1 }], paymentMethod: 'card', total: { amount: 1, currency: 'EUR' } }), '/total'],
    ['another customer on an order', 'customerA', '/api/orders', (code: string) => ({ customerId: randomUUID(), lines: [{ productCode: code, quantity: 1 }], paymentMethod: 'card' }), '/customerId'],
    ['a role at sign-up', 'anonymous', '/api/auth/signup', () => ({ firstName: 'E', lastName: 'V', email: `eve-${randomUUID()}@example.org`, password: testPassword, shippingAddress: testAddress, role: 'admin' }), '/role'],
    ['a customer role for a staff account', 'admin', '/api/accounts', () => ({ email: `c-${randomUUID()}@shop.example`, password: testPassword, role: 'customer' }), '/role'],
    ['an amount on a payment', 'customerA', '/api/payments', () => ({ orderId: randomUUID(), amount: { amount: 1, currency: 'EUR' } }), '/amount'],
  ] as const)('refuses %s, naming the field, and writes nothing', async (_case, who, path, body, pointer) => {
    const code = await product();
    const before = await eventCount();
    const answer = await api.request<{ errors: { pointer: string }[] }>('POST', path, { body: body(code), token: tokens[who] });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error) => error.pointer)).toContain(pointer);
    expect(await eventCount()).toBe(before);
  });

  it('prices an order from the catalog, whatever the customer believes', async () => {
    const code = await product();
    const placed = await api.request('POST', '/api/orders', { body: { lines: [{ productCode: code, quantity: 2 }], paymentMethod: 'card' }, token: tokens.customerA });
    const [event] = await api.app.eventStore.readStream(`order-${String(placed.body.id)}`);
    expect(event!.data).toMatchObject({ customerId: customerA, total: { amount: 900, currency: 'EUR' } });
    expect(event!.metadata.actor).toEqual({ id: customerA, role: 'customer' });
  });
});
