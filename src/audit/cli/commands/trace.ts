import type { Command } from 'commander';
import { traceOf, type TraceNode } from '../../trace';
import { withStore } from '../context';
import { exitCodes, type Output } from '../output';

function summary(node: TraceNode): string {
  const data = node.data as Record<string, unknown>;
  const notable = ['status', 'reason', 'gatewayReference', 'messageId', 'attempt', 'error', 'quantity', 'total', 'amount'].filter((key) => data[key] !== undefined).map((key) => `${key}=${JSON.stringify(data[key])}`);
  return notable.join(' ');
}

function printTree(output: Output, nodes: readonly TraceNode[], indent: string): void {
  nodes.forEach((node, index) => {
    const last = index === nodes.length - 1;
    const who = node.actor ? `${node.actor.role}:${node.actor.id}` : '';
    output.line(`${indent}${last ? '└─' : '├─'} ${output.style(node.type, 'bold')} ${output.style(`${node.streamId}@${node.revision}`, 'cyan')} ${node.recordedAt} ${output.style(who, 'dim')} ${summary(node)}`);
    printTree(output, node.caused, indent + (last ? '   ' : '│  '));
  });
}

const flatten = (nodes: readonly TraceNode[], depth = 0): Record<string, unknown>[] => nodes.flatMap((node) => [{ depth, ...node, caused: node.caused.map((child) => child.eventId) }, ...flatten(node.caused, depth + 1)]);

export function traceCommand(program: Command): void {
  program
    .command('trace')
    .description('everything one order (or one request, by its correlation id) set off, in every stream, as a tree of causes')
    .argument('<id>', 'an order id, or a correlation id')
    .addHelpText('after', '\nExample:\n  npx emporium-audit trace 3f0c2d9e-8b1a-4e57-9a3c-1d2e4f5a6b7c')
    .action((id: string, _options: unknown, command: Command) =>
      withStore(command, async ({ pool, vault }, output, options) => {
        const trace = await traceOf(pool, id, { showPersonalData: options.showPersonalData ?? false, reveal: vault ? (events) => vault.reveal(events) : undefined });
        output.data(trace, flatten(trace.roots));
        output.line(output.style(`${trace.subject.kind} ${trace.subject.id}: ${trace.events} events in ${trace.streams.length} streams`, 'bold'));
        printTree(output, trace.roots, '');
        return exitCodes.ok;
      }),
    );
}
