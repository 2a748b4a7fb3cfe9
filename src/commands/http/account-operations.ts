import type { Response } from 'express';
import type { Operation } from '../../http/operations';
import { parseBody } from '../../http/validation';
import type { Principal } from '../../identity/access-tokens';
import type { IdentityService, Session } from '../../identity/identity-service';
import { answer, commandContext, uuidParameter } from './command-responses';
import { ChangePasswordDto, ChangeRoleDto, CreateStaffAccountDto, LoginDto, ReasonDto, RefreshTokenDto, SignUpDto } from './dtos';

const sessionSchema = {
  type: 'object',
  properties: {
    accessToken: { type: 'string', description: 'A JWT (EdDSA); send it as Authorization: Bearer <token>' },
    tokenType: { const: 'Bearer' },
    expiresIn: { type: 'integer', description: 'Seconds the access token lives' },
    refreshToken: { type: 'string', description: 'Use once, at POST /api/auth/refresh, for a new pair' },
    refreshTokenExpiresAt: { type: 'string', format: 'date-time' },
    accountId: { type: 'string' },
    role: { enum: ['customer', 'staff', 'admin'] },
  },
  required: ['accessToken', 'tokenType', 'expiresIn', 'refreshToken', 'refreshTokenExpiresAt', 'accountId', 'role'],
};

/** Sign-up, sign-in and sessions (public), one's own account, and staff accounts (admin). */
export function accountOperations(identity: IdentityService, clock: () => Date): Operation[] {
  const context = (request: Parameters<typeof commandContext>[0], response: Response) => commandContext(request, response, clock);
  const session = (response: Response, value: Session) => {
    // Tokens must not be kept by any cache on the way.
    response.setHeader('Cache-Control', 'no-store');
    response.status(200).json(value);
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
        const body = await parseBody(LoginDto, request.body);
        session(response, await identity.login({ ...body, clientAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown' }, clock()));
      },
    },
    {
      method: 'post',
      path: '/api/auth/refresh',
      operationId: 'refreshSession',
      summary: 'Trade a refresh token (once) for a new access and refresh token',
      tag: 'auth',
      access: 'public',
      body: RefreshTokenDto,
      answers: { name: 'Session', schema: sessionSchema },
      responses: { 200: 'A new pair', 400: 'The request is not valid', 401: 'The refresh token is not valid (used, revoked or expired)' },
      async handle(request, response) {
        const { refreshToken } = await parseBody(RefreshTokenDto, request.body);
        session(response, await identity.refresh(refreshToken, clock()));
      },
    },
    {
      method: 'post',
      path: '/api/auth/logout',
      operationId: 'logOut',
      summary: "Sign out: revoke the refresh token's whole family",
      tag: 'auth',
      access: 'public',
      body: RefreshTokenDto,
      responses: { 204: 'Signed out', 400: 'The request is not valid' },
      async handle(request, response) {
        const { refreshToken } = await parseBody(RefreshTokenDto, request.body);
        await identity.logout(refreshToken, clock());
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
      answers: { name: 'Me', schema: { type: 'object', properties: { accountId: { type: 'string' }, role: { enum: ['customer', 'staff', 'admin'] }, customerId: { type: ['string', 'null'] } } } },
      responses: { 200: 'Who you are' },
      async handle(_request, response) {
        const { accountId, role } = principalOf(response);
        response.json({ accountId, role, customerId: role === 'customer' ? accountId : null });
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
        answer(response, result, { status: result.events.length > 0 ? 200 : 200, location: '/api/auth/me', id: accountId });
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
        answer(response, result, { status: result.events.length > 0 ? 200 : 200, location: `/api/accounts/${accountId}`, id: accountId });
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
        answer(response, result, { status: result.events.length > 0 ? 200 : 200, location: `/api/accounts/${accountId}`, id: accountId });
      },
    },
  ];
}

