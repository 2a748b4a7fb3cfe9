import type { ClassConstructor } from 'class-transformer';
// class-transformer keeps @Type() metadata here; the schema generator needs it for nested DTOs.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { e164Pattern } from '../domain/customers/customer';
import { defaultConverters } from 'class-validator-jsonschema/build/defaultConverters';
import { CountryCodes } from 'validator/lib/isISO31661Alpha2';
import { CurrencyCodes } from 'validator/lib/isISO4217';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Principal } from '../identity/access-tokens';
import { HttpProblem, sendProblem } from './problem-details';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call an operation at all (function-level authorisation). Which objects a signed-in
 * customer may touch is decided further in, by the handlers (object-level).
 */
export type Access = 'public' | 'signed-in' | 'staff' | 'admin' | 'auditor' | 'seller';

/**
 * One HTTP operation: what Express mounts and what the OpenAPI document describes come from the
 * same object, so the two cannot drift apart.
 */
export interface Operation {
  readonly method: HttpMethod;
  /** OpenAPI style: /api/products/{code}. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: Access;
  readonly body?: ClassConstructor<object>;
  /** The body may be left out (every field of it is optional). */
  readonly bodyOptional?: boolean;
  /** The DTO its query parameters are validated with (parseQuery); the OpenAPI document lists them from it. */
  readonly query?: ClassConstructor<object>;
  /** Schemas of path parameters that are more than any string. */
  readonly pathSchemas?: Readonly<Record<string, Record<string, unknown>>>;
  /** The JSON Schema of the 2xx body, when it is not the usual CommandAccepted. */
  readonly answers?: { readonly name: string; readonly schema: Record<string, unknown> };
  /** Status → description; problem statuses (4xx, 5xx) are answered with problem details. */
  readonly responses: Readonly<Record<number, string>>;
  /** Describes the If-Match header: the operation changes an existing stream. */
  readonly ifMatch?: boolean;
  /** Takes an Idempotency-Key header (never on operations whose answers hold secrets, such as tokens). */
  readonly idempotencyKey?: boolean;
  /** Takes an Emporium-Checkpoint header: the read waits until the read models reach it. */
  readonly readYourWrites?: boolean;
  handle(request: Request, response: Response): Promise<void>;
}

export const expressPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

const staffRoles = new Set(['staff', 'admin']);

/**
 * Who may call an operation. `auditor` operations (the audit queries) are for auditors and
 * admins. An auditor may also make every read staff may, and change nothing but their own
 * session (the `auth` operations): auditors look, they never touch.
 */
export function authorise(operation: Pick<Operation, 'access' | 'method' | 'tag'>, principal: Principal | undefined): void {
  const { access } = operation;
  const auditor = principal?.role === 'auditor';
  if (auditor && operation.method !== 'get' && operation.tag !== 'auth') throw new HttpProblem(403, 'forbidden', 'Auditors read; they change nothing');
  if (access === 'public') return;
  if (!principal) {
    throw new HttpProblem(401, 'unauthenticated', 'Sign in first: send Authorization: Bearer <access token>', {}, { 'WWW-Authenticate': 'Bearer realm="emporium"' });
  }
  const allowed =
    access === 'signed-in' ||
    (access === 'staff' && (staffRoles.has(principal.role) || (auditor && operation.method === 'get'))) ||
    // The catalog and stock work staff do, and a vendor does for its own products (which, the handlers check).
    (access === 'seller' && (staffRoles.has(principal.role) || principal.role === 'vendor' || (auditor && operation.method === 'get'))) ||
    (access === 'admin' && principal.role === 'admin') ||
    (access === 'auditor' && (auditor || principal.role === 'admin'));
  if (!allowed) throw new HttpProblem(403, 'forbidden', `This needs the ${access} role`);
}

/** Mounts each operation behind its access rule, and behind `idempotency` when it takes a key. */
export function mountOperations(router: Router, operations: readonly Operation[], idempotency: RequestHandler): void {
  // Express tries a request against each route in turn: with a hundred operations that walk was the
  // largest cost of a cached catalog read. Routes are grouped by the resource they name
  // (/api/<resource>/…), and a request walks its resource's group only. Two paths of different
  // resources never match the same request, so the order within a group is the whole order.
  const groups = new Map<string, Router>();
  for (const operation of operations) {
    const guard: RequestHandler = (_request, response, next) => {
      authorise(operation, response.locals.principal as Principal | undefined);
      next();
    };
    const resource = resourceOf(operation.path);
    let group = groups.get(resource);
    if (!group) groups.set(resource, (group = Router()));
    // Express 5 passes a rejected promise on to the error middleware.
    group[operation.method](expressPath(operation.path), guard, ...(operation.idempotencyKey ? [idempotency] : []), (request, response) => operation.handle(request, response));
  }
  // Called as middleware, not mounted at a path: the group sees the request's path whole.
  const dispatch: RequestHandler = (request, response, next) => {
    const group = groups.get(resourceOf(request.path));
    if (group) group(request, response, next);
    else next();
  };
  // The groups' routes, where tools that list an app's routes (as Express keeps them) look.
  router.use(Object.assign(dispatch, { stack: [...groups.values()].flatMap((group) => group.stack) }));
}

