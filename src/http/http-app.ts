import express, { Router, type Express, type RequestHandler } from 'express';
import { idempotencyMiddleware } from '../commands/idempotency/idempotency-middleware';
import type { IdempotencyStore } from '../commands/idempotency/idempotency-store';
import type { Logger } from '../shared/logger';
import { healthRoutes, type HealthCheck } from './health-routes';
import { mountOperations, openApiDocument, type Operation } from './operations';
import { notFoundHandler, problemDetailsMiddleware, sendProblem, traceIdMiddleware } from './problem-details';

/** Large enough for an order of fifty lines many times over; anything bigger is a mistake or an attack. */
export const bodyLimitBytes = 64 * 1024;

export interface HttpAppOptions {
  readonly logger: Logger;
  readonly operations: readonly Operation[];
  readonly idempotency: IdempotencyStore;
  readonly healthChecks: readonly HealthCheck[];
  readonly version: string;
}

/** A body must be JSON; one sent as something else is refused before it is parsed. */
const jsonBodiesOnly: RequestHandler = (request, response, next) => {
  const hasBody = Number(request.get('content-length') ?? 0) > 0 || request.get('transfer-encoding') !== undefined;
  if (hasBody && !request.is(['application/json', 'application/*+json'])) {
    return sendProblem(request, response, 415, 'unsupported-media-type', 'Send the body as application/json');
  }
  next();
};

export function createHttpApp(options: HttpAppOptions): Express {
  const { logger, operations } = options;
  const openApi = openApiDocument(
    {
      title: 'Emporium API',
      version: options.version,
      description: 'Commands change the shop; each answers with the stream revision (ETag) and the event-log checkpoint it reached.',
    },
    operations,
  );

  const app = express();
  app.disable('x-powered-by');
  // Our ETags are stream revisions, set by the handlers; Express's body hashes would mean nothing.
  app.set('etag', false);
  app.use(traceIdMiddleware);
  app.use(healthRoutes(options.healthChecks));
  app.get('/api/openapi.json', (_request, response) => {
    response.json(openApi);
  });
  app.use(jsonBodiesOnly);
  app.use(express.json({ limit: bodyLimitBytes }));
  app.use(idempotencyMiddleware(options.idempotency, logger, (response) => String((response.locals.actor as { id?: string } | undefined)?.id ?? 'anonymous')));
  const router = Router();
  mountOperations(router, operations);
  app.use(router);
  app.use(notFoundHandler);
  app.use(problemDetailsMiddleware(logger));
  return app;
}
