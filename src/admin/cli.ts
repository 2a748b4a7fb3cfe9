import { Command, CommanderError, Option } from 'commander';
import { AuditUsageError, connectForAudit } from '../audit/connection';
import { EventStoreDbEventStore } from '../event-store/eventstoredb/eventstoredb-event-store';
import { PostgresCheckpointStore } from '../event-store/postgres/postgres-event-store';
import { migrations, runMigrations } from '../postgres/migrations';
import { connectionPool } from '../postgres/pool';
import { silentLogger } from '../shared/logger';
import { MigrationConflict, migrateLog, verifyMigration } from './migrate-log';
import { writeSigningKey } from './signing-key';
import { AlreadySwitchedOver, switchOver } from './switch-over';

interface MigrateOptions {
  readonly to: 'eventstoredb';
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly eventstoreUrl?: string;
  readonly namespace: string;
  readonly batchSize: string;
  readonly switchOver?: boolean;
}

const exitCodes = { ok: 0, differences: 1, usage: 2 } as const;

/** The database could not be reached or refused the migration: said in a line, not a stack trace. */
class DatabaseUnavailable extends Error {}

/**
 * emporium-admin: operations on a shop's data that are not part of running it. For now, moving the
 * log of a shop that outgrew one machine from PostgreSQL into EventStoreDB.
 */
export async function runAdmin(argv: readonly string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = new Command('emporium-admin').description("Operations on a shop's data that are not part of running it.").exitOverride();
  program
    .command('migrate-log')
    .description('Copy the whole event log from PostgreSQL into EventStoreDB (streams, revisions, ids, metadata, hash chains, global order), resumable, then verify it stream by stream.')
    .addOption(new Option('--to <store>', 'the event store to copy into').choices(['eventstoredb']).makeOptionMandatory())
    .addOption(new Option('--database-url <url>', 'the PostgreSQL event store to copy from').env('DATABASE_URL'))
    .addOption(new Option('--data-dir <dir>', "or the embedded shop's data directory").env('EMPORIUM_DATA_DIR').default('./.emporium'))
    .addOption(new Option('--eventstore-url <url>', 'the EventStoreDB to copy into (esdb://host:2113?tls=false)').env('EVENTSTORE_URL'))
    .addOption(new Option('--namespace <prefix>', 'put before every stream name in EventStoreDB').default(''))
    .addOption(new Option('--batch-size <n>', 'events per batch (progress is saved after each)').default('500'))
    .option('--switch-over', 'with the shop stopped, for the last run: once verified, move every subscription\'s progress to the copy (the document read models start over on the new read store)')
    .addHelpText('after', '\nExit codes: 0 copied and verified, 1 the target differs from the source (each difference named), 2 a usage or connection error.\nRun it again after an interruption: it goes on from where it got to.')
    .exitOverride()
    .action(async (options: MigrateOptions) => {
      if (!options.eventstoreUrl) throw new AuditUsageError('--eventstore-url (EVENTSTORE_URL) names the EventStoreDB to copy into');
      const batchSize = Number(options.batchSize);
      if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new AuditUsageError('--batch-size is a whole number from 1 to 10000');
      const source = await connectForAudit({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
      const target = EventStoreDbEventStore.connect(options.eventstoreUrl, { namespace: options.namespace });
      try {
        write(`copying the log of ${source.describe} into EventStoreDB${options.namespace ? ` (streams prefixed ${options.namespace})` : ''}\n`);
        const report = await migrateLog(source.store, target, new PostgresCheckpointStore(source.pool), {
          batchSize,
          migrationId: `migrate-log:eventstoredb:${options.namespace}`,
          onBatch: ({ copied, alreadyThere }) => write(`copied ${copied}${alreadyThere ? ` (${alreadyThere} there already)` : ''}\n`),
        });
        write(`copied ${report.copied} events in this run; ${report.alreadyThere} were there already\n`);
        const verified = await verifyMigration(source.store, target);
        for (const difference of verified.differences) write(`DIFFERENT ${difference.streamId}: ${difference.problem}\n`);
        write(`${verified.differences.length === 0 ? 'verified' : 'NOT verified'}: ${verified.streams} streams, ${verified.events} events, ${verified.differences.length} differences\n`);
        exitCode = verified.differences.length === 0 ? exitCodes.ok : exitCodes.differences;
        if (options.switchOver && exitCode === exitCodes.ok) {
          const switched = await switchOver(source.pool, target, new PostgresCheckpointStore(source.pool), `migrate-log:eventstoredb:${options.namespace}`);
          write(`switched over: ${switched.moved.length} subscriptions go on in EventStoreDB from where they were (${switched.moved.join(', ') || 'none'}); ${switched.startOver.length} read models start over (${switched.startOver.join(', ') || 'none'})\n`);
        }
      } finally {
        await target.close();
        await source.close();
      }
    });
  program
    .command('migrate-database')
    .description("Bring the PostgreSQL schema up to date, then exit. Every role also does it as it starts; a deployment runs it first (the Helm chart's pre-install and pre-upgrade Job), so that a new version's pods start on the schema they need and a migration that fails stops the rollout before any pod is replaced.")
    .addOption(new Option('--database-url <url>', 'the PostgreSQL to migrate').env('DATABASE_URL').makeOptionMandatory())
    .exitOverride()
    .action(async (options: { databaseUrl: string }) => {
      const pool = connectionPool({ connectionString: options.databaseUrl, max: 1 });
      try {
        // Runs side by side with starting roles safely: migrations take turns on an advisory lock.
        const applied = await runMigrations(pool, silentLogger).catch((error: unknown) => {
          throw new DatabaseUnavailable(`could not migrate the database: ${(error as Error).message}`);
        });
        const latest = Math.max(...migrations.map((migration) => migration.version));
        write(applied.length > 0 ? `applied migrations ${applied.join(', ')}; the schema is at version ${latest}\n` : `the schema is up to date, at version ${latest}\n`);
      } finally {
        await pool.end();
      }
    });
  program
    .command('signing-key')
    .description('Make the Ed25519 key that signs access tokens, for API roles that must share one (JWT_SIGNING_KEY_FILE). A key already there is kept.')
    .requiredOption('--out <file>', 'where to write it (PEM, PKCS #8, mode 600)')
    .exitOverride()
    .action(async (options: { out: string }) => {
      const made = await writeSigningKey(options.out);
      write(made ? `made a new signing key in ${options.out}\n` : `kept the signing key already in ${options.out}\n`);
    });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    if (error instanceof AuditUsageError || error instanceof MigrationConflict || error instanceof AlreadySwitchedOver || error instanceof DatabaseUnavailable) {
      process.stderr.write(`emporium-admin: ${error.message}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
}
