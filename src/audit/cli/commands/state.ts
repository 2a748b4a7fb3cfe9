import type { Command } from 'commander';
import { entityDiff, entityStateAt, parseMoment, type AuditMoment } from '../../audit-queries';
import { auditedEntityNames } from '../../audited-entities';
import { AuditUsageError } from '../../connection';
import { entityArgument, withStore } from '../context';
import { exitCodes } from '../output';

function moment(text: string, option: string): AuditMoment {
  const parsed = parseMoment(text);
  if (!parsed) throw new AuditUsageError(`${option} must be an ISO time (2026-11-03T12:00:00Z) or a stream revision (7); got ${text}`);
  return parsed;
}

export function stateCommand(program: Command): void {
  program
    .command('state')
    .description("an entity's state as of a time or a revision, computed with the domain's own evolve")
    .argument('<entity>', auditedEntityNames.join(' | '))
    .argument('<id>', 'its id')
    .requiredOption('--at <moment>', 'an ISO time, or a stream revision')
    .addHelpText('after', '\nExample:\n  npx emporium-audit state payment 9a1b… --at 2026-11-03T12:00:00Z')
    .action((entity: string, id: string, local: { at: string }, command: Command) =>
      withStore(command, async ({ events }, output, options) => {
        const state = await entityStateAt(events, entityArgument(entity), id, moment(local.at, '--at'), { showPersonalData: options.showPersonalData ?? false });
        output.data(state);
        output.line(output.style(`${state.streamId} as of ${local.at}: ${state.revision === null ? 'did not exist yet' : `revision ${state.revision}, recorded ${state.recordedAt}`}`, 'bold'));
        if (output.human) output.line(JSON.stringify(state.state, null, 2));
        return exitCodes.ok;
      }),
    );

  program
    .command('diff')
    .description('what changed in an entity between two moments, field by field')
    .argument('<entity>', auditedEntityNames.join(' | '))
    .argument('<id>', 'its id')
    .requiredOption('--from <moment>', 'an ISO time, or a stream revision')
    .requiredOption('--to <moment>', 'an ISO time, or a stream revision')
    .addHelpText('after', '\nExample:\n  npx emporium-audit diff order 3f0c… --from 0 --to 2026-11-03T12:00:00Z')
    .action((entity: string, id: string, local: { from: string; to: string }, command: Command) =>
      withStore(command, async ({ events }, output, options) => {
        const diff = await entityDiff(events, entityArgument(entity), id, moment(local.from, '--from'), moment(local.to, '--to'), { showPersonalData: options.showPersonalData ?? false });
        output.data(diff, diff.changes);
        output.line(output.style(`${diff.from.streamId}: revision ${diff.from.revision ?? 'none'} → ${diff.to.revision ?? 'none'}, ${diff.changes.length} changes`, 'bold'));
        output.table(diff.changes.map((change) => ({ field: change.path, before: change.before, after: change.after })), ['field', 'before', 'after']);
        return exitCodes.ok;
      }),
    );
}
