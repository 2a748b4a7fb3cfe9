import 'reflect-metadata';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString } from 'class-validator';
import type { Operation } from '../http/operations';
import { parseBody, ValidationFailedError } from '../http/validation';
import type { Logger } from '../shared/logger';
import type { ProjectionRunner } from './projection-runner';

class RebuildDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ArrayUnique({ message: 'projections must not name a projection twice' }) @IsString({ each: true })
  projections!: string[];
}

/** Operating the read side: an admin asks for a rebuild; health shows its progress. */
export function projectionOperations(projections: ProjectionRunner, logger: Logger): Operation[] {
  return [
    {
      method: 'post',
      path: '/api/admin/projections/rebuild',
      operationId: 'rebuildProjections',
      summary: 'Rebuild read models from the first event into shadows and swap them in; the live ones serve meanwhile (progress on /health)',
      tag: 'operations',
      access: 'admin',
      body: RebuildDto,
      answers: { name: 'RebuildAccepted', schema: { type: 'object', properties: { rebuilding: { type: 'array', items: { type: 'string' } } } } },
      responses: { 202: 'Rebuild started', 400: 'Unknown projections, or one is being rebuilt already' },
      async handle(request, response) {
        const { projections: names } = await parseBody(RebuildDto, request.body);
        const known = new Set((await projections.status()).map((status) => status.name));
        const unknown = names.filter((name) => !known.has(name));
        if (unknown.length > 0) throw new ValidationFailedError([{ pointer: '/projections', detail: `unknown projections: ${unknown.join(', ')}; known: ${[...known].join(', ')}` }]);
        const busy = (await projections.status()).filter((status) => status.rebuilding && names.includes(status.name));
        if (busy.length > 0) throw new ValidationFailedError([{ pointer: '/projections', detail: `being rebuilt already: ${busy.map((status) => status.name).join(', ')}` }]);
        projections.rebuild(names).catch((error: unknown) => logger.error('rebuild failed', { error, projections: names }));
        response.status(202).json({ rebuilding: names });
      },
    },
  ];
}
