import type { Command } from 'commander';
import { AuditNotFoundError } from '../audit-queries';
import { isAuditedEntity, auditedEntityNames, type AuditedEntity } from '../audited-entities';
import { AuditUsageError, connectForAudit, type AuditConnection } from '../connection';
import { EventStoreDbEventStore } from '../../event-store/eventstoredb/eventstoredb-event-store';
import { silentLogger } from '../../shared/logger';
import { exitCodes, Output } from './output';

export interface GlobalOptions {
  readonly databaseUrl?: string;
  readonly eventstoreUrl?: string;
  readonly eventstoreNamespace?: string;
  readonly dataDir: string;
  readonly json?: boolean;
  readonly jsonl?: boolean;
  readonly showPersonalData?: boolean;
}

export function outputFor(options: GlobalOptions): Output {
  return new Output(options.json ? 'json' : options.jsonl ? 'jsonl' : 'human');
}

/** The exit code of the command that ran last (commander's actions return nothing). */
let lastExitCode: number = exitCodes.ok;
export const takeExitCode = (): number => {
  const code = lastExitCode;
  lastExitCode = exitCodes.ok;
  return code;
};

/** Runs a command's work against the event store, and turns what went wrong into a message and an exit code. */
export async function withStore(command: Command, work: (connection: AuditConnection, output: Output, options: GlobalOptions) => Promise<number>): Promise<void> {
  const options = command.optsWithGlobals<GlobalOptions>();
  const output = outputFor(options);
  let connection: AuditConnection | undefined;
  try {
    connection = await connectForAudit(options);
    lastExitCode = await work(connection, output, options);
  } catch (error) {
    if (!(error instanceof AuditUsageError || error instanceof AuditNotFoundError)) throw error;
    output.problem(error.message);
    lastExitCode = exitCodes.usage;
  } finally {
    await connection?.close();
  }
}

/** Runs a command's work against an EventStoreDB event store (EVENTSTORE_URL), read through the event store port. */
export async function withEventStoreDb(command: Command, work: (store: EventStoreDbEventStore, output: Output) => Promise<number>): Promise<void> {
  const options = command.optsWithGlobals<GlobalOptions>();
  const output = outputFor(options);
  const store = EventStoreDbEventStore.connect(options.eventstoreUrl!, { namespace: options.eventstoreNamespace ?? '', logger: silentLogger });
  try {
    lastExitCode = await work(store, output);
  } catch (error) {
    output.problem(`Cannot read the event log from EventStoreDB: ${error instanceof Error ? error.message : String(error)}`);
    lastExitCode = exitCodes.usage;
  } finally {
    await store.close();
  }
}

export function entityArgument(name: string): AuditedEntity {
  if (!isAuditedEntity(name)) throw new AuditUsageError(`Unknown entity ${name}; one of: ${auditedEntityNames.join(', ')}`);
  return name;
}
