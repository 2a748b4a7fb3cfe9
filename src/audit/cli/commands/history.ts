import type { Command } from 'commander';
import { entityHistory } from '../../audit-queries';
import { auditedEntityNames } from '../../audited-entities';
import { entityArgument, withStore } from '../context';
import { exitCodes } from '../output';

export function historyCommand(program: Command): void {
  program
    .command('history')
    .description('every event of an order, payment, customer, product, stock item or notification, oldest first: who, when, why')
    .argument('<entity>', auditedEntityNames.join(' | '))
    .argument('<id>', 'its id (a product code for product and stock)')
    .addHelpText('after', '\nExample:\n  npx emporium-audit history order 3f0c2d9e-8b1a-4e57-9a3c-1d2e4f5a6b7c --show-personal-data')
    .action((entity: string, id: string, _options: unknown, command: Command) =>
      withStore(command, async ({ events }, output, options) => {
        const history = await entityHistory(events, entityArgument(entity), id, { showPersonalData: options.showPersonalData ?? false });
        output.data(history, history.events);
        output.line(output.style(`${history.streamId}: ${history.events.length} events`, 'bold'));
        output.table(
          history.events.map((event) => ({ rev: event.revision, position: event.position, recorded: event.recordedAt, type: event.type, actor: event.actor ? `${event.actor.role}:${event.actor.id}` : '', correlation: event.correlationId, causation: event.causationId, data: event.data })),
          ['rev', 'position', 'recorded', 'type', 'actor', 'correlation', 'causation', 'data'],
        );
        return exitCodes.ok;
      }),
    );
}
