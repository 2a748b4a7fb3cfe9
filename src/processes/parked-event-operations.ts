import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import type { Operation } from '../http/operations';
import { HttpProblem } from '../http/problem-details';
import { parseQuery } from '../http/validation';
import type { ProcessRunner } from './process-runner';
import type { ParkedEventStore } from './parked-events';

class ParkedEventsQuery {
  @IsOptional() @Matches(/^[a-z][a-z0-9-]{0,63}$/, { message: 'process must be the name of a process manager, such as fulfilment' })
  process?: string;

  /** true: resolved ones too, to see what was retried. */
  @IsOptional() @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  includeResolved?: boolean;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

const parkedEventSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    process: { type: 'string' },
    eventId: { type: 'string' },
    streamId: { type: 'string' },
    eventType: { type: 'string' },
    eventPosition: { type: 'integer' },
    partitionKey: { type: 'string' },
    reason: { enum: ['failed', 'waiting'] },
    error: { type: ['string', 'null'] },
    attempts: { type: 'integer' },
    parkedAt: { type: 'string', format: 'date-time' },
    lastTriedAt: { type: ['string', 'null'] },
    resolvedAt: { type: ['string', 'null'] },
  },
};

/** What staff see of events the process managers set aside, and how they send them through again. */
export function parkedEventOperations(parked: ParkedEventStore, processes: ProcessRunner, clock: () => Date): Operation[] {
  return [
    {
      method: 'get',
      path: '/api/admin/parked-events',
      operationId: 'listParkedEvents',
      summary: 'Events a process manager could not handle and set aside, newest first, with the error and the attempts',
      tag: 'operations',
      access: 'staff',
      query: ParkedEventsQuery,
      answers: { name: 'ParkedEvents', schema: { type: 'object', properties: { items: { type: 'array', items: parkedEventSchema } }, required: ['items'] } },
      responses: { 200: 'The parked events', 400: 'A query parameter is not valid' },
      async handle(request, response) {
        const query = await parseQuery(ParkedEventsQuery, request.query);
        const items = await parked.list({ ...(query.process ? { process: query.process } : {}), includeResolved: query.includeResolved ?? false, limit: query.limit ?? 100 });
        response.json({ items });
      },
    },
    {
      method: 'post',
      path: '/api/admin/parked-events/{parkedEventId}/retry',
      operationId: 'retryParkedEvent',
      summary: "Handle a parked event's partition again, in log order, once its cause is fixed; what fails again stays parked",
      tag: 'operations',
      access: 'staff',
      answers: {
        name: 'ParkedRetryOutcome',
        schema: { type: 'object', properties: { handled: { type: 'array', items: { type: 'string' } }, stillParked: { type: 'integer' }, error: { type: 'string' } }, required: ['handled', 'stillParked'] },
      },
      responses: { 200: 'Tried again: what was handled, and what is still parked', 404: 'No such parked event' },
      async handle(request, response) {
        const id = String(request.params.parkedEventId ?? '');
        const outcome = await processes.retryParked(id, clock());
        if (!outcome) throw new HttpProblem(404, 'parked-event-not-found', `There is no parked event ${id}`);
        response.json(outcome);
      },
    },
  ];
}
