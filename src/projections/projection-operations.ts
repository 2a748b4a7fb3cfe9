import 'reflect-metadata';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import type { Operation } from '../http/operations';
import { HttpProblem } from '../http/problem-details';
import { parseBody } from '../http/validation';
import type { Logger } from '../shared/logger';
import { projectionNames, type ProjectionName } from './projection-names';
import type { ProjectionRunner } from './projection-runner';

class RebuildDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(projectionNames.length) @ArrayUnique({ message: 'projections must not name a projection twice' })
  @IsIn(projectionNames, { each: true, message: `projections must name projections of the shop: ${projectionNames.join(', ')}` })
  projections!: ProjectionName[];
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
      responses: { 202: 'Rebuild started', 400: 'Unknown projections, or one named twice', 409: 'A projection is being rebuilt already, or does not run in this process' },
      async handle(request, response) {
        const { projections: names } = await parseBody(RebuildDto, request.body);
        const statuses = await projections.status();
        const running = new Set(statuses.map((status) => status.name));
        const absent = names.filter((name) => !running.has(name));
        if (absent.length > 0) throw new HttpProblem(409, 'projection-not-running', `Not running in this process: ${absent.join(', ')}`);
        const busy = statuses.filter((status) => status.rebuilding && (names as readonly string[]).includes(status.name));
        if (busy.length > 0) throw new HttpProblem(409, 'rebuild-in-progress', `Being rebuilt already: ${busy.map((status) => status.name).join(', ')}`, {}, { 'Retry-After': '5' });
        projections.rebuild(names).catch((error: unknown) => logger.error('rebuild failed', { error, projections: names }));
        response.status(202).json({ rebuilding: names });
      },
    },
  ];
}
