import type { Command } from 'commander';
import { projectionNames, type ProjectionName } from '../../../projections/projection-names';
import { AuditUsageError, type AuditConnection } from '../../connection';
import { compareWithLive, replayIntoScratch } from '../../replay';
import { withStore } from '../context';
import { exitCodes } from '../output';

function projectionsFrom(names: readonly string[] | undefined): ProjectionName[] {
  const chosen = names && names.length > 0 ? names : [...projectionNames];
  const unknown = chosen.filter((name) => !(projectionNames as readonly string[]).includes(name));
  if (unknown.length > 0) throw new AuditUsageError(`Unknown projections: ${unknown.join(', ')}; known: ${projectionNames.join(', ')}`);
  return chosen as ProjectionName[];
}

export function replayCommands(program: Command): void {
  program
    .command('replay')
    .description('rebuild read models and reports from the log into a scratch database: never the live ones, and no side effect (no email, no gateway, no message)')
    .option('--projection <names...>', `which: ${projectionNames.join(', ')} (default: all)`)
    .option('--until <time>', 'only events recorded up to this ISO time')
    .option('--keep', 'keep the scratch database to look at (its name is printed)')
    .addHelpText('after', '\nExample:\n  npx emporium-audit replay --projection sales-report payments-report --until 2026-11-01T00:00:00Z')
    .action((local: { projection?: string[]; until?: string; keep?: boolean }, command: Command) =>
      withStore(command, async (connection, output) => {
        await ensureOpensPersonalData(connection);
        const until = local.until === undefined ? undefined : new Date(local.until);
        if (until && Number.isNaN(until.getTime())) throw new AuditUsageError(`--until must be an ISO time; got ${local.until}`);
        const progress = output.progress('replaying the log');
        const replay = await replayIntoScratch(connection, { projections: projectionsFrom(local.projection), ...(until ? { until } : {}), progress: (done) => progress.update(done) });
        progress.done();
        try {
          const result = { database: replay.database, kept: Boolean(local.keep), events: replay.events, rows: replay.rows };
          output.data(result, Object.entries(replay.rows).flatMap(([projection, tables]) => Object.entries(tables).map(([table, rows]) => ({ projection, table, rows }))));
          output.line(output.style(`replayed ${replay.events} events into ${replay.database}${local.keep ? ' (kept)' : ' (dropped after)'}`, 'bold'));
          output.table(Object.entries(replay.rows).flatMap(([projection, tables]) => Object.entries(tables).map(([table, rows]) => ({ projection, table, rows }))), ['projection', 'table', 'rows']);
        } finally {
          if (local.keep) await replay.pool.end();
          else await replay.drop();
        }
        return exitCodes.ok;
      }),
    );

  program
    .command('verify')
    .description('rebuild into a scratch database and compare with the live read models and reports, row by row; exit 1 on any difference')
    .option('--projection <names...>', `which: ${projectionNames.join(', ')} (default: all)`)
    .addHelpText('after', '\nExample:\n  npx emporium-audit verify --projection order-history sales-report')
    .action((local: { projection?: string[] }, command: Command) =>
      withStore(command, async (connection, output) => {
        await ensureOpensPersonalData(connection);
        const progress = output.progress('replaying the log');
        const replay = await replayIntoScratch(connection, { projections: projectionsFrom(local.projection), progress: (done) => progress.update(done) });
        progress.done();
        try {
          const differences = await compareWithLive(connection.pool, replay);
          output.data({ events: replay.events, projections: Object.keys(replay.rows), differences }, differences);
          if (differences.length === 0) output.line(output.style(`the live read models match the log (${replay.events} events, ${Object.keys(replay.rows).join(', ')})`, 'green'));
          else {
            output.line(output.style(`${differences.length} differences between the live read models and the log`, 'red'));
            const shown = (difference: (typeof differences)[number]) =>
              difference.fields ? difference.fields.map((field) => `${field.path}: log says ${JSON.stringify(field.before)}, live has ${JSON.stringify(field.after)}`).join('; ') : JSON.stringify(difference.live ?? difference.rebuilt);
            output.table(differences.map((difference) => ({ projection: difference.projection, table: difference.table, kind: difference.kind, row: difference.row, what: shown(difference) })), ['projection', 'table', 'kind', 'row', 'what']);
          }
          return differences.length === 0 ? exitCodes.ok : exitCodes.discrepancy;
        } finally {
          await replay.drop();
        }
      }),
    );
}

/** Rebuilt without the master key, every read model with personal data would differ from the live one: refused, saying why. */
async function ensureOpensPersonalData(connection: AuditConnection): Promise<void> {
  if (connection.vault) return;
  const { rows } = await connection.pool.query<{ sealed: boolean }>('select exists (select 1 from personal_data_keys where wrapped_key is not null) as sealed');
  if (rows[0]?.sealed) throw new AuditUsageError('This log holds sealed personal data: give the shop\'s master key (EMPORIUM_MASTER_KEY, or --data-dir of a shop that keeps it) to replay it as the shop reads it');
}
