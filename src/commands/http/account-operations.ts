import type { Request, Response } from 'express';
import type { Operation } from '../../http/operations';
import { HttpProblem } from '../../http/problem-details';
import { parseBody } from '../../http/validation';
import type { Principal } from '../../identity/access-tokens';
import type { IdentityService, Session } from '../../identity/identity-service';
import { answer, commandContext, uuidParameter } from './command-responses';
import { roles } from '../../domain/accounts/account';
import { ChangePasswordDto, ChangeRoleDto, CreateStaffAccountDto, CreateVendorAccountDto, EraseCustomerDto, LoginDto, ReasonDto, RefreshSessionDto, SignUpDto } from './dtos';

const sessionSchema = {
  type: 'object',
  properties: {
    accessToken: { type: 'string', description: 'A JWT (EdDSA); send it as Authorization: Bearer <token>' },
    tokenType: { const: 'Bearer' },
    expiresIn: { type: 'integer', description: 'Seconds the access token lives' },
    refreshToken: { type: 'string', description: 'Use once, at POST /api/auth/refresh, for a new pair. Absent when it went into the session cookie (refreshTokenIn: cookie)' },
    refreshTokenExpiresAt: { type: 'string', format: 'date-time' },
    accountId: { type: 'string' },
    role: { enum: roles },
  },
  required: ['accessToken', 'tokenType', 'expiresIn', 'refreshTokenExpiresAt', 'accountId', 'role'],
};

/**
 * The browser's session cookie: the refresh token where no script of the page can read it
 * (HttpOnly), sent only to the sign-in endpoints and never along with a request another site
 * starts (SameSite=Strict). The access token lives in the page's memory only, for minutes.
 */
export const sessionCookie = 'emporium_session';
const sessionCookiePath = '/api/auth';

function sessionCookieOf(request: Request): string | undefined {
  for (const part of (request.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookie) return value.join('=') || undefined;
  }
  return undefined;
}

function setSessionCookie(request: Request, response: Response, token: string, expires: Date): void {
  response.cookie(sessionCookie, token, { httpOnly: true, sameSite: 'strict', path: sessionCookiePath, expires, secure: request.secure });
}

function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(sessionCookie, { httpOnly: true, sameSite: 'strict', path: sessionCookiePath, secure: request.secure });
}

