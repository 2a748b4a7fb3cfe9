import { Pool, type PoolConfig } from 'pg';

/**
 * The app's connection pool, which keeps its connections.
 *
 * pg-pool's own `pool.query` hands its client back with the error when a statement fails, and the
 * pool then closes that connection. An append refused for a stale revision, or a key already taken,
 * are answers the shop gets many times a second under load: each one cost a new server process
 * (bench:checkout saw 149 of them for a pool of 20). A statement that fails outside a transaction
 * leaves its connection as good as before, so it goes back to the pool; only a failure that means
 * the connection is gone (connectionLost) hands it back with the error, and the pool closes it.
 *
 * Idle connections are kept too (pg closes them after 10 s by default): a shop's quiet minute
 * would otherwise be paid for by the first orders after it, each opening a connection again.
 */
export function connectionPool(config: PoolConfig): Pool {
  const pool = new Pool({ idleTimeoutMillis: 0, ...config });
  const query = async (...args: unknown[]): Promise<unknown> => {
    const client = await pool.connect();
    // The query's own promise reports a failure; this keeps a lost connection from being an unhandled 'error' event meanwhile.
    const meanwhile = () => undefined;
    client.on('error', meanwhile);
    let lost: Error | undefined;
    try {
      return await (client.query as (...queryArgs: unknown[]) => Promise<unknown>).apply(client, args);
    } catch (error) {
      if (connectionLost(error)) lost = error as Error;
      throw error;
    } finally {
      client.off('error', meanwhile);
      client.release(lost);
    }
  };
  // Same signatures as Pool#query (promise forms: nothing here passes a callback).
  pool.query = query as unknown as Pool['query'];
  return pool;
}

/**
 * Whether a failure means the connection itself is gone: no SQLSTATE at all (the socket closed, a
 * timeout), a connection exception (class 08), or the server ending sessions (57P01-57P03). Any
 * other SQLSTATE is the statement's own failure, and the connection is fine.
 */
export function connectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code.startsWith('57P');
}
