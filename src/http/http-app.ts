import express, { Router, type Express, type RequestHandler } from 'express';
import { idempotencyMiddleware } from '../commands/idempotency/idempotency-middleware';
import type { RawBodyRequest } from '../commands/http/payment-webhook';
import type { IdempotencyStore } from '../commands/idempotency/idempotency-store';
import type { Principal } from '../identity/access-tokens';
import type { Logger } from '../shared/logger';
import { metricsRoutes, requestDurations } from '../observability/metrics-routes';
import { healthRoutes, type HealthCheck } from './health-routes';
import { inputGuard, pathGuard } from './input-guard';
import { methodNotAllowed, mountOperations, openApiDocument, optionsAnswer, type Operation } from './operations';
import { notFoundHandler, problemDetailsMiddleware, sendProblem, traceIdMiddleware } from './problem-details';
import { doingWorkOf } from '../shared/work-context';

/** Large enough for an order of fifty lines many times over; anything bigger is a mistake or an attack. */
export const bodyLimitBytes = 64 * 1024;

export interface HttpAppOptions {
  readonly logger: Logger;
  readonly operations: readonly Operation[];
  /** What the OpenAPI document lists; default the operations served (an API role serves part of them). */
  readonly documented?: readonly Operation[];
  readonly idempotency: IdempotencyStore;
  readonly healthChecks: readonly HealthCheck[];
  readonly version: string;
  /** Mounted before everything else, outside the API (the development mailbox). */
  readonly extraRoutes?: readonly Router[];
  /** The AsyncAPI document of the integration events, served at /api/asyncapi.json beside the OpenAPI one. */
  readonly asyncApi?: Record<string, unknown>;
  /** Resolves a bearer token to its principal, or rejects (InvalidAccessTokenError) when it is not valid. */
  readonly authenticate: (accessToken: string) => Promise<Principal>;
  /** Proxies (the API gateway) whose X-Forwarded-For gives the client's address, as Express reads it. */
  readonly trustProxy?: readonly string[];
}

/**
 * Who calls: the principal of a valid bearer token, or nobody. A token that is sent but not valid
 * is refused outright, even where anonymous calls are allowed: the client believes it is signed in.
 */
function authentication(authenticate: HttpAppOptions['authenticate']): RequestHandler {
  return async (request, response, next) => {
    const header = request.get('authorization');
    if (header === undefined) return next();
    // Authentication schemes are case-insensitive (RFC 9110 §11.1): "bearer" is Bearer too.
    const token = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i.exec(header)?.[1];
    if (!token) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="emporium", error="invalid_request"');
      return sendProblem(request, response, 401, 'invalid-token', 'The Authorization header must be: Bearer <access token>');
    }
    const principal = await authenticate(token);
    response.locals.principal = principal;
    response.locals.actor = { id: principal.accountId, role: principal.role, ...(principal.vendorId !== undefined ? { vendorId: principal.vendorId } : {}) };
    next();
  };
}

/** A body must be JSON; one sent as something else is refused before it is parsed. */
const jsonBodiesOnly: RequestHandler = (request, response, next) => {
  const hasBody = Number(request.get('content-length') ?? 0) > 0 || request.get('transfer-encoding') !== undefined;
  if (hasBody && !request.is(['application/json', 'application/*+json'])) {
    return sendProblem(request, response, 415, 'unsupported-media-type', 'Send the body as application/json');
  }
  next();
};

/**
 * Routes that are never under /api/ (health, metrics, the web app's pages), which nearly every
 * request is: an API request passes them by instead of being tried against each of their routes.
 */
const besideTheApi =
  (routes: Router): RequestHandler =>
  (request, response, next) => {
    if (request.path.startsWith('/api/')) next();
    else routes(request, response, next);
  };

export function createHttpApp(options: HttpAppOptions): Express {
  const { logger, operations } = options;
  const openApi = openApiDocument(
    {
      title: 'Emporium API',
      version: options.version,
      description:
        'Commands change the shop; each answers with the stream revision (ETag) and the event-log checkpoint it reached. ' +
        'Bodies are JSON (UTF-8). Text is I-JSON (RFC 7493): well-formed Unicode, and never U+0000, anywhere in a body, a query or a path; such input is refused with 400 naming where it was. ' +
        'Errors are RFC 9457 problem details (application/problem+json).',
    },
    options.documented ?? operations,
  );

  const app = express();
  app.disable('x-powered-by');
  // Our ETags are stream revisions, set by the handlers; Express's body hashes would mean nothing.
  app.set('etag', false);
  // Behind the gateway every request comes from it; sign-in throttling needs the client's own address.
  if (options.trustProxy) app.set('trust proxy', [...options.trustProxy]);
  app.use(traceIdMiddleware);
  app.use(requestDurations);
  app.use((request, response, next) => doingWorkOf(request.path === '/api/payments/webhook' ? 'payment webhook' : request.method === 'GET' ? 'query API' : 'command API', next, String(response.locals.traceId)));
  app.use(pathGuard);
  app.use(besideTheApi(healthRoutes(options.healthChecks)));
  app.use(besideTheApi(metricsRoutes()));
  for (const routes of options.extraRoutes ?? []) app.use(besideTheApi(routes));
  app.get('/api/openapi.json', (_request, response) => {
    response.json(openApi);
  });
  const { asyncApi } = options;
  if (asyncApi) {
    app.get('/api/asyncapi.json', (_request, response) => {
      response.json(asyncApi);
    });
  }
  app.use(optionsAnswer(operations));
  app.use(authentication(options.authenticate));
  app.use(jsonBodiesOnly);
  app.use(
    express.json({
      limit: bodyLimitBytes,
      // Kept for webhook signatures, which are over the bytes as sent.
      verify: (request, _response, buffer) => {
        (request as RawBodyRequest).rawBody = buffer;
      },
    }),
  );
  app.use(inputGuard);
  // Keys are scoped by caller and operation: one client's key never replays nor collides with another's.
  const idempotency = idempotencyMiddleware(options.idempotency, logger, (response) => String((response.locals.principal as Principal | undefined)?.accountId ?? 'anonymous'));
  const router = Router();
  mountOperations(router, operations, idempotency);
  app.use(router);
  app.use(methodNotAllowed(operations));
  app.use(notFoundHandler);
  app.use(problemDetailsMiddleware(logger));
  return app;
}