/** Sign-up, sign-in and sessions (public), one's own account, and staff accounts (admin). */
export function accountOperations(identity: IdentityService, clock: () => Date): Operation[] {
  const context = (request: Parameters<typeof commandContext>[0], response: Response) => commandContext(request, response, clock);
  const session = (request: Request, response: Response, value: Session, refreshTokenIn: 'body' | 'cookie' = 'body') => {
    // Tokens must not be kept by any cache on the way.
    response.setHeader('Cache-Control', 'no-store');
    if (refreshTokenIn === 'body') return response.status(200).json(value);
    const { refreshToken, ...rest } = value;
    setSessionCookie(request, response, refreshToken, new Date(value.refreshTokenExpiresAt));
    response.status(200).json(rest);
  };
  const principalOf = (response: Response) => response.locals.principal as Principal;

  return [
    {
      method: 'post',
      path: '/api/auth/signup',
      operationId: 'signUp',
      summary: 'Sign up as a customer: profile, email and password',
      tag: 'auth',
      access: 'public',
      body: SignUpDto,
      idempotencyKey: true,
      responses: { 201: 'Signed up; sign in next', 400: 'The request is not valid', 409: 'The email belongs to someone else' },
      async handle(request, response) {
        const { password, ...profile } = await parseBody(SignUpDto, request.body);
        const result = await identity.signUp({ ...profile, shippingAddress: { ...profile.shippingAddress }, password }, context(request, response));
        const id = result.streamId.slice('customer-'.length);
        answer(response, result, { status: result.events.length > 0 ? 201 : 200, location: `/api/customers/${id}`, id: id });
      },
    },
    {
      method: 'post',
      path: '/api/auth/login',
      operationId: 'logIn',
      summary: 'Sign in: an access token and a refresh token',
      tag: 'auth',
      access: 'public',
      body: LoginDto,
      answers: { name: 'Session', schema: sessionSchema },
      responses: { 200: 'Signed in', 400: 'The request is not valid', 401: 'The email or password is not right', 429: 'Too many failed sign-ins; see Retry-After' },
      async handle(request, response) {
        const { refreshTokenIn, ...body } = await parseBody(LoginDto, request.body);
        session(request, response, await identity.login({ ...body, clientAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown' }, clock()), refreshTokenIn);
      },
    },
    {
      method: 'post',
      path: '/api/auth/refresh',
      operationId: 'refreshSession',
      summary: "Trade a refresh token (once) for a new access and refresh token; without one in the body, the session cookie's (which then gets the new one)",
      tag: 'auth',
      access: 'public',
      body: RefreshSessionDto,
      bodyOptional: true,
      answers: { name: 'Session', schema: sessionSchema },
      responses: { 200: 'A new pair', 400: 'The request is not valid', 401: 'The refresh token is not valid (used, revoked or expired), or there is none' },
      async handle(request, response) {
        const { refreshToken } = await parseBody(RefreshSessionDto, request.body ?? {});
        const fromCookie = refreshToken === undefined ? sessionCookieOf(request) : undefined;
        const token = refreshToken ?? fromCookie;
        if (token === undefined) throw new HttpProblem(401, 'no-session', 'There is no session to refresh: send refreshToken, or sign in again');
        try {
          session(request, response, await identity.refresh(token, clock()), fromCookie === undefined ? 'body' : 'cookie');
        } catch (error) {
          // A cookie whose token is spent or revoked is of no more use to the browser.
          if (fromCookie !== undefined) clearSessionCookie(request, response);
          throw error;
        }
      },
    },
    {
      method: 'post',
      path: '/api/auth/logout',
      operationId: 'logOut',
      summary: "Sign out: revoke the refresh token's whole family",
      tag: 'auth',
      access: 'public',
      body: RefreshSessionDto,
      bodyOptional: true,
      responses: { 204: 'Signed out (the session cookie too)', 400: 'The request is not valid' },
      async handle(request, response) {
        const { refreshToken } = await parseBody(RefreshSessionDto, request.body ?? {});
        const token = refreshToken ?? sessionCookieOf(request);
        if (token !== undefined) await identity.logout(token, clock());
        clearSessionCookie(request, response);
        response.status(204).end();
      },
    },
    {
      method: 'get',
      path: '/api/auth/me',
      operationId: 'whoAmI',
      summary: 'The signed-in account and its role',
      tag: 'auth',
      access: 'signed-in',
      answers: {
        name: 'Me',
        schema: { type: 'object', properties: { accountId: { type: 'string' }, role: { enum: roles }, customerId: { type: ['string', 'null'] }, vendorId: { type: ['string', 'null'], description: 'The vendor a vendor account acts for' } } },
      },
      responses: { 200: 'Who you are' },
      async handle(_request, response) {
        const { accountId, role, vendorId } = principalOf(response);
        response.json({ accountId, role, customerId: role === 'customer' ? accountId : null, vendorId: vendorId ?? null });
      },
    },
    {
      method: 'put',
      path: '/api/auth/password',
      operationId: 'changePassword',
      summary: 'Change your password (with the current one); ends all your sessions',
      tag: 'auth',
      access: 'signed-in',
      body: ChangePasswordDto,
      responses: { 200: 'Password changed', 400: 'The request is not valid', 409: 'The current password is not right' },
      async handle(request, response) {
        const body = await parseBody(ChangePasswordDto, request.body);
        const { accountId } = principalOf(response);
        const result = await identity.changePassword({ accountId, ...body }, context(request, response));
        answer(response, result, { status: 200, location: '/api/auth/me', id: accountId });
      },
    },
    {
      method: 'post',
      path: '/api/accounts',
      operationId: 'createStaffAccount',
      summary: 'Create a staff or admin account',
      tag: 'accounts',
      access: 'admin',
      body: CreateStaffAccountDto,
      idempotencyKey: true,
      responses: { 201: 'Account created', 400: 'The request is not valid', 409: 'The email belongs to someone else' },
      async handle(request, response) {
        const body = await parseBody(CreateStaffAccountDto, request.body);
        const result = await identity.createStaffAccount(body, context(request, response));
        const id = result.streamId.slice('account-'.length);
        answer(response, result, { status: result.events.length > 0 ? 201 : 200, location: `/api/accounts/${id}`, id: id });
      },
    },
    {
      method: 'post',
      path: '/api/vendors/{vendorId}/accounts',
      operationId: 'createVendorAccount',
      summary: "Create an account for someone of a vendor's business: it manages that vendor's products and stock, and sees the order lines of them",
      tag: 'vendors',
      access: 'admin',
      body: CreateVendorAccountDto,
      idempotencyKey: true,
      responses: { 201: 'Account created', 400: 'The request is not valid', 404: 'No such vendor', 409: 'The email belongs to someone else' },
      async handle(request, response) {
        const vendorId = uuidParameter(request, 'vendorId');
        const body = await parseBody(CreateVendorAccountDto, request.body);
        const result = await identity.createVendorAccount({ vendorId, ...body }, context(request, response));
        const id = result.streamId.slice('account-'.length);
        answer(response, result, { status: result.events.length > 0 ? 201 : 200, location: `/api/accounts/${id}`, id });
      },
    },
    {
      method: 'put',
      path: '/api/accounts/{accountId}/role',
      operationId: 'changeAccountRole',
      summary: "Change a staff account's role",
      tag: 'accounts',
      access: 'admin',
      body: ChangeRoleDto,
      idempotencyKey: true,
      responses: { 200: 'Role changed', 400: 'The request is not valid', 404: 'No such account', 409: 'Customer accounts have no staff roles; admins cannot change their own role' },
      async handle(request, response) {
        const accountId = uuidParameter(request, 'accountId');
        const { role } = await parseBody(ChangeRoleDto, request.body);
        const result = await identity.changeRole({ accountId, role }, context(request, response));
        answer(response, result, { status: 200, location: `/api/accounts/${accountId}`, id: accountId });
      },
    },
    {
      method: 'post',
      path: '/api/accounts/{accountId}/disable',
      operationId: 'disableAccount',
      summary: 'Disable an account: it can no longer sign in, and its sessions end',
      tag: 'accounts',
      access: 'admin',
      body: ReasonDto,
      idempotencyKey: true,
      responses: { 200: 'Account disabled', 400: 'The request is not valid', 404: 'No such account', 409: 'Admins cannot disable their own account' },
      async handle(request, response) {
        const accountId = uuidParameter(request, 'accountId');
        const { reason } = await parseBody(ReasonDto, request.body);
        const result = await identity.disableAccount({ accountId, reason }, context(request, response));
        answer(response, result, { status: 200, location: `/api/accounts/${accountId}`, id: accountId });
      },
    },
    {
      method: 'post',
      path: '/api/customers/{customerId}/erase',
      operationId: 'eraseCustomer',
      summary:
        'Erase a customer (GDPR art. 17), for good: their data key is deleted, so their name, email and addresses are unreadable everywhere, in the log too; their account closes; orders, totals and payments stay. The customer themselves, or an admin',
      tag: 'customers',
      access: 'signed-in',
      body: EraseCustomerDto,
      idempotencyKey: true,
      responses: { 200: 'Erased (asked again: erased already)', 400: 'The request is not valid', 403: 'Needs the admin role, or to be that customer', 404: 'No such customer' },
      async handle(request, response) {
        const customerId = uuidParameter(request, 'customerId');
        await parseBody(EraseCustomerDto, request.body);
        if (principalOf(response).role === 'staff') throw new HttpProblem(403, 'forbidden', 'Erasing a customer needs the admin role, or to be that customer');
        const result = await identity.eraseCustomer({ customerId }, context(request, response));
        answer(response, result, { status: 200, location: `/api/customers/${customerId}`, id: customerId });
      },
    },
  ];
}