/** The resource a path names, as Express matches it (case-insensitively): `products` for /api/products/{code}. */
const resourceOf = (path: string): string => (path.split('/', 3)[2] ?? '').toLowerCase();

/**
 * The methods a path takes. Where a fixed path and a template both match (/api/payments/webhook and
 * /api/payments/{paymentId}), the fixed one is the resource, as in OpenAPI's own path matching.
 */
function methodsAt(operations: readonly Operation[]): (path: string) => string[] {
  // Our paths are letters, digits, dashes, slashes and {parameters}: nothing else to escape.
  const routes = operations.map((operation) => ({
    method: operation.method.toUpperCase(),
    parameters: (operation.path.match(/\{\w+\}/g) ?? []).length,
    pattern: new RegExp(`^${operation.path.replace(/\{\w+\}/g, '[^/]+')}/?$`),
  }));
  return (path) => {
    const matching = routes.filter((route) => route.pattern.test(path));
    const fewest = Math.min(...matching.map((route) => route.parameters));
    const allowed = [...new Set(matching.filter((route) => route.parameters === fewest).map((route) => route.method))];
    if (allowed.includes('GET')) allowed.push('HEAD');
    return allowed.sort();
  };
}

/**
 * A path that exists, asked with a method it does not take, answers 405 with the methods it does
 * (RFC 9110 §15.5.6), not 404 as if it were not there. TRACE is never taken (cross-site tracing).
 */
export function methodNotAllowed(operations: readonly Operation[]): RequestHandler {
  const allowedAt = methodsAt(operations);
  return (request, response, next) => {
    const allowed = allowedAt(request.path);
    if (allowed.length === 0 && request.method !== 'TRACE') return next();
    if (allowed.length > 0) response.setHeader('Allow', allowed.join(', '));
    sendProblem(request, response, 405, 'method-not-allowed', `${request.method} is not allowed here${allowed.length ? `; allowed: ${allowed.join(', ')}` : ''}`);
  };
}

/** OPTIONS: the methods the resource takes, in Allow, from the same operations as everything else. */
export function optionsAnswer(operations: readonly Operation[]): RequestHandler {
  const allowedAt = methodsAt(operations);
  return (request, response, next) => {
    if (request.method !== 'OPTIONS') return next();
    const allowed = allowedAt(request.path);
    if (allowed.length === 0) return next();
    response.setHeader('Allow', allowed.join(', '));
    response.status(204).end();
  };
}

/** What the schema generator cannot know of our own and class-validator's named rules, so that clients (and fuzzers) send what we take. */
const namedRuleSchemas: Record<string, (meta: ValidationMetadata) => Record<string, unknown>> = {
  isISO31661Alpha2: () => ({ type: 'string', enum: [...CountryCodes].sort() }),
  isISO4217CurrencyCode: () => ({ type: 'string', enum: [...CurrencyCodes].sort() }),
  // IsPlainText: no control characters (tabs and line breaks allowed in multi-line text).
  isMoment: () => ({ type: 'string', format: 'date-time' }),
  // A mobile number (E.164) or null: required, and null says "none".
  phoneOrNull: () => ({ type: ['string', 'null'], pattern: e164Pattern.source }),
  isPlainText: (meta) => ({ type: 'string', pattern: meta.constraints?.[0] === 'multiline' ? '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$' : '^[^\\u0000-\\u001f\\u007f]*$' }),
};

/** JSON Schemas of the DTOs: their validation rules, and no properties but theirs (parseBody refuses others). */
function bodySchemas(): Record<string, Record<string, unknown>> {
  const custom = defaultConverters[ValidationTypes.CUSTOM_VALIDATION];
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: {
      [ValidationTypes.CUSTOM_VALIDATION]: (meta, options) => {
        const named = meta.name ? namedRuleSchemas[meta.name] : undefined;
        return named ? named(meta) : typeof custom === 'function' ? custom(meta, options) : custom;
      },
    },
  }) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, { ...schema, additionalProperties: false }]));
}

