import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { appendCheckpoint, checkpointFiles, keptCheckpointKey, readCheckpoints } from '../../checkpoint-file';
import { AuditUsageError, type AuditConnection } from '../../connection';
import { publicKeyOf, takeCheckpoint, verifyLog, verifyStoreLog, type LogVerification } from '../../log-integrity';
import { withEventStoreDb, withStore, type GlobalOptions } from '../context';
import { exitCodes, type Output } from '../output';

interface CheckpointOptions {
  checkpoints?: string;
  checkpointKey?: string;
}

function files(connection: AuditConnection, local: CheckpointOptions): { checkpoints: string | null; key: string | null } {
  const kept = connection.dataDir ? checkpointFiles(connection.dataDir) : null;
  return { checkpoints: local.checkpoints ?? kept?.checkpoints ?? null, key: local.checkpointKey ?? kept?.key ?? null };
}

function report(result: LogVerification, output: Output, against: string): number {
  output.data(result, result.problems);
  output.line(`${result.events} events in ${result.streams} streams, against ${against}`);
  if (result.problems.length === 0) output.line(output.style('the log is intact', 'green'));
  else {
    output.line(output.style(`${result.problems.length} problems`, 'red'));
    output.table(result.problems.map((problem) => ({ ...problem })), ['kind', 'streamId', 'revision', 'detail']);
  }
  return result.problems.length === 0 ? exitCodes.ok : exitCodes.discrepancy;
}

export function verifyLogCommands(program: Command): void {
  program
    .command('verify-log')
    .description("check every stream's hash chain, and the log against its signed checkpoints: edited, deleted, inserted or reordered events, removed streams; exit 1 on any")
    .option('--checkpoints <file>', 'signed checkpoints (default: <data dir>/audit/log-checkpoints.jsonl)')
    .option('--checkpoint-key <pem>', 'the key they were signed with, public or private (default: <data dir>/audit/checkpoint-key.pem)')
    .addHelpText('after', '\nExample:\n  npx emporium-audit verify-log --checkpoints /audit/shop-checkpoints.jsonl --checkpoint-key /audit/shop-checkpoint-public.pem')
    .action((local: CheckpointOptions, command: Command) => {
      if (command.optsWithGlobals<GlobalOptions>().eventstoreUrl) {
        return withEventStoreDb(command, async (store, output) => {
          if (local.checkpoints) throw new AuditUsageError('signed checkpoints count PostgreSQL transactions; they are checked on the PostgreSQL store only');
          const progress = output.progress('checking the log');
          const result = await verifyStoreLog(store, { progress: (done) => progress.update(done, done) });
          progress.done();
          return report(result, output, 'EventStoreDB');
        });
      }
      return withStore(command, async (connection, output) => {
        const where = files(connection, local);
        const checkpoints = where.checkpoints ? await readCheckpoints(where.checkpoints) : [];
        const publicKey = where.key && checkpoints.length > 0 ? publicKeyOf(await readFile(where.key, 'utf8')) : undefined;
        const progress = output.progress('checking the log');
        const result = await verifyLog(connection.pool, { checkpoints, ...(publicKey ? { publicKey } : {}), progress: (done, total) => progress.update(done, total) });
        progress.done();
        return report(result, output, `${result.checkpoints} signed checkpoints${where.checkpoints ? ` (${where.checkpoints})` : ''}`);
      });
    });

  program
    .command('checkpoint')
    .description("record the head of every stream now, signed, in the checkpoints file (the app also does so at start and every hour)")
    .option('--checkpoints <file>', 'where (default: <data dir>/audit/log-checkpoints.jsonl)')
    .option('--checkpoint-key <pem>', 'the private key to sign with (default: <data dir>/audit/checkpoint-key.pem, made if missing)')
    .addHelpText('after', '\nExample:\n  npx emporium-audit checkpoint --data-dir ./.emporium')
    .action((local: CheckpointOptions, command: Command) =>
      withStore(command, async (connection, output) => {
        const where = files(connection, local);
        if (!where.checkpoints || !where.key) throw new AuditUsageError('With --database-url, give --checkpoints and --checkpoint-key');
        const checkpoint = await takeCheckpoint(connection.pool, await keptCheckpointKey(where.key), new Date());
        await appendCheckpoint(where.checkpoints, checkpoint);
        const summary = { takenAt: checkpoint.takenAt, events: checkpoint.events, streams: checkpoint.heads.length, file: where.checkpoints };
        output.data(summary);
        output.line(`checkpoint of ${summary.events} events in ${summary.streams} streams, signed, appended to ${summary.file}`);
        return exitCodes.ok;
      }),
    );
}
