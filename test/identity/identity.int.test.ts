import { randomUUID } from 'node:crypto';
import { loginLimits } from '../../src/identity/identity-service';
import { reuseGraceMs } from '../../src/identity/refresh-tokens';
import { jsonLogger } from '../../src/shared/logger';
import { customerSignedIn, logIn, staffSignedIn, testAddress, testPassword } from '../support/principals';
import { publicKeyPemOf, tamperedTokens } from '../support/tampered-tokens';
import { startTestApp, type TestApp } from '../support/test-app';

const logLines: string[] = [];
let api: TestApp;
/** Moves the app's clock on, as time passing would (the refresh grace). */
let clockOffsetMs = 0;
beforeAll(async () => {
  api = await startTestApp({ logger: jsonLogger('debug', {}, (line) => logLines.push(line)), clock: () => new Date(Date.now() + clockOffsetMs) });
});
afterEach(() => {
  clockOffsetMs = 0;
});
afterAll(async () => {
  await api.close();
});

describe('sign-up and sign-in', () => {
  it('signs a customer up with a profile, signs them in, and knows who they are', async () => {
    const email = `Mia.${randomUUID()}@Example.org`;
    const signedUp = await api.request('POST', '/api/auth/signup', { body: { firstName: 'Mia', lastName: 'Park', email, password: testPassword, shippingAddress: testAddress } });
    expect(signedUp.status).toBe(201);
    const customerId = String(signedUp.body.id);
    expect(signedUp.headers.get('location')).toBe(`/api/customers/${customerId}`);

    const session = await api.request('POST', '/api/auth/login', { body: { email: email.toLowerCase(), password: testPassword } });
    expect(session.status).toBe(200);
    expect(session.headers.get('cache-control')).toBe('no-store');
    expect(session.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, accountId: customerId, role: 'customer' });
    const me = await api.request('GET', '/api/auth/me', { token: String(session.body.accessToken) });
    expect(me.body).toEqual({ accountId: customerId, role: 'customer', customerId, vendorId: null });

    const [registered] = await api.app.eventStore.readStream(`customer-${customerId}`);
    expect(registered!.metadata.actor).toEqual({ id: customerId, role: 'customer' });
    const [account] = await api.app.eventStore.readStream(`account-${customerId}`);
    expect(account).toMatchObject({ type: 'AccountCreated', data: { role: 'customer' } });
    expect(account!.data.passwordHash).toEqual(expect.stringMatching(/^scrypt\$/));
  });

  it('refuses a wrong password or an unknown email alike, and never logs a password', async () => {
    const { email } = await customerSignedIn(api);
    const wrong = await api.request('POST', '/api/auth/login', { body: { email, password: 'not the password at all' } });
    const unknown = await api.request('POST', '/api/auth/login', { body: { email: `nobody-${randomUUID()}@example.org`, password: testPassword } });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ type: '/problems/invalid-credentials', detail: 'The email or password is not right' });
    }
    expect(logLines.join('\n')).not.toContain(testPassword);
    expect(logLines.join('\n')).not.toContain('not the password at all');
  });

  it('refuses a sign-up with an email someone has, or a short password', async () => {
    const { email } = await customerSignedIn(api);
    const taken = await api.request('POST', '/api/auth/signup', { body: { firstName: 'X', lastName: 'Y', email: email.toUpperCase(), password: testPassword, shippingAddress: testAddress } });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toBe('/problems/email-taken');
    const short = await api.request('POST', '/api/auth/signup', { body: { firstName: 'X', lastName: 'Y', email: `z-${randomUUID()}@example.org`, password: 'short', shippingAddress: testAddress } });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ pointer: '/password', detail: 'password must be 12 to 128 characters' }]);
  });
});

