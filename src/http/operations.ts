import type { ClassConstructor } from 'class-transformer';
// class-transformer keeps @Type() metadata here; the schema generator needs it for nested DTOs.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { Request, Response, Router } from 'express';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

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
  readonly body?: ClassConstructor<object>;
  /** Status → description; problem statuses (4xx, 5xx) are answered with problem details. */
  readonly responses: Readonly<Record<number, string>>;
  /** Describes the If-Match header: the operation changes an existing stream. */
  readonly ifMatch?: boolean;
  /** Describes the Idempotency-Key header. */
  readonly idempotencyKey?: boolean;
  handle(request: Request, response: Response): Promise<void>;
}

export const expressPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

export function mountOperations(router: Router, operations: readonly Operation[]): void {
  for (const operation of operations) {
    // Express 5 passes a rejected promise on to the error middleware.
    router[operation.method](expressPath(operation.path), (request, response) => operation.handle(request, response));
  }
}

/** An OpenAPI 3.1 document of the operations, with JSON Schemas of their bodies from the DTOs' validation rules. */
export function openApiDocument(info: { title: string; version: string; description: string }, operations: readonly Operation[]): Record<string, unknown> {
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/', classTransformerMetadataStorage: defaultMetadataStorage });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const pathParameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    const headerParameters = [
      ...(operation.ifMatch
        ? [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The ETag last read (W/"<revision>"); a stale one gets 412 and nothing is written' }]
        : []),
      ...(operation.idempotencyKey
        ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 }, description: 'Repeating a request with the same key and body replays the first answer; another body gets 422' }]
        : []),
    ];
    (paths[operation.path] ??= {})[operation.method] = {
      operationId: operation.operationId,
      summary: operation.summary,
      tags: [operation.tag],
      ...(pathParameters.length + headerParameters.length > 0 ? { parameters: [...pathParameters, ...headerParameters] } : {}),
      ...(operation.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${operation.body.name}` } } } } }
        : {}),
      responses: Object.fromEntries(
        Object.entries(operation.responses).map(([status, description]) => [
          status,
          Number(status) >= 400
            ? { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }
            : { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/CommandAccepted' } } } },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: {
        ...schemas,
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
