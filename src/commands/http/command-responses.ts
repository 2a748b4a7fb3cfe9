import type { Request, Response } from 'express';
import { formatCheckpoint, type Actor } from '../../event-store/event-store';
import { HttpProblem } from '../../http/problem-details';
import { uuidPattern } from '../../shared/ids';
import type { CommandContext, CommandResult } from '../command-handler';

/** Who calls when nobody signed in. */
export const anonymousActor: Actor = { id: 'anonymous', role: 'anonymous' };

/** A command's context from its HTTP request: the caller, the time, correlation, idempotency, If-Match. */
export function commandContext(request: Request, response: Response, clock: () => Date): CommandContext {
  const correlationId = request.get('Correlation-Id');
  const traceparent = request.get('traceparent');
  // Scoped to the caller and the operation by the idempotency middleware; a raw header is never used.
  const idempotencyKey = response.locals.idempotencyKey as string | undefined;
  const expectedRevision = ifMatchRevision(request);
  return {
    now: clock(),
    actor: (response.locals.actor as Actor | undefined) ?? anonymousActor,
    correlationId: correlationId && uuidPattern.test(correlationId) ? correlationId : String(response.locals.traceId),
    ...(traceparent ? { traceparent } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  };
}

/**
 * The answer to an accepted command: Location, the revision as a weak ETag, the checkpoint reached.
 * A retry that found its first attempt applied gets that attempt's answer, rebuilt from the events
 * it wrote (its revision and checkpoint), marked as a replay.
 */
export function answer(response: Response, result: CommandResult<unknown, unknown>, options: { status: number; location: string; id: string; also?: Record<string, unknown> }): void {
  if (result.alreadyApplied) response.setHeader('Idempotent-Replayed', 'true');
  response.status(options.status).location(options.location).setHeader('ETag', `W/"${result.revision}"`);
  const checkpoint = result.checkpoint ? formatCheckpoint(result.checkpoint) : null;
  if (checkpoint) response.setHeader('Emporium-Checkpoint', checkpoint);
  response.json({ id: options.id, revision: result.revision, checkpoint, ...(result.alreadyApplied ? { alreadyApplied: true } : {}), ...options.also });
}

/** An id in the path; one that is no UUID cannot exist, and is simply not found. */
export function uuidParameter(request: Request, name: string): string {
  const value = String(request.params[name] ?? '');
  const thing = name.replace(/Id$/, '');
  if (!uuidPattern.test(value)) throw new HttpProblem(404, `${thing}-not-found`, `There is no ${thing} ${value}`);
  return value.toLowerCase();
}

/** If-Match: W/"3" (or "3", or a bare 3) pins the command to revision 3 of the stream; * asks for nothing. */
function ifMatchRevision(request: Request): number | undefined {
  const header = request.get('If-Match');
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:(?:W\/)?"(-?\d{1,15})"|(-?\d{1,15}))\s*$/.exec(header);
  if (!match) throw new HttpProblem(400, 'invalid-if-match', 'If-Match must be an ETag this API gave, such as W/"3"');
  return Number(match[1] ?? match[2]);
}
