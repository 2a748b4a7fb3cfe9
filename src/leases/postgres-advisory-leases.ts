import type { Pool, PoolClient } from 'pg';
import type { Logger } from '../shared/logger';
import type { Deactivate, LeaseStatus, Leases } from './leases';

/** The first key of every Emporium advisory lock ('EMP'), so that other users of the database keep theirs. */
const lockClass = 0x454d50;

/**
 * Leases as PostgreSQL session advisory locks, held on one connection of their own. A process that
 * dies loses its connection, and the server lets its locks go at once; a standby tries for the
 * locks it lacks on every tick, so it takes over within about one interval. Losing the connection
 * loses every lease: the work under them is stopped, and tried for again on a new connection.
 */
export class PostgresAdvisoryLeases implements Leases {
  private readonly wanted = new Map<string, () => Promise<Deactivate>>();
  private readonly held = new Map<string, { since: Date; deactivate: Deactivate }>();
  private connection: PoolClient | null = null;
  private connectionBroken = false;
  private closed = false;
  private looping: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
    private readonly options: { intervalMs?: number } = {},
  ) {}

  keep(name: string, activate: () => Promise<Deactivate>): void {
    if (this.closed) throw new Error('The leases are closed');
    this.wanted.set(name, activate);
    this.looping ??= this.loop();
    this.wake?.();
  }

  status(): readonly LeaseStatus[] {
    return [...this.wanted.keys()].map((name) => {
      const held = this.held.get(name);
      return held ? { name, held: true, since: held.since.toISOString() } : { name, held: false };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.looping;
    await this.deactivateAll();
    // Destroying the connection lets every lock go, even one whose unlock would have failed.
    this.connection?.release(true);
    this.connection = null;
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      try {
        await this.tick();
      } catch (error) {
        this.logger.warn('lease connection lost; the work under its leases stops until they are held again', { error });
        await this.dropConnection();
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.intervalMs ?? 1_000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async tick(): Promise<void> {
    if (this.connectionBroken) throw new Error('connection ended');
    const connection = await this.connect();
    const lacking = [...this.wanted.keys()].filter((name) => !this.held.has(name));
    // With nothing to try for, a query still proves the connection, and so the locks, alive.
    if (lacking.length === 0) await connection.query('select 1');
    for (const name of lacking) {
      if (this.closed) return;
      const { rows } = await connection.query<{ locked: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as locked', [lockClass, name]);
      if (!rows[0]!.locked) continue;
      try {
        const deactivate = await this.wanted.get(name)!();
        this.held.set(name, { since: new Date(), deactivate });
        this.logger.info('lease taken; this process now runs it', { lease: name });
      } catch (error) {
        this.logger.error('work under a lease failed to start; letting the lease go for another try', { lease: name, error });
        await connection.query('select pg_advisory_unlock($1, hashtext($2))', [lockClass, name]);
      }
    }
  }

  private async connect(): Promise<PoolClient> {
    if (this.connection) return this.connection;
    const connection = await this.pool.connect();
    connection.on('error', (error) => {
      this.logger.warn('lease connection failed', { error });
      this.connectionBroken = true;
      this.wake?.();
    });
    this.connection = connection;
    return connection;
  }

  private async dropConnection(): Promise<void> {
    await this.deactivateAll();
    this.connection?.release(true);
    this.connection = null;
    this.connectionBroken = false;
  }

  private async deactivateAll(): Promise<void> {
    const held = [...this.held];
    this.held.clear();
    await Promise.all(
      held.map(async ([name, { deactivate }]) => {
        await deactivate().catch((error: unknown) => this.logger.error('work under a lease failed to stop', { lease: name, error }));
        this.logger.info('lease let go', { lease: name });
      }),
    );
  }
}