describe('sessions', () => {
  it('rotates the refresh token on each use, and revokes the family when a used one comes back', async () => {
    const { email } = await customerSignedIn(api);
    const first = await api.request('POST', '/api/auth/login', { body: { email, password: testPassword } });
    const second = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    expect((await api.request('GET', '/api/auth/me', { token: String(second.body.accessToken) })).status).toBe(200);

    // The first token again, past the grace for a lost answer: someone kept a copy. Both it and its successor stop working.
    clockOffsetMs = reuseGraceMs + 1_000;
    const replay = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.type).toBe('/problems/invalid-refresh-token');
    expect((await api.request('POST', '/api/auth/refresh', { body: { refreshToken: second.body.refreshToken } })).status).toBe(401);
    expect(logLines.some((line) => line.includes('a retired refresh token was used again'))).toBe(true);
  });

  it('answers a retired token again within the grace for a lost answer, in the same family, and still revokes the family after', async () => {
    const { email } = await customerSignedIn(api);
    const first = await api.request('POST', '/api/auth/login', { body: { email, password: testPassword } });
    const second = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    // The browser navigated away before the answer came: it sends the first token again at once.
    const retried = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(retried.status).toBe(200);
    expect((await api.request('GET', '/api/auth/me', { token: String(retried.body.accessToken) })).status).toBe(200);
    // Past the grace it is a copy in other hands: the family (every token of it) is revoked.
    clockOffsetMs = reuseGraceMs + 1_000;
    expect((await api.request('POST', '/api/auth/refresh', { body: { refreshToken: first.body.refreshToken } })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/refresh', { body: { refreshToken: second.body.refreshToken } })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/refresh', { body: { refreshToken: retried.body.refreshToken } })).status).toBe(401);
  });

  it('logs out by revoking the refresh token', async () => {
    const { email } = await customerSignedIn(api);
    const session = await api.request('POST', '/api/auth/login', { body: { email, password: testPassword } });
    expect((await api.request('POST', '/api/auth/logout', { body: { refreshToken: session.body.refreshToken } })).status).toBe(204);
    expect((await api.request('POST', '/api/auth/refresh', { body: { refreshToken: session.body.refreshToken } })).status).toBe(401);
  });

  it("keeps a browser's refresh token in an httpOnly, SameSite=Strict cookie the page cannot read, rotated at each refresh", async () => {
    const { email } = await customerSignedIn(api);
    const login = await api.request('POST', '/api/auth/login', { body: { email, password: testPassword, refreshTokenIn: 'cookie' } });
    expect(login.status).toBe(200);
    expect(login.body.refreshToken).toBeUndefined();
    expect(login.body.accessToken).toEqual(expect.any(String));
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^emporium_session=[^;]+; Path=\/api\/auth; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0]!;

    // No body: the cookie's token is used, and the new one goes back into the cookie.
    const refreshed = await api.request('POST', '/api/auth/refresh', { headers: { cookie } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    expect((await api.request('GET', '/api/auth/me', { token: String(refreshed.body.accessToken) })).status).toBe(200);
    const rotated = (refreshed.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(rotated).toMatch(/^emporium_session=.+/);
    expect(rotated).not.toBe(cookie);

    // The old cookie again, past the grace for a lost answer (a copy someone kept): refused, the cookie cleared, and the family revoked.
    clockOffsetMs = reuseGraceMs + 1_000;
    const replay = await api.request('POST', '/api/auth/refresh', { headers: { cookie } });
    expect(replay.status).toBe(401);
    expect(replay.headers.get('set-cookie')).toMatch(/^emporium_session=; Path=\/api\/auth; Expires=Thu, 01 Jan 1970/);
    expect((await api.request('POST', '/api/auth/refresh', { headers: { cookie: rotated } })).status).toBe(401);
  });

  it('signs a browser out by its cookie, and a refresh without any token is 401', async () => {
    const { email } = await customerSignedIn(api);
    const login = await api.request('POST', '/api/auth/login', { body: { email, password: testPassword, refreshTokenIn: 'cookie' } });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const logout = await api.request('POST', '/api/auth/logout', { headers: { cookie } });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^emporium_session=;/);
    expect((await api.request('POST', '/api/auth/refresh', { headers: { cookie } })).status).toBe(401);
    const none = await api.request('POST', '/api/auth/refresh');
    expect(none.status).toBe(401);
    expect(none.body.type).toBe('/problems/no-session');
    expect((await api.request('POST', '/api/auth/login', { body: { email, password: testPassword, refreshTokenIn: 'pocket' } })).status).toBe(400);
    // Left out is not null: a null token is refused, not taken for "use the cookie".
    expect((await api.request('POST', '/api/auth/logout', { body: { refreshToken: null } })).status).toBe(400);
    expect((await api.request('POST', '/api/auth/refresh', { body: { refreshToken: null } })).status).toBe(400);
  });

  it('refuses every tampered access token with 401 and WWW-Authenticate', async () => {
    const { customerId } = await customerSignedIn(api);
    const forged = await tamperedTokens(api.accessTokens, { accountId: customerId, role: 'customer' }, publicKeyPemOf(api.accessTokens));
    for (const [attack, token] of Object.entries(forged)) {
      const answer = await api.request('GET', '/api/auth/me', { token });
      expect({ attack, status: answer.status, type: answer.body?.type }).toEqual({ attack, status: 401, type: '/problems/invalid-token' });
      expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
    expect((await api.request('GET', '/api/auth/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status).toBe(401);
  });

  it('ends the sessions of a disabled account at once, access tokens included', async () => {
    const admin = await staffSignedIn(api, 'admin');
    const member = await staffSignedIn(api, 'staff');
    const session = await api.request('POST', '/api/auth/login', { body: { email: member.email, password: testPassword } });
    // Known to this process as active (authentication keeps what it last read of the account).
    expect((await api.request('GET', '/api/auth/me', { token: member.token })).status).toBe(200);
    expect((await api.request('POST', `/api/accounts/${member.accountId}/disable`, { body: { reason: 'left the shop' }, token: admin.token })).status).toBe(200);
    expect((await api.request('GET', '/api/auth/me', { token: member.token })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/refresh', { body: { refreshToken: session.body.refreshToken } })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/login', { body: { email: member.email, password: testPassword } })).status).toBe(401);
  });

  it('changes a password with the current one, and ends the other sessions', async () => {
    const { email, token } = await customerSignedIn(api);
    const session = await api.request('POST', '/api/auth/login', { body: { email, password: testPassword } });
    const wrong = await api.request('PUT', '/api/auth/password', { body: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' }, token });
    expect(wrong.status).toBe(409);
    expect(wrong.body.type).toBe('/problems/wrong-current-password');
    expect((await api.request('PUT', '/api/auth/password', { body: { currentPassword: testPassword, newPassword: 'a brand new passphrase' }, token })).status).toBe(200);
    expect((await api.request('POST', '/api/auth/refresh', { body: { refreshToken: session.body.refreshToken } })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/login', { body: { email, password: testPassword } })).status).toBe(401);
    expect(await logIn(api, email, 'a brand new passphrase')).toEqual(expect.any(String));
  });

  it('applies a role change at once, since roles are read from the account, not the token', async () => {
    const admin = await staffSignedIn(api, 'admin');
    const member = await staffSignedIn(api, 'staff');
    expect((await api.request('POST', '/api/accounts', { body: { email: `x-${randomUUID()}@shop.example`, password: testPassword, role: 'staff' }, token: member.token })).status).toBe(403);
    expect((await api.request('PUT', `/api/accounts/${member.accountId}/role`, { body: { role: 'admin' }, token: admin.token })).status).toBe(200);
    expect((await api.request('GET', '/api/auth/me', { token: member.token })).body.role).toBe('admin');
  });
});

describe('login throttling', () => {
  it(`refuses an account after ${loginLimits.perAccount.maxFailures} failures with 429 and Retry-After, even with the right password`, async () => {
    const { email } = await customerSignedIn(api);
    for (let i = 0; i < loginLimits.perAccount.maxFailures; i++) {
      expect((await api.request('POST', '/api/auth/login', { body: { email, password: `guess number ${i} is wrong` }, headers: {} })).status).toBe(401);
    }
    const throttled = await api.request('POST', '/api/auth/login', { body: { email, password: testPassword } });
    expect(throttled.status).toBe(429);
    expect(throttled.body.type).toBe('/problems/too-many-attempts');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(loginLimits.perAccount.windowMs / 1000);
  });

  it(`refuses a client address after ${loginLimits.perClient.maxFailures} failures, whichever accounts it tries`, async () => {
    const other = await startTestApp();
    try {
      const { email } = await customerSignedIn(other);
      for (let i = 0; i < loginLimits.perClient.maxFailures; i++) {
        expect((await other.request('POST', '/api/auth/login', { body: { email: `spray-${i}-${randomUUID()}@example.org`, password: 'password spraying' } })).status).toBe(401);
      }
      expect((await other.request('POST', '/api/auth/login', { body: { email, password: testPassword } })).status).toBe(429);
    } finally {
      await other.close();
    }
  });
});

describe('login throttling behind the API gateway', () => {
  it('counts failures per client as X-Forwarded-For names it, when the gateway is trusted (TRUST_PROXY)', async () => {
    const behindGateway = await startTestApp({ trustProxy: ['loopback'] });
    try {
      const { email } = await customerSignedIn(behindGateway);
      const from = (address: string) => ({ 'x-forwarded-for': address });
      for (let i = 0; i < loginLimits.perClient.maxFailures; i++) {
        expect((await behindGateway.request('POST', '/api/auth/login', { body: { email: `spray-${i}-${randomUUID()}@example.org`, password: 'password spraying' }, headers: from('203.0.113.7') })).status).toBe(401);
      }
      expect((await behindGateway.request('POST', '/api/auth/login', { body: { email, password: testPassword }, headers: from('203.0.113.7') })).status).toBe(429);
      // Another client behind the same gateway is not locked out by the first.
      expect((await behindGateway.request('POST', '/api/auth/login', { body: { email, password: testPassword }, headers: from('198.51.100.2') })).status).toBe(200);
    } finally {
      await behindGateway.close();
    }
  });
});

describe('login throttling under a burst', () => {
  it(`gives ${loginLimits.perAccount.maxFailures} tries, not one per request, to 60 wrong passwords for one account sent at once`, async () => {
    const burst = await startTestApp();
    try {
      const { email } = await customerSignedIn(burst);
      // The client has only as many tries left as the account: both limits bite within the burst,
      // and only an attempt order shared by the two buckets admits exactly that many.
      for (let i = 0; i < loginLimits.perClient.maxFailures - loginLimits.perAccount.maxFailures; i++) {
        expect((await burst.request('POST', '/api/auth/login', { body: { email: `someone-else-${i}@example.org`, password: 'wrong' } })).status).toBe(401);
      }
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => burst.request('POST', '/api/auth/login', { body: { email, password: `parallel guess ${i}` } })));
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(loginLimits.perAccount.maxFailures);
      expect(statuses.filter((status) => status === 429)).toHaveLength(60 - loginLimits.perAccount.maxFailures);
      expect((await burst.request('POST', '/api/auth/login', { body: { email, password: testPassword } })).status).toBe(429);
    } finally {
      await burst.close();
    }
  });

  it('does not count successful sign-ins against the client address', async () => {
    const busy = await startTestApp();
    try {
      const { email } = await customerSignedIn(busy);
      for (let i = 0; i < loginLimits.perClient.maxFailures + 5; i++) expect((await busy.request('POST', '/api/auth/login', { body: { email, password: testPassword } })).status).toBe(200);
    } finally {
      await busy.close();
    }
  });
});

describe('the first admin', () => {
  it('is created from configuration once, however often the app starts', async () => {
    const email = `owner-${randomUUID()}@shop.example`;
    expect(await api.app.identity.ensureBootstrapAdmin(email, 'the owner passphrase', new Date())).toBe('created');
    expect(await api.app.identity.ensureBootstrapAdmin(email, 'the owner passphrase', new Date())).toBe('exists');
    const token = await logIn(api, email, 'the owner passphrase');
    expect((await api.request('GET', '/api/auth/me', { token })).body.role).toBe('admin');
    const created = await api.request('POST', '/api/accounts', { body: { email: `clerk-${randomUUID()}@shop.example`, password: testPassword, role: 'staff' }, token });
    expect(created.status).toBe(201);
  });
});
