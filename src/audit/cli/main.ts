import { Command, CommanderError, Option } from 'commander';
import { exportCommand } from './commands/export';
import { historyCommand } from './commands/history';
import { replayCommands } from './commands/replay';
import { stateCommand } from './commands/state';
import { traceCommand } from './commands/trace';
import { verifyLogCommands } from './commands/verify-log';
import { takeExitCode } from './context';
import { exitCodes, Output } from './output';

/**
 * emporium-audit: the replay tooling for auditors. It reads the event store directly (never the
 * app), and changes nothing in it: what it rebuilds goes to a scratch database.
 */
export function auditProgram(): Command {
  const program = new Command('emporium-audit')
    .description("Emporium's replay tooling for auditors: the history of anything, its state as of any moment, what an order set off, verified rebuilds, a tamper-evident log.")
    .addOption(new Option('--database-url <url>', 'the PostgreSQL event store').env('DATABASE_URL'))
    .addOption(new Option('--eventstore-url <url>', 'an EventStoreDB event store (verify-log only, so far)').env('EVENTSTORE_URL'))
    .addOption(new Option('--eventstore-namespace <prefix>', "the shop's stream name prefix in EventStoreDB").env('EVENTSTORE_NAMESPACE'))
    .addOption(new Option('--data-dir <dir>', 'the data directory of an embedded shop, running or stopped').env('EMPORIUM_DATA_DIR').default('./.emporium'))
    .option('--json', 'one JSON document, for programs')
    .option('--jsonl', 'one JSON object per line, for programs')
    .option('--show-personal-data', 'show names, emails and addresses (hidden by default); password hashes are never shown')
    .addHelpText('after', '\nExit codes: 0 done, 1 a discrepancy found (verify, verify-log), 2 a usage or connection error, or an unknown id.\n\nExample:\n  npm start & npm run demo\n  npx emporium-audit trace <order id>')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  for (const register of [historyCommand, stateCommand, traceCommand, replayCommands, verifyLogCommands, exportCommand]) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and resolves with its exit code. */
export async function runAudit(argv: readonly string[]): Promise<number> {
  const program = auditProgram();
  takeExitCode();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return takeExitCode();
  } catch (error) {
    if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    new Output('human').problem(error instanceof Error ? error.message : String(error));
    return exitCodes.usage;
  }
}

if (require.main === module) {
  runAudit(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = exitCodes.usage;
    },
  );
}
