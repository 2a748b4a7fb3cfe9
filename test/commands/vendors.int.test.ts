import { staffSignedIn } from '../support/principals';
import { startTestApp, type RequestOptions, type TestApp } from '../support/test-app';

/** Seed 002's vendors, as an admin manages them through the command API and staff read them. */
describe('vendors', () => {
  let api: TestApp;
  let admin: string;
  let staff: string;
  beforeAll(async () => {
    api = await startTestApp();
    admin = (await staffSignedIn(api, 'admin')).token;
    staff = (await staffSignedIn(api, 'staff')).token;
  });
  afterAll(async () => {
    await api.close();
  });

  const asAdmin = <Body = Record<string, unknown>>(method: string, path: string, options: RequestOptions = {}) => api.request<Body>(method, path, { token: admin, ...options });
  /** Read as staff, after the write whose checkpoint is given (read-your-writes). */
  const readAfter = <Body = Record<string, unknown>>(path: string, checkpoint: unknown) => api.request<Body>('GET', path, { token: staff, headers: { 'emporium-checkpoint': String(checkpoint) } });
  const eventCount = async () => (await api.db.pool.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;

  it('onboards a vendor, changes its profile, suspends it with a reason and reinstates it; staff read each step', async () => {
    const onboarded = await asAdmin('POST', '/api/vendors', { body: { name: '  Leaf & Co ', contactEmail: 'Orders@Leaf.example' } });
    expect(onboarded.status).toBe(201);
    const vendorId = String(onboarded.body.id);
    expect(onboarded.headers.get('location')).toBe(`/api/vendors/${vendorId}`);
    expect((await readAfter(`/api/vendors/${vendorId}`, onboarded.body.checkpoint)).body).toMatchObject({ vendorId, name: 'Leaf & Co', contactEmail: 'orders@leaf.example', status: 'active', suspendedReason: null });

    const renamed = await asAdmin('PUT', `/api/vendors/${vendorId}`, { body: { name: 'Leaf and Co', contactEmail: 'orders@leaf.example' } });
    expect(renamed.status).toBe(200);
    const suspended = await asAdmin('POST', `/api/vendors/${vendorId}/suspend`, { body: { reason: 'unpaid fees' } });
    expect(suspended.status).toBe(200);
    expect((await readAfter(`/api/vendors/${vendorId}`, suspended.body.checkpoint)).body).toMatchObject({ name: 'Leaf and Co', status: 'suspended', suspendedReason: 'unpaid fees' });

    // Suspended again: the first suspension and its reason stand, and nothing is written.
    const before = await eventCount();
    expect((await asAdmin('POST', `/api/vendors/${vendorId}/suspend`, { body: { reason: 'another' } })).status).toBe(200);
    expect(await eventCount()).toBe(before);

    const reinstated = await asAdmin('POST', `/api/vendors/${vendorId}/reinstate`);
    expect(reinstated.status).toBe(200);
    const listed = await readAfter<{ items: { vendorId: string; status: string; suspendedReason: string | null }[] }>('/api/vendors', reinstated.body.checkpoint);
    expect(listed.body.items.find((vendor) => vendor.vendorId === vendorId)).toMatchObject({ status: 'active', suspendedReason: null });
  });

  it('refuses a bad profile naming the field, and writes nothing', async () => {
    const before = await eventCount();
    for (const body of [{ name: 'Leaf', contactEmail: 'not an email' }, { name: '', contactEmail: 'a@b.example' }, { name: 'Leaf\u0000', contactEmail: 'a@b.example' }, { name: 'x'.repeat(121), contactEmail: 'a@b.example' }]) {
      const refused = await asAdmin('POST', '/api/vendors', { body });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(refused.body)).toMatch(/contactEmail|name/);
    }
    expect(await eventCount()).toBe(before);
  });

  it('answers 404 for a vendor that is not there, to commands and to reads', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await asAdmin('PUT', `/api/vendors/${nobody}`, { body: { name: 'X', contactEmail: 'x@x.example' } })).status).toBe(404);
    expect((await asAdmin('POST', `/api/vendors/${nobody}/suspend`, { body: { reason: 'r' } })).status).toBe(404);
    expect((await api.request('GET', `/api/vendors/${nobody}`, { token: staff })).status).toBe(404);
  });

  it('onboards each of a burst of vendors once, with its key, and a retried request makes no second one', async () => {
    const requests = Array.from({ length: 20 }, (_, i) => asAdmin('POST', '/api/vendors', { body: { name: `Burst ${i}`, contactEmail: `burst${i}@vendor.example` }, headers: { 'idempotency-key': `burst-vendor-${i}` } }));
    const answers = await Promise.all([...requests, asAdmin('POST', '/api/vendors', { body: { name: 'Burst 0', contactEmail: 'burst0@vendor.example' }, headers: { 'idempotency-key': 'burst-vendor-0' } })]);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 200 || answer.status === 409)).toBe(true);
    const ids = new Set(answers.filter((answer) => answer.status < 300).map((answer) => String(answer.body.id)));
    expect(ids.size).toBe(20);
  });
});
