import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { handleCommand } from '../commands/command-handler';
import { commandContext } from '../commands/http/command-responses';
import { auditTrailDecider, type AuditQuery } from '../domain/audit/audit-trail';
import { notFound } from '../domain/shared/domain-error';
import { streamName } from '../domain/stream-names';
import type { EventStore } from '../event-store/event-store';
import type { Operation } from '../http/operations';
import { parseQuery, ValidationFailedError } from '../http/validation';
import type { Principal } from '../identity/access-tokens';
import { AuditNotFoundError, entityHistory, entityStateAt, parseMoment, type AuditOptions } from './audit-queries';
import { auditedEntityNames, isAuditedEntity, type AuditedEntity } from './audited-entities';
import { traceOf } from './trace';

const asBoolean = () => Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

class AuditReadQuery {
  /** Names, emails and addresses are masked unless asked for; the trail records that they were. */
  @IsOptional() @asBoolean() @IsBoolean()
  showPersonalData?: boolean;
}

class StateQuery extends AuditReadQuery {
  /** A stream revision, or an ISO time; checked further by parseMoment. */
  @IsString() @Length(1, 40) @Matches(/^(\d{1,15}|\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)$/, { message: 'at must be an ISO time (2026-11-03T12:00:00Z) or a stream revision (7)' })
  at!: string;
}

/**
 * The audit queries over HTTP, for auditors and admins: history, state as of a moment, and trace,
 * the same answers as `emporium-audit`. Each read is recorded in the reader's audit trail before
 * it is answered (who looked at whose data, and when).
 */
/** `eventStore` reads events opened (src/privacy); `reveal` opens those the trace reads straight from the table. */
export function auditOperations(deps: { eventStore: EventStore; pool: Pool; clock: () => Date; reveal: AuditOptions['reveal'] }): Operation[] {
  const { eventStore, pool, clock, reveal } = deps;

  async function recordRead(request: Request, response: Response, query: AuditQuery, subject: string, showPersonalData: boolean): Promise<void> {
    const principal = response.locals.principal as Principal;
    const context = commandContext(request, response, clock);
    await handleCommand(eventStore, streamName('audit', principal.accountId), auditTrailDecider, { type: 'RecordAuditRead', data: { auditorId: principal.accountId, role: principal.role, query, subject, showPersonalData, now: context.now } }, context);
  }

  function entityOf(request: Request): { entity: AuditedEntity; id: string } {
    const entity = String(request.params.entity ?? '');
    const id = String(request.params.entityId ?? '');
    if (!isAuditedEntity(entity)) throw notFound('audit-entity-not-found', `There is no entity kind ${entity}; one of: ${auditedEntityNames.join(', ')}`);
    if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) throw notFound('audit-subject-not-found', `There is no ${entity} ${id}`);
    return { entity, id };
  }

  /** An unknown subject is a 404 like any other; everything else goes on as it is. */
  async function answering<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      throw error instanceof AuditNotFoundError ? notFound('audit-subject-not-found', error.message) : error;
    }
  }
  const entityParameter = { type: 'string', enum: auditedEntityNames };

  return [
    {
      method: 'get',
      path: '/api/audit/{entity}/{entityId}/history',
      operationId: 'auditHistory',
      summary: 'Every event of an order, payment, customer, product, stock item or notification, with who, when and why (recorded in your audit trail)',
      tag: 'audit',
      access: 'auditor',
      query: AuditReadQuery,
      pathSchemas: { entity: entityParameter },
      answers: { name: 'AuditHistory', schema: { type: 'object', properties: { streamId: { type: 'string' }, events: { type: 'array', items: { type: 'object' } } }, required: ['streamId', 'events'] } },
      responses: { 200: 'The history', 404: 'No such entity' },
      async handle(request, response) {
        const { entity, id } = entityOf(request);
        const { showPersonalData = false } = await parseQuery(AuditReadQuery, request.query);
        await recordRead(request, response, 'history', `${entity} ${id}`, showPersonalData);
        response.json(await answering(entityHistory(eventStore, entity, id, { showPersonalData })));
      },
    },
    {
      method: 'get',
      path: '/api/audit/{entity}/{entityId}/state',
      operationId: 'auditStateAt',
      summary: "An entity's state as of a time or a stream revision, computed with the domain's own evolve (recorded in your audit trail)",
      tag: 'audit',
      access: 'auditor',
      query: StateQuery,
      pathSchemas: { entity: entityParameter },
      answers: { name: 'AuditState', schema: { type: 'object', properties: { streamId: { type: 'string' }, revision: { type: ['integer', 'null'] }, recordedAt: { type: ['string', 'null'] }, state: {} }, required: ['streamId', 'revision', 'state'] } },
      responses: { 200: 'The state then', 400: '`at` is neither a time nor a revision', 404: 'No such entity' },
      async handle(request, response) {
        const { entity, id } = entityOf(request);
        const query = await parseQuery(StateQuery, request.query);
        const moment = parseMoment(query.at);
        if (!moment) throw new ValidationFailedError([{ parameter: 'at', detail: 'at must be an ISO time (2026-11-03T12:00:00Z) or a stream revision (7)' }]);
        const showPersonalData = query.showPersonalData ?? false;
        await recordRead(request, response, 'state', `${entity} ${id} at ${query.at}`, showPersonalData);
        response.json(await answering(entityStateAt(eventStore, entity, id, moment, { showPersonalData })));
      },
    },
    {
      method: 'get',
      path: '/api/audit/trace/{traceId}',
      operationId: 'auditTrace',
      summary: 'Everything an order (or a request, by correlation id) set off, in every stream, as a tree of causes (recorded in your audit trail)',
      tag: 'audit',
      access: 'auditor',
      query: AuditReadQuery,
      answers: { name: 'AuditTrace', schema: { type: 'object', properties: { subject: { type: 'object' }, events: { type: 'integer' }, streams: { type: 'array' }, roots: { type: 'array' } }, required: ['subject', 'events', 'roots'] } },
      responses: { 200: 'The trace', 404: 'Nothing belongs to that order or correlation' },
      async handle(request, response) {
        const id = String(request.params.traceId ?? '');
        const { showPersonalData = false } = await parseQuery(AuditReadQuery, request.query);
        await recordRead(request, response, 'trace', id, showPersonalData);
        response.json(await answering(traceOf(pool, id, { showPersonalData, reveal })));
      },
    },
  ];
}
