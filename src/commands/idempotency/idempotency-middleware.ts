import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { canonicalJson } from '../../event-store/event-integrity';
import { HttpProblem } from '../../http/problem-details';
import type { Logger } from '../../shared/logger';
import type { IdempotencyStore } from './idempotency-store';

const keyPattern = /^[\x21-\x7e]{1,255}$/;
/** Longer than any command takes; an attempt still "in progress" after this is taken to have died. */
const leaseMs = 30_000;
/** The headers worth giving again with a replayed answer. */
const replayedHeaders = ['content-type', 'location', 'etag', 'emporium-checkpoint', 'retry-after'];

/**
 * A key belongs to one caller and one operation: the same key from another caller, or on another
 * resource, is another request altogether, and must neither replay nor collide with this one.
 */
export function idempotencyScope(caller: string, method: string, path: string): string {
  return `${caller} ${method.toUpperCase()} ${path}`;
}

/** What commands derive their ids from (CommandContext.idempotencyKey): the client's key within its scope. */
export const scopedIdempotencyKey = (scope: string, key: string): string => `${scope} ${key}`;

/**
 * Idempotency-Key on writes: the same key with the same request replays the first answer (marked
 * Idempotent-Replayed), with another request gets 422, and while the first is still being worked
 * on gets 409. Answers are stored before they are sent; 5xx answers are not stored, so the client
 * may retry. Commands also derive their event and entity ids from the scoped key (left in
 * `response.locals.idempotencyKey`), so that an attempt that died between writing and answering is
 * not applied twice, and its retry is answered from what it wrote.
 */
export function idempotencyMiddleware(store: IdempotencyStore, logger: Logger, callerOf: (response: { locals: Record<string, unknown> }) => string): RequestHandler {
  return async (request, response, next) => {
    const key = request.get('Idempotency-Key');
    if (key === undefined) return next();
    if (!keyPattern.test(key)) {
      throw new HttpProblem(400, 'invalid-idempotency-key', 'Idempotency-Key must be 1 to 255 visible ASCII characters', { errors: [{ header: 'Idempotency-Key', detail: 'must be 1 to 255 visible ASCII characters' }] });
    }
    const scope = idempotencyScope(callerOf(response), request.method, request.path);
    response.locals.idempotencyKey = scopedIdempotencyKey(scope, key);
    // If-Match changes what the request asks (write only at that revision): another one is another
    // request. Added only when sent, so that the keys stored before it was counted still match.
    const ifMatch = request.get('If-Match');
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}${ifMatch === undefined ? '' : `\nIf-Match: ${ifMatch}`}`)
      .digest('hex');

    const begun = await store.begin(scope, key, fingerprint, leaseMs);
    switch (begun.outcome) {
      case 'mismatch':
        throw new HttpProblem(422, 'idempotency-key-reused', 'This Idempotency-Key was used with a different request; use a new key for a new request');
      case 'in-progress':
        throw new HttpProblem(409, 'idempotency-key-in-progress', 'A request with this Idempotency-Key is still being processed; retry shortly', {}, { 'Retry-After': '1' });
      case 'replay': {
        const { status, headers, body } = begun.response;
        for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
        response.setHeader('Idempotent-Replayed', 'true');
        // Answers stored before the content type was kept with them (keys live 24 hours) are JSON too.
        if (!response.hasHeader('content-type')) response.type(status >= 400 ? 'application/problem+json' : 'application/json');
        response.status(status).send(JSON.stringify(body));
        return;
      }
      case 'started': {
        const send = response.json.bind(response);
        response.json = (body: unknown) => {
          // res.json sets the content type only as it sends: set it first, so the stored answer has it.
          if (!response.hasHeader('content-type')) response.type('application/json');
          const status = response.statusCode;
          const headers = Object.fromEntries(replayedHeaders.flatMap((name) => (response.hasHeader(name) ? [[name, String(response.getHeader(name))]] : [])));
          const remembered = status >= 500 ? store.release(scope, key) : store.complete(scope, key, { status, headers, body });
          remembered.then(
            () => send(body),
            (error: unknown) => {
              logger.error('could not store the answer to an idempotent request', { error, key });
              send(body);
            },
          );
          return response;
        };
        return next();
      }
    }
  };
}
