import { Router, type Request, type RequestHandler } from 'express';
import { exposeProcessMetrics, httpRequestDuration, registry } from './metrics';

/**
 * GET /metrics in Prometheus's text format, for the scraper inside the cluster. The API gateway
 * (deploy/nginx/) does not route it from outside: the figures are the shop's business.
 */
export function metricsRoutes(): Router {
  exposeProcessMetrics();
  const router = Router();
  router.get('/metrics', (_request, response, next) => {
    registry.metrics().then((text) => {
      response.setHeader('Cache-Control', 'no-store');
      response.type(registry.contentType).send(text);
    }, next);
  });
  return router;
}

/** Times every request by its route template: ids in paths would make a series per order. */
export const requestDurations: RequestHandler = (request, response, next) => {
  const end = httpRequestDuration.startTimer();
  response.on('finish', () => end({ method: request.method, route: routeOf(request), status: String(response.statusCode) }));
  next();
};

function routeOf(request: Request): string {
  const route: unknown = (request as { route?: unknown }).route;
  const template: unknown = route && typeof route === 'object' && 'path' in route ? route.path : undefined;
  return typeof template === 'string' ? `${request.baseUrl}${template}` : 'unmatched';
}
