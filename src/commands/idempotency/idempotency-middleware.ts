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
 * Idempotency-Key on writes: the same key with the same request replays the first answer (marked
 * Idempotent-Replayed), with another request gets 422, and while the first is still being worked
 * on gets 409. Answers are stored before they are sent; 5xx answers are not stored, so the client
 * may retry. Commands also derive their event ids from the key (CommandContext.idempotencyKey), so
 * that even an attempt that died between writing and answering is not applied twice.
 */
export function idempotencyMiddleware(store: IdempotencyStore, logger: Logger, scopeOf: (response: { locals: Record<string, unknown> }) => string): RequestHandler {
  return async (request, response, next) => {
    const key = request.get('Idempotency-Key');
    if (key === undefined) return next();
    if (!keyPattern.test(key)) {
      throw new HttpProblem(400, 'invalid-idempotency-key', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const scope = scopeOf(response);
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? null)}`)
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
        response.status(status).send(JSON.stringify(body));
        return;
      }
      case 'started': {
        const send = response.json.bind(response);
        response.json = (body: unknown) => {
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
