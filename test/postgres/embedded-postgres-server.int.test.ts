import { existsSync, lstatSync, mkdtempSync, readlinkSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/postgres/embedded-postgres-server';
import { silentLogger } from '../../src/shared/logger';

const asRoot = process.getuid?.() === 0;

async function query(connectionString: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Removes a data directory and, when it was kept apart, the cluster its link points to. */
async function removeDataDir(dataDir: string, server: EmbeddedPostgres | undefined): Promise<void> {
  await server?.stop().catch(() => undefined);
  if (server && !server.clusterDir.startsWith(dataDir)) await rm(path.dirname(server.clusterDir), { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
}

describe('the embedded PostgreSQL server', () => {
  // mkdtemp makes a 0700 directory owned by whoever runs the tests: root in CI, as in a container
  // whose clone is under /root. The `postgres` account PostgreSQL runs as cannot enter it.
  const privateDir = mkdtempSync(path.join(tmpdir(), 'emporium-private-'));
  const dataDir = path.join(privateDir, 'shop');
  let server: EmbeddedPostgres | undefined;

  afterAll(async () => {
    await removeDataDir(dataDir, server);
    await rm(privateDir, { recursive: true, force: true });
  });

  it('starts from a data directory inside a private (0700) directory, and finds its data again after a stop', async () => {
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    server = await startEmbeddedPostgres({ dataDir, database: 'shop', logger: silentLogger });
    await query(server.connectionString, "create table marker (note text); insert into marker values ('kept')");
    await server.stop();

    server = await startEmbeddedPostgres({ dataDir, database: 'shop', logger: silentLogger });
    expect(await query(server.connectionString, 'select note from marker')).toEqual([{ note: 'kept' }]);

    // Nobody's permissions were widened to get there.
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    if (asRoot) {
      // The cluster is kept where `postgres` can reach it, and linked from the data directory.
      expect(lstatSync(path.join(dataDir, 'postgres')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(path.join(dataDir, 'postgres'))).toBe(server.clusterDir);
      expect(server.clusterDir.startsWith('/var/lib/emporium/')).toBe(true);
    } else {
      expect(server.clusterDir).toBe(path.join(dataDir, 'postgres'));
    }
  });

  it('removes, as root, a cluster kept apart for a data directory that is gone', async () => {
    if (!asRoot) return; // Only root keeps clusters apart.
    const goneDir = mkdtempSync(path.join(tmpdir(), 'emporium-gone-'));
    const gone = await startEmbeddedPostgres({ dataDir: path.join(goneDir, 'data'), database: 'shop', logger: silentLogger });
    await gone.stop();
    await rm(goneDir, { recursive: true, force: true });
    expect(existsSync(gone.clusterDir)).toBe(true);
    // The next cluster kept apart removes it.
    const nextDir = mkdtempSync(path.join(tmpdir(), 'emporium-next-'));
    const next = await startEmbeddedPostgres({ dataDir: path.join(nextDir, 'data'), database: 'shop', logger: silentLogger });
    try {
      expect(existsSync(gone.clusterDir)).toBe(false);
      expect(existsSync(next.clusterDir)).toBe(true);
    } finally {
      await removeDataDir(path.join(nextDir, 'data'), next);
      await rm(nextDir, { recursive: true, force: true });
    }
  });

  it('passes on what PostgreSQL said when its server cannot start', async () => {
    await server?.stop();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startEmbeddedPostgres({ dataDir, database: 'shop', logger: silentLogger, port })).rejects.toThrow(/pg_ctl start failed[\s\S]*server's log[\s\S]*could not bind IPv4 address "127\.0\.0\.1": Address already in use/);
    } finally {
      blocker.close();
    }
  });
});
