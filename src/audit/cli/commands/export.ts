import type { Command } from 'commander';
import { paymentOutcomesReport, salesReport } from '../../../projections/reporting/reporting-queries';
import { AuditUsageError } from '../../connection';
import { maskPersonalData } from '../../personal-data';
import { withStore } from '../context';
import { exitCodes } from '../output';

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
const csvField = (value: string | number | boolean | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csv = <Row extends object>(rows: readonly Row[], columns: readonly (keyof Row & string)[]) => [columns.join(','), ...rows.map((row) => columns.map((column) => csvField(row[column] as string | number | null)).join(','))].join('\r\n') + '\r\n';

function time(text: string | undefined, option: string): Date | null {
  if (text === undefined) return null;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new AuditUsageError(`${option} must be an ISO time; got ${text}`);
  return at;
}

export function exportCommand(program: Command): void {
  program
    .command('export')
    .description("the log's events as JSON Lines (recorded between two times, of some streams), or a report as CSV, for an auditor's own tools")
    .option('--from <time>', 'events recorded at or after this ISO time (or the first day of a report)')
    .option('--to <time>', 'events recorded before this ISO time (or the last day of a report)')
    .option('--stream-prefix <prefix>', 'only streams starting so: order-, payment-, inventory-TEA-1 …')
    .option('--report <name>', 'a report as CSV instead: sales (per day; needs --from and --to as days) or payments')
    .addHelpText('after', '\nExamples:\n  npx emporium-audit export --from 2026-11-01 --to 2026-12-01 --stream-prefix payment- > payments.jsonl\n  npx emporium-audit export --report sales --from 2026-11-01 --to 2026-11-30 > sales.csv')
    .action((local: { from?: string; to?: string; streamPrefix?: string; report?: string }, command: Command) =>
      withStore(command, async ({ pool, store }, output, options) => {
        const out = process.stdout;
        if (local.report) {
          if (local.report === 'sales') {
            const [from, to] = [local.from, local.to];
            if (!from || !to || !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) throw new AuditUsageError('--report sales needs --from and --to as days (YYYY-MM-DD)');
            out.write(csv((await salesReport(pool, from, to)).days, ['day', 'currency', 'orders', 'units', 'revenue']));
          } else if (local.report === 'payments') {
            out.write(csv(await paymentOutcomesReport(pool), ['method', 'succeeded', 'failed', 'successRate']));
          } else throw new AuditUsageError(`Unknown report ${local.report}; sales or payments`);
          return exitCodes.ok;
        }
        const [from, to] = [time(local.from, '--from'), time(local.to, '--to')];
        const progress = output.progress('exporting');
        let written = 0;
        for await (const batch of store.readAll({ batchSize: 5_000, ...(local.streamPrefix ? { filter: { streamPrefixes: [local.streamPrefix] } } : {}) })) {
          for (const event of batch) {
            if ((from && event.recordedAt < from) || (to && event.recordedAt >= to)) continue;
            const { checkpoint: _checkpoint, ...shown } = event;
            out.write(JSON.stringify({ ...shown, recordedAt: event.recordedAt.toISOString(), data: maskPersonalData(event.data, options.showPersonalData ?? false) }) + '\n');
            written++;
          }
          progress.update(written);
        }
        progress.done();
        return exitCodes.ok;
      }),
    );
}