/** An OpenAPI 3.1 document of the operations, with JSON Schemas of their bodies from the DTOs' validation rules. */
export function openApiDocument(info: { title: string; version: string; description: string }, operations: readonly Operation[]): Record<string, unknown> {
  const schemas = bodySchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const pathParameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: operation.pathSchemas?.[name!] ?? { type: 'string' } }));
    const querySchema = operation.query ? (schemas[operation.query.name] as { properties?: Record<string, Record<string, unknown>>; required?: string[] } | undefined) : undefined;
    const queryParameters = Object.entries(querySchema?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: querySchema?.required?.includes(name) ?? false, schema }));
    const headerParameters = [
      ...(operation.ifMatch
        ? [
            {
              name: 'If-Match',
              in: 'header',
              required: false,
              schema: { type: 'string', pattern: '^\\s*(\\*|(W/)?"[0-9]{1,15}"|[0-9]{1,15})\\s*$' },
              description: 'The ETag last read (W/"<revision>"); a stale one gets 412 and nothing is written',
            },
          ]
        : []),
      ...(operation.idempotencyKey
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
              description: 'Repeating a request with the same key and body replays the first answer (Idempotent-Replayed: true); another body gets 422. Keys are the caller\'s own, per operation, for 24 hours',
            },
          ]
        : []),
      ...(operation.readYourWrites
        ? [
            {
              name: 'Emporium-Checkpoint',
              in: 'header',
              required: false,
              schema: { type: 'string', pattern: '^[0-9]{1,15}\\.[0-9]{1,15}$' },
              description: 'The checkpoint a command answered: the read waits (a few seconds at most, else 503) until the read models have reached it, so the caller reads its own write',
            },
          ]
        : []),
    ];
    // Every operation may refuse what cannot be read (a bad encoding, a NUL byte, a malformed path: the input guard).
    const problems: Record<number, string> = { 400: 'The request is not valid (problem details name each field or parameter at fault)' };
    if (operation.body) Object.assign(problems, { 413: 'The body is larger than 64 KiB', 415: 'The body is not JSON (application/json, UTF-8, identity/gzip/deflate/br)' });
    if (operation.idempotencyKey) Object.assign(problems, { 409: 'Refused by a business rule, or a request with this Idempotency-Key is still running', 422: 'The Idempotency-Key was used with another request' });
    // A token that is sent is checked everywhere, public operations too: the client believes it is signed in.
    problems[401] = operation.access === 'public' ? 'An access token was sent and is not valid' : 'Not signed in, or the access token is not valid';
    if (operation.access === 'seller') problems[403] = 'Needs the staff role, or a vendor account';
    else if (operation.access === 'staff' || operation.access === 'admin' || operation.access === 'auditor') problems[403] = `Needs the ${operation.access} role`;
    else if (operation.method !== 'get' && operation.tag !== 'auth') problems[403] = 'Auditors read; they change nothing';
    const successSchema = operation.answers ? `#/components/schemas/${operation.answers.name}` : '#/components/schemas/CommandAccepted';
    (paths[operation.path] ??= {})[operation.method] = {
      operationId: operation.operationId,
      summary: operation.summary,
      tags: [operation.tag],
      ...(operation.access === 'public' ? {} : { security: [{ bearer: [] }] }),
      ...(pathParameters.length + queryParameters.length + headerParameters.length > 0 ? { parameters: [...pathParameters, ...queryParameters, ...headerParameters] } : {}),
      ...(operation.body
        ? { requestBody: { required: !operation.bodyOptional, content: { 'application/json': { schema: { $ref: `#/components/schemas/${operation.body.name}` } } } } }
        : {}),
      responses: Object.fromEntries(
        Object.entries({ ...problems, ...operation.responses }).map(([status, description]) => [
          status,
          Number(status) >= 400
            ? { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }
            : Number(status) === 204
              ? { description }
              : { description, content: { 'application/json': { schema: { $ref: successSchema } } } },
        ]),
      ),
    };
  }
  const answerSchemas = Object.fromEntries(operations.flatMap((operation) => (operation.answers ? [[operation.answers.name, operation.answers.schema]] : [])));
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from POST /api/auth/login' } },
      schemas: {
        ...schemas,
        ...answerSchemas,
        CommandAccepted: {
          type: 'object',
          properties: {
            id: { type: 'string', description: 'The id (or code) of the resource the command acted on' },
            revision: { type: 'integer', description: 'Its stream revision afterwards; also the weak ETag' },
            checkpoint: { type: ['string', 'null'], description: 'Where the event log stands after the command; give it to the query API to read your own writes' },
            alreadyApplied: { type: 'boolean', description: 'A retry found the command applied by an earlier attempt' },
          },
          required: ['id', 'revision', 'checkpoint'],
        },
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            traceId: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { pointer: { type: 'string' }, detail: { type: 'string' } } } },
          },
          required: ['type', 'title', 'status', 'detail'],
        },
      },
    },
  };
}
