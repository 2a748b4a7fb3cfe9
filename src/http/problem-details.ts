import { randomBytes } from 'node:crypto';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { ConcurrencyRetriesExhaustedError, StaleRevisionError } from '../commands/command-handler';
import { DomainError, type DomainErrorKind } from '../domain/shared/domain-error';
import { InvalidAccessTokenError } from '../identity/access-tokens';
import { InvalidCredentialsError, InvalidRefreshTokenError, TooManyLoginAttemptsError } from '../identity/identity-service';
import type { Logger } from '../shared/logger';
import { ValidationFailedError, type FieldError } from './validation';

export const problemContentType = 'application/problem+json';

/** An error that already knows its HTTP answer (used by the HTTP layer itself, never by the domain). */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    /** Stable kebab-case code; the problem type is /problems/<code>. */
    readonly code: string,
    readonly detail: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
  }
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  traceId: string;
  errors?: readonly FieldError[];
  [extension: string]: unknown;
}

const statusOfKind: Record<DomainErrorKind, number> = {
  'rule-violated': 409,
  'already-exists': 409,
  'not-found': 404,
  'invalid-reference': 422,
  'limit-reached': 429,
};

/** "insufficient-stock" → "Insufficient stock": one title per problem type, as RFC 9457 asks. */
const titleOf = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replace(/-/g, ' ');
const typeOf = (code: string) => `/problems/${code}`;

/** A W3C trace id for the request: the caller's, when it sent a traceparent, else a new one. */
export const traceIdMiddleware: RequestHandler = (request, response, next) => {
  const fromCaller = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(request.get('traceparent') ?? '')?.[1];
  response.locals.traceId = fromCaller ?? randomBytes(16).toString('hex');
  next();
};

export function sendProblem(request: Request, response: Response, status: number, code: string, detail: string, extensions: Record<string, unknown> = {}): void {
  const problem: Problem = {
    ...extensions,
    type: typeOf(code),
    title: titleOf(code),
    status,
    detail,
    instance: request.originalUrl,
    traceId: String(response.locals.traceId ?? ''),
  };
  response.status(status).type(problemContentType).json(problem);
}

/** Routes that match nothing answer with a problem too, not Express's HTML page. */
export const notFoundHandler: RequestHandler = (request, response) => {
  sendProblem(request, response, 404, 'not-found', `There is nothing at ${request.method} ${request.path}`);
};

/**
 * The one place errors become HTTP answers (RFC 9457). Domain refusals map by kind; anything
 * unexpected is a 500 whose detail says nothing of our internals, and is logged with the trace id.
 */
export function problemDetailsMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    if (error instanceof ValidationFailedError) {
      return sendProblem(request, response, 400, 'validation-failed', 'The request is not valid; see errors for each field at fault', { errors: error.errors });
    }
    if (error instanceof DomainError) {
      return sendProblem(request, response, statusOfKind[error.kind], error.code, error.message, { ...error.details });
    }
    if (error instanceof StaleRevisionError) {
      response.setHeader('ETag', `W/"${error.actual ?? -1}"`);
      return sendProblem(request, response, 412, 'stale-revision', `The resource has changed since revision ${error.expected}; read it again`, {
        expectedRevision: error.expected,
        currentRevision: error.actual,
      });
    }
    if (error instanceof ConcurrencyRetriesExhaustedError) {
      response.setHeader('Retry-After', '1');
      return sendProblem(request, response, 409, 'concurrent-modification', 'The resource is changing too fast; try again');
    }
    if (error instanceof InvalidAccessTokenError) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="emporium", error="invalid_token"');
      return sendProblem(request, response, 401, 'invalid-token', `${error.message}; sign in again`);
    }
    if (error instanceof InvalidCredentialsError) return sendProblem(request, response, 401, 'invalid-credentials', error.message);
    if (error instanceof InvalidRefreshTokenError) return sendProblem(request, response, 401, 'invalid-refresh-token', error.message);
    if (error instanceof TooManyLoginAttemptsError) {
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
      return sendProblem(request, response, 429, 'too-many-attempts', error.message);
    }
    if (error instanceof HttpProblem) {
      for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
      return sendProblem(request, response, error.status, error.code, error.detail, { ...error.extensions });
    }
    const bodyParserProblem = bodyParserProblemOf(error);
    if (bodyParserProblem) return sendProblem(request, response, bodyParserProblem.status, bodyParserProblem.code, bodyParserProblem.detail);
    const clientError = clientErrorOf(error);
    if (clientError) return sendProblem(request, response, clientError.status, 'bad-request', clientError.message);

    logger.error('request failed', { error, traceId: response.locals.traceId, method: request.method, path: request.originalUrl });
    return sendProblem(request, response, 500, 'internal-error', 'Something went wrong on our side. If it persists, tell us the trace id.');
  };
}

/**
 * Errors that Express and its parsers raise (http-errors) for a request they could not read: a 4xx
 * `status` with `expose` set means the message is meant for the client. Anything else is ours.
 */
function clientErrorOf(error: unknown): { status: number; message: string } | null {
  const { status, expose, message } = (error ?? {}) as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return null;
  return { status, message: typeof message === 'string' && message ? message : 'The request could not be read' };
}

/** body-parser marks its errors with a `type`; these are the client's mistakes, not ours. */
function bodyParserProblemOf(error: unknown): { status: number; code: string; detail: string } | null {
  const type = (error as { type?: unknown })?.type;
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'malformed-json', detail: 'The body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, code: 'payload-too-large', detail: `The body is larger than ${(error as { limit?: number }).limit ?? 'allowed'} bytes` };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'unsupported-encoding', detail: 'Send the body as UTF-8 JSON' };
    case 'request.aborted':
      return { status: 400, code: 'request-aborted', detail: 'The request body did not arrive in full' };
    default:
      return null;
  }
}
